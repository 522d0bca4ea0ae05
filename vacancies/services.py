"""Operations that change a vacancy's state. Each runs in one transaction."""

import logging

from django.db import transaction
from django.utils import timezone

from .models import Vacancy, VacancyEvent

logger = logging.getLogger(__name__)


class TransitionNotAllowed(Exception):
    """The vacancy cannot move from its current status to the one asked for."""


# Timestamps set when a vacancy enters a status.
_STATUS_TIMESTAMPS = {
    Vacancy.Status.PUBLISHED: "published_at",
    Vacancy.Status.CLOSED: "closed_at",
}


def change_vacancy_status(*, vacancy_id, to_status, actor=None, note="", now=None):
    """Move a vacancy to another status: the one way any status changes.

    1. Lock the vacancy row, so two requests (or a request and the beat task)
       cannot both move it from the same status.
    2. Refuse a move that Vacancy.TRANSITIONS does not allow; nothing changes.
    3. Set the status, its time, and save only those fields.
    4. Write a VacancyEvent: who, when, from, to and why.
    """
    now = now or timezone.now()
    to_status = Vacancy.Status(to_status)
    with transaction.atomic():
        vacancy = Vacancy.objects.select_for_update().get(pk=vacancy_id)
        from_status = Vacancy.Status(vacancy.status)
        if not vacancy.can_move_to(to_status):
            raise TransitionNotAllowed(f"A {from_status.label.lower()} vacancy cannot become {to_status.label.lower()}.")
        vacancy.status = to_status
        vacancy.status_changed_at = now
        update_fields = ["status", "status_changed_at", "updated_at"]
        timestamp_field = _STATUS_TIMESTAMPS.get(to_status)
        if timestamp_field:
            setattr(vacancy, timestamp_field, now)
            update_fields.append(timestamp_field)
        if to_status == Vacancy.Status.PUBLISHED and vacancy.date_posted is None:
            vacancy.date_posted = timezone.localdate(now)
            update_fields.append("date_posted")
        vacancy.save(update_fields=update_fields)
        VacancyEvent.objects.create(
            vacancy=vacancy, actor=actor, from_status=from_status, to_status=to_status, note=note, created_at=now
        )
    return vacancy


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
                vacancy_id=vacancy_id, to_status=Vacancy.Status.CLOSED, note="Closing time reached", now=now
            )
        closed.append(vacancy.reference)
        logger.info("Closed vacancy %s at its closing time", vacancy.reference)
    return closed
