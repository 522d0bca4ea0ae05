"""The e-mails interviews write to candidates (candidates.emails: each a
((placeholder)) template a trust may reword): the invitation, a booking's
confirmation, change and cancellation, the chase of a candidate who has not
booked, and the reminder the day before. Those about a booking carry its
calendar entry (interviews.calendar)."""

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _, gettext_lazy

from candidates.emails import CandidateEmail, register, send_to_candidate, site_link
from nhsuk.formats import nhs_time

from .calendar import booking_calendar

# Every interview e-mail can use these, besides the common ones.
ROUND_PLACEHOLDERS = ("application_reference", "cutoff_hours")
# ...and those about a booking, these.
SLOT_PLACEHOLDERS = (*ROUND_PLACEHOLDERS, "interview_time", "interview_place", "questions_contact")
SLOT_EXAMPLES = (
    ("application_reference", "APP-0000007"),
    ("cutoff_hours", "24"),
    ("interview_time", "Monday 15 March 2027, 9am (45 minutes)"),
    ("interview_place", "Seminar room 2, Worcestershire Royal Hospital, Charles Hastings Way, Worcester, WR5 1DD"),
    ("questions_contact", "Rita Recruiter recruitment@example.org"),
)

INVITATION = register(
    CandidateEmail(
        key="interviews.invitation",
        label=gettext_lazy("Invitation to book an interview"),
        subject=gettext_lazy("Book your interview for ((vacancy_title))"),
        body=gettext_lazy(
            "Dear ((candidate_name)),\n\n"
            "You have been invited to interview for ((vacancy_title)) at ((trust)).\n\n"
            "Choose a time for your interview at ((link))\n\n"
            "You can change or cancel your booking online until ((cutoff_hours)) hours before the interview.\n\n"
            "Application reference: ((application_reference))\n"
            "Vacancy reference: ((reference))\n\n"
            "((trust))\n"
        ),
        placeholders=ROUND_PLACEHOLDERS,
        examples=SLOT_EXAMPLES[:2],
    )
)

BOOKING_CONFIRMATION = register(
    CandidateEmail(
        key="interviews.booking_confirmation",
        label=gettext_lazy("Interview booked"),
        subject=gettext_lazy("Your interview for ((vacancy_title)) is booked"),
        body=gettext_lazy(
            "Dear ((candidate_name)),\n\n"
            "Your interview for ((vacancy_title)) at ((trust)) is booked.\n\n"
            "When: ((interview_time))\nWhere: ((interview_place))\nQuestions: ((questions_contact))\n\n"
            "The calendar entry attached adds it to your calendar.\n\n"
            "You can change or cancel it until ((cutoff_hours)) hours before it starts at ((link))\n\n"
            "((trust))\n"
        ),
        placeholders=SLOT_PLACEHOLDERS,
        examples=SLOT_EXAMPLES,
    )
)

BOOKING_CHANGED = register(
    CandidateEmail(
        key="interviews.booking_changed",
        label=gettext_lazy("Interview moved"),
        subject=gettext_lazy("Your interview for ((vacancy_title)) has changed"),
        body=gettext_lazy(
            "Dear ((candidate_name)),\n\n"
            "Your interview for ((vacancy_title)) at ((trust)) has moved. This is the new time:\n\n"
            "When: ((interview_time))\nWhere: ((interview_place))\nQuestions: ((questions_contact))\n\n"
            "The calendar entry attached updates the one you had.\n\n"
            "See your booking at ((link))\n\n"
            "((trust))\n"
        ),
        placeholders=SLOT_PLACEHOLDERS,
        examples=SLOT_EXAMPLES,
    )
)

BOOKING_CANCELLED = register(
    CandidateEmail(
        key="interviews.booking_cancelled",
        label=gettext_lazy("Interview cancelled"),
        subject=gettext_lazy("Your interview for ((vacancy_title)) is cancelled"),
        body=gettext_lazy(
            "Dear ((candidate_name)),\n\n"
            "Your interview for ((vacancy_title)) at ((trust)) is cancelled:\n\n"
            "When: ((interview_time))\nWhere: ((interview_place))\nQuestions: ((questions_contact))\n\n"
            "You can choose another time at ((link))\n\n"
            "((trust))\n"
        ),
        placeholders=SLOT_PLACEHOLDERS,
        examples=SLOT_EXAMPLES,
    )
)

CHASE = register(
    CandidateEmail(
        key="interviews.chase",
        label=gettext_lazy("Reminder to book an interview"),
        subject=gettext_lazy("Choose a time for your interview for ((vacancy_title))"),
        body=gettext_lazy(
            "Dear ((candidate_name)),\n\n"
            "You have been invited to interview for ((vacancy_title)) at ((trust)), "
            "but you have not chosen a time yet.\n\n"
            "Please choose a time ((booking_deadline)) at ((link))\n\n"
            "If you no longer want to be interviewed, you can withdraw your application there.\n\n"
            "Application reference: ((application_reference))\n\n"
            "((trust))\n"
        ),
        placeholders=(*ROUND_PLACEHOLDERS, "booking_deadline"),
        examples=(*SLOT_EXAMPLES[:2], ("booking_deadline", "by Friday 12 March 2027, 5pm")),
    )
)

REMINDER = register(
    CandidateEmail(
        key="interviews.reminder",
        label=gettext_lazy("Interview tomorrow: reminder"),
        subject=gettext_lazy("Reminder: your interview for ((vacancy_title)) is tomorrow"),
        body=gettext_lazy(
            "Dear ((candidate_name)),\n\n"
            "This is a reminder of your interview tomorrow for ((vacancy_title)) at ((trust)).\n\n"
            "When: ((interview_time))\nWhere: ((interview_place))\nQuestions: ((questions_contact))\n\n"
            "The calendar entry attached is the one you already have.\n\n"
            "See your booking at ((link))\n\n"
            "((trust))\n"
        ),
        placeholders=SLOT_PLACEHOLDERS,
        examples=SLOT_EXAMPLES,
    )
)


def interview_time(slot):
    """"Monday 15 March 2027, 9am (45 minutes)": a slot as an e-mail gives it."""
    starts_at = timezone.localtime(slot.starts_at)
    return _("%(day)s, %(time)s (%(minutes)s minutes)") % {
        "day": date_format(starts_at, "l j F Y"), "time": nhs_time(starts_at), "minutes": slot.length_minutes,
    }


def questions_contact(vacancy):
    if vacancy.contact_email:
        return f"{vacancy.contact_name} {vacancy.contact_email}".strip()
    return vacancy.organisation.name


def booking_deadline(interview_round):
    """"by Friday 12 March 2027, 5pm", or "as soon as you can" when the round has no deadline."""
    if interview_round.booking_deadline is None:
        return _("as soon as you can")
    deadline = timezone.localtime(interview_round.booking_deadline)
    return _("by %(day)s, %(time)s") % {"day": date_format(deadline, "l j F Y"), "time": nhs_time(deadline)}


def send(email, application, interview_round, *, booking=None, cancelled=False, values=None):
    """Write one interview e-mail to the candidate (inside the caller's
    transaction: the queued backend delivers it after commit), with the
    booking's calendar entry when there is a booking (METHOD:CANCEL once
    `cancelled`). Returns whether it was written."""
    vacancy = interview_round.vacancy
    application.vacancy = vacancy
    filled = {
        "application_reference": application.reference,
        "cutoff_hours": settings.INTERVIEW_BOOKING_CUTOFF_HOURS,
        "questions_contact": questions_contact(vacancy),
        **(values or {}),
    }
    calendar = None
    if booking is not None:
        filled["interview_time"] = interview_time(booking.slot)
        filled["interview_place"] = booking.slot.place_text()
        calendar = booking_calendar(booking, cancelled=cancelled)
    return send_to_candidate(
        application=application,
        email=email,
        link=site_link("interviews:candidate_interview", application_id=application.pk),
        values=filled,
        calendar=calendar,
    )
