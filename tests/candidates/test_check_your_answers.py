"""Check your answers: every answer as a summary list with Change links that come back here."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import DraftApplicationFactory, EmploymentFactory, RefereeFactory, complete_draft


def test_check_your_answers_shows_unanswered_sections_as_not_answered(candidate_client, draft):
    response = candidate_client.get(f"/applications/{draft.pk}/check-your-answers/")

    html = response.content.decode()
    for card in ("answers-right-to-work", "answers-declarations", "answers-adjustments"):
        body = re.search(rf'id="{card}".*?<div class="nhsuk-card__content">(.*?)</div>\s*</div>', html, re.DOTALL)
        assert body.group(1).strip() == "<p>Not answered</p>", card


def test_check_your_answers_change_link_comes_back_here(candidate_client, candidate):
    application = complete_draft(candidate=candidate)

    page = candidate_client.get(f"/applications/{application.pk}/check-your-answers/")
    response = candidate_client.post(
        f"/applications/{application.pk}/adjustments/?from=review",
        {"needs_adjustments": "False", "section_complete": "True"},
    )

    assert f'href="/applications/{application.pk}/adjustments/?from=review"' in page.content.decode()
    assert response["Location"] == f"/applications/{application.pk}/check-your-answers/"


def test_check_your_answers_of_a_complete_draft_offers_the_declaration(candidate_client, candidate):
    application = complete_draft(candidate=candidate)

    response = candidate_client.get(f"/applications/{application.pk}/check-your-answers/")

    html = response.content.decode()
    assert "I confirm that the information I have given is true and complete" in html
    assert f'action="/applications/{application.pk}/submit/"' in html


def test_check_your_answers_query_count_does_not_grow_with_rows(candidate_client, candidate):
    few = complete_draft(candidate=candidate)
    many = complete_draft(candidate=candidate)
    for _ in range(10):
        EmploymentFactory(application=many, is_current=False, ended_on=many.created_at.date())
        RefereeFactory(application=many)

    with CaptureQueriesContext(connection) as few_queries:
        candidate_client.get(f"/applications/{few.pk}/check-your-answers/")
    with CaptureQueriesContext(connection) as many_queries:
        candidate_client.get(f"/applications/{many.pk}/check-your-answers/")

    assert len(many_queries) == len(few_queries)


def test_check_your_answers_is_not_found_for_a_draft_of_someone_else(candidate_client, other_candidate):
    theirs = DraftApplicationFactory(candidate=other_candidate)

    assert candidate_client.get(f"/applications/{theirs.pk}/check-your-answers/").status_code == 404
