"""Changing a live (published) advert. A workflow module beside services.py,
kept apart because services.py is near the size limit of tests/test_architecture.py.

What may change, and how (the README's "Changing a live advert"):

- At once, without approval: corrections to the job summary, main duties,
  "working for our organisation" and additional information; the contact for
  enquiries; adding a job location; and moving the closing time later (moving
  it earlier is "Close early", which exists).
- Only with a fresh approval by another recruiter (the four eyes of
  Vacancy.may_be_approved_by): pay scheme, band, salary figures, period and
  text, contract, working patterns and hours. They are held as a
  ProposedChange while the live advert stays as it is, then applied on
  approval, or rejected with a reason.
- Not at all: the job title and the person specification (with the applicant
  requirements). Candidates are applying against them: the title is what they
  applied for (their list of applications, their e-mails, job boards that
  copied the advert) and the person specification is what the panel scores
  them on. To change those, withdraw the vacancy and advertise it again.
  Sites are only added: candidates may have applied for a site.

Every change writes a VacancyEvent with the before and after values, shown in
the vacancy's history. Moving the closing time sends signals.closing_time_changed
after commit; candidates e-mails every candidate with a draft.
"""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nhsuk.formats import nhs_datetime

from .models import ProposedChange, Vacancy, VacancyEvent
from .services import TransitionNotAllowed
from .signals import closing_time_changed

Status = Vacancy.Status

# Fields a recruiter may correct at once on a live advert.
IMMEDIATE_FIELDS = (
    "job_summary", "main_duties", "about_us", "additional_information",
    "contact_name", "contact_job_title", "contact_email", "contact_phone",
)
# Fields that change the offer itself: a second recruiter approves first.
APPROVAL_FIELDS = (
    "pay_scheme", "band", "salary_from", "salary_to", "salary_period", "salary_text",
    "contract_type", "contract_length", "full_time", "part_time", "flexible_working", "job_share",
    "home_or_hybrid", "hours_per_week",
)


class ChangeRefused(TransitionNotAllowed):
    """The change cannot be made; `field` names the form field the message belongs beside."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


def local_time_text(moment):
    """20 December 2026 at 11:59pm: NHS.UK style."""
    return nhs_datetime(moment)


def describe(vacancy, field_name, value):
    """A field's value as the history shows it."""
    field = Vacancy._meta.get_field(field_name)
    if value in (None, ""):
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


def _changes(vacancy, values):
    return [
        {
            "field": name,
            "label": str(Vacancy._meta.get_field(name).verbose_name).capitalize(),
            "before": describe(vacancy, name, getattr(vacancy, name)),
            "after": describe(vacancy, name, value),
        }
        for name, value in values.items()
        if getattr(vacancy, name) != value
    ]


def _locked_live_vacancy(vacancy_id):
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy_id)
    if vacancy.status != Status.PUBLISHED:
        raise ChangeRefused(
            _("Only a published vacancy's advert can be changed this way. This one is %(status)s.")
            % {"status": vacancy.get_status_display().lower()}
        )
    return vacancy


def _record(vacancy, actor, changes, note, now):
    return VacancyEvent.objects.create(
        vacancy=vacancy, actor=actor, from_status=vacancy.status, to_status=vacancy.status,
        note=note, changes=changes, created_at=now,
    )


def change_live_advert(*, vacancy_id, actor, values, now=None):
    """Correct the text or the contact of a published advert at once.

    1. Lock the vacancy; refuse unless it is published, and refuse any field
       that is not in IMMEDIATE_FIELDS.
    2. Set the fields that differ; save only those.
    3. Write an event with the before and after of each.
    Returns the changes (empty when nothing differed: no event then).
    """
    now = now or timezone.now()
    if unknown := set(values) - set(IMMEDIATE_FIELDS):
        raise ChangeRefused(_("These cannot be changed on a live advert: %s") % ", ".join(sorted(unknown)))
    with transaction.atomic():
        vacancy = _locked_live_vacancy(vacancy_id)
        changes = _changes(vacancy, values)
        if changes:
            for change in changes:
                setattr(vacancy, change["field"], values[change["field"]])
            vacancy.save(update_fields=[change["field"] for change in changes] + ["updated_at"])
            _record(vacancy, actor, changes, "Changed the live advert", now)
    return changes


def add_sites(*, vacancy_id, actor, sites, now=None):
    """Add job locations to a published advert. Sites are only added: a
    candidate may have applied for one already shown. Returns the sites added."""
    now = now or timezone.now()
    with transaction.atomic():
        vacancy = _locked_live_vacancy(vacancy_id)
        current = list(vacancy.sites.order_by("name"))
        if not set(current) <= set(sites):
            raise ChangeRefused(
                _("You cannot remove a job location from a live advert: candidates may have applied for it."),
                field="sites",
            )
        added = [site for site in sites if site not in current and site.organisation_id == vacancy.organisation_id]
        if added:
            vacancy.sites.add(*added)
            changes = [{"field": "sites", "label": str(_("Job locations")), "before": _names(current),
                        "after": _names(current + added)}]
            _record(vacancy, actor, changes, "Added a job location", now)
    return added


def _names(sites):
    return ", ".join(sorted(site.name for site in sites))


def change_closing_time(*, vacancy_id, actor, closing_at, now=None):
    """Move a published advert's closing time later.

    1. Lock the vacancy; refuse unless it is published, and refuse a time
       that is not later than the current one (earlier is "Close early").
    2. Set closing_at; save only it.
    3. Write an event with the old and new times.
    4. After commit, send closing_time_changed: candidates with a draft are told.
    """
    now = now or timezone.now()
    with transaction.atomic():
        vacancy = _locked_live_vacancy(vacancy_id)
        old = vacancy.closing_at
        if closing_at <= now:
            raise ChangeRefused(_("The closing date must be in the future"), field="closing_date")
        if closing_at <= old:
            raise ChangeRefused(
                _("The new closing time must be later than %(old)s. To close the vacancy sooner, close it early.")
                % {"old": local_time_text(old)},
                field="closing_date",
            )
        vacancy.closing_at = closing_at
        vacancy.save(update_fields=["closing_at", "updated_at"])
        changes = [{"field": "closing_at", "label": str(_("Closing time")), "before": local_time_text(old),
                    "after": local_time_text(closing_at)}]
        _record(vacancy, actor, changes, "Moved the closing time", now)
        transaction.on_commit(
            lambda: closing_time_changed.send(
                sender=Vacancy, vacancy_id=vacancy.pk, old_closing_at=old, new_closing_at=closing_at
            )
        )
    return vacancy


def propose_change(*, vacancy_id, actor, values, now=None):
    """Propose new pay and contract for a published advert; the advert stays
    as it is until another recruiter approves.

    1. Lock the vacancy; refuse unless it is published, refuse fields not in
       APPROVAL_FIELDS, a proposal that changes nothing, and a second proposal
       while one waits.
    2. Keep the new values (as JSON) and the before and after of each.
    3. Write an event with them.
    """
    now = now or timezone.now()
    if unknown := set(values) - set(APPROVAL_FIELDS):
        raise ChangeRefused(_("These are not changed by approval: %s") % ", ".join(sorted(unknown)))
    with transaction.atomic():
        vacancy = _locked_live_vacancy(vacancy_id)
        if vacancy.proposed_changes.filter(status=ProposedChange.Status.PROPOSED).exists():
            raise ChangeRefused(_("A change to this vacancy is already waiting for approval. Approve or reject it first."))
        changes = _changes(vacancy, values)
        if not changes:
            raise ChangeRefused(_("You have not changed anything. Change the pay or contract, or cancel."))
        json_values = {change["field"]: _json(values[change["field"]]) for change in changes}
        proposal = ProposedChange.objects.create(
            vacancy=vacancy, values=json_values, changes=changes, proposed_by=actor, proposed_at=now
        )
        _record(vacancy, actor, changes, "Proposed a change to pay and contract, for approval", now)
    return proposal


def _json(value):
    # Money and hours as strings, so no pence are lost to floating point.
    return str(value) if isinstance(value, Decimal) else value


def approve_change(*, change_id, actor, now=None):
    """Apply a proposed change to the live advert.

    1. Lock the vacancy, then the proposal; refuse unless it still waits, the
       vacancy is still published, and the approver did not propose it.
    2. Set the fields from the proposal; save only those.
    3. Mark the proposal approved (who, when) and write an event with the
       before (as it is now) and after of each field.
    """
    now = now or timezone.now()
    vacancy_id = ProposedChange.objects.values_list("vacancy_id", flat=True).get(pk=change_id)
    with transaction.atomic():
        vacancy = _locked_live_vacancy(vacancy_id)
        proposal = ProposedChange.objects.select_for_update().get(pk=change_id)
        if proposal.status != ProposedChange.Status.PROPOSED:
            raise ChangeRefused(_("This change has already been %(status)s.") % {"status": proposal.get_status_display().lower()})
        if not proposal.may_be_approved_by(actor):
            raise ChangeRefused(_("You cannot approve a change you proposed. Ask another recruiter at your trust."))
        values = {name: Vacancy._meta.get_field(name).to_python(value) for name, value in proposal.values.items()}
        changes = _changes(vacancy, values)
        for name, value in values.items():
            setattr(vacancy, name, value)
        vacancy.save(update_fields=[*values, "updated_at"])
        proposal.status, proposal.decided_by, proposal.decided_at = ProposedChange.Status.APPROVED, actor, now
        proposal.save(update_fields=["status", "decided_by", "decided_at"])
        _record(vacancy, actor, changes, "Approved the change to pay and contract", now)
    return proposal


def reject_change(*, change_id, actor, reason, now=None):
    """Turn down a proposed change, with the reason its author will read; the
    advert stays as it is. The proposer may withdraw their own this way."""
    now = now or timezone.now()
    if not reason.strip():
        raise ChangeRefused(_("Give a reason for rejecting the change."), field="reason")
    with transaction.atomic():
        proposal = ProposedChange.objects.select_for_update().select_related("vacancy").get(pk=change_id)
        if proposal.status != ProposedChange.Status.PROPOSED:
            raise ChangeRefused(_("This change has already been %(status)s.") % {"status": proposal.get_status_display().lower()})
        proposal.status, proposal.decided_by, proposal.decided_at = ProposedChange.Status.REJECTED, actor, now
        proposal.reason = reason.strip()
        proposal.save(update_fields=["status", "decided_by", "decided_at", "reason"])
        _record(proposal.vacancy, actor, proposal.changes, f"Rejected the change to pay and contract: {proposal.reason}", now)
    return proposal
