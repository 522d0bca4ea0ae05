"""Stage times: each status move records when the application first reached
the stage, the dates that time to hire and the funnel are measured from."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from candidates import services
from candidates.models import Application, ApplicationEvent

from .factories import complete_draft

DAY = datetime.timedelta(days=1)


@pytest.fixture
def submitted(candidate, vacancy):
    application = complete_draft(candidate=candidate, vacancy=vacancy)
    return services.submit_application(application_id=application.pk, actor=candidate)


def move(application, status, when):
    return services.change_application_status(application_id=application.pk, to_status=status, now=when)


def test_each_stage_records_when_it_was_reached(submitted):
    start = timezone.now()
    move(submitted, "shortlisted", start)
    move(submitted, "invited_to_interview", start + DAY)
    move(submitted, "preferred", start + 2 * DAY)
    application = move(submitted, "offered", start + 3 * DAY)

    assert (application.shortlisted_at, application.invited_at, application.preferred_at, application.offered_at) == (
        start, start + DAY, start + 2 * DAY, start + 3 * DAY,
    )
    assert application.unsuccessful_at is None and application.appointed_at is None


def test_a_stage_keeps_the_first_time_it_was_reached(submitted):
    """A reserve after interview becomes preferred later; its preferred time is
    then, and moving again never rewrites an earlier stage's time."""
    start = timezone.now()
    move(submitted, "shortlisted", start)
    move(submitted, "invited_to_interview", start + DAY)
    application = move(submitted, "interview_reserve", start + 2 * DAY)
    assert application.preferred_at is None

    application = move(submitted, "preferred", start + 9 * DAY)

    assert application.preferred_at == start + 9 * DAY
    assert application.shortlisted_at == start


def test_not_shortlisted_and_unsuccessful_record_the_outcome_time(submitted):
    when = timezone.now()
    application = move(submitted, "not_shortlisted", when)

    assert application.unsuccessful_at == when
    assert application.shortlisted_at is None


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_stage_times_from_the_events_of_earlier_moves(submitted):
    shortlisted_at = timezone.now() - 5 * DAY
    Application.objects.filter(pk=submitted.pk).update(status="invited_to_interview")
    ApplicationEvent.objects.create(
        application=submitted, from_status="submitted", to_status="shortlisted", created_at=shortlisted_at
    )
    ApplicationEvent.objects.create(
        application=submitted, from_status="shortlisted", to_status="invited_to_interview",
        created_at=shortlisted_at + DAY,
    )
    executor = MigrationExecutor(connection)
    executor.migrate([("candidates", "0005_application_stage_times")])
    executor.loader.build_graph()
    executor.migrate([("candidates", "0006_backfill_stage_times")])

    application = Application.objects.get(pk=submitted.pk)
    assert application.shortlisted_at == shortlisted_at
    assert application.invited_at == shortlisted_at + DAY
    assert application.offered_at is None
    call_command("migrate", verbosity=0)
