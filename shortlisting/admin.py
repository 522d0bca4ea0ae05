"""Support's view of packs: read only. Packs are made and tried again from the
staff pages; the admin is for looking into one that went wrong."""

from django.contrib import admin

from .models import ShortlistPack, ShortlistPackChunk


class ShortlistPackChunkInline(admin.TabularInline):
    model = ShortlistPackChunk
    extra = 0
    can_delete = False
    fields = ["index", "first_position", "status", "attempts", "claimed_at", "finished_at", "page_count", "error"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ShortlistPack)
class ShortlistPackAdmin(admin.ModelAdmin):
    list_display = ["pk", "vacancy", "kind", "status", "progress", "applicant_count", "page_count", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["vacancy__reference", "vacancy__title"]
    list_select_related = ["vacancy"]
    readonly_fields = [
        "vacancy", "kind", "subject_id", "requested_by", "status", "seed", "chunk_size", "applicant_count",
        "progress", "page_count",
        "file", "error", "merge_token", "merge_attempts", "merge_nudged_at", "merge_started_at",
        "created_at", "queued_at", "rendering_at", "ready_at", "failed_at",
    ]
    inlines = [ShortlistPackChunkInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
