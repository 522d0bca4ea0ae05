"""Operations that change interview rounds, invitations and bookings, and the
reserve list. Each runs in one transaction and writes an InterviewEvent;
e-mails (interviews.emails) are written in the same transaction (the queued
backend delivers them after commit, and nothing goes out for a change that
rolled back)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from candidates.models import Application
from candidates.services import TransitionNotAllowed, change_application_status
from vacancies.models import Vacancy

from . import emails
from .models import MAX_SLOT_MINUTES, Booking, ContactView, InterviewEvent, InterviewRound, Invitation, Slot

Status = Application.Status
Kind = InterviewEvent.Kind


class BookingRefused(Exception):
    """The booking, move or cancellation was not made; the message says why, for the user."""


class ReserveRefused(Exception):
    """The reserve was not moved to shortlisted; the message says why, for the user."""


class ChaseRefused(Exception):
    """The candidate was not chased; the message says why, for the user."""


# Reserves wait on the list until the vacancy is filled (or withdrawn).
RESERVE_LIST_OPEN = (Vacancy.Status.INTERVIEWING, Vacancy.Status.OFFER_MADE)


# Rounds and slots ---------------------------------------------------------------------


def plan_slots(*, days, start_time, end_time, length_minutes, gap_minutes):
    """The (starts_at, ends_at) of the slots "9:00 to 16:00, 45 minutes, 15
    between" makes on each day, in the current time zone: as many as fit
    wholly between the start and end times."""
    zone = timezone.get_current_timezone()
    step = datetime.timedelta(minutes=length_minutes + gap_minutes)
    length = datetime.timedelta(minutes=length_minutes)
    times = []
    for day in sorted(set(days)):
        starts_at = timezone.make_aware(datetime.datetime.combine(day, start_time), zone)
        day_ends_at = timezone.make_aware(datetime.datetime.combine(day, end_time), zone)
        while starts_at + length <= day_ends_at:
            times.append((starts_at, starts_at + length))
            starts_at += step
    return times


def create_round_with_slots(
    *, vacancy, actor, name, days, start_time, end_time, length_minutes, gap_minutes=0,
    site=None, room="", video_link="", capacity=1, panel=(), booking_deadline=None, now=None,
):
    """Create a round and its slots in one go.

    1. Check the length (1 minute to 8 hours), the gap and the place (a site
       of the vacancy's trust, or a video link).
    2. Plan the slots; refuse a round with none, or with one in the past, or
       a booking deadline in the past or after the last interview starts.
    3. Refuse if any panel member already sits on a slot at an overlapping time.
    4. Write the round, its slots and their panel, and the event.

    Raises ValidationError with a message per form field; nothing is written then.
    """
    now = now or timezone.now()
    errors = {}
    if not 1 <= length_minutes <= MAX_SLOT_MINUTES:
        errors["length_minutes"] = _("Enter a length between 1 minute and 8 hours (480 minutes).")
    if gap_minutes < 0:
        errors["gap_minutes"] = _("The time between interviews cannot be less than 0 minutes.")
    if capacity < 1:
        errors["capacity"] = _("Each slot must take at least 1 candidate.")
    if site is None and not video_link:
        errors["site"] = _("Choose a site, or give a video link.")
    if site is not None and site.organisation_id != vacancy.organisation_id:
        errors["site"] = _("Choose one of the trust's sites.")
    if errors:
        raise ValidationError(errors)
    times = plan_slots(
        days=days, start_time=start_time, end_time=end_time, length_minutes=length_minutes, gap_minutes=gap_minutes
    )
    if not times:
        raise ValidationError(
            {"end_time": _("No interview fits between the start and end times: make the day longer or the interviews shorter.")}
        )
    if times[0][0] <= now:
        raise ValidationError({"days": _("Interviews must be in the future: choose days and times after now.")})
    if booking_deadline is not None and not now < booking_deadline < times[-1][0]:
        raise ValidationError(
            {"booking_deadline": _("The deadline to book must be after now and before the last interview starts.")}
        )
    panel = list(panel)
    clash = _panel_clash(panel, times)
    if clash:
        raise ValidationError({"panel": clash})
    with transaction.atomic():
        interview_round = InterviewRound.objects.create(
            vacancy=vacancy, name=name, created_by=actor, booking_deadline=booking_deadline, created_at=now
        )
        slots = Slot.objects.bulk_create(
            Slot(
                round=interview_round, starts_at=starts_at, length_minutes=length_minutes, site=site, room=room,
                video_link=video_link, capacity=capacity,
            )
            for starts_at, _ends_at in times
        )
        Slot.panel.through.objects.bulk_create(
            Slot.panel.through(slot_id=slot.pk, user_id=member.pk) for slot in slots for member in panel
        )
        InterviewEvent.objects.create(
            round=interview_round, vacancy_id=interview_round.vacancy_id, kind=Kind.ROUND_CREATED, actor=actor,
            created_at=now,
            note=_("%(count)s slots") % {"count": len(slots)},
        )
    return interview_round


def _panel_clash(panel, times):
    """A message naming the first panel member who is already on a slot at an
    overlapping time, or "" if there is none."""
    if not panel:
        return ""
    existing = list(
        Slot.objects.filter(panel__in=panel, starts_at__lt=times[-1][1],
                            starts_at__gt=times[0][0] - datetime.timedelta(minutes=MAX_SLOT_MINUTES))
        .prefetch_related("panel")
        .distinct()
    )
    for slot in existing:
        for starts_at, ends_at in times:
            if slot.starts_at < ends_at and slot.ends_at > starts_at:
                member = next(member for member in slot.panel.all() if member in panel)
                return _("%(name)s is already on an interview panel at %(time)s.") % {
                    "name": member.get_full_name(),
                    "time": timezone.localtime(slot.starts_at).strftime("%d/%m/%Y %H:%M"),
                }
    return ""


# Invitations ----------------------------------------------------------------------------


def invite(*, round_id, application_ids, actor, now=None):
    """Invite shortlisted applications to book a slot in a round.

    For each application, in one transaction:
    1. Move it from shortlisted to invited to interview
       (candidates.services.change_application_status locks it and writes its
       event); one already invited to another of the vacancy's rounds stays so.
    2. Write the Invitation and an InterviewEvent.
    3. E-mail the candidate a link to book, at their contact address.

    Applications that are not the round's vacancy's, or already invited to
    this round, are ignored; one that is not shortlisted (withdrawn
    meanwhile, say) refuses the whole invitation. Returns the invitations written.
    """
    now = now or timezone.now()
    with transaction.atomic():
        interview_round = InterviewRound.objects.select_related("vacancy__organisation").get(pk=round_id)
        applications = Application.objects.filter(vacancy=interview_round.vacancy, pk__in=application_ids).exclude(
            interview_invitations__round=interview_round
        )
        invitations = []
        for application_id in applications.order_by("pk").values_list("pk", flat=True):
            application = Application.objects.select_for_update().get(pk=application_id)
            if application.status != Status.INVITED_TO_INTERVIEW:
                application = change_application_status(
                    application_id=application_id, to_status=Status.INVITED_TO_INTERVIEW, actor=actor, now=now,
                    note=_("Invited to %(round)s") % {"round": interview_round.name},
                )
            invitations.append(
                Invitation.objects.create(round=interview_round, application=application, invited_by=actor, invited_at=now)
            )
            InterviewEvent.objects.create(
                round=interview_round, vacancy_id=interview_round.vacancy_id, kind=Kind.INVITED, actor=actor,
                application=application, created_at=now,
            )
            emails.send(emails.INVITATION, application, interview_round)
    return invitations


# Bookings -------------------------------------------------------------------------------


def book_slot(*, slot_id, application_id, actor, on_behalf=False, now=None):
    """Book an invited application into a slot.

    1. Lock the slot's row: bookings of one slot queue here, so two candidates
       racing for its last place are counted one after the other.
    2. Refuse unless the application is invited to the slot's round and still
       invited to interview; a candidate (not on_behalf) only until the cut-off.
    3. Free the places of withdrawn applications, then refuse a full slot.
    4. Write the booking; the database refuses a second one in the round.
    5. Write the event and e-mail the confirmation with its calendar entry.
    """
    now = now or timezone.now()
    with transaction.atomic():
        slot = _lock_slot(slot_id)
        application = _invited_application(application_id, slot.round)
        if not on_behalf:
            _refuse_after_cutoff(slot, now)
        _take_place(slot, actor=actor, now=now)
        try:
            with transaction.atomic():
                booking = Booking.objects.create(
                    round=slot.round, slot=slot, application=application, booked_by=actor, created_at=now, updated_at=now
                )
        except IntegrityError:
            raise BookingRefused(
                _("You already have an interview booked in this round: change it instead of booking another.")
            ) from None
        InterviewEvent.objects.create(
            round=slot.round, vacancy_id=slot.round.vacancy_id, kind=Kind.BOOKED, actor=actor, application=application,
            slot=slot, created_at=now,
            note=_("Booked on the candidate's behalf") if on_behalf else "",
        )
        booking.slot = slot
        emails.send(emails.BOOKING_CONFIRMATION, application, slot.round, booking=booking)
    return booking


def move_booking(*, booking_id, to_slot_id, actor, on_behalf=False, now=None):
    """Move a booking to another slot of its round, keeping its calendar entry.

    1. Lock the target slot's row, then the booking's (every booking change
       locks a slot before a booking, so two moves cannot deadlock).
    2. A candidate (not on_behalf) may move only while both slots are before the cut-off.
    3. Refuse a full target slot; move the booking, count the change.
    4. Write the event and e-mail the change with the updated calendar entry.
    """
    now = now or timezone.now()
    with transaction.atomic():
        to_slot = _lock_slot(to_slot_id)
        booking = Booking.objects.select_for_update(of=("self",)).select_related("slot", "application").get(
            pk=booking_id
        )
        if booking.round_id != to_slot.round_id:
            raise BookingRefused(_("Choose a slot in the same round."))
        if booking.slot_id == to_slot.pk:
            return booking
        application = _invited_application(booking.application_id, to_slot.round)
        if not on_behalf:
            _refuse_after_cutoff(booking.slot, now)
            _refuse_after_cutoff(to_slot, now)
        _take_place(to_slot, actor=actor, now=now)
        from_slot = booking.slot
        booking.slot = to_slot
        booking.sequence += 1
        booking.updated_at = now
        # The reminder the day before is owed again, for the new time.
        booking.reminder_sent_at = None
        booking.save(update_fields=["slot", "sequence", "updated_at", "reminder_sent_at"])
        InterviewEvent.objects.create(
            round=to_slot.round, vacancy_id=to_slot.round.vacancy_id, kind=Kind.MOVED, actor=actor,
            application=application, slot=to_slot, created_at=now,
            note=_("Moved from %(time)s") % {"time": timezone.localtime(from_slot.starts_at).strftime("%d/%m/%Y %H:%M")},
        )
        emails.send(emails.BOOKING_CHANGED, application, to_slot.round, booking=booking)
    return booking


def cancel_booking(*, booking_id, actor, on_behalf=False, now=None):
    """Cancel a booking: the place is free again and the candidate may book another.

    1. Lock the booking's slot, then the booking.
    2. A candidate (not on_behalf) may cancel only until the cut-off.
    3. Delete the booking, write the event, and e-mail the cancellation of the calendar entry.
    """
    now = now or timezone.now()
    with transaction.atomic():
        slot_id = Booking.objects.values_list("slot_id", flat=True).get(pk=booking_id)
        slot = _lock_slot(slot_id)
        booking = Booking.objects.select_for_update(of=("self",)).select_related("application").get(pk=booking_id)
        if not on_behalf:
            _refuse_after_cutoff(slot, now)
        booking.slot = slot
        booking.sequence += 1
        booking.delete()
        InterviewEvent.objects.create(
            round=slot.round, vacancy_id=slot.round.vacancy_id, kind=Kind.CANCELLED, actor=actor,
            application=booking.application, slot=slot,
            created_at=now, note=_("Cancelled on the candidate's behalf") if on_behalf else "",
        )
        emails.send(emails.BOOKING_CANCELLED, booking.application, slot.round, booking=booking, cancelled=True)


def free_withdrawn_bookings(*, slot, actor=None, now=None):
    """Delete the bookings of withdrawn applications in a slot, with an event
    each, and return how many. A withdrawal frees its slots at once
    (free_slots_of_withdrawn_application); this sweeps, under the slot's lock
    at every booking change, any a withdrawal left before it did."""
    now = now or timezone.now()
    stale = list(Booking.objects.filter(slot=slot, application__status=Status.WITHDRAWN).select_related("application"))
    for booking in stale:
        booking.delete()
        InterviewEvent.objects.create(
            round_id=slot.round_id, vacancy_id=slot.round.vacancy_id, kind=Kind.FREED_ON_WITHDRAWAL, actor=actor,
            application=booking.application, slot=slot, created_at=now,
        )
    return len(stale)


def _lock_slot(slot_id):
    """The slot, its row locked until the transaction ends (`of`: not the
    round's, vacancy's or site's rows, which other bookings read at once)."""
    return (
        Slot.objects.select_for_update(of=("self",))
        .select_related("round__vacancy__organisation", "site")
        .get(pk=slot_id)
    )


def _take_place(slot, *, actor, now):
    free_withdrawn_bookings(slot=slot, actor=actor, now=now)
    if Booking.objects.filter(slot=slot).count() >= slot.capacity:
        raise BookingRefused(_("This interview slot is full: choose another."))


def _invited_application(application_id, interview_round):
    application = Application.objects.select_related("candidate").get(pk=application_id)
    invited = Invitation.objects.filter(round=interview_round, application=application).exists()
    if not invited or application.status != Status.INVITED_TO_INTERVIEW:
        raise BookingRefused(_("This application is not invited to book a slot in this round."))
    return application


def _refuse_after_cutoff(slot, now):
    if now >= slot.candidate_cutoff():
        raise BookingRefused(
            _("It is less than %(hours)s hours before this interview, so it can no longer be booked, changed or "
              "cancelled online. Contact the recruitment team.")
            % {"hours": settings.INTERVIEW_BOOKING_CUTOFF_HOURS}
        )


# Withdrawals ------------------------------------------------------------------------------


def free_slots_of_withdrawn_application(*, application_id, actor=None, now=None):
    """A withdrawn application's places are free at once: called by
    candidates.signals.application_withdrawn inside the withdrawal's
    transaction (InterviewsConfig.ready connects it).

    For each of its bookings: lock the slot (slot before booking, as every
    booking change does), delete the booking and write FREED_ON_WITHDRAWAL.
    Returns how many places were freed."""
    now = now or timezone.now()
    with transaction.atomic():
        bookings = list(Booking.objects.filter(application_id=application_id).values_list("pk", "slot_id"))
        for booking_id, slot_id in bookings:
            slot = _lock_slot(slot_id)
            Booking.objects.filter(pk=booking_id).delete()
            InterviewEvent.objects.create(
                round_id=slot.round_id, vacancy_id=slot.round.vacancy_id, kind=Kind.FREED_ON_WITHDRAWAL, actor=actor,
                application_id=application_id, slot=slot, created_at=now,
            )
    return len(bookings)


# The reserve list ------------------------------------------------------------------------


def open_rounds(vacancy, now=None):
    """The vacancy's rounds with a slot still to start: those a candidate can still book."""
    now = now or timezone.now()
    return list(InterviewRound.objects.filter(vacancy=vacancy, slots__starts_at__gt=now).distinct().order_by("pk"))


def promote_reserve(*, application_id, actor, now=None):
    """Move a reserve to shortlisted, and invite them like the others.

    1. Refuse unless the vacancy still keeps its reserve list (interviewing,
       or an offer made: not filled or withdrawn).
    2. Move the application from reserve to shortlisted
       (change_application_status locks it, refuses any other status, and
       writes its event).
    3. Write RESERVE_PROMOTED.
    4. Invite it to each of the vacancy's open rounds (invite: the invitation
       e-mail); with none open, it waits shortlisted for the next round's invitations.

    Returns the rounds it was invited to."""
    now = now or timezone.now()
    with transaction.atomic():
        application = Application.objects.select_related("vacancy").get(pk=application_id)
        vacancy = application.vacancy
        if vacancy.status not in RESERVE_LIST_OPEN:
            raise ReserveRefused(_("The reserve list is closed: the vacancy is %(status)s.")
                                 % {"status": Vacancy.Status(vacancy.status).label.lower()})
        try:
            change_application_status(
                application_id=application.pk, to_status=Status.SHORTLISTED, actor=actor, now=now,
                note=_("Moved from the reserve list"),
            )
        except TransitionNotAllowed as refusal:
            raise ReserveRefused(str(refusal)) from None
        InterviewEvent.objects.create(
            vacancy=vacancy, kind=Kind.RESERVE_PROMOTED, actor=actor, application=application, created_at=now
        )
        rounds = open_rounds(vacancy, now)
        for interview_round in rounds:
            invite(round_id=interview_round.pk, application_ids=[application.pk], actor=actor, now=now)
    return rounds


# Chasing and reminders --------------------------------------------------------------------


def chase(*, round_id, application_id, actor, now=None):
    """Remind an invited candidate who has not booked to choose a time.

    1. Lock the invitation, so two clicks send one e-mail at a time.
    2. Refuse unless the application is still invited to interview and has
       no booking in the round.
    3. Set chased_at, write CHASED and e-mail the candidate (key interviews.chase)."""
    now = now or timezone.now()
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("round__vacancy__organisation", "application")
            .get(round_id=round_id, application_id=application_id)
        )
        application = invitation.application
        if application.status != Status.INVITED_TO_INTERVIEW:
            raise ChaseRefused(_("This candidate is no longer invited to interview."))
        if Booking.objects.filter(round_id=round_id, application_id=application_id).exists():
            raise ChaseRefused(_("This candidate has booked a time already."))
        invitation.chased_at = now
        invitation.save(update_fields=["chased_at"])
        InterviewEvent.objects.create(
            round=invitation.round, vacancy_id=invitation.round.vacancy_id, kind=Kind.CHASED, actor=actor,
            application=application, created_at=now,
        )
        emails.send(
            emails.CHASE, application, invitation.round,
            values={"booking_deadline": emails.booking_deadline(invitation.round)},
        )
    return invitation


def bookings_due_a_reminder(now=None):
    """Ids of the bookings of slots starting tomorrow (in the service's time
    zone) whose reminder has not been sent, of candidates still invited."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + datetime.timedelta(days=1)
    zone = timezone.get_current_timezone()
    starts = datetime.datetime.combine(tomorrow, datetime.time.min, tzinfo=zone)
    ends = datetime.datetime.combine(tomorrow + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
    return list(
        Booking.objects.filter(
            reminder_sent_at__isnull=True, slot__starts_at__gte=starts, slot__starts_at__lt=ends,
            application__status=Status.INVITED_TO_INTERVIEW,
        ).order_by("pk").values_list("pk", flat=True)
    )


def send_reminder(*, booking_id, now=None):
    """Send one booking's reminder the day before, once, in one transaction:

    1. Claim it with a conditional UPDATE of reminder_sent_at: of two runs at
       once (beat twice, two workers), only the one whose UPDATE changed the
       row goes on; the other waits for its commit and changes nothing.
    2. E-mail the reminder with the booking's calendar entry (key interviews.reminder).
    3. Write REMINDER_SENT.

    If writing the e-mail fails, the claim rolls back with it, and the next
    run tries again. Returns whether this call sent it."""
    now = now or timezone.now()
    with transaction.atomic():
        claimed = Booking.objects.filter(pk=booking_id, reminder_sent_at__isnull=True).update(reminder_sent_at=now)
        if not claimed:
            return False
        booking = Booking.objects.select_related("slot__site", "round__vacancy__organisation", "application").get(
            pk=booking_id
        )
        booking.slot.round = booking.round
        emails.send(emails.REMINDER, booking.application, booking.round, booking=booking)
        InterviewEvent.objects.create(
            round=booking.round, vacancy_id=booking.round.vacancy_id, kind=Kind.REMINDER_SENT,
            application=booking.application, slot=booking.slot, created_at=now,
        )
    return True


def send_interview_reminders(*, now=None):
    """Remind every candidate with an interview tomorrow (the beat task's work).
    Returns how many reminders this run sent."""
    return sum(send_reminder(booking_id=pk, now=now) for pk in bookings_due_a_reminder(now))


# Who saw what ----------------------------------------------------------------------------


def record_contact_views(*, user, application_ids, page, now=None):
    """Audit: `user` was shown these applications' contact details or
    adjustments on `page` (a URL name). One row each, in one INSERT."""
    now = now or timezone.now()
    ContactView.objects.bulk_create(
        ContactView(application_id=pk, viewed_by=user, viewed_at=now, page=page) for pk in application_ids
    )
