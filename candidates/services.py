"""Operations that change applications. Each runs in one transaction, and every
change of status goes through change_application_status, which checks the move
against Application.TRANSITIONS and writes the event."""

import datetime
import logging
import time
from contextlib import contextmanager

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from nhsuk.formats import nhs_time
from vacancies.models import Vacancy
from vacancies.services import close_if_cap_reached

from . import emails
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
from .signals import application_withdrawn, applications_anonymising

logger = logging.getLogger(__name__)
Status = Application.Status

# bench/submit.py sets this to a function that takes how many milliseconds a
# submission held its vacancy's row lock; None otherwise, so production pays
# for two time.perf_counter() calls and nothing else.
vacancy_lock_held = None


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


# Timestamps set when an application first enters a status: the stage times
# that time to hire and the funnel are measured from. Each keeps its first
# value, so a later move (a reserve after interview named preferred when the
# first choice declines, say) does not rewrite when a stage was first reached.
_STATUS_TIMESTAMPS = {
    Status.SUBMITTED: "submitted_at",
    Status.WITHDRAWN: "withdrawn_at",
    Status.SHORTLISTED: "shortlisted_at",
    Status.INVITED_TO_INTERVIEW: "invited_at",
    Status.PREFERRED: "preferred_at",
    Status.OFFERED: "offered_at",
    Status.APPOINTED: "appointed_at",
    Status.NOT_SHORTLISTED: "unsuccessful_at",
    Status.UNSUCCESSFUL: "unsuccessful_at",
}


def change_application_status(*, application_id, to_status, actor=None, note="", now=None, **changes):
    """Move an application to another status: the one way any status changes.

    1. Lock the application row, so two requests cannot both move it from the same status.
    2. Refuse a move that Application.TRANSITIONS does not allow; nothing changes.
    3. Set the status, its time and any other `changes`; save only those fields.
    4. Write an ApplicationEvent: who, when, from, to and why.
    """
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application_id)
        return _move_locked_application(application, to_status, actor=actor, note=note, now=now, **changes)


def _move_locked_application(application, to_status, *, actor, note, now, **changes):
    """Steps 2 to 4 of change_application_status, for a caller that holds the
    application's row lock in its transaction (submit_application, which must
    not spend a savepoint and a second SELECT while it holds the vacancy's)."""
    now = now or timezone.now()
    to_status = Status(to_status)
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
    if timestamp_field and getattr(application, timestamp_field) is None:
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
       under us (services.editing_section takes the same lock); refuse one
       already submitted.
    2. Lock the vacancy row: submissions to one vacancy queue here, so the
       closing time and the cap are checked against every submission committed
       before this one, and two at the same instant can never both squeeze in
       or take the same code. On closing day every candidate joins this queue,
       so it is held for what needs it and nothing else, until the commit:
       a. read the time only now, so no application is accepted after the
          closing time however long it waited for the lock;
       b. refuse unless the vacancy is open (closing time not passed, not
          closed for its cap or by hand) and every required section is
          complete; a refusal changes nothing, the draft stays as it was;
       c. give it the vacancy's next anonymous code and move it to submitted
          (event and submitted_at);
       d. close the vacancy when this application reaches its cap; once that
          commits, a worker e-mails the candidates with drafts for it
          (tell_drafts_closed_at_cap), away from the lock and this request.
    3. After the commit, write the confirmation e-mail in a transaction of its
       own (send_submission_confirmation). It names the time of step 2a, so in
       the submission's transaction it would keep the lock while it is rendered
       and written. It need not be atomic with the submission: the application
       row says what is owed (submitted, no confirmation_sent_at), so if this
       process dies between the two commits, or the e-mail cannot be written,
       the beat task candidates.send_missing_confirmations writes it within
       minutes; a submission that rolled back is never confirmed.

    Called outside a transaction (as the view is): inside one, the lock would
    be held until that one commits.
    """
    with transaction.atomic():
        # of=("self",): lock the application row only, not the sections joined to it.
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("declarations", "guaranteed_interview")
            .prefetch_related("progress")
            .get(pk=application_id)
        )
        if application.status != Status.DRAFT:
            raise SubmissionRefused(
                _("You have already submitted this application."),
                reason="not_draft",
                checked_at=now or timezone.now(),
            )
        # Locks are always taken application first, then vacancy (as here and in
        # close_if_cap_reached), never the other way, so submissions cannot deadlock.
        vacancy = Vacancy.objects.select_for_update().get(pk=application.vacancy_id)
        locked_at = time.perf_counter()
        application = _submit_while_vacancy_locked(application, vacancy, actor=actor, now=now or timezone.now())
    if vacancy_lock_held is not None:
        vacancy_lock_held((time.perf_counter() - locked_at) * 1000)
    try:
        send_submission_confirmation(application=application)
    except Exception:
        # The submission stands; the beat task writes the e-mail later.
        logger.exception("Could not write the confirmation of application %s", application.pk)
    return application


def _submit_while_vacancy_locked(application, vacancy, *, actor, now):
    """Steps 2b to 2d of submit_application, with the vacancy row locked."""
    application.vacancy = vacancy
    # Counting every application received is needed only for a cap, and
    # grows with the vacancy: closing day must not slow down as it fills.
    has_cap = vacancy.application_cap is not None
    received = Application.objects.filter(vacancy_id=vacancy.pk).received().count() if has_cap else None
    _refuse_unless_open(vacancy, received=received, now=now)
    # In memory (the answers were fetched with the application), against the
    # vacancy as locked: its DBS level and schemes decide what is complete.
    missing = application.incomplete_sections()
    if missing:
        raise SubmissionRefused(
            _("Complete every section before you submit. Still to complete: %(sections)s.")
            % {"sections": ", ".join(str(section.label) for section in missing)},
            reason="incomplete",
            sections=missing,
            checked_at=now,
        )
    # The highest code so far comes from the (vacancy, anonymous_number) unique index.
    last_number = Application.objects.filter(vacancy_id=vacancy.pk).aggregate(last=Max("anonymous_number"))["last"]
    # The application's row lock was taken in step 1: move it without another.
    application = _move_locked_application(
        application, Status.SUBMITTED, actor=actor, note="", now=now, anonymous_number=(last_number or 0) + 1
    )
    if has_cap and close_if_cap_reached(vacancy_id=vacancy.pk, received=received + 1, now=now):
        _tell_drafts_closed_at_cap_after_commit(vacancy_id=vacancy.pk)
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
            "time": nhs_time(closing),
        }
        raise SubmissionRefused(f"{message} {kept}", reason="closing_time", checked_at=now)
    if vacancy.status != Vacancy.Status.PUBLISHED:
        message = _("This vacancy is no longer accepting applications.")
        raise SubmissionRefused(f"{message} {kept}", reason="closed", checked_at=now)


def withdraw_application(*, application_id, actor, reason="", now=None):
    """The candidate withdraws their application, before an outcome: the move,
    then signals.application_withdrawn in the same transaction."""
    now = now or timezone.now()
    with transaction.atomic():
        application = change_application_status(
            application_id=application_id,
            to_status=Status.WITHDRAWN,
            actor=actor,
            now=now,
            note=reason.strip() or "Withdrawn by the candidate",
        )
        application_withdrawn.send(sender=Application, application_id=application.pk, actor=actor, now=now)
    return application


# E-mails ----------------------------------------------------------------------------------


def send_submission_confirmation(*, application, now=None):
    """E-mail the candidate that their application arrived, with its reference. Once,
    in one transaction:

    1. Claim the e-mail with a conditional UPDATE of confirmation_sent_at, so
       it is written once however often, and from wherever, this is called.
    2. Send it to the address in their personal details (else their account's);
       with the queued e-mail backend that writes a row that a worker delivers
       after commit, retrying if the mail server fails. If writing it fails,
       the claim is undone with it, so the beat task tries again.

    Returns whether this call sent it.
    """
    now = now or timezone.now()
    with transaction.atomic():
        claimed = Application.objects.filter(pk=application.pk, confirmation_sent_at__isnull=True).update(
            confirmation_sent_at=now
        )
        if not claimed:
            logger.info("Confirmation of application %s already sent", application.pk)
            return False
        date, time_of_day = emails.local_date_and_time(application.submitted_at)
        emails.send_to_candidate(
            application=application,
            email=emails.SUBMISSION_CONFIRMATION,
            link=emails.site_link("candidates:application_list"),
            values={"application_reference": application.reference, "submitted": f"{date}, {time_of_day}"},
        )
    logger.info("Queued confirmation of application %s", application.pk)
    return True


# A submission writes its confirmation milliseconds after it commits; one still
# owed after CONFIRMATION_OWED_AFTER lost its process on the way. Past
# CONFIRMATION_NEWS_FOR it is no longer news (the candidate sees the application
# in their account), and rows from before confirmations were recorded are never
# e-mailed out of the blue.
CONFIRMATION_OWED_AFTER = datetime.timedelta(minutes=2)
CONFIRMATION_NEWS_FOR = datetime.timedelta(days=1)


def send_missing_confirmations(*, now=None):
    """Write the confirmations that submissions committed but never wrote
    (submit_application, step 3). Returns how many were written."""
    now = now or timezone.now()
    owed = Application.objects.filter(
        status=Status.SUBMITTED,
        confirmation_sent_at__isnull=True,
        candidate__isnull=False,
        submitted_at__gte=now - CONFIRMATION_NEWS_FOR,
        submitted_at__lt=now - CONFIRMATION_OWED_AFTER,
    ).select_related("vacancy__organisation", "candidate")
    return sum(send_submission_confirmation(application=application, now=now) for application in owed)


def _tell_drafts_closed_at_cap_after_commit(*, vacancy_id):
    from .tasks import tell_drafts_closed_at_cap  # tasks imports this module

    transaction.on_commit(lambda: tell_drafts_closed_at_cap.delay(vacancy_id=vacancy_id))


def tell_drafts_closed_at_cap(*, vacancy, now=None):
    """E-mail every candidate with a draft for a vacancy that closed on reaching
    its cap: it has closed, and their draft is kept. One e-mail each:

    1. Nothing if the vacancy was reopened meanwhile: the drafts can be submitted.
    2. For each draft not yet told of this closing, claim its e-mail with a
       conditional UPDATE of closed_notice_sent_at, so a task that runs twice
       (late acknowledgement) writes it once; a draft told of an earlier
       closing, before a reopening, is told of this one too.
    3. Write it in the claim's transaction, to the address in their personal
       details (else their account's): the queued e-mail backend's row, which
       a worker delivers after commit, retrying if the mail server fails.

    Returns how many were written.
    """
    now = now or timezone.now()
    if vacancy.status == Vacancy.Status.PUBLISHED or vacancy.closed_at is None:
        logger.info("Vacancy %s is open again: no drafts told it closed", vacancy.reference)
        return 0
    not_told = Q(closed_notice_sent_at__isnull=True) | Q(closed_notice_sent_at__lt=vacancy.closed_at)
    drafts = Application.objects.filter(not_told, vacancy=vacancy, status=Status.DRAFT, candidate__isnull=False)
    sent = 0
    for application_id in drafts.order_by("pk").values_list("pk", flat=True):
        with transaction.atomic():
            claimed = Application.objects.filter(not_told, pk=application_id, status=Status.DRAFT).update(
                closed_notice_sent_at=now
            )
            if not claimed:
                continue  # Told by another run, or submitted meanwhile.
            application = Application.objects.select_related("candidate").get(pk=application_id)
            application.vacancy = vacancy
            emails.send_to_candidate(
                application=application,
                email=emails.CLOSED_AT_CAP,
                link=emails.site_link("candidates:application_detail", application_id=application.pk),
            )
        sent += 1
    logger.info("Told %s candidates with drafts that vacancy %s closed at its cap", sent, vacancy.reference)
    return sent


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
        if ids:
            applications_anonymising.send(sender=Application, application_ids=ids)
        for model in (PersonalDetails, RightToWork, EmploymentHistory, Employment, Qualification,
                      SupportingInformation, Referee, Declarations, Adjustments):
            model.objects.filter(application_id__in=ids).delete()
        Application.objects.filter(pk__in=ids).update(candidate=None, anonymised_at=now)
    if ids:
        logger.info("Anonymised %s applications past their retention", len(ids))
    return len(ids)


def tell_drafts_closing_time_changed(*, vacancy_id, old_closing_at, new_closing_at):
    """E-mail every candidate with a draft for the vacancy that its closing time
    moved: one e-mail each, to the address in their personal details (else
    their account's). CandidatesConfig.ready connects it to
    vacancies.signals.closing_time_changed, which is sent after commit; the
    queued e-mail backend writes a row per e-mail that a worker delivers.
    Returns how many were queued."""
    drafts = (
        Application.objects.filter(vacancy_id=vacancy_id, status=Status.DRAFT, candidate__isnull=False)
        .select_related("candidate", "vacancy__organisation", "personal_details")
        .order_by("pk")
    )
    closing_date, closing_time = emails.local_date_and_time(new_closing_at)
    sent = 0
    with transaction.atomic():
        for application in drafts:
            sent += emails.send_to_candidate(
                application=application,
                email=emails.CLOSING_TIME_CHANGED,
                link=emails.site_link("candidates:application_detail", application_id=application.pk),
                values={"closing_date": closing_date, "closing_time": closing_time},
            )
    logger.info("Told %s candidates with drafts that vacancy %s closes later", sent, vacancy_id)
    return sent
