from django.contrib import admin

from .models import Criterion, ResponsibilitySection, Vacancy, VacancyEvent


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0
    fields = [
        "order",
        "category",
        "heading",
        "text",
        "is_essential",
        "assessed_at_application",
        "assessed_at_interview",
        "assessed_by_test",
    ]


class ResponsibilitySectionInline(admin.StackedInline):
    model = ResponsibilitySection
    extra = 0


class VacancyEventInline(admin.TabularInline):
    model = VacancyEvent
    extra = 0
    can_delete = False
    readonly_fields = ["created_at", "actor", "from_status", "to_status", "note"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Vacancy)
class VacancyAdmin(admin.ModelAdmin):
    list_display = ["reference", "title", "organisation", "band", "status", "closing_at"]
    list_filter = ["status", "organisation", "pay_scheme", "band", "contract_type"]
    search_fields = ["reference", "title", "directorate"]
    autocomplete_fields = ["organisation", "hiring_manager", "panel_members"]
    filter_horizontal = ["sites"]
    # Status moves go through vacancies.services so that each writes an event.
    readonly_fields = ["status", "status_changed_at", "published_at", "closed_at", "created_at", "updated_at"]
    date_hierarchy = "closing_at"
    inlines = [ResponsibilitySectionInline, CriterionInline, VacancyEventInline]
