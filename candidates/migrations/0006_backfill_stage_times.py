"""Stage times for applications that moved before the fields existed: the
first event that took each application into the stage."""

from django.db import migrations
from django.db.models import Min, OuterRef, Subquery

STAGE_FIELDS = {
    "shortlisted": "shortlisted_at",
    "invited_to_interview": "invited_at",
    "offered": "offered_at",
    "appointed": "appointed_at",
    "not_shortlisted": "unsuccessful_at",
    "unsuccessful": "unsuccessful_at",
}


def backfill(apps, schema_editor):
    Application = apps.get_model("candidates", "Application")
    ApplicationEvent = apps.get_model("candidates", "ApplicationEvent")
    for field in sorted(set(STAGE_FIELDS.values())):
        statuses = [status for status, name in STAGE_FIELDS.items() if name == field]
        first = (
            ApplicationEvent.objects.filter(application=OuterRef("pk"), to_status__in=statuses)
            .values("application")
            .annotate(first=Min("created_at"))
            .values("first")
        )
        Application.objects.filter(**{f"{field}__isnull": True}, events__to_status__in=statuses).update(
            **{field: Subquery(first)}
        )


class Migration(migrations.Migration):
    dependencies = [("candidates", "0005_application_stage_times")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
