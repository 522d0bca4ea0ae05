from django.contrib import admin

from .models import Booking, InterviewEvent, InterviewRound, Invitation, Slot


@admin.register(InterviewRound)
class InterviewRoundAdmin(admin.ModelAdmin):
    list_display = ["name", "vacancy", "created_at"]
    raw_id_fields = ["vacancy", "created_by"]


@admin.register(Slot)
class SlotAdmin(admin.ModelAdmin):
    list_display = ["round", "starts_at", "length_minutes", "capacity"]
    raw_id_fields = ["round", "site", "panel"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["round", "application", "invited_at"]
    raw_id_fields = ["round", "application", "invited_by"]


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ["round", "slot", "application", "sequence"]
    raw_id_fields = ["round", "slot", "application", "booked_by"]


@admin.register(InterviewEvent)
class InterviewEventAdmin(admin.ModelAdmin):
    list_display = ["round", "kind", "application", "actor", "created_at"]
    raw_id_fields = ["round", "application", "slot", "actor"]
