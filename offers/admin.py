from django.contrib import admin

from .models import Check, Document, Offer, OfferEvent, ReferenceRequest


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = ["application", "vacancy", "status", "made_at"]
    list_filter = ["status"]
    raw_id_fields = ["application", "vacancy", "base_site", "made_by"]


@admin.register(OfferEvent)
class OfferEventAdmin(admin.ModelAdmin):
    list_display = ["offer", "description", "actor", "created_at"]
    raw_id_fields = ["offer", "actor"]


@admin.register(ReferenceRequest)
class ReferenceRequestAdmin(admin.ModelAdmin):
    list_display = ["offer", "referee", "status", "requested_at", "chases_claimed", "overdue_at"]
    list_filter = ["status"]
    raw_id_fields = ["offer", "referee", "requested_by", "reviewed_by"]
    # The link's secret: never shown, never editable.
    exclude = ["token_key"]


@admin.register(Check)
class CheckAdmin(admin.ModelAdmin):
    list_display = ["offer", "kind", "status", "checked_by", "checked_at"]
    list_filter = ["kind", "status"]
    raw_id_fields = ["offer", "checked_by"]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["offer_check", "original_name", "content_type", "size", "uploaded_at"]
    raw_id_fields = ["offer_check", "uploaded_by"]
    # Served only by offers.views.common.document_download, which checks who asks.
    exclude = ["file"]
