"""The candidate's interview page, under /applications/<id>/interview/: the
invitation, the free times to choose from, and their booking with where, when
and who to contact, changed or cancelled until the cut-off. Only the
application's own candidate sees it, and only once invited; 404 otherwise."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from candidates.models import Application

from . import services
from .forms import SlotChoiceForm
from .models import Booking, Invitation, Slot


def get_invited_application(user, application_id):
    """The application if it is this candidate's and invited to a round; 404 otherwise."""
    application = get_object_or_404(
        Application.objects.select_related("vacancy__organisation"), pk=application_id, candidate=user
    )
    if not Invitation.objects.filter(application=application).exists():
        raise Http404
    return application


def _rounds(application, *, now, bound=None):
    """Each round the application is invited to, with its booking and a form
    of the times the candidate may still choose (`bound`: (round id, form) of
    a refused POST, shown again with its error)."""
    # Slots starting within the cut-off are no longer the candidate's to choose.
    cutoff_from = now + datetime.timedelta(hours=settings.INTERVIEW_BOOKING_CUTOFF_HOURS)
    invitations = list(Invitation.objects.filter(application=application).select_related("round").order_by("invited_at"))
    # A withdrawn application's booking is no longer the candidate's interview
    # (its place is freed at the slot's next booking change).
    withdrawn = application.status == Application.Status.WITHDRAWN
    bookings = {
        booking.round_id: booking
        for booking in Booking.objects.filter(application=application).select_related("slot__site")
        if not withdrawn
    }
    rounds = []
    for invitation in invitations:
        booking = bookings.get(invitation.round_id)
        free = [
            slot
            for slot in Slot.objects.filter(round=invitation.round, starts_at__gt=cutoff_from)
            .with_booked_count()
            .select_related("site")
            if slot.booked_count < slot.capacity and (booking is None or slot.pk != booking.slot_id)
        ]
        if bound and bound[0] == invitation.round_id:
            # The refused form, with its error, offering the times still free.
            form = bound[1]
            form.fields["slot"].choices = [(slot.pk, slot.label) for slot in free]
        else:
            form = SlotChoiceForm(slots=free, prefix=f"round-{invitation.round_id}")
        rounds.append(
            {
                "round": invitation.round,
                "booking": booking,
                "can_change": booking is None or now < booking.slot.candidate_cutoff(),
                "form": form,
                "free": free,
            }
        )
    return rounds


def _page(request, application, *, bound=None, status=200):
    now = timezone.now()
    return render(
        request,
        "interviews/candidate_interview.html",
        {
            "application": application,
            "vacancy": application.vacancy,
            "rounds": _rounds(application, now=now, bound=bound),
            "open": application.status == Application.Status.INVITED_TO_INTERVIEW,
            "back_url": reverse("candidates:application_detail", kwargs={"application_id": application.pk}),
        },
        status=status,
    )


@require_safe
@login_required
def candidate_interview(request, application_id):
    application = get_invited_application(request.user, application_id)
    return _page(request, application)


def _chosen_slot(request, application, round_id):
    """The bound form of a POST for one round, checked against the round's
    slots only: whether the slot is still free, and before the cut-off, is
    for interviews.services to say under the slot's lock (and the cheaper
    this step, the sooner candidates racing for a place hear). 404 for a
    round the application is not invited to."""
    if not Invitation.objects.filter(application=application, round_id=round_id).exists():
        raise Http404
    # Only the ids: a refused choice is shown again with the round's free
    # times, labelled then (_rounds), so no label is worked out here.
    slot_ids = Slot.objects.filter(round_id=round_id).values_list("pk", flat=True)
    form = SlotChoiceForm(request.POST, slots=(), prefix=f"round-{round_id}")
    form.fields["slot"].choices = [(slot_id, "") for slot_id in slot_ids]
    return form


@require_POST
@login_required
def candidate_book(request, application_id, round_id):
    """Book the chosen time; refusals (full, too late, already booked) by the radios."""
    application = get_invited_application(request.user, application_id)
    form = _chosen_slot(request, application, round_id)
    if form.is_valid():
        try:
            services.book_slot(slot_id=form.cleaned_data["slot"], application_id=application.pk, actor=request.user)
        except services.BookingRefused as refusal:
            form.add_error("slot", str(refusal))
        else:
            messages.success(request, _("Your interview is booked. We have e-mailed you the details."))
            return redirect("interviews:candidate_interview", application_id=application.pk)
    return _page(request, application, bound=(round_id, form))


@require_POST
@login_required
def candidate_move(request, application_id, round_id):
    """Move the booking to the chosen time, until the cut-off."""
    application = get_invited_application(request.user, application_id)
    form = _chosen_slot(request, application, round_id)
    booking = get_object_or_404(Booking, application=application, round_id=round_id)
    if form.is_valid():
        try:
            services.move_booking(
                booking_id=booking.pk, to_slot_id=form.cleaned_data["slot"], actor=request.user
            )
        except services.BookingRefused as refusal:
            form.add_error("slot", str(refusal))
        else:
            messages.success(request, _("Your interview has moved. We have e-mailed you the new details."))
            return redirect("interviews:candidate_interview", application_id=application.pk)
    return _page(request, application, bound=(round_id, form))


@require_POST
@login_required
def candidate_cancel(request, application_id, round_id):
    """Cancel the booking, until the cut-off; the candidate may then choose another time."""
    application = get_invited_application(request.user, application_id)
    booking = get_object_or_404(Booking, application=application, round_id=round_id)
    try:
        services.cancel_booking(booking_id=booking.pk, actor=request.user)
    except services.BookingRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Your interview is cancelled. You can choose another time below."))
    return redirect("interviews:candidate_interview", application_id=application.pk)
