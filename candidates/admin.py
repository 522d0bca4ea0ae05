"""Support-only views of applications.

Equality monitoring and the grounds of a guaranteed interview request are
special category data: they are never registered here, nor shown inline, so
the admin cannot read them case by case. Answers are not shown either; support
needs the status, the dates and the history.
"""

from django.contrib import admin

from .models import Application, ApplicationEvent


class ApplicationEventInline(admin.TabularInline):
    model = ApplicationEvent
    extra = 0
    can_delete = False
    readonly_fields = ["created_at", "actor", "from_status", "to_status", "note"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "anonymous_code", "status", "created_at", "submitted_at"]
    list_filter = ["status"]
    list_select_related = ["candidate", "vacancy"]
    search_fields = ["vacancy__reference", "candidate__email"]
    # Status moves go through candidates.services so that each writes an event.
    fields = [
        "vacancy", "candidate", "status", "anonymous_number", "created_at", "status_changed_at", "submitted_at",
        "withdrawn_at", "confirmation_sent_at", "copied_from",
    ]
    readonly_fields = fields
    inlines = [ApplicationEventInline]

    def has_add_permission(self, request):
        return False
