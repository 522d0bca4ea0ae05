from django.contrib import admin

from .models import EmailTemplate, EmailTemplateEvent, Membership, Organisation, Site


class SiteInline(admin.StackedInline):
    model = Site
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "ods_code", "employer_code", "town"]
    search_fields = ["name", "ods_code", "employer_code"]
    inlines = [SiteInline, MembershipInline]


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "town", "postcode"]
    list_filter = ["organisation"]
    search_fields = ["name", "town", "postcode"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role", "organisation"]
    search_fields = ["user__email", "user__full_name", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(EmailTemplate)
class EmailTemplateAdmin(admin.ModelAdmin):
    list_display = ["key", "organisation", "enabled", "updated_by", "updated_at"]
    list_filter = ["organisation", "enabled"]
    search_fields = ["key", "subject", "organisation__name"]


@admin.register(EmailTemplateEvent)
class EmailTemplateEventAdmin(admin.ModelAdmin):
    list_display = ["key", "organisation", "kind", "actor", "created_at"]
    list_filter = ["organisation", "kind"]
