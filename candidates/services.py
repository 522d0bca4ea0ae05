"""Operations that change applications. Each runs in one transaction, and every
change of status goes through change_application_status, which checks the move
against Application.TRANSITIONS and writes the event."""

import datetime
import logging
from contextlib import contextmanager

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from vacancies.models import Vacancy
from vacancies.services import close_if_cap_reached

from .models import (
    COPIED_SECTIONS,
    Adjustments,
    Application,
    ApplicationEvent,
    Declarations,
    Employment,
    EmploymentHistory,
    PersonalDetails,
    Qualification,
    Referee,
    RightToWork,
    Section,
    SectionProgress,
    SupportingInformation,
)

logger = logging.getLogger(__name__)
Status = Application.Status


class TransitionNotAllowed(Exception):
    """The application cannot make this move now; the message says why, for the user."""


class ApplicationNotEditable(Exception):
    """The application has been submitted: its answers can no longer change."""

    def __init__(self, application):
        self.application = application
        super().__init__(_("You cannot change an application after you have submitted it."))


class VacancyNotOpen(Exception):
    """The vacancy no longer takes new applications."""


class SubmissionRefused(Exception):
    """The application was not submitted; `reason` says why in a word, the
    message in plain words for the candidate, `sections` lists what is missing
    and `checked_at` is when the vacancy was checked."""

    def __init__(self, message, *, reason, sections=(), checked_at=None):
        super().__init__(message)
        self.reason = reason
        self.sections = list(sections)
        self.checked_at = checked_at


# Timestamps set when an application enters a status.
_STATUS_TIMESTAMPS = {
    Status.SUBMITTED: "submitted_at",
    Status.WITHDRAWN: "withdrawn_at",
}


def change_application_status(*, application_id, to_status, actor=None, note="", now=None, **changes):
    """Move an application to another status: the one way any status changes.

    1. Lock the application row, so two requests cannot both move it from the same status.
    2. Refuse a move that Application.TRANSITIONS does not allow; nothing changes.
    3. Set the status, its time and any other `changes`; save only those fields.
    4. Write an ApplicationEvent: who, when, from, to and why.
    """
    now = now or timezone.now()
    to_status = Status(to_status)
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application_id)
        from_status = Status(application.status)
        if not application.can_move_to(to_status):
            raise TransitionNotAllowed(
                _("An application that is %(from)s cannot become %(to)s.")
                % {"from": from_status.label.lower(), "to": to_status.label.lower()}
            )
        application.status = to_status
        application.status_changed_at = now
        update_fields = {"status", "status_changed_at", "updated_at", *changes}
        for field, value in changes.items():
            setattr(application, field, value)
        timestamp_field = _STATUS_TIMESTAMPS.get(to_status)
        if timestamp_field:
            setattr(application, timestamp_field, now)
            update_fields.add(timestamp_field)
        application.save(update_fields=sorted(update_fields))
        ApplicationEvent.objects.create(
            application=application, actor=actor, from_status=from_status, to_status=to_status, note=note,
            created_at=now,
        )
    return application


# Starting and filling in ------------------------------------------------------------


def start_application(*, candidate, vacancy, now=None):
    """The candidate's one application for a vacancy: theirs if they have one,
    else a new draft while the vacancy is open. Returns (application, created).

    A new draft starts with a copy of the sections of the candidate's last
    application that do not depend on the vacancy (COPIED_SECTIONS), each
    marked incomplete so the candidate checks it.
    """
    now = now or timezone.now()
    existing = Application.objects.filter(candidate=candidate, vacancy=vacancy).first()
    if existing:
        return existing, False
    if not vacancy.is_open(now):
        raise VacancyNotOpen(_("This vacancy has closed. It no longer accepts applications."))
    previous = Application.objects.filter(candidate=candidate).order_by("-created_at", "-id").first()
    with transaction.atomic():
        try:
            with transaction.atomic():
                application = Application.objects.create(
                    vacancy=vacancy, candidate=candidate, copied_from=previous, created_at=now, status_changed_at=now
                )
        except IntegrityError:
            # The same candidate clicked twice at once: the other click made it.
            return Application.objects.get(candidate=candidate, vacancy=vacancy), False
        if previous:
            copy_answers(source=previous, target=application)
    return application, True


_ONE_TO_ONE_COPIED = {
    Section.PERSONAL_DETAILS: PersonalDetails,
    Section.RIGHT_TO_WORK: RightToWork,
    Section.EMPLOYMENT_HISTORY: EmploymentHistory,
    Section.ADJUSTMENTS: Adjustments,
}
_ROWS_COPIED = {
    Section.EMPLOYMENT_HISTORY: Employment,
    Section.QUALIFICATIONS: Qualification,
    Section.REFERENCES: Referee,
}


def copy_answers(*, source, target):
    """Copy the sections of COPIED_SECTIONS the candidate started in `source`
    into the draft `target`, each marked incomplete."""
    started = set(source.progress.filter(section__in=COPIED_SECTIONS).values_list("section", flat=True))
    for section in COPIED_SECTIONS:
        if section not in started:
            continue
        model = _ONE_TO_ONE_COPIED.get(section)
        if model:
            row = model.objects.filter(application=source).first()
            if row:
                _clone(row, application=target).save()
        model = _ROWS_COPIED.get(section)
        if model:
            rows = model.objects.filter(application=source)
            model.objects.bulk_create(_clone(row, application=target) for row in rows)
        SectionProgress.objects.create(application=target, section=section, completed_at=None)


def _clone(row, **changes):
    fields = {
        field.attname: getattr(row, field.attname)
        for field in type(row)._meta.concrete_fields
        if not field.primary_key and field.name not in changes
    }
    return type(row)(**fields, **changes)


@contextmanager
def editing_section(*, application, section, complete, now=None):
    """Wrap the saving of a section's answers:

        with services.editing_section(application=application, section=Section.PERSONAL_DETAILS, complete=True):
            form.save()

    1. Lock the application row and refuse (ApplicationNotEditable) unless it is
       still a draft: a save racing the submission in another tab waits for it,
       then changes nothing.
    2. Run the block, which writes the answers.
    3. Mark the section complete, or incomplete while the candidate is still on it.
    """
    now = now or timezone.now()
    with transaction.atomic():
        status = Application.objects.select_for_update().values_list("status", flat=True).get(pk=application.pk)
        if status != Status.DRAFT:
            raise ApplicationNotEditable(application)
        yield
        SectionProgress.objects.update_or_create(
            application_id=application.pk, section=section, defaults={"completed_at": now if complete else None}
        )


# Submitting and withdrawing -----------------------------------------------------------


def submit_application(*, application_id, actor, now=None):
    """Submit a draft application.

    1. Lock the application with its answers' progress, so no section changes
       under us (services.editing_section takes the same lock).
    2. Lock the vacancy row: submissions to one vacancy queue here, so the
       closing time and the cap are checked against every submission committed
       before this one, and two at the same instant can never both squeeze in.
       Read the time only now, so no application is accepted after the closing
       time however long it waited for the lock. Everything slow was read
       before this lock: on closing day it is the queue every candidate joins.
    3. Refuse unless it is a draft, the vacancy is open (closing time not
       passed, not closed for its cap or by hand) and every required section is
       complete. A refusal changes nothing: the draft stays as it was.
    4. Give it the vacancy's next anonymous code and move it to submitted
       (event and submitted_at).
    5. Close the vacancy when this application reaches its cap (if it has one).
    6. Write the confirmation e-mail: queued as a row in this transaction, it
       goes out after commit (accounts.mail.QueuedEmailBackend).
    """
    with transaction.atomic():
        # of=("self",): lock the application row only, not the sections joined to it.
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("declarations", "guaranteed_interview")
            .prefetch_related("progress")
            .get(pk=application_id)
        )
        # Locks are always taken application first, then vacancy (as here and in
        # close_if_cap_reached), never the other way, so submissions cannot deadlock.
        vacancy = Vacancy.objects.select_for_update().get(pk=application.vacancy_id)
        application.vacancy = vacancy
        checked_at = now or timezone.now()
        if application.status != Status.DRAFT:
            raise SubmissionRefused(
                _("You have already submitted this application."), reason="not_draft", checked_at=checked_at
            )
        # Counting every application received is needed only for a cap, and
        # grows with the vacancy: closing day must not slow down as it fills.
        has_cap = vacancy.application_cap is not None
        received = Application.objects.filter(vacancy_id=vacancy.pk).received().count() if has_cap else None
        _refuse_unless_open(vacancy, received=received, now=checked_at)
        missing = application.incomplete_sections()
        if missing:
            raise SubmissionRefused(
                _("Complete every section before you submit. Still to complete: %(sections)s.")
                % {"sections": ", ".join(str(section.label) for section in missing)},
                reason="incomplete",
                sections=missing,
                checked_at=checked_at,
            )
        # The highest code so far comes from the (vacancy, anonymous_number) unique index.
        last_number = Application.objects.filter(vacancy_id=vacancy.pk).aggregate(last=Max("anonymous_number"))["last"]
        application = change_application_status(
            application_id=application_id,
            to_status=Status.SUBMITTED,
            actor=actor,
            now=checked_at,
            anonymous_number=(last_number or 0) + 1,
        )
        if has_cap:
            close_if_cap_reached(vacancy_id=vacancy.pk, received=received + 1, now=checked_at)
        send_submission_confirmation(application=application)
    return application


def _refuse_unless_open(vacancy, *, received, now):
    """`received`: the applications the vacancy has received, when it has a cap."""
    kept = _("Your application has not been submitted. We have kept your answers.")
    if vacancy.application_cap is not None and received >= vacancy.application_cap:
        message = _("This vacancy closed early because it received as many applications as it needed.")
        raise SubmissionRefused(f"{message} {kept}", reason="cap", checked_at=now)
    if vacancy.closing_at <= now:
        closing = timezone.localtime(vacancy.closing_at)
        message = _("This vacancy closed on %(date)s at %(time)s.") % {
            "date": date_format(closing, "j F Y"),
            # GOV.UK style: 11:59pm, 9am.
            "time": f"{closing:%I:%M%p}".lstrip("0").replace(":00", "").lower(),
        }
        raise SubmissionRefused(f"{message} {kept}", reason="closing_time", checked_at=now)
    if vacancy.status != Vacancy.Status.PUBLISHED:
        message = _("This vacancy is no longer accepting applications.")
        raise SubmissionRefused(f"{message} {kept}", reason="closed", checked_at=now)


def withdraw_application(*, application_id, actor, reason="", now=None):
    """The candidate withdraws their application, before an outcome."""
    return change_application_status(
        application_id=application_id,
        to_status=Status.WITHDRAWN,
        actor=actor,
        now=now,
        note=reason.strip() or "Withdrawn by the candidate",
    )


# E-mails ----------------------------------------------------------------------------------


def send_submission_confirmation(*, application, now=None):
    """E-mail the candidate that their application arrived, with its reference. Once:

    1. Claim the e-mail with a conditional UPDATE of confirmation_sent_at, so
       it is written once however often this is called.
    2. Send it to the address in their personal details (else their account's);
       with the queued e-mail backend that writes a row that a worker delivers
       after commit, retrying if the mail server fails.

    Returns whether this call sent it.
    """
    now = now or timezone.now()
    claimed = Application.objects.filter(pk=application.pk, confirmation_sent_at__isnull=True).update(
        confirmation_sent_at=now
    )
    if not claimed:
        logger.info("Confirmation of application %s already sent", application.pk)
        return False
    details = PersonalDetails.objects.filter(application=application).first()
    context = {
        "application": application,
        "vacancy": application.vacancy,
        "name": details.full_name if details else application.candidate.get_full_name(),
        "site_url": settings.SITE_URL.rstrip("/"),
        "service_name": settings.SITE_NAME,
    }
    subject = render_to_string("candidates/email/submission_confirmation_subject.txt", context).strip()
    body = render_to_string("candidates/email/submission_confirmation_body.txt", context)
    recipient = (details.email if details and details.email else "") or application.candidate.email
    send_mail(subject, body, None, [recipient])
    logger.info("Queued confirmation of application %s", application.pk)
    return True


# Deleted accounts and retention -------------------------------------------------------


def forget_candidate(*, user):
    """What happens to a candidate's applications when they delete their account.

    1. Drafts are deleted: no trust has seen them.
    2. Applications a trust received stay with the trust, detached from the
       account, until their retention ends (anonymise_expired_applications):
       the trust may still be deciding, and must report on its recruitment.
    Runs inside accounts.services.delete_account's transaction, before the
    user row goes: CandidatesConfig.ready connects it to account_deleting.
    """
    drafts = Application.objects.filter(candidate=user, status=Status.DRAFT)
    drafts_deleted = drafts.count()
    drafts.delete()
    kept = Application.objects.filter(candidate=user).update(candidate=None)
    return drafts_deleted, kept


# The statuses whose personal information goes at the end of retention: no job
# came of them. An appointed candidate's application becomes their staff record.
_ENDED_WITHOUT_APPOINTMENT = [Status.NOT_SHORTLISTED, Status.UNSUCCESSFUL, Status.WITHDRAWN]


def anonymise_expired_applications(*, now=None):
    """Remove personal information from applications past their retention.

    NHS Jobs deletes unsuccessful applications within 460 days of the closing
    date (settings.APPLICATION_RETENTION_DAYS). This keeps the application's
    code, status, events, guaranteed interview request and equality
    monitoring answers, which the trust's WRES and WDES reports count, and
    deletes everything that says who the candidate was or what they wrote.
    Idempotent: an anonymised application is not touched again.
    Returns how many were anonymised.
    """
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.APPLICATION_RETENTION_DAYS)
    expired = Application.objects.filter(
        anonymised_at__isnull=True, vacancy__closing_at__lt=cutoff
    ).filter(Q(status__in=_ENDED_WITHOUT_APPOINTMENT) | Q(candidate__isnull=True))
    ids = list(expired.values_list("pk", flat=True)[:1000])
    with transaction.atomic():
        for model in (PersonalDetails, RightToWork, EmploymentHistory, Employment, Qualification,
                      SupportingInformation, Referee, Declarations, Adjustments):
            model.objects.filter(application_id__in=ids).delete()
        Application.objects.filter(pk__in=ids).update(candidate=None, anonymised_at=now)
    if ids:
        logger.info("Anonymised %s applications past their retention", len(ids))
    return len(ids)
