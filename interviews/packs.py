"""The interview pack of a round: one PDF for the panel on the day, with the
timetable, the person specification's criteria assessed at interview and the
vacancy's interview questions, then each candidate's application (with their
name: shortlisting is complete) followed by a blank scoring sheet.

It is made by shortlisting's chunked worker pipeline, as a pack of the kind
"interview" (shortlisting.pack_kinds) whose subject is the round: workers
render chunks of candidates, the merge adds the front matter, page numbers
and bookmarks, and progress, "Try again", the stuck-work sweep and retention
are the shortlisting pack's. So are its staff pages (shortlisting.views, at
the URLs interviews.urls gives them): what differs is here, who may see the
packs, their URLs and their templates, which give the shortlisting pack's
pages the interview pack's words. InterviewsConfig.ready() registers the kind.

What it shows of a candidate: their name and, as at shortlisting
(shortlisting.anonymised), the evidence in their application; never contact
details, adjustments or equality monitoring: seeing those writes an audit row
(ContactView), which a PDF passed round cannot.
"""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from candidates.models import Application, GuaranteedInterview, PersonalDetails
from shortlisting import services as pack_services
from shortlisting.anonymised import SCORE_SCALE, score_label
from shortlisting.models import ShortlistPack
from shortlisting.rendering import applicants_of, group_criteria, pack_context

from .models import Booking, InterviewQuestion, InterviewRound, Invitation, Slot
from .staff_views import get_round_for_user

KIND = "interview"


def request_interview_pack(*, interview_round, requested_by):
    """Ask for the round's interview pack; (pack, created), as
    shortlisting.services.request_pack, which refuses with NothingToPack
    when nobody is invited."""
    return pack_services.request_pack(
        vacancy=interview_round.vacancy, requested_by=requested_by, kind=KIND, subject_id=interview_round.pk
    )


def packs_of(interview_round):
    """The round's interview packs, newest first."""
    return ShortlistPack.objects.filter(
        vacancy_id=interview_round.vacancy_id, kind=KIND, subject_id=interview_round.pk
    ).order_by("-created_at", "-id")


class InterviewPackContent:
    """The interview pack (shortlisting.pack_kinds.PackContent)."""

    def application_ids(self, *, vacancy, subject_id, seed):
        """The candidates booked in the round in the order of their slots,
        then those invited who have not booked, in the order invited;
        withdrawn applications left out. The seed is not used: the panel
        reads the pack in the order it meets the candidates."""
        withdrawn = Application.Status.WITHDRAWN
        booked = list(
            Booking.objects.filter(round_id=subject_id, round__vacancy=vacancy)
            .exclude(application__status=withdrawn)
            .order_by("slot__starts_at", "slot_id", "created_at", "pk")
            .values_list("application_id", flat=True)
        )
        not_booked = (
            Invitation.objects.filter(round_id=subject_id, round__vacancy=vacancy)
            .exclude(application__status=withdrawn)
            .exclude(application_id__in=booked)
            .order_by("invited_at", "pk")
            .values_list("application_id", flat=True)
        )
        return booked + list(not_booked)

    def nothing_to_pack(self):
        return translation.gettext("Nobody has been invited to this round yet, so there is nothing to put in a pack.")

    def title(self, pack):
        vacancy = pack.vacancy
        return translation.gettext("Interview pack: %(title)s (%(reference)s), %(round)s") % {
            "title": vacancy.title,
            "reference": vacancy.reference,
            "round": _round_of(pack).name,
        }

    def subject(self, pack):
        return translation.gettext("Confidential: for the interview panel only")

    def applications_html(self, chunk, *, criteria):
        pack = chunk.pack
        ids = chunk.application_ids
        names = {
            details.application_id: details.full_name
            for details in PersonalDetails.objects.filter(application_id__in=ids).only(
                "application_id", "first_name", "last_name"
            )
        }
        bookings = {
            booking.application_id: booking
            for booking in Booking.objects.filter(round_id=pack.subject_id, application_id__in=ids).select_related(
                "slot__site"
            )
        }
        applicants = []
        for applicant in applicants_of(chunk):
            application_id = applicant["application_id"]
            booking = bookings.get(application_id)
            applicants.append(
                {
                    **applicant,
                    "anchor": f"applicant-{application_id}",
                    # An application without personal details has no name to show.
                    "name": names.get(application_id) or applicant["code"],
                    "reference": f"APP-{application_id:07d}",
                    "slot": booking.slot if booking else None,
                }
            )
        html = render_to_string(
            "interviews/pack/pdf/applications.html",
            {
                **pack_context(pack),
                "applicants": applicants,
                "interview_criteria": [criterion for criterion in criteria if criterion.assessed_at_interview],
                "questions": _questions(pack),
                "guaranteed_interview_offered": bool(GuaranteedInterview.schemes_offered(pack.vacancy)),
                "score_values": [value for value, _words in SCORE_SCALE],
                "score_scale": [score_label(value) for value, _words in SCORE_SCALE],
            },
        )
        return html, [
            {
                "code": applicant["name"],
                "anchor": applicant["anchor"],
                "slot_id": applicant["slot"].pk if applicant["slot"] else None,
                "guaranteed_interview": applicant["seen"].guaranteed_interview.requested,
            }
            for applicant in applicants
        ]

    def front_matter_html(self, pack, *, criteria, entries, produced_at):
        interview_round = _round_of(pack)
        slots = list(
            Slot.objects.filter(round=interview_round).select_related("site").prefetch_related("panel").order_by(
                "starts_at", "pk"
            )
        )
        by_slot = {}
        for entry in entries:
            by_slot.setdefault(entry.get("slot_id"), []).append(entry)
        timetable = [{"slot": slot, "entries": by_slot.pop(slot.pk, [])} for slot in slots]
        # Those without a time, or whose slot has gone since their part was made.
        not_booked = [entry for entries_left in by_slot.values() for entry in entries_left]
        days = sorted({timezone.localtime(slot.starts_at).date() for slot in slots})
        return render_to_string(
            "interviews/pack/pdf/front_matter.html",
            {
                **pack_context(pack),
                "round": interview_round,
                "days": days,
                "criteria_groups": group_criteria([criterion for criterion in criteria if criterion.assessed_at_interview]),
                "questions": _questions(pack),
                "timetable": timetable,
                "not_booked": not_booked,
                "produced_at": produced_at,
            },
        )

    # The staff pages (shortlisting.views): its templates extend shortlisting's.
    list_template = "interviews/pack/pack_list.html"
    detail_template = "interviews/pack/pack_detail.html"
    status_template = "interviews/pack/includes/pack_status.html"

    def subject_for_user(self, user, *, reference, round_id):
        """The packs show candidates' names, so they are for those who may see
        the round (staff_views.get_round_for_user): 404 to everyone else, panel
        members of other rounds and the shortlisting panel included."""
        vacancy, interview_round, _manages = get_round_for_user(user, reference, round_id)
        return vacancy, interview_round

    def page_url(self, name, *, vacancy, subject_id, **kwargs):
        return reverse(f"interviews:{name}", kwargs={"reference": vacancy.reference, "round_id": subject_id, **kwargs})

    def subject_url(self, *, vacancy, subject_id):
        return reverse("interviews:round_detail", kwargs={"reference": vacancy.reference, "round_id": subject_id})

    def download_name(self, pack):
        return f"interview-pack-{pack.vacancy.reference}-{pack.pk}.pdf"

    def already_being_made(self):
        return translation.gettext("A pack for this round is already being made. This is its progress.")

    def newer_being_made(self):
        return translation.gettext("A newer pack for this round is already being made. This is its progress.")


def _round_of(pack):
    interview_round = InterviewRound.objects.filter(pk=pack.subject_id, vacancy_id=pack.vacancy_id).first()
    if interview_round is None:
        raise ValueError(translation.gettext("the interview round has been deleted"))
    return interview_round


def _questions(pack):
    return list(InterviewQuestion.objects.filter(vacancy_id=pack.vacancy_id).order_by("order", "pk"))
