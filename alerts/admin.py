from django.contrib import admin

from .models import JobAlert


@admin.register(JobAlert)
class JobAlertAdmin(admin.ModelAdmin):
    """For support only. There is no bounce feed: set "bounced at" on an alert
    whose address bounces, and the beat task removes it."""

    list_display = ["name", "recipient", "frequency", "confirmed_at", "bounced_at", "next_run_at"]
    list_filter = ["frequency"]
    search_fields = ["email", "user__email", "name"]
    raw_id_fields = ["user"]
    readonly_fields = ["query", "created_at", "confirmed_at", "last_run_at", "next_run_at"]
