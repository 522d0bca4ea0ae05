"""Operations that change offers and their checks. Each runs in one
transaction and writes an OfferEvent; e-mails to the candidate are sent by a
task after commit (offers.tasks.send_candidate_notice). References are in
offers.references."""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _, gettext_lazy

from candidates.emails import CandidateEmail, register, send_to_candidate
from candidates.models import Application
from candidates.services import change_application_status
from vacancies.models import DBSLevel, PayBandRate, PayScheme, Vacancy
from vacancies.services import change_vacancy_status

from .models import CandidateNotice, Check, Document, Offer, OfferEvent, ReferenceRequest

logger = logging.getLogger(__name__)
AppStatus = Application.Status

# Who may be offered the job: the preferred candidate, or a reserve after
# interview (promoted to preferred in the same step, when the first choice
# declined or withdrew).
OFFERABLE = (AppStatus.PREFERRED, AppStatus.INTERVIEW_RESERVE)
# The applications still open when the vacancy is filled: each becomes
# unsuccessful and is told.
STILL_OPEN = (
    AppStatus.RESERVE, AppStatus.SHORTLISTED, AppStatus.INVITED_TO_INTERVIEW, AppStatus.PREFERRED,
    AppStatus.INTERVIEW_RESERVE, AppStatus.OFFERED,
)

CONDITIONAL_OFFER_EMAIL = register(CandidateEmail(
    key="offers.conditional_offer",
    label=gettext_lazy("Conditional offer"),
    subject="We would like to offer you the job of ((vacancy_title))",
    body=(
        "Dear ((candidate_name)),\n\n"
        "((trust)) would like to offer you the job of ((vacancy_title)) (reference ((reference))), "
        "subject to references and pre-employment checks.\n\n"
        "Read the offer, and accept or decline it, in your account:\n((link))\n"
    ),
))
UNCONDITIONAL_OFFER_EMAIL = register(CandidateEmail(
    key="offers.unconditional_offer",
    label=gettext_lazy("Unconditional offer"),
    subject="Your checks are complete: confirm your start date for ((vacancy_title))",
    body=(
        "Dear ((candidate_name)),\n\n"
        "Your references and pre-employment checks for ((vacancy_title)) (reference ((reference))) "
        "are complete, and ((trust)) offers you the job unconditionally, starting on ((start_date)).\n\n"
        "Confirm your start date in your account:\n((link))\n"
    ),
    placeholders=("start_date",),
))
VACANCY_FILLED_EMAIL = register(CandidateEmail(
    key="offers.vacancy_filled",
    label=gettext_lazy("Unsuccessful: the vacancy has been filled"),
    subject="Your application for ((vacancy_title))",
    body=(
        "Dear ((candidate_name)),\n\n"
        "Thank you for your interest in ((vacancy_title)) (reference ((reference))) at ((trust)). "
        "The vacancy has now been filled, so we will not be taking your application further.\n\n"
        "We wish you every success. Your application is in your account:\n((link))\n"
    ),
))
NOTICES = {
    "conditional_offer": CONDITIONAL_OFFER_EMAIL,
    "unconditional_offer": UNCONDITIONAL_OFFER_EMAIL,
    "vacancy_filled": VACANCY_FILLED_EMAIL,
}


class OfferRefused(Exception):
    """The change cannot be made now; the message says why, for the user."""


def event(*, offer, actor, description, note="", now=None):
    return OfferEvent.objects.create(
        offer=offer, actor=actor, description=description, note=note, created_at=now or timezone.now()
    )


def band_rate(vacancy):
    """The vacancy's Agenda for Change band in the latest pay year, or None
    (another pay scheme, or no band)."""
    if vacancy.pay_scheme != PayScheme.AGENDA_FOR_CHANGE or not vacancy.band:
        return None
    return PayBandRate.current(vacancy.band)


def outside_band(vacancy, salary):
    """The band's rate when `salary` (a year, full time) is outside it, else None."""
    rate = band_rate(vacancy)
    if rate is None or rate.covers(salary, salary):
        return None
    return rate


def _tell_after_commit(application_id, kind):
    from .tasks import send_candidate_notice  # tasks imports this module

    transaction.on_commit(lambda: send_candidate_notice.delay(application_id=application_id, kind=kind))


# The conditional offer ---------------------------------------------------------------------


def make_offer(*, application_id, actor, salary, hours_per_week, contract_type, base_site, proposed_start_date,
               outside_band_reason="", now=None):
    """Offer the job, conditionally, to the preferred candidate or a reserve after interview.

    1. Lock the application; refuse unless it is preferred or a reserve after
       interview and has no offer yet. A reserve becomes preferred first, and
       only when no other offer is open (the vacancy is one post).
    2. Refuse a salary outside the vacancy's AfC band without a reason, and a
       base site that is not one of the vacancy's (ValidationError by field).
    3. Move the vacancy to "offer made" (from interviewing; it may already be there).
    4. Write the offer and its six checks: the criminal record check at the
       vacancy's DBS level, not required when that is "none".
    5. Move the application to offered (offered_at), write the event, and
       e-mail the candidate after commit.
    """
    now = now or timezone.now()
    outside_band_reason = outside_band_reason.strip()
    with transaction.atomic():
        application = Application.objects.select_for_update().select_related("vacancy").get(pk=application_id)
        vacancy = application.vacancy
        if application.status not in OFFERABLE or Offer.objects.filter(application=application).exists():
            raise OfferRefused(_("This candidate cannot be offered the job now."))
        errors = {}
        rate = outside_band(vacancy, salary)
        if rate and not outside_band_reason:
            errors["outside_band_reason"] = _(
                "The salary is outside %(band)s (%(entry)s to %(top)s): give a reason for it"
            ) % {"band": rate.get_band_display(), "entry": f"£{rate.entry_salary:,.0f}",
                 "top": f"£{rate.top_salary:,.0f}"}
        if not vacancy.sites.filter(pk=base_site.pk).exists():
            errors["base_site"] = _("Choose one of the vacancy's sites")
        if errors:
            raise ValidationError(errors)
        if application.status == AppStatus.INTERVIEW_RESERVE:
            # One post: a reserve is offered the job only once the offer made fell through.
            if open_offers(vacancy).exists():
                raise OfferRefused(_("A reserve can be offered the job only once the open offer is declined "
                                     "or withdrawn."))
            change_application_status(
                application_id=application.pk, to_status=AppStatus.PREFERRED, actor=actor, now=now,
                note="Reserve offered the job",
            )
        if vacancy.status == Vacancy.Status.INTERVIEWING:
            change_vacancy_status(
                vacancy_id=vacancy.pk, to_status=Vacancy.Status.OFFER_MADE, actor=actor, now=now,
                note="Conditional offer made",
            )
        elif vacancy.status != Vacancy.Status.OFFER_MADE:
            raise OfferRefused(_("Offers can be made only while the vacancy is at interview or offer stage."))
        offer = Offer.objects.create(
            application=application, vacancy=vacancy, salary=salary, outside_band_reason=outside_band_reason,
            hours_per_week=hours_per_week, contract_type=contract_type, base_site=base_site,
            proposed_start_date=proposed_start_date, made_by=actor, made_at=now,
        )
        no_dbs = vacancy.dbs_level == DBSLevel.NONE
        Check.objects.bulk_create(
            Check(
                offer=offer, kind=kind,
                status=Check.Status.NOT_REQUIRED if kind == Check.Kind.CRIMINAL_RECORD and no_dbs
                else Check.Status.NOT_STARTED,
                dbs_level=vacancy.dbs_level if kind == Check.Kind.CRIMINAL_RECORD else "",
            )
            for kind in Check.Kind
        )
        change_application_status(
            application_id=application.pk, to_status=AppStatus.OFFERED, actor=actor, now=now,
            note="Conditional offer made",
        )
        event(offer=offer, actor=actor, description="Conditional offer made", note=outside_band_reason, now=now)
        _tell_after_commit(application.pk, "conditional_offer")
    return offer


def _lock_offer(offer_id):
    return Offer.objects.select_for_update().select_related("vacancy").get(pk=offer_id)


def _move_offer(offer, to_status, *, message):
    if not offer.can_move_to(to_status):
        raise OfferRefused(message)
    offer.status = to_status


def accept_offer(*, offer_id, actor, now=None):
    """The candidate accepts the conditional offer."""
    now = now or timezone.now()
    with transaction.atomic():
        offer = _lock_offer(offer_id)
        _move_offer(offer, Offer.Status.ACCEPTED, message=_("This offer can no longer be accepted."))
        offer.responded_at = now
        offer.save(update_fields=["status", "responded_at"])
        event(offer=offer, actor=actor, description="Conditional offer accepted by the candidate", now=now)
    return offer


def decline_offer(*, offer_id, actor, reason="", now=None):
    """The candidate declines the offer (before they start).

    1. Lock the offer; refuse once declined or the start date is confirmed.
    2. The application is withdrawn, with the reason.
    3. With no other offer still open, the vacancy goes back to interviewing,
       so the recruiter can offer the job to a reserve.
    """
    now = now or timezone.now()
    reason = reason.strip()
    with transaction.atomic():
        offer = _lock_offer(offer_id)
        _move_offer(offer, Offer.Status.DECLINED, message=_("This offer can no longer be declined."))
        offer.decline_reason = reason
        offer.responded_at = now
        offer.save(update_fields=["status", "decline_reason", "responded_at"])
        change_application_status(
            application_id=offer.application_id, to_status=AppStatus.WITHDRAWN, actor=actor, now=now,
            note=f"Declined the offer. {reason}".strip(),
        )
        event(offer=offer, actor=actor, description="Offer declined by the candidate", note=reason, now=now)
        reopen_if_no_offer_open(vacancy_id=offer.vacancy_id, actor=actor, now=now)
    return offer


def open_offers(vacancy):
    """The vacancy's offers still in play: not declined, not confirmed, and
    whose candidate has not withdrawn."""
    return Offer.objects.filter(vacancy=vacancy, status__in=(
        Offer.Status.MADE, Offer.Status.ACCEPTED, Offer.Status.UNCONDITIONAL,
    )).exclude(application__status=AppStatus.WITHDRAWN)


def reopen_if_no_offer_open(*, vacancy_id, actor, now=None):
    """Back to interviewing, when an offer fell through and no other is open."""
    vacancy = Vacancy.objects.get(pk=vacancy_id)
    if vacancy.status == Vacancy.Status.OFFER_MADE and not open_offers(vacancy).exists():
        change_vacancy_status(
            vacancy_id=vacancy_id, to_status=Vacancy.Status.INTERVIEWING, actor=actor, now=now,
            note="The offer fell through",
        )


def withdraw_offer_of_application(*, application_id, actor, now=None):
    """The candidate withdrew their application while they held an offer
    (OffersConfig connects this to candidates.signals.application_withdrawn,
    sent in the withdrawal's transaction, so all of it rolls back together):

    1. Lock the application's offer still in play; without one, nothing to do.
    2. Mark it withdrawn by the candidate, with the event: no check, reference
       or unconditional offer can follow.
    3. Cancel its unanswered reference requests: their links stop working and
       beat no longer chases them.
    4. As after a decline, with no other offer open the vacancy goes back to
       interviewing, so the recruiter can offer the job to a reserve.
    """
    now = now or timezone.now()
    with transaction.atomic():
        offer = Offer.objects.select_for_update().filter(application_id=application_id).first()
        if offer is None or not offer.can_move_to(Offer.Status.WITHDRAWN):
            return None
        offer.status = Offer.Status.WITHDRAWN
        offer.save(update_fields=["status"])
        event(offer=offer, actor=actor, now=now,
              description="Offer withdrawn: the candidate withdrew their application")
        # Locked, as a referee answering at this moment locks it (_lock_for_answer).
        unanswered = ReferenceRequest.objects.unanswered().filter(offer=offer).select_related("referee")
        for reference_request in unanswered.select_for_update(of=("self",)).order_by("pk"):
            reference_request.status = ReferenceRequest.Status.CANCELLED
            reference_request.token_key = ""
            reference_request.save(update_fields=["status", "token_key"])
            event(offer=offer, actor=actor, now=now,
                  description=f"Reference request to {reference_request.referee.name} cancelled")
        reopen_if_no_offer_open(vacancy_id=offer.vacancy_id, actor=actor, now=now)
    return offer


# Checks and documents ----------------------------------------------------------------------


def update_check(*, check_id, actor, status, note="", now=None):
    """The recruiter records a check's status, with who, when and a note; the
    first time every required check is cleared, the application's
    checks_cleared_at is set (a stage time)."""
    now = now or timezone.now()
    with transaction.atomic():
        check = Check.objects.select_for_update().select_related("offer").get(pk=check_id)
        if check.status == Check.Status.NOT_REQUIRED or status == Check.Status.NOT_REQUIRED:
            raise OfferRefused(_("This check is not required for this vacancy."))
        if check.offer.status not in (Offer.Status.MADE, Offer.Status.ACCEPTED):
            raise OfferRefused(_("The checks of this offer can no longer change."))
        previous = check.get_status_display()
        check.status = status
        check.note = note.strip()
        check.checked_by = actor
        check.checked_at = now
        check.save(update_fields=["status", "note", "checked_by", "checked_at"])
        event(
            offer=check.offer, actor=actor, now=now, note=check.note,
            description=f"{check.get_kind_display()} check: {previous} → {check.get_status_display()}",
        )
        if all_checks_cleared(check.offer):
            Application.objects.filter(pk=check.offer.application_id, checks_cleared_at__isnull=True).update(
                checks_cleared_at=now
            )
    return check


def checks_not_cleared(offer):
    return [
        check for check in Check.objects.filter(offer=offer).order_by("pk")
        if check.is_required and check.status != Check.Status.CLEARED
    ]


def all_checks_cleared(offer):
    return not checks_not_cleared(offer)


def _start_check(check, *, actor, description, now):
    if check.offer.status not in (Offer.Status.MADE, Offer.Status.ACCEPTED):
        raise OfferRefused(_("The checks of this offer can no longer change."))
    if check.status in (Check.Status.NOT_STARTED, Check.Status.WAITING_FOR_CANDIDATE):
        check.status = Check.Status.IN_PROGRESS
        check.save(update_fields=["status"])
    event(offer=check.offer, actor=actor, description=description, now=now)


def give_share_code(*, check_id, actor, share_code, now=None):
    """The candidate gives their Home Office share code: the right to work
    check can start from it."""
    now = now or timezone.now()
    with transaction.atomic():
        check = Check.objects.select_for_update().select_related("offer").get(pk=check_id)
        if check.kind != Check.Kind.RIGHT_TO_WORK:
            raise OfferRefused(_("Only the right to work check takes a share code."))
        check.share_code = share_code
        check.save(update_fields=["share_code"])
        _start_check(check, actor=actor, description="Share code given for the right to work check", now=now)
    return check


def add_document(*, check_id, actor, upload, content_type, now=None):
    """Keep a document the candidate uploaded for a check (already checked by
    offers.forms.DocumentForm: its size, and its type by its content) in the
    private storage. The file is removed again if the transaction fails."""
    now = now or timezone.now()
    with transaction.atomic():
        check = Check.objects.select_for_update().select_related("offer").get(pk=check_id)
        if check.documents_asked is None:
            raise OfferRefused(_("This check does not ask for documents."))
        document = Document(
            offer_check=check, original_name=upload.name[:200], content_type=content_type, size=upload.size,
            uploaded_by=actor, uploaded_at=now,
        )
        document.file.save("upload", upload, save=False)
        name, storage = document.file.name, document.file.storage
        try:
            document.save()
            _start_check(
                check, actor=actor, now=now,
                description=f"Document uploaded for the {check.get_kind_display().lower()} check",
            )
        except Exception:
            storage.delete(name)
            raise
    return document


def forget_applications(*, application_ids):
    """What the offers keep of applications at the end of their retention
    (OffersConfig connects this to candidates.signals.applications_anonymising,
    sent in the anonymising transaction):

    1. Delete their documents: rows now, files once the transaction commits
       (a rollback keeps both).
    2. Clear what the candidate or the staff wrote about them: share codes,
       check notes, the reason for declining, and the offers' history, whose
       entries name referees and quote notes. The offer's terms and its
       checks' statuses stay, with the application's events, for the reports.
    (The references go with the candidate's referees, which candidates deletes.)
    Returns how many documents were deleted.
    """
    documents = Document.objects.filter(offer_check__offer__application_id__in=application_ids)
    names = list(documents.values_list("file", flat=True))
    documents.delete()
    Check.objects.filter(offer__application_id__in=application_ids).update(share_code="", note="")
    Offer.objects.filter(application_id__in=application_ids).update(decline_reason="", outside_band_reason="")
    OfferEvent.objects.filter(offer__application_id__in=application_ids).delete()
    storage = Document._meta.get_field("file").storage

    def delete_files():
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete_files)
    return len(names)


# The unconditional offer and the start date --------------------------------------------


def make_unconditional_offer(*, offer_id, actor, start_date, now=None):
    """Offer the job unconditionally, with a start date: only once the
    candidate has accepted the conditional offer and every required check is
    cleared (refused otherwise, naming the checks still open)."""
    now = now or timezone.now()
    with transaction.atomic():
        offer = _lock_offer(offer_id)
        if offer.status != Offer.Status.ACCEPTED:
            raise OfferRefused(_("The candidate must accept the conditional offer first."))
        not_cleared = checks_not_cleared(offer)
        if not_cleared:
            raise OfferRefused(
                _("Every check must be cleared before an unconditional offer. Not cleared: %(checks)s.")
                % {"checks": ", ".join(str(check.get_kind_display()).lower() for check in not_cleared)}
            )
        offer.status = Offer.Status.UNCONDITIONAL
        offer.start_date = start_date
        offer.unconditional_at = now
        offer.save(update_fields=["status", "start_date", "unconditional_at"])
        Application.objects.filter(pk=offer.application_id, unconditional_offered_at__isnull=True).update(
            unconditional_offered_at=now
        )
        event(offer=offer, actor=actor, now=now,
              description=f"Unconditional offer made, starting {date_format(start_date, 'j F Y')}")
        _tell_after_commit(offer.application_id, "unconditional_offer")
    return offer


def confirm_start_date(*, offer_id, actor, now=None):
    """The candidate confirms the start date of the unconditional offer.

    1. Lock the offer; refuse unless it is unconditional.
    2. The application becomes appointed, with its start date.
    3. The vacancy is filled; every other application still open becomes
       unsuccessful, and each candidate is told after commit.
    """
    now = now or timezone.now()
    with transaction.atomic():
        offer = _lock_offer(offer_id)
        _move_offer(offer, Offer.Status.START_CONFIRMED, message=_("There is no start date to confirm."))
        offer.start_confirmed_at = now
        offer.save(update_fields=["status", "start_confirmed_at"])
        change_application_status(
            application_id=offer.application_id, to_status=AppStatus.APPOINTED, actor=actor, now=now,
            note="Start date confirmed", start_date=offer.start_date,
        )
        event(offer=offer, actor=actor, now=now,
              description=f"Start date {date_format(offer.start_date, 'j F Y')} confirmed by the candidate")
        change_vacancy_status(
            vacancy_id=offer.vacancy_id, to_status=Vacancy.Status.FILLED, actor=actor, now=now,
            note="Start date confirmed",
        )
        others = Application.objects.filter(vacancy_id=offer.vacancy_id, status__in=STILL_OPEN).exclude(
            pk=offer.application_id
        )
        for application_id in others.order_by("pk").values_list("pk", flat=True):
            change_application_status(
                application_id=application_id, to_status=AppStatus.UNSUCCESSFUL, actor=actor, now=now,
                note="The vacancy was filled",
            )
            _tell_after_commit(application_id, "vacancy_filled")
    return offer


# E-mails to candidates -------------------------------------------------------------------


def candidate_link(application):
    return settings.SITE_URL.rstrip("/") + reverse("offers:candidate_offer", kwargs={"application_id": application.pk})


def send_candidate_notice(*, application, kind, now=None):
    """Write one of NOTICES to the candidate, once: its CandidateNotice row is
    the claim, in the same transaction as the e-mail's row (the queued backend),
    so a task run twice writes it once. Returns whether this call wrote it."""
    email = NOTICES[kind]
    values = {}
    link = candidate_link(application)
    if kind == "unconditional_offer":
        offer = Offer.objects.get(application=application)
        values["start_date"] = date_format(offer.start_date, "j F Y")
    if kind == "vacancy_filled":
        link = settings.SITE_URL.rstrip("/") + reverse(
            "candidates:application_detail", kwargs={"application_id": application.pk}
        )
    try:
        with transaction.atomic():
            CandidateNotice.objects.create(application=application, kind=kind, sent_at=now or timezone.now())
            sent = send_to_candidate(application=application, email=email, link=link, values=values)
    except IntegrityError:
        logger.info("%s to application %s already sent", kind, application.pk)
        return False
    return sent
