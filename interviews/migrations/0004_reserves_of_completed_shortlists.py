"""Reserves of shortlists completed before reserves had a status of their own
stayed `submitted`; give them the reserve status, with the event that says why.

Hand-written: a data migration, in interviews because the reserve list is
interviews' to manage (it reads shortlisting's decisions and moves candidates'
applications, the apps below it)."""

from django.db import migrations
from django.utils import timezone

NOTE = "Reserve list: shortlisting was completed before reserves had a status of their own"


def reserves_still_submitted(apps):
    ShortlistDecision = apps.get_model("shortlisting", "ShortlistDecision")
    ShortlistingEvent = apps.get_model("shortlisting", "ShortlistingEvent")
    completed = ShortlistingEvent.objects.filter(kind="reveal").values("vacancy_id")
    return ShortlistDecision.objects.filter(
        outcome="reserve", application__status="submitted", application__vacancy_id__in=completed
    ).values_list("application_id", flat=True)


def move_reserves(apps, schema_editor):
    Application = apps.get_model("candidates", "Application")
    ApplicationEvent = apps.get_model("candidates", "ApplicationEvent")
    now = timezone.now()
    ids = list(reserves_still_submitted(apps))
    Application.objects.filter(pk__in=ids, status="submitted").update(status="reserve", status_changed_at=now)
    ApplicationEvent.objects.bulk_create(
        ApplicationEvent(application_id=pk, from_status="submitted", to_status="reserve", note=NOTE, created_at=now)
        for pk in ids
    )


def move_reserves_back(apps, schema_editor):
    Application = apps.get_model("candidates", "Application")
    ApplicationEvent = apps.get_model("candidates", "ApplicationEvent")
    events = ApplicationEvent.objects.filter(to_status="reserve", note=NOTE)
    Application.objects.filter(pk__in=events.values("application_id"), status="reserve").update(status="submitted")
    events.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("interviews", "0003_interview_events_name_their_vacancy"),
        ("shortlisting", "0004_agreed_scores_and_unmoderated_decisions"),
        ("candidates", "0006_backfill_stage_times"),
    ]

    operations = [migrations.RunPython(move_reserves, move_reserves_back)]
