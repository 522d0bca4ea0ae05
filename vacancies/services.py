"""Operations that change vacancies. Each runs in one transaction, and every
change of status goes through change_vacancy_status, which writes the event."""

import logging
import re

from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone

from nhsuk.formats import nhs_datetime

from .models import Criterion, ReferenceSequence, ResponsibilitySection, Vacancy, VacancyEvent

logger = logging.getLogger(__name__)
Status = Vacancy.Status


class TransitionNotAllowed(Exception):
    """The vacancy cannot make this move now; the message says why, for the user."""


# Timestamps set when a vacancy enters a status. published_at is not one: it
# is set on the first publication only (below).
_STATUS_TIMESTAMPS = {
    Status.CLOSED: "closed_at",
}


def change_vacancy_status(*, vacancy_id, to_status, actor=None, note="", now=None, check=None, **changes):
    """Move a vacancy to another status: the one way any status changes.

    1. Lock the vacancy row, so two requests (or a request and the beat task)
       cannot both move it from the same status.
    2. Refuse a move that Vacancy.TRANSITIONS does not allow, or that `check`
       (called with the locked vacancy) refuses by raising; nothing changes.
    3. Set the status, its time and any other `changes`; save only those fields.
    4. Write a VacancyEvent: who, when, from, to and why.
    """
    now = now or timezone.now()
    to_status = Status(to_status)
    with transaction.atomic():
        vacancy = Vacancy.objects.select_for_update().get(pk=vacancy_id)
        from_status = Status(vacancy.status)
        if not vacancy.can_move_to(to_status):
            raise TransitionNotAllowed(
                f"A vacancy that is {from_status.label.lower()} cannot become {to_status.label.lower()}."
            )
        if check:
            check(vacancy)
        vacancy.status = to_status
        vacancy.status_changed_at = now
        update_fields = {"status", "status_changed_at", "updated_at", *changes}
        for field, value in changes.items():
            setattr(vacancy, field, value)
        timestamp_field = _STATUS_TIMESTAMPS.get(to_status)
        if timestamp_field:
            setattr(vacancy, timestamp_field, now)
            update_fields.add(timestamp_field)
        # The first publication only: a reopened vacancy is not new, so it keeps
        # its place in "New jobs" and the feed, and job boards its datePosted.
        # The reopening itself is the event below.
        if to_status == Status.PUBLISHED and vacancy.published_at is None:
            vacancy.published_at = now
            update_fields.add("published_at")
        if to_status == Status.PUBLISHED and vacancy.date_posted is None:
            vacancy.date_posted = timezone.localdate(now)
            update_fields.add("date_posted")
        vacancy.save(update_fields=sorted(update_fields))
        VacancyEvent.objects.create(
            vacancy=vacancy, actor=actor, from_status=from_status, to_status=to_status, note=note, created_at=now
        )
    return vacancy


def problems_before_advertising(vacancy, now=None):
    """What stops a vacancy being sent for approval or published, in plain words."""
    now = now or timezone.now()
    problems = []
    if not vacancy.sites.exists():
        problems.append("Choose at least one job location.")
    if not vacancy.criteria.filter(is_essential=True).exists():
        problems.append("Add at least one essential criterion to the person specification.")
    if vacancy.closing_at <= now:
        problems.append("Set a closing time in the future.")
    return problems


def _require_ready(now):
    def check(vacancy):
        problems = problems_before_advertising(vacancy, now)
        if problems:
            raise TransitionNotAllowed(" ".join(problems))

    return check


# References ------------------------------------------------------------------

_REFERENCE_BASE = re.compile(r"^(?P<base>[A-Z][0-9]{3,5}-[0-9]{2}-[0-9]{4})(?:-(?P<suffix>[0-9]+))?$")


def next_reference(*, organisation, now=None):
    """The next reference of a trust for this year: C9365-25-0250.

    The sequence row is locked and incremented in the database, so concurrent
    creations queue on it and each gets its own number.
    """
    now = now or timezone.now()
    year = timezone.localdate(now).year % 100
    with transaction.atomic():
        try:
            with transaction.atomic():
                ReferenceSequence.objects.get_or_create(organisation=organisation, year=year)
        except IntegrityError:
            # Another transaction created this year's row first: use theirs.
            pass
        sequence = ReferenceSequence.objects.select_for_update().get(organisation=organisation, year=year)
        ReferenceSequence.objects.filter(pk=sequence.pk).update(last_number=F("last_number") + 1)
        sequence.refresh_from_db(fields=["last_number"])
    return f"{organisation.employer_code}-{year:02d}-{sequence.last_number:04d}"


def next_readvert_reference(reference):
    """C9365-25-0249 → C9365-25-0249-1; C9365-25-0249-1 → -2, past any used suffix."""
    base = _REFERENCE_BASE.match(reference).group("base")
    used = [
        int(match.group("suffix"))
        for match in map(_REFERENCE_BASE.match, Vacancy.objects.filter(reference__startswith=base).values_list("reference", flat=True))
        if match and match.group("base") == base and match.group("suffix")
    ]
    return f"{base}-{max(used, default=0) + 1}"


# Creating and cloning ----------------------------------------------------------


def create_vacancy(*, organisation, created_by, sites=(), restricted_to=(), **fields):
    """A new draft vacancy with the trust's next reference, its sites and, for
    a restricted vacancy, the other trusts whose staff may apply."""
    with transaction.atomic():
        vacancy = Vacancy(organisation=organisation, created_by=created_by, status=Status.DRAFT, **fields)
        vacancy.reference = next_reference(organisation=organisation)
        vacancy.save()
        vacancy.sites.set(sites)
        vacancy.restricted_to.set(restricted_to)
    return vacancy


def add_new_site(*, vacancy, site):
    """Save a new site of the vacancy's trust and make it one of the vacancy's
    locations, both or neither."""
    with transaction.atomic():
        site.save()
        vacancy.sites.add(site)
    return site


_NOT_COPIED = {
    "id", "reference", "status", "status_changed_at", "published_at", "closed_at", "date_posted", "publish_at",
    "created_by", "created_at", "updated_at", "submitted_by", "approved_by",
}


def clone_vacancy(*, vacancy_id, actor, readvert):
    """A new draft copied from a vacancy, with its sites, panel, responsibilities
    and person specification.

    A re-advert keeps the reference with the next suffix (C9365-25-0249-2); a
    plain copy gets the trust's next reference. The source is locked so two
    re-adverts at once cannot take the same suffix.
    """
    with transaction.atomic():
        source = Vacancy.objects.select_for_update().get(pk=vacancy_id)
        fields = {
            field.attname: getattr(source, field.attname)
            for field in Vacancy._meta.concrete_fields
            if field.name not in _NOT_COPIED
        }
        clone = Vacancy(**fields, created_by=actor, status=Status.DRAFT)
        clone.reference = (
            next_readvert_reference(source.reference) if readvert else next_reference(organisation=source.organisation)
        )
        clone.save()
        clone.sites.set(source.sites.all())
        clone.panel_members.set(source.panel_members.all())
        clone.restricted_to.set(source.restricted_to.all())
        Criterion.objects.bulk_create(
            Criterion(
                vacancy=clone, category=c.category, heading=c.heading, text=c.text, is_essential=c.is_essential,
                assessed_at_application=c.assessed_at_application, assessed_at_interview=c.assessed_at_interview,
                assessed_by_test=c.assessed_by_test, order=c.order,
            )
            for c in source.criteria.all()
        )
        ResponsibilitySection.objects.bulk_create(
            ResponsibilitySection(vacancy=clone, heading=s.heading, body=s.body, order=s.order)
            for s in source.responsibility_sections.all()
        )
    return clone


# The builders: responsibility sections and the person specification ------------
#
# Both are lists the recruiter orders by hand, numbered in a column that is
# unique per vacancy. Every change to one takes the vacancy's row lock first,
# so two changes at once (two tabs, a double click) queue rather than take the
# same number; and afterwards the list is numbered 1, 2, 3... in the order the
# builder shows it.


CATEGORY_RANK = {value: rank for rank, value in enumerate(Criterion.Category.values)}


def _criteria_in_builder_order(criterion):
    # By category, qualifications first, then as the recruiter placed them:
    # the public advert's tables come in the same order.
    return (CATEGORY_RANK[criterion.category], criterion.order)


_ORDERINGS = {
    # model: (the fields an item moves among its equals by, the builder's order)
    # Criteria move within their category, where the builder shows them.
    Criterion: (("vacancy_id", "category"), _criteria_in_builder_order),
    ResponsibilitySection: (("vacancy_id",), lambda section: section.order),
}


def _lock_vacancy(vacancy_id):
    Vacancy.objects.select_for_update().filter(pk=vacancy_id).values_list("pk", flat=True).get()


def _renumber(model, vacancy_id):
    """Number a vacancy's items 1..n in the builder's order. Two passes, the
    first past the highest number, so no number is ever held twice."""
    _group_by, builder_order = _ORDERINGS[model]
    items = sorted(model.objects.filter(vacancy_id=vacancy_id).only("pk", "order", *_group_by), key=builder_order)
    if [item.order for item in items] == list(range(1, len(items) + 1)):
        return
    offset = max(item.order for item in items) + 1
    for position, item in enumerate(items, start=1):
        model.objects.filter(pk=item.pk).update(order=offset + position)
    for position, item in enumerate(items, start=1):
        model.objects.filter(pk=item.pk).update(order=position)


def add_item(*, item):
    """Add a new (unsaved) responsibility section or criterion to its vacancy.

    1. Lock the vacancy.
    2. Place the item after the last, and save it.
    3. Renumber the list in the builder's order (a criterion joins its category).
    """
    model = type(item)
    with transaction.atomic():
        _lock_vacancy(item.vacancy_id)
        last = model.objects.filter(vacancy_id=item.vacancy_id).aggregate(last=Max("order"))["last"]
        item.order = (last or 0) + 1
        item.save()
        _renumber(model, item.vacancy_id)
    return item


def change_item(*, item):
    """Save a changed responsibility section or criterion, and renumber its
    list under the vacancy's lock: a criterion may have changed category."""
    with transaction.atomic():
        _lock_vacancy(item.vacancy_id)
        item.save()
        _renumber(type(item), item.vacancy_id)
    return item


def delete_item(*, model, item_id):
    """Remove a responsibility section or criterion and close the gap it leaves."""
    with transaction.atomic():
        vacancy_id = model.objects.filter(pk=item_id).values_list("vacancy_id", flat=True).first()
        if vacancy_id is None:
            return  # Already gone: a second click, or another tab.
        _lock_vacancy(vacancy_id)
        model.objects.filter(pk=item_id).delete()
        _renumber(model, vacancy_id)


def move_item(*, model, item_id, up):
    """Swap a responsibility section or criterion with the one above (up=True)
    or below it among its equals. Returns False, changing nothing, when there is
    none that way: the item is first or last (or gone).

    (vacancy, order) is unique and checked row by row, so the item parks on a
    free number past the end while the other takes its place.
    """
    group_by, _builder_order = _ORDERINGS[model]
    with transaction.atomic():
        vacancy_id = model.objects.filter(pk=item_id).values_list("vacancy_id", flat=True).first()
        if vacancy_id is None:
            return False
        _lock_vacancy(vacancy_id)
        # Read under the lock: another change may have just moved it.
        item = model.objects.get(pk=item_id)
        equals = model.objects.filter(**{field: getattr(item, field) for field in group_by})
        ordered = list(equals.order_by("order").values_list("pk", "order"))
        index = next(i for i, (pk, _order) in enumerate(ordered) if pk == item.pk)
        other = index - 1 if up else index + 1
        if not 0 <= other < len(ordered):
            return False
        (pk_a, order_a), (pk_b, order_b) = ordered[index], ordered[other]
        past_the_end = model.objects.filter(vacancy_id=vacancy_id).aggregate(last=Max("order"))["last"] + 1
        model.objects.filter(pk=pk_a).update(order=past_the_end)
        model.objects.filter(pk=pk_b).update(order=order_a)
        model.objects.filter(pk=pk_a).update(order=order_b)
    return True


# The lifecycle ---------------------------------------------------------------


def submit_for_approval(*, vacancy_id, actor, now=None):
    return change_vacancy_status(
        vacancy_id=vacancy_id, to_status=Status.AWAITING_APPROVAL, actor=actor, now=now,
        check=_require_ready(now or timezone.now()), submitted_by=actor, approved_by=None,
    )


def approve_vacancy(*, vacancy_id, actor, now=None):
    """Approve a vacancy awaiting approval; nobody approves their own."""

    def check(vacancy):
        if not vacancy.may_be_approved_by(actor):
            raise TransitionNotAllowed("You cannot approve a vacancy you created or sent for approval.")

    return change_vacancy_status(
        vacancy_id=vacancy_id, to_status=Status.APPROVED, actor=actor, now=now, check=check, approved_by=actor
    )


def reject_vacancy(*, vacancy_id, actor, reason, now=None):
    """Send a vacancy back to draft, with the reason its author will read."""
    if not reason.strip():
        raise TransitionNotAllowed("Give a reason for sending the vacancy back.")
    return change_vacancy_status(
        vacancy_id=vacancy_id, to_status=Status.DRAFT, actor=actor, note=reason.strip(), now=now, approved_by=None
    )


def publish_vacancy(*, vacancy_id, actor, publish_at=None, now=None):
    """Publish an approved vacancy now, or schedule it for publish_at.

    Scheduling keeps the vacancy approved and records the time; the beat task
    publish_scheduled_vacancies publishes it when the time comes.
    """
    now = now or timezone.now()
    if publish_at is None or publish_at <= now:
        return change_vacancy_status(
            vacancy_id=vacancy_id, to_status=Status.PUBLISHED, actor=actor, now=now,
            check=_require_ready(now), publish_at=None,
        )
    with transaction.atomic():
        vacancy = Vacancy.objects.select_for_update().get(pk=vacancy_id)
        if vacancy.status != Status.APPROVED:
            raise TransitionNotAllowed("Only an approved vacancy can be scheduled for publishing.")
        _require_ready(now)(vacancy)
        if publish_at >= vacancy.closing_at:
            raise TransitionNotAllowed("Publish the vacancy before its closing time.")
        vacancy.publish_at = publish_at
        vacancy.save(update_fields=["publish_at", "updated_at"])
        VacancyEvent.objects.create(
            vacancy=vacancy, actor=actor, from_status=vacancy.status, to_status=vacancy.status, created_at=now,
            note=f"Scheduled to publish on {nhs_datetime(publish_at)}",
        )
    return vacancy


def close_vacancy_early(*, vacancy_id, actor, reason="", now=None):
    return change_vacancy_status(
        vacancy_id=vacancy_id, to_status=Status.CLOSED, actor=actor, note=reason or "Closed early", now=now
    )


def withdraw_vacancy(*, vacancy_id, actor, reason, now=None):
    if not reason.strip():
        raise TransitionNotAllowed("Give a reason for withdrawing the vacancy.")
    return change_vacancy_status(
        vacancy_id=vacancy_id, to_status=Status.WITHDRAWN, actor=actor, note=reason.strip(), now=now
    )


def reopen_vacancy(*, vacancy_id, actor, closing_at, now=None):
    """Publish a closed vacancy again until a new closing time."""
    now = now or timezone.now()
    if closing_at <= now:
        raise TransitionNotAllowed("Set a new closing time in the future.")

    def check(vacancy):
        if vacancy.status != Status.CLOSED:
            raise TransitionNotAllowed("Only a closed vacancy can be reopened.")
        if vacancy.closing_at > closing_at:
            raise TransitionNotAllowed("The new closing time must be after the old one.")

    return change_vacancy_status(
        vacancy_id=vacancy_id, to_status=Status.PUBLISHED, actor=actor, now=now, check=check,
        closing_at=closing_at, closed_at=None,
        note=f"Reopened until {nhs_datetime(closing_at)}",
    )


# Scheduled moves (Celery beat) ---------------------------------------------------


def publish_scheduled_vacancies(*, now=None):
    """Publish every approved vacancy whose publish time has come. Idempotent."""
    now = now or timezone.now()
    published = []
    due = Vacancy.objects.filter(status=Status.APPROVED, publish_at__lte=now).values_list("pk", flat=True)
    for vacancy_id in due:
        with transaction.atomic():
            # Check again under the lock: it may have been published by hand.
            if not Vacancy.objects.select_for_update().filter(
                pk=vacancy_id, status=Status.APPROVED, publish_at__lte=now
            ).exists():
                continue
            try:
                vacancy = change_vacancy_status(
                    vacancy_id=vacancy_id, to_status=Status.PUBLISHED, note="Publish time reached", now=now,
                    check=_require_ready(now), publish_at=None,
                )
            except TransitionNotAllowed as problem:
                logger.warning("Vacancy %s not published at its publish time: %s", vacancy_id, problem)
                continue
        published.append(vacancy.reference)
        logger.info("Published vacancy %s at its publish time", vacancy.reference)
    return published


def close_vacancies_past_closing_time(*, now=None):
    """Close every published vacancy whose closing time has passed.

    Idempotent: a vacancy already closed is no longer 'published', so a second
    run (or two beat runs at once) finds nothing to do. Returns the references closed.
    """
    now = now or timezone.now()
    closed = []
    for vacancy_id in Vacancy.objects.past_closing_time(now).values_list("pk", flat=True):
        with transaction.atomic():
            # Check again under the lock: between the query and now the vacancy
            # may have been closed by hand, or reopened with a later closing time.
            if not Vacancy.objects.past_closing_time(now).select_for_update().filter(pk=vacancy_id).exists():
                continue
            vacancy = change_vacancy_status(
                vacancy_id=vacancy_id, to_status=Status.CLOSED, note="Closing time reached", now=now
            )
        closed.append(vacancy.reference)
        logger.info("Closed vacancy %s at its closing time", vacancy.reference)
    return closed


def close_if_cap_reached(*, vacancy_id, received, now=None):
    """Close a published vacancy once `received` applications reach its cap.

    Called by the submission of an application, inside the transaction that
    holds the vacancy's row lock, with the count that includes the new one; so
    the application that reaches the cap is accepted and the next is refused.
    Returns True when the vacancy closed.
    """
    vacancy = Vacancy.objects.get(pk=vacancy_id)
    if vacancy.status != Status.PUBLISHED or vacancy.application_cap is None or received < vacancy.application_cap:
        return False
    change_vacancy_status(
        vacancy_id=vacancy_id, to_status=Status.CLOSED, now=now,
        note=f"Closed on reaching its cap of {vacancy.application_cap} applications",
    )
    return True
