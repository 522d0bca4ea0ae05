"""Staff pages for interviews, under /manage/vacancies/<reference>/interviews/.

Recruiters of the vacancy's trust and its hiring manager create rounds,
invite the shortlisted and book, move or cancel on a candidate's behalf; a
member of staff on a round's panel sees that round's timetable. Everyone
else gets 404, as if the page did not exist. Every change goes through
interviews.services."""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from candidates.models import Application, PersonalDetails
from candidates.services import TransitionNotAllowed
from organisations.decorators import staff_member_required
from organisations.models import Organisation
from shortlisting.scoring import identities_revealed
from vacancies.models import Vacancy

from . import services
from .access import manages_interviews
from .forms import InviteForm, RoundForm, SlotChoiceForm
from .models import Booking, InterviewRound, Invitation, Slot


def _vacancy_of_trust_staff(user, reference):
    """The vacancy if the user holds a role at its trust; 404 otherwise. The
    pages below then narrow it to those who run the interviews or sit on a panel."""
    vacancies = Vacancy.objects.filter(organisation__in=Organisation.objects.staffed_by(user).values("pk"))
    return get_object_or_404(vacancies.select_related("organisation"), reference=reference)


def get_vacancy_to_manage(user, reference):
    """The vacancy if the user runs its interviews; 404 otherwise."""
    vacancy = _vacancy_of_trust_staff(user, reference)
    if not manages_interviews(user, vacancy):
        raise Http404
    return vacancy


def get_round_for_user(user, reference, round_id, *, manage=False):
    """(vacancy, round, manages) if the user may see the round: those who run
    the vacancy's interviews, and (unless `manage`) members of staff on one of
    its slots' panels. 404 otherwise, panel members of other rounds included."""
    vacancy = _vacancy_of_trust_staff(user, reference)
    interview_round = get_object_or_404(InterviewRound, vacancy=vacancy, pk=round_id)
    manages = manages_interviews(user, vacancy)
    if not manages and (manage or not Slot.objects.filter(round=interview_round, panel=user).exists()):
        raise Http404
    interview_round.vacancy = vacancy
    return vacancy, interview_round, manages


def _names(application_ids):
    """{application id: the candidate's name as given in the application}."""
    return {
        details.application_id: details.full_name
        for details in PersonalDetails.objects.filter(application_id__in=application_ids).only(
            "application_id", "first_name", "last_name"
        )
    }


@staff_member_required
@require_safe
def round_list(request, reference):
    """A vacancy's interview rounds with their slot and booking counts: all of
    them for those who run the interviews, the ones a panel member is on for them."""
    vacancy = _vacancy_of_trust_staff(request.user, reference)
    manages = manages_interviews(request.user, vacancy)
    rounds = InterviewRound.objects.filter(vacancy=vacancy)
    if not manages:
        rounds = rounds.filter(pk__in=Slot.objects.filter(panel=request.user).values("round_id"))
        # Panel members of the vacancy see the list (perhaps empty); other staff
        # of the trust only if they sit on a round's panel.
        on_vacancy = Vacancy.objects.for_staff(user=request.user).filter(pk=vacancy.pk).exists()
        if not on_vacancy and not rounds.exists():
            raise Http404
    rounds = list(rounds.order_by("created_at", "id"))
    slot_counts, booking_counts = {}, {}
    for round_id, _slot_id in Slot.objects.filter(round__in=rounds).values_list("round_id", "pk"):
        slot_counts[round_id] = slot_counts.get(round_id, 0) + 1
    for round_id in Booking.objects.filter(round__in=rounds).exclude(
        application__status=Application.Status.WITHDRAWN
    ).values_list("round_id", flat=True):
        booking_counts[round_id] = booking_counts.get(round_id, 0) + 1
    for interview_round in rounds:
        interview_round.slot_count = slot_counts.get(interview_round.pk, 0)
        interview_round.booking_count = booking_counts.get(interview_round.pk, 0)
    return render(
        request,
        "interviews/round_list.html",
        {
            "vacancy": vacancy,
            "rounds": rounds,
            "manages": manages,
            "can_create": manages and vacancy.status == Vacancy.Status.INTERVIEWING,
            "show_candidates": manages and identities_revealed(vacancy),
            "back_url": reverse("manage:vacancy_detail", kwargs={"reference": vacancy.reference}),
        },
    )


@staff_member_required
@require_http_methods(["GET", "HEAD", "POST"])
def round_create(request, reference):
    """One form makes a round and all its slots; refusals come back by the field."""
    vacancy = get_vacancy_to_manage(request.user, reference)
    if vacancy.status != Vacancy.Status.INTERVIEWING:
        raise Http404
    form = RoundForm(request.POST if request.method == "POST" else None, vacancy=vacancy)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            interview_round = services.create_round_with_slots(
                vacancy=vacancy, actor=request.user, name=data["name"], days=form.days(),
                start_time=data["start_time"], end_time=data["end_time"], length_minutes=data["length_minutes"],
                gap_minutes=data["gap_minutes"], site=data["site"], room=data["room"],
                video_link=data["video_link"], capacity=data["capacity"], panel=data["panel"],
                booking_deadline=form.deadline(),
            )
        except ValidationError as refusal:
            for field, errors in refusal.message_dict.items():
                field = "first_day" if field == "days" else field
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(
                request, _("%(count)s interview slots created.") % {"count": interview_round.slots.count()}
            )
            return redirect("interviews:round_detail", reference=vacancy.reference, round_id=interview_round.pk)
    return render(
        request,
        "interviews/round_create.html",
        {"vacancy": vacancy, "form": form, "back_url": reverse("interviews:round_list", kwargs={"reference": reference})},
    )


@staff_member_required
@require_safe
def round_detail(request, reference, round_id):
    """The round's timetable: each slot with its place, panel and candidates;
    for those who run it, the invited candidates who have not booked yet."""
    vacancy, interview_round, manages = get_round_for_user(request.user, reference, round_id)
    live = Booking.objects.exclude(application__status=Application.Status.WITHDRAWN).select_related("application")
    slots = list(
        Slot.objects.filter(round=interview_round)
        .select_related("site")
        .prefetch_related("panel", Prefetch("bookings", queryset=live, to_attr="live_bookings"))
    )
    invitations = list(Invitation.objects.filter(round=interview_round).select_related("application"))
    names = _names([invitation.application_id for invitation in invitations])
    booked_ids = {booking.application_id for slot in slots for booking in slot.live_bookings}
    for slot in slots:
        for booking in slot.live_bookings:
            booking.name = names.get(booking.application_id, "")
    not_booked = [
        {"application": invitation.application, "name": names.get(invitation.application_id, ""),
         "chased_at": invitation.chased_at}
        for invitation in invitations
        if invitation.application_id not in booked_ids
        and invitation.application.status == Application.Status.INVITED_TO_INTERVIEW
    ]
    deadline = interview_round.booking_deadline
    return render(
        request,
        "interviews/round_detail.html",
        {
            "vacancy": vacancy,
            "round": interview_round,
            "slots": slots,
            "not_booked": not_booked,
            "deadline_passed": deadline is not None and deadline <= timezone.now(),
            "manages": manages,
            "can_invite": manages and Application.objects.filter(
                vacancy=vacancy, status=Application.Status.SHORTLISTED
            ).exists(),
            "back_url": reverse("interviews:round_list", kwargs={"reference": reference}),
        },
    )


@staff_member_required
@require_http_methods(["GET", "HEAD", "POST"])
def round_invite(request, reference, round_id):
    """Invite shortlisted candidates to book: a checkbox each, all ticked."""
    vacancy, interview_round, _manages = get_round_for_user(request.user, reference, round_id, manage=True)
    shortlisted = list(
        Application.objects.filter(vacancy=vacancy, status=Application.Status.SHORTLISTED).order_by("anonymous_number")
    )
    names = _names([application.pk for application in shortlisted])
    choices = [
        (str(application.pk), f"{names.get(application.pk, '')} ({application.reference})".strip())
        for application in shortlisted
    ]
    form = InviteForm(request.POST if request.method == "POST" else None, choices=choices)
    if request.method == "POST" and form.is_valid():
        try:
            invitations = services.invite(
                round_id=interview_round.pk, application_ids=form.application_ids(), actor=request.user
            )
        except TransitionNotAllowed as refusal:
            form.add_error("applications", str(refusal))
        else:
            messages.success(request, _("%(count)s candidates invited to book.") % {"count": len(invitations)})
            return redirect("interviews:round_detail", reference=reference, round_id=interview_round.pk)
    return render(
        request,
        "interviews/round_invite.html",
        {
            "vacancy": vacancy,
            "round": interview_round,
            "form": form,
            "back_url": reverse("interviews:round_detail", kwargs={"reference": reference, "round_id": round_id}),
        },
    )


def _booking_context(request, reference, round_id, application_id):
    vacancy, interview_round, _manages = get_round_for_user(request.user, reference, round_id, manage=True)
    invitation = get_object_or_404(
        Invitation.objects.select_related("application"), round=interview_round, application_id=application_id
    )
    booking = Booking.objects.filter(round=interview_round, application_id=application_id).select_related("slot").first()
    return vacancy, interview_round, invitation.application, booking


def _slot_page(request, *, vacancy, interview_round, application, booking, action_url):
    """Choose a slot for a candidate: every slot of the round with a free place
    (a recruiter may book inside the cut-off, but not in the past)."""
    slots = [
        slot
        for slot in Slot.objects.filter(round=interview_round, starts_at__gt=timezone.now())
        .with_booked_count()
        .select_related("site")
        if slot.booked_count < slot.capacity and (booking is None or slot.pk != booking.slot_id)
    ]
    form = SlotChoiceForm(request.POST if request.method == "POST" else None, slots=slots)
    return form, {
        "vacancy": vacancy,
        "round": interview_round,
        "application": application,
        "name": _names([application.pk]).get(application.pk, ""),
        "booking": booking,
        "form": form,
        "action_url": action_url,
        "back_url": reverse(
            "interviews:round_detail", kwargs={"reference": vacancy.reference, "round_id": interview_round.pk}
        ),
    }


@staff_member_required
@require_http_methods(["GET", "HEAD", "POST"])
def booking_book(request, reference, round_id, application_id):
    """Book a slot on an invited candidate's behalf."""
    vacancy, interview_round, application, booking = _booking_context(request, reference, round_id, application_id)
    if booking is not None:
        return redirect("interviews:booking_move", reference=reference, round_id=round_id, application_id=application_id)
    form, context = _slot_page(
        request, vacancy=vacancy, interview_round=interview_round, application=application, booking=None,
        action_url=request.path,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.book_slot(
                slot_id=form.cleaned_data["slot"], application_id=application.pk, actor=request.user, on_behalf=True
            )
        except services.BookingRefused as refusal:
            form.add_error("slot", str(refusal))
        else:
            messages.success(request, _("Interview booked."))
            return redirect("interviews:round_detail", reference=reference, round_id=round_id)
    return render(request, "interviews/booking_choose.html", context)


@staff_member_required
@require_http_methods(["GET", "HEAD", "POST"])
def booking_move(request, reference, round_id, application_id):
    """Move a candidate's booking to another slot on their behalf."""
    vacancy, interview_round, application, booking = _booking_context(request, reference, round_id, application_id)
    if booking is None:
        raise Http404
    form, context = _slot_page(
        request, vacancy=vacancy, interview_round=interview_round, application=application, booking=booking,
        action_url=request.path,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.move_booking(
                booking_id=booking.pk, to_slot_id=form.cleaned_data["slot"], actor=request.user, on_behalf=True
            )
        except services.BookingRefused as refusal:
            form.add_error("slot", str(refusal))
        else:
            messages.success(request, _("Interview moved."))
            return redirect("interviews:round_detail", reference=reference, round_id=round_id)
    return render(request, "interviews/booking_choose.html", context)


@staff_member_required
@require_POST
def booking_cancel(request, reference, round_id, application_id):
    """Cancel a candidate's booking on their behalf."""
    _vacancy, _round, _application, booking = _booking_context(request, reference, round_id, application_id)
    if booking is None:
        raise Http404
    services.cancel_booking(booking_id=booking.pk, actor=request.user, on_behalf=True)
    messages.success(request, _("Interview cancelled."))
    return redirect("interviews:round_detail", reference=reference, round_id=round_id)


@staff_member_required
@require_POST
def invitation_chase(request, reference, round_id, application_id):
    """E-mail an invited candidate who has not booked a reminder to choose a time."""
    _vacancy, interview_round, _manages = get_round_for_user(request.user, reference, round_id, manage=True)
    invitation = get_object_or_404(Invitation, round=interview_round, application_id=application_id)
    name = _names([application_id]).get(application_id, "")
    try:
        services.chase(round_id=interview_round.pk, application_id=invitation.application_id, actor=request.user)
    except services.ChaseRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("%(name)s has been e-mailed a reminder to book.") % {"name": name})
    return redirect("interviews:round_detail", reference=reference, round_id=round_id)


def _one_to_one(instance, name):
    try:
        return getattr(instance, name)
    except ObjectDoesNotExist:
        return None


@staff_member_required
@require_safe
def round_timetable(request, reference, round_id):
    """The round's timetable for interview day, for its panel, the hiring
    manager and the trust's recruiters: each slot's time and place, and each
    candidate's name and adjustments for interview (each showing audited)."""
    vacancy, interview_round, _manages = get_round_for_user(request.user, reference, round_id)
    live = (
        Booking.objects.exclude(application__status=Application.Status.WITHDRAWN)
        .select_related("application__personal_details", "application__adjustments")
        .order_by("created_at", "pk")
    )
    slots = list(
        Slot.objects.filter(round=interview_round)
        .select_related("site")
        .prefetch_related("panel", Prefetch("bookings", queryset=live, to_attr="live_bookings"))
    )
    shown = []
    for slot in slots:
        for booking in slot.live_bookings:
            details = _one_to_one(booking.application, "personal_details")
            booking.name = details.full_name if details else ""
            booking.adjustments = _one_to_one(booking.application, "adjustments")
            shown.append(booking.application_id)
    services.record_contact_views(user=request.user, application_ids=shown, page="interviews:round_timetable")
    return render(
        request,
        "interviews/round_timetable.html",
        {
            "vacancy": vacancy,
            "round": interview_round,
            "slots": slots,
            "back_url": reverse("interviews:round_detail", kwargs={"reference": reference, "round_id": round_id}),
        },
    )
