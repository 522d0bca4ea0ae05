"""Hand-made cohorts for the report tests: applications with the stage times
and equality answers a test names, written in bulk (deterministic, no random values)."""

import datetime

from django.utils import timezone

from candidates.models import Application, EqualityMonitoring


def at(year, month, day, hour=12, minute=0):
    """An aware local (UK) time."""
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


def applications(vacancy, count, *, created_at=None, equality=None, **stage_times):
    """`count` applications to the vacancy with these stage times (submitted_at
    defaults to created_at) and, unless equality is None, these equality answers."""
    created_at = created_at or at(2025, 5, 1)
    status = "withdrawn" if stage_times.get("withdrawn_at") else ("submitted" if stage_times.get(
        "submitted_at", created_at) else "draft")
    stage_times.setdefault("submitted_at", created_at)
    if status == "draft":
        stage_times["submitted_at"] = None
    start = Application.objects.filter(vacancy=vacancy).count()
    rows = Application.objects.bulk_create(
        Application(
            vacancy=vacancy, candidate=None, status=status, anonymous_number=start + n + 1,
            created_at=created_at, status_changed_at=created_at, **stage_times,
        )
        for n in range(count)
    )
    if equality is not None:
        EqualityMonitoring.objects.bulk_create(EqualityMonitoring(application=row, **equality) for row in rows)
    return rows
