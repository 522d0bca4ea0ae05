"""Withdrawing: with a confirmation page, before an outcome; every status change writes an event."""

import pytest

from candidates import services
from candidates.models import Application, ApplicationEvent

from .factories import complete_draft


@pytest.fixture
def submitted(candidate, vacancy):
    application = complete_draft(candidate=candidate, vacancy=vacancy)
    return services.submit_application(application_id=application.pk, actor=candidate)


def test_withdraw_asks_for_confirmation_first(candidate_client, submitted):
    response = candidate_client.get(f"/applications/{submitted.pk}/withdraw/")

    assert "Are you sure you want to withdraw your application?" in response.content.decode()
    assert Application.objects.get(pk=submitted.pk).status == "submitted"


def test_withdraw_moves_the_application_and_records_why(candidate_client, candidate, submitted):
    response = candidate_client.post(f"/applications/{submitted.pk}/withdraw/", {"reason": "I took another job"})

    assert response["Location"] == "/applications/"
    application = Application.objects.get(pk=submitted.pk)
    assert application.status == "withdrawn"
    assert application.withdrawn_at is not None
    event = ApplicationEvent.objects.filter(application=application).last()
    assert (event.actor, event.from_status, event.to_status, event.note) == (
        candidate, "submitted", "withdrawn", "I took another job",
    )
    listing = candidate_client.get("/applications/").content.decode()
    assert "You have withdrawn your application for Staff Nurse – Acute Medicine" in listing
    assert '<strong class="nhsuk-tag nhsuk-tag--white">Withdrawn</strong>' in listing


@pytest.mark.parametrize("outcome", ["not_shortlisted", "unsuccessful", "appointed", "withdrawn"])
def test_withdraw_is_refused_after_an_outcome(candidate_client, submitted, outcome):
    Application.objects.filter(pk=submitted.pk).update(status=outcome)

    response = candidate_client.post(f"/applications/{submitted.pk}/withdraw/", follow=True)

    assert "You can no longer withdraw this application." in response.content.decode()
    assert Application.objects.get(pk=submitted.pk).status == outcome


def test_withdraw_is_refused_for_a_draft(candidate_client, draft):
    candidate_client.post(f"/applications/{draft.pk}/withdraw/")

    assert Application.objects.get(pk=draft.pk).status == "draft"


def test_withdraw_reason_too_long_is_refused(candidate_client, submitted):
    response = candidate_client.post(f"/applications/{submitted.pk}/withdraw/", {"reason": "x" * 501})

    assert "Your reason must be 500 characters or fewer" in response.content.decode()
    assert Application.objects.get(pk=submitted.pk).status == "submitted"


@pytest.mark.parametrize(
    ("from_status", "to_status", "allowed"),
    [
        ("draft", "submitted", True),
        ("draft", "withdrawn", False),
        ("draft", "shortlisted", False),
        ("submitted", "shortlisted", True),
        ("submitted", "not_shortlisted", True),
        ("shortlisted", "invited_to_interview", True),
        ("submitted", "reserve", True),
        ("reserve", "shortlisted", True),
        ("reserve", "invited_to_interview", False),
        ("invited_to_interview", "preferred", True),
        ("invited_to_interview", "interview_reserve", True),
        ("invited_to_interview", "offered", False),
        ("interview_reserve", "preferred", True),
        ("interview_reserve", "shortlisted", False),
        ("preferred", "offered", True),
        ("offered", "appointed", True),
        ("offered", "withdrawn", True),
        ("appointed", "withdrawn", False),
        ("withdrawn", "submitted", False),
        ("unsuccessful", "shortlisted", False),
    ],
)
def test_change_application_status_follows_the_transition_table(submitted, recruiter, from_status, to_status, allowed):
    Application.objects.filter(pk=submitted.pk).update(status=from_status)
    events_before = ApplicationEvent.objects.count()

    if allowed:
        services.change_application_status(application_id=submitted.pk, to_status=to_status, actor=recruiter, note="x")
    else:
        with pytest.raises(services.TransitionNotAllowed):
            services.change_application_status(application_id=submitted.pk, to_status=to_status, actor=recruiter)

    application = Application.objects.get(pk=submitted.pk)
    assert application.status == (to_status if allowed else from_status)
    assert ApplicationEvent.objects.count() == events_before + (1 if allowed else 0)
