"""Deciding and completing the shortlist: the guaranteed interview rule, who
decides, reasons, events, and that completing is all or nothing
(shortlisting.scoring)."""

import pytest
from django.core.exceptions import PermissionDenied

from accounts.models import OutgoingEmail
from candidates.models import Application, ApplicationEvent
from candidates.services import TransitionNotAllowed
from shortlisting.models import ShortlistDecision, ShortlistingEvent
from shortlisting.scoring import (
    GUARANTEED_INTERVIEW_MESSAGE,
    ShortlistingRefused,
    complete_shortlisting,
    decide,
    identities_revealed,
    record_score,
    revealed_names,
    start_shortlisting,
)
from vacancies.models import Vacancy, VacancyEvent


@pytest.fixture
def gis_application(applications):
    """A0003 asked for a guaranteed interview (every third applicant does)."""
    application = applications[2]
    assert application.guaranteed_interview.requested
    return application


def score(application, criterion, member, value):
    record_score(application_id=application.pk, criterion_id=criterion.pk, panel_member=member, score=value)


# The guaranteed interview rule -------------------------------------------------------


def test_decide_not_shortlisted_is_refused_for_a_gis_candidate_meeting_every_essential_criterion(
    closed_vacancy, gis_application, criteria, panel_member, hiring_manager
):
    for name in ["registration", "experience", "news2"]:
        score(gis_application, criteria[name], panel_member, 1)

    with pytest.raises(ShortlistingRefused) as refused:
        decide(
            application_id=gis_application.pk, outcome="not_shortlisted", reason="Others stronger",
            actor=hiring_manager,
        )

    assert str(refused.value) == (
        "This candidate asked for a guaranteed interview and meets every essential criterion, "
        "so they must be shortlisted"
    )
    assert ShortlistDecision.objects.count() == 0


def test_decide_not_shortlisted_is_refused_when_essential_criteria_are_unscored(
    closed_vacancy, gis_application, hiring_manager
):
    with pytest.raises(ShortlistingRefused, match=GUARANTEED_INTERVIEW_MESSAGE):
        decide(application_id=gis_application.pk, outcome="not_shortlisted", reason="Not read", actor=hiring_manager)


def test_decide_not_shortlisted_is_refused_when_only_a_desirable_criterion_is_not_met(
    closed_vacancy, gis_application, criteria, panel_member, hiring_manager
):
    score(gis_application, criteria["mentorship"], panel_member, 0)

    with pytest.raises(ShortlistingRefused, match=GUARANTEED_INTERVIEW_MESSAGE):
        decide(
            application_id=gis_application.pk, outcome="not_shortlisted", reason="No mentorship",
            actor=hiring_manager,
        )


def test_decide_not_shortlisted_is_allowed_once_an_essential_criterion_is_scored_not_met(
    closed_vacancy, gis_application, criteria, panel_member, second_panel_member, hiring_manager
):
    score(gis_application, criteria["registration"], panel_member, 1)
    score(gis_application, criteria["registration"], second_panel_member, 0)

    decision = decide(
        application_id=gis_application.pk, outcome="not_shortlisted", reason="No NMC registration",
        actor=hiring_manager,
    )

    assert (decision.outcome, decision.reason, decision.decided_by) == (
        "not_shortlisted", "No NMC registration", hiring_manager,
    )


def test_decide_reserve_is_allowed_for_a_gis_candidate(closed_vacancy, gis_application, hiring_manager):
    decision = decide(application_id=gis_application.pk, outcome="reserve", reason="Reserve list", actor=hiring_manager)

    assert decision.outcome == "reserve"


def test_decide_not_shortlisted_is_allowed_without_a_gis_request(closed_vacancy, applications, hiring_manager):
    decision = decide(
        application_id=applications[0].pk, outcome="not_shortlisted", reason="Others stronger", actor=hiring_manager
    )

    assert decision.outcome == "not_shortlisted"


# Who decides, and why -------------------------------------------------------------------


def test_decide_requires_a_reason(closed_vacancy, applications, hiring_manager):
    with pytest.raises(ShortlistingRefused, match="reason"):
        decide(application_id=applications[0].pk, outcome="shortlist", reason="   ", actor=hiring_manager)

    assert ShortlistDecision.objects.count() == 0


@pytest.mark.parametrize("actor_name", ["panel_member", "recruiter", "other_recruiter", "candidate"])
def test_decide_requires_the_hiring_manager(closed_vacancy, applications, actor_name, request):
    actor = request.getfixturevalue(actor_name)

    with pytest.raises(PermissionDenied):
        decide(application_id=applications[0].pk, outcome="shortlist", reason="Strong", actor=actor)

    assert ShortlistDecision.objects.count() == 0


def test_decide_replaces_an_earlier_decision_and_writes_an_event_each_time(
    closed_vacancy, applications, hiring_manager
):
    decide(application_id=applications[0].pk, outcome="reserve", reason="Maybe", actor=hiring_manager)

    decide(
        application_id=applications[0].pk, outcome="shortlist", reason="Strong ward experience", actor=hiring_manager
    )

    assert ShortlistDecision.objects.get().outcome == "shortlist"
    assert list(ShortlistingEvent.objects.filter(kind="decision").values_list("detail", flat=True)) == [
        {"outcome": "reserve", "reason": "Maybe"},
        {"outcome": "shortlist", "reason": "Strong ward experience"},
    ]


# Completing ------------------------------------------------------------------------------------


def decide_all(applications, hiring_manager, outcomes):
    for application, outcome in zip(applications, outcomes):
        decide(application_id=application.pk, outcome=outcome, reason=f"Reason {outcome}", actor=hiring_manager)


@pytest.fixture
def shortlisting_vacancy(closed_vacancy, hiring_manager):
    return start_shortlisting(vacancy_id=closed_vacancy.pk, actor=hiring_manager)


def test_start_shortlisting_moves_a_closed_vacancy(closed_vacancy, hiring_manager):
    vacancy = start_shortlisting(vacancy_id=closed_vacancy.pk, actor=hiring_manager)

    assert vacancy.status == Vacancy.Status.SHORTLISTING


def test_complete_shortlisting_refuses_with_undecided_applications(shortlisting_vacancy, applications, hiring_manager):
    decide_all(applications[:3], hiring_manager, ["shortlist", "not_shortlisted", "shortlist"])

    with pytest.raises(ShortlistingRefused, match="Still to decide: A0004, A0005."):
        complete_shortlisting(vacancy_id=shortlisting_vacancy.pk, actor=hiring_manager)

    shortlisting_vacancy.refresh_from_db()
    assert shortlisting_vacancy.status == Vacancy.Status.SHORTLISTING
    assert set(Application.objects.values_list("status", flat=True)) == {"submitted"}


def test_complete_shortlisting_requires_the_hiring_manager(shortlisting_vacancy, applications, recruiter):
    with pytest.raises(PermissionDenied):
        complete_shortlisting(vacancy_id=shortlisting_vacancy.pk, actor=recruiter)


def test_complete_shortlisting_moves_vacancy_and_applications(
    shortlisting_vacancy, applications, hiring_manager, mailoutbox
):
    decide_all(applications, hiring_manager, ["shortlist", "not_shortlisted", "shortlist", "reserve", "shortlist"])

    vacancy = complete_shortlisting(vacancy_id=shortlisting_vacancy.pk, actor=hiring_manager)

    assert vacancy.status == Vacancy.Status.INTERVIEWING
    assert list(Application.objects.order_by("anonymous_number").values_list("status", flat=True)) == [
        "shortlisted", "not_shortlisted", "shortlisted", "reserve", "shortlisted",
    ]
    assert ApplicationEvent.objects.filter(to_status="shortlisted").count() == 3
    reserve = ApplicationEvent.objects.get(to_status="reserve")
    assert (reserve.application_id, reserve.from_status, reserve.note) == (applications[3].pk, "submitted", "Reason reserve")
    assert identities_revealed(vacancy) is True


def test_complete_shortlisting_emails_each_candidate_their_outcome(
    shortlisting_vacancy, applications, hiring_manager, mailoutbox
):
    decide_all(applications, hiring_manager, ["shortlist", "not_shortlisted", "shortlist", "reserve", "shortlist"])

    complete_shortlisting(vacancy_id=shortlisting_vacancy.pk, actor=hiring_manager)

    sent = sorted((message.to[0], message.subject) for message in mailoutbox)
    title = shortlisting_vacancy.title
    assert sent == sorted([
        (applications[0].candidate.email, f"You have been shortlisted: {title}"),
        (applications[1].candidate.email, f"Your application for {title}"),
        (applications[2].candidate.email, f"You have been shortlisted: {title}"),
        (applications[3].candidate.email, f"Your application for {title}: reserve list"),
        (applications[4].candidate.email, f"You have been shortlisted: {title}"),
    ])
    assert "not been shortlisted" in next(m.body for m in mailoutbox if m.to == [applications[1].candidate.email])


def test_complete_shortlisting_writes_complete_and_reveal_events(shortlisting_vacancy, applications, hiring_manager):
    decide_all(applications, hiring_manager, ["shortlist", "not_shortlisted", "shortlist", "reserve", "shortlist"])

    complete_shortlisting(vacancy_id=shortlisting_vacancy.pk, actor=hiring_manager)

    complete = ShortlistingEvent.objects.get(kind="complete")
    reveal = ShortlistingEvent.objects.get(kind="reveal")
    assert complete.detail == {"shortlist": 3, "not_shortlisted": 1, "reserve": 1}
    assert reveal.actor == hiring_manager
    assert reveal.detail == {
        "revealed_to": hiring_manager.pk,
        "applications": [applications[0].pk, applications[2].pk, applications[4].pk],
    }


def test_complete_shortlisting_is_atomic_when_one_application_cannot_move(
    settings, shortlisting_vacancy, applications, hiring_manager
):
    # Outcome e-mails are rows of the queued backend: they must roll back too.
    settings.EMAIL_BACKEND = "accounts.mail.QueuedEmailBackend"
    decide_all(applications, hiring_manager, ["shortlist", "not_shortlisted", "shortlist", "shortlist", "shortlist"])
    # The last application (by code) is already not shortlisted, which cannot
    # become shortlisted: it fails after the others have moved.
    Application.objects.filter(pk=applications[4].pk).update(status=Application.Status.NOT_SHORTLISTED)
    vacancy_events = VacancyEvent.objects.count()
    application_events = ApplicationEvent.objects.count()
    shortlisting_events = ShortlistingEvent.objects.count()

    with pytest.raises(TransitionNotAllowed, match="cannot become shortlisted"):
        complete_shortlisting(vacancy_id=shortlisting_vacancy.pk, actor=hiring_manager)

    shortlisting_vacancy.refresh_from_db()
    assert shortlisting_vacancy.status == Vacancy.Status.SHORTLISTING
    assert list(Application.objects.order_by("anonymous_number").values_list("status", flat=True)) == [
        "submitted", "submitted", "submitted", "submitted", "not_shortlisted",
    ]
    assert VacancyEvent.objects.count() == vacancy_events
    assert ApplicationEvent.objects.count() == application_events
    assert ShortlistingEvent.objects.count() == shortlisting_events
    assert OutgoingEmail.objects.count() == 0
    assert identities_revealed(shortlisting_vacancy) is False


def test_decide_is_refused_after_shortlisting_is_complete(shortlisting_vacancy, applications, hiring_manager):
    decide_all(applications, hiring_manager, ["reserve"] * 5)
    complete_shortlisting(vacancy_id=shortlisting_vacancy.pk, actor=hiring_manager)

    with pytest.raises(ShortlistingRefused, match="not open"):
        decide(application_id=applications[0].pk, outcome="shortlist", reason="Late", actor=hiring_manager)


def test_revealed_names_are_the_shortlisted_only_for_the_hiring_manager_and_panel_once_complete(
    shortlisting_vacancy, applications, hiring_manager, panel_member, recruiter
):
    decide_all(applications, hiring_manager, ["shortlist", "not_shortlisted", "shortlist", "reserve", "reserve"])
    before = revealed_names(vacancy=shortlisting_vacancy, user=hiring_manager)

    complete_shortlisting(vacancy_id=shortlisting_vacancy.pk, actor=hiring_manager)

    assert before is None
    assert revealed_names(vacancy=shortlisting_vacancy, user=hiring_manager) == {
        applications[0].pk: applications[0].candidate.get_full_name(),
        applications[2].pk: applications[2].candidate.get_full_name(),
    }
    assert revealed_names(vacancy=shortlisting_vacancy, user=panel_member) == {
        applications[0].pk: applications[0].candidate.get_full_name(),
        applications[2].pk: applications[2].candidate.get_full_name(),
    }
    assert revealed_names(vacancy=shortlisting_vacancy, user=recruiter) is None


def test_revealed_names_are_none_to_the_panel_before_completion(
    shortlisting_vacancy, applications, hiring_manager, panel_member
):
    decide_all(applications, hiring_manager, ["shortlist"] * 5)

    assert revealed_names(vacancy=shortlisting_vacancy, user=panel_member) is None


def test_complete_shortlisting_tells_a_reserve_it_is_on_the_reserve_list(
    settings, shortlisting_vacancy, applications, hiring_manager
):
    settings.EMAIL_BACKEND = "accounts.mail.QueuedEmailBackend"
    decide_all(applications, hiring_manager, ["shortlist", "not_shortlisted", "shortlist", "reserve", "shortlist"])
    details = applications[3].personal_details
    details.email = "reserve-contact@example.org"
    details.save()

    complete_shortlisting(vacancy_id=shortlisting_vacancy.pk, actor=hiring_manager)

    email = OutgoingEmail.objects.get(to=["reserve-contact@example.org"])
    assert email.subject == f"Your application for {shortlisting_vacancy.title}: reserve list"
    assert f"Dear {details.full_name}," in email.body
    assert "you are on our reserve list" in email.body
