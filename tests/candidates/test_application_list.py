"""/applications/: the candidate's applications with status, vacancy and closing date."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from candidates.models import Application
from tests.factories import VacancyFactory

from .factories import DraftApplicationFactory


def test_application_list_shows_each_application_with_its_status_and_closing_date(candidate_client, candidate):
    closing = datetime.datetime(2026, 12, 14, 23, 59, tzinfo=datetime.UTC)
    draft = DraftApplicationFactory(candidate=candidate, vacancy=VacancyFactory(title="Ward Sister", closing_at=closing))
    sent = DraftApplicationFactory(candidate=candidate, vacancy=VacancyFactory(title="Matron"))
    Application.objects.filter(pk=sent.pk).update(status="submitted", submitted_at=sent.created_at)

    response = candidate_client.get("/applications/")

    html = response.content.decode()
    assert [a.vacancy.title for a in response.context["applications"]] == ["Matron", "Ward Sister"]
    assert "14 December 2026" in html
    assert '<strong class="nhsuk-tag nhsuk-tag--grey">Draft</strong>' in html
    assert '<strong class="nhsuk-tag nhsuk-tag--blue">Submitted</strong>' in html
    assert f'href="/applications/{sent.pk}/withdraw/"' in html
    assert f'href="/applications/{draft.pk}/withdraw/"' not in html


def test_application_list_when_there_are_none(candidate_client):
    response = candidate_client.get("/applications/")

    assert "You have not applied for any jobs yet." in response.content.decode()


def test_application_list_query_count_does_not_grow_with_applications(candidate_client, candidate):
    DraftApplicationFactory(candidate=candidate)
    with CaptureQueriesContext(connection) as few:
        candidate_client.get("/applications/")
    for _ in range(12):
        DraftApplicationFactory(candidate=candidate)

    with CaptureQueriesContext(connection) as many:
        response = candidate_client.get("/applications/")

    assert len(response.context["applications"]) == 13
    assert len(many) == len(few)
