"""Moderation (issue 14, point 2): "Discuss" flags a criterion on which the
members' scores differ by more than the threshold, whatever their totals; the
hiring manager records an agreed score per criterion; a decision on a flagged
application asks for the agreed scores first, or a reason to go on without.
And completing twice is done once, politely (point 1 of the same issue)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.models import OutgoingEmail
from shortlisting.models import AgreedScore, Score, ShortlistDecision, ShortlistingEvent
from shortlisting.moderation import record_agreed_scores
from shortlisting.scoring import (
    GUARANTEED_INTERVIEW_MESSAGE,
    ModerationNeeded,
    ShortlistingAlreadyComplete,
    ShortlistingRefused,
    complete_shortlisting,
    decide,
    panel_overview,
    record_score,
)
from vacancies.models import Vacancy, VacancyEvent

from .applicants import make_applications

pytestmark = pytest.mark.django_db


def score(application, criteria, member, values):
    for name, value in values.items():
        record_score(application_id=application.pk, criterion_id=criteria[name].pk, panel_member=member, score=value)


@pytest.fixture
def flagged(closed_vacancy, applications, criteria, panel_member, second_panel_member):
    """A0001: both members total 9, but they differ by 2 on experience and on
    news2, and by 1 (not more than the threshold) on registration."""
    score(applications[0], criteria, panel_member, {"registration": 3, "experience": 3, "news2": 1, "mentorship": 2})
    score(applications[0], criteria, second_panel_member, {"registration": 2, "experience": 1, "news2": 3, "mentorship": 3})
    return applications[0]


def _url(name, vacancy, code=None):
    kwargs = {"reference": vacancy.reference}
    if code:
        kwargs["code"] = code
    return reverse(f"shortlisting:{name}", kwargs=kwargs)


# The flag ------------------------------------------------------------------------------------


def test_panel_overview_flags_the_criteria_that_differ_even_when_totals_are_equal(flagged, criteria):
    row = panel_overview(vacancy=flagged.vacancy)[0]

    assert [total for _member, total in row.member_totals] == [None, 9, 9]
    assert row.moderation_criteria == sorted([criteria["experience"].pk, criteria["news2"].pk])
    assert row.unagreed_criteria == row.moderation_criteria
    assert row.needs_moderation is True


def test_panel_overview_does_not_flag_equal_totals_when_no_criterion_differs_enough(
    closed_vacancy, applications, criteria, panel_member, second_panel_member
):
    score(applications[1], criteria, panel_member, {"registration": 3, "experience": 2, "news2": 2})
    score(applications[1], criteria, second_panel_member, {"registration": 2, "experience": 3, "news2": 2})

    row = panel_overview(vacancy=closed_vacancy)[1]

    assert (row.moderation_criteria, row.needs_moderation) == ([], False)


def test_panel_overview_clears_discuss_once_every_flagged_criterion_is_agreed(flagged, criteria, hiring_manager):
    record_agreed_scores(application_id=flagged.pk, actor=hiring_manager, scores={criteria["experience"].pk: 2})
    half = panel_overview(vacancy=flagged.vacancy)[0]
    record_agreed_scores(application_id=flagged.pk, actor=hiring_manager, scores={criteria["news2"].pk: 2})

    done = panel_overview(vacancy=flagged.vacancy)[0]

    assert (half.needs_moderation, half.unagreed_criteria) == (True, [criteria["news2"].pk])
    assert (done.needs_moderation, done.unagreed_criteria) == (False, [])
    assert done.moderation_criteria == sorted([criteria["experience"].pk, criteria["news2"].pk])


# Agreed scores -------------------------------------------------------------------------------


def test_record_agreed_scores_keeps_the_score_who_and_when_with_an_event(flagged, criteria, hiring_manager):
    saved = record_agreed_scores(
        application_id=flagged.pk, actor=hiring_manager,
        scores={criteria["experience"].pk: 2, criteria["news2"].pk: 1},
    )

    rows = AgreedScore.objects.order_by("criterion__order")
    assert [(a.application_id, a.criterion_id, a.score, a.agreed_by_id) for a in rows] == [
        (flagged.pk, criteria["experience"].pk, 2, hiring_manager.pk),
        (flagged.pk, criteria["news2"].pk, 1, hiring_manager.pk),
    ]
    assert all(a.agreed_at is not None for a in rows) and len(saved) == 2
    events = ShortlistingEvent.objects.filter(kind="agree").order_by("id")
    assert [(e.application_id, e.actor_id, e.detail) for e in events] == [
        (flagged.pk, hiring_manager.pk, {"criterion": criteria["experience"].pk, "score": 2, "previous": None}),
        (flagged.pk, hiring_manager.pk, {"criterion": criteria["news2"].pk, "score": 1, "previous": None}),
    ]


def test_record_agreed_scores_changes_an_agreed_score_and_ignores_an_unchanged_one(flagged, criteria, hiring_manager):
    record_agreed_scores(application_id=flagged.pk, actor=hiring_manager, scores={criteria["experience"].pk: 2})

    record_agreed_scores(
        application_id=flagged.pk, actor=hiring_manager,
        scores={criteria["experience"].pk: 3, criteria["news2"].pk: None},
    )
    record_agreed_scores(application_id=flagged.pk, actor=hiring_manager, scores={criteria["experience"].pk: 3})

    assert list(AgreedScore.objects.values_list("criterion_id", "score")) == [(criteria["experience"].pk, 3)]
    assert [e.detail["previous"] for e in ShortlistingEvent.objects.filter(kind="agree").order_by("id")] == [None, 2]


@pytest.mark.parametrize("actor_name", ["panel_member", "second_panel_member", "recruiter", "other_recruiter"])
def test_record_agreed_scores_is_for_the_hiring_manager_only(flagged, criteria, actor_name, request):
    with pytest.raises(PermissionDenied):
        record_agreed_scores(
            application_id=flagged.pk, actor=request.getfixturevalue(actor_name),
            scores={criteria["experience"].pk: 2},
        )

    assert AgreedScore.objects.count() == 0
    assert ShortlistingEvent.objects.filter(kind="agree").count() == 0


def test_record_agreed_scores_refuses_a_criterion_assessed_later_or_a_score_out_of_range(flagged, criteria, hiring_manager):
    with pytest.raises(ShortlistingRefused, match="assessed later"):
        record_agreed_scores(application_id=flagged.pk, actor=hiring_manager, scores={criteria["calm"].pk: 2})
    with pytest.raises(ShortlistingRefused, match="from 0 to 3"):
        record_agreed_scores(application_id=flagged.pk, actor=hiring_manager, scores={criteria["news2"].pk: 4})

    assert AgreedScore.objects.count() == 0


def test_record_agreed_scores_refuses_once_shortlisting_is_complete(flagged, criteria, hiring_manager):
    Vacancy.objects.filter(pk=flagged.vacancy_id).update(status=Vacancy.Status.INTERVIEWING)

    with pytest.raises(ShortlistingRefused, match="not open"):
        record_agreed_scores(application_id=flagged.pk, actor=hiring_manager, scores={criteria["news2"].pk: 2})

    assert AgreedScore.objects.count() == 0


# Deciding on a flagged application ---------------------------------------------------------


def test_decide_on_a_flagged_application_asks_for_the_agreed_scores_first(flagged, criteria, hiring_manager):
    with pytest.raises(ModerationNeeded) as refused:
        decide(application_id=flagged.pk, outcome="shortlist", reason="Strong", actor=hiring_manager)

    assert str(refused.value) == (
        "Scores differ on 2 criteria: agree them first, or give a reason to decide without agreed scores."
    )
    assert ShortlistDecision.objects.count() == 0


def test_decide_on_a_flagged_application_goes_on_without_agreed_scores_with_a_recorded_reason(
    flagged, criteria, hiring_manager
):
    decision = decide(
        application_id=flagged.pk, outcome="shortlist", reason="Strong", actor=hiring_manager,
        unmoderated_reason="  Panel met and agreed on the day  ",
    )

    assert (decision.outcome, decision.unmoderated_reason) == ("shortlist", "Panel met and agreed on the day")
    assert ShortlistingEvent.objects.get(kind="decision").detail == {
        "outcome": "shortlist", "reason": "Strong", "unmoderated_reason": "Panel met and agreed on the day",
    }


def test_decide_on_a_flagged_application_goes_on_once_every_flagged_criterion_is_agreed(
    flagged, criteria, hiring_manager
):
    record_agreed_scores(
        application_id=flagged.pk, actor=hiring_manager,
        scores={criteria["experience"].pk: 2, criteria["news2"].pk: 2},
    )

    decision = decide(application_id=flagged.pk, outcome="shortlist", reason="Strong", actor=hiring_manager)

    assert (decision.outcome, decision.unmoderated_reason) == ("shortlist", "")
    assert ShortlistingEvent.objects.get(kind="decision").detail == {"outcome": "shortlist", "reason": "Strong"}


def test_an_agreed_score_is_what_counts_for_the_guaranteed_interview_rule(
    closed_vacancy, applications, criteria, panel_member, second_panel_member, hiring_manager
):
    gis = applications[2]
    # The members' mean for registration is 1.5 (met); the panel agreed 0 (not met).
    score(gis, criteria, panel_member, {"registration": 3, "experience": 2, "news2": 2})
    score(gis, criteria, second_panel_member, {"registration": 0, "experience": 2, "news2": 2})
    with pytest.raises(ShortlistingRefused, match=GUARANTEED_INTERVIEW_MESSAGE):
        decide(
            application_id=gis.pk, outcome="not_shortlisted", reason="No NMC registration", actor=hiring_manager,
            unmoderated_reason="We will agree later",
        )

    record_agreed_scores(application_id=gis.pk, actor=hiring_manager, scores={criteria["registration"].pk: 0})
    decision = decide(application_id=gis.pk, outcome="not_shortlisted", reason="No NMC registration", actor=hiring_manager)

    assert decision.outcome == "not_shortlisted"
    assert panel_overview(vacancy=closed_vacancy)[2].essential_met is False


# Completing twice ----------------------------------------------------------------------------


def _decide_all(applications, hiring_manager):
    for application in applications:
        decide(application_id=application.pk, outcome="shortlist", reason="Scored", actor=hiring_manager)


def test_complete_shortlisting_a_second_time_is_refused_as_already_complete(
    settings, closed_vacancy, applications, hiring_manager
):
    settings.EMAIL_BACKEND = "accounts.mail.QueuedEmailBackend"
    _decide_all(applications, hiring_manager)
    Vacancy.objects.filter(pk=closed_vacancy.pk).update(status=Vacancy.Status.SHORTLISTING)
    complete_shortlisting(vacancy_id=closed_vacancy.pk, actor=hiring_manager)
    emails, events = OutgoingEmail.objects.count(), ShortlistingEvent.objects.count()

    with pytest.raises(ShortlistingAlreadyComplete, match="Shortlisting is already complete."):
        complete_shortlisting(vacancy_id=closed_vacancy.pk, actor=hiring_manager)

    assert (emails, OutgoingEmail.objects.count()) == (5, 5)
    assert ShortlistingEvent.objects.count() == events
    assert ShortlistingEvent.objects.filter(kind="complete").count() == 1


def test_complete_shortlisting_of_a_closed_vacancy_with_every_decision_goes_through_shortlisting(
    closed_vacancy, applications, hiring_manager, mailoutbox
):
    _decide_all(applications, hiring_manager)

    vacancy = complete_shortlisting(vacancy_id=closed_vacancy.pk, actor=hiring_manager)

    assert vacancy.status == Vacancy.Status.INTERVIEWING
    assert list(VacancyEvent.objects.filter(vacancy=vacancy).order_by("id").values_list("to_status", flat=True))[-2:] == [
        "shortlisting", "interviewing",
    ]


def test_complete_shortlisting_page_posted_twice_says_it_is_done_without_an_error(
    client, settings, closed_vacancy, applications, hiring_manager
):
    settings.EMAIL_BACKEND = "accounts.mail.QueuedEmailBackend"
    _decide_all(applications, hiring_manager)
    Vacancy.objects.filter(pk=closed_vacancy.pk).update(status=Vacancy.Status.SHORTLISTING)
    client.force_login(hiring_manager)
    client.post(_url("complete_shortlisting", closed_vacancy))

    response = client.post(_url("complete_shortlisting", closed_vacancy), follow=True)

    assert response.redirect_chain == [(_url("panel_overview", closed_vacancy), 302)]
    assert "Shortlisting is already complete." in response.content.decode()
    assert OutgoingEmail.objects.count() == 5
    assert ShortlistingEvent.objects.filter(kind="complete").count() == 1


def test_panel_overview_after_completion_offers_no_completing_changing_or_agreeing(
    client, closed_vacancy, applications, criteria, panel_member, second_panel_member, hiring_manager, mailoutbox
):
    score(applications[0], criteria, panel_member, {"experience": 3})
    score(applications[0], criteria, second_panel_member, {"experience": 0})
    for application in applications:
        decide(application_id=application.pk, outcome="shortlist", reason="Scored", actor=hiring_manager,
               unmoderated_reason="Agreed in the room")
    client.force_login(hiring_manager)
    before = client.get(_url("panel_overview", closed_vacancy)).content.decode()
    complete_shortlisting(vacancy_id=closed_vacancy.pk, actor=hiring_manager)

    content = client.get(_url("panel_overview", closed_vacancy)).content.decode()

    assert "Complete shortlisting" in before and ">Change<" in before and "agree them before deciding" in before
    assert "Complete shortlisting" not in content
    assert ">Change<" not in content and ">Decide<" not in content
    assert "agree them before deciding" not in content
    assert _url("application_decision", closed_vacancy, "A0001") not in content
    assert "Shortlisting is complete" in content


# The moderation page -------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["recruiter", "panel_member", "hiring_manager"])
def test_moderation_page_shows_each_members_scores_side_by_side_and_highlights_the_differences(
    client, request, flagged, criteria, who
):
    client.force_login(request.getfixturevalue(who))

    response = client.get(_url("application_moderation", flagged.vacancy, "A0001"))

    assert response.status_code == 200
    rows = response.context["rows"]
    assert [r.criterion.pk for r in rows] == [criteria[n].pk for n in ("registration", "mentorship", "experience", "news2")]
    assert [[value for _member, value in r.member_scores] for r in rows] == [
        [None, 3, 2], [None, 2, 3], [None, 3, 1], [None, 1, 3],
    ]
    assert [r.flagged for r in rows] == [False, False, True, True]
    content = response.content.decode()
    members = content.split("<thead")[1].split("</thead>")[0]
    assert members.index("Harry Manager") < members.index("Penny Panel") < members.index("Sam Second")
    experience = content.split(f'id="criterion-{criteria["experience"].pk}"')[1].split("</tr>")[0]
    registration = content.split(f'id="criterion-{criteria["registration"].pk}"')[1].split("</tr>")[0]
    assert "Discuss" in experience and "Discuss" not in registration
    assert content.count(">Discuss</strong>") == 2
    # Only the hiring manager records agreed scores.
    assert ('name="agreed_' in content) is (who == "hiring_manager")


@pytest.mark.parametrize("who", ["recruiter", "panel_member"])
def test_moderation_page_does_not_let_anyone_but_the_hiring_manager_agree(client, request, flagged, criteria, who):
    client.force_login(request.getfixturevalue(who))

    response = client.post(_url("application_moderation", flagged.vacancy, "A0001"), {f"agreed_{criteria['news2'].pk}": "2"})

    assert response.status_code == 404
    assert AgreedScore.objects.count() == 0


def test_moderation_page_saves_agreed_scores_and_goes_on_to_the_decision(client, flagged, criteria, hiring_manager):
    client.force_login(hiring_manager)

    response = client.post(
        _url("application_moderation", flagged.vacancy, "A0001"),
        {f"agreed_{criteria['experience'].pk}": "2", f"agreed_{criteria['news2'].pk}": "1"},
        follow=True,
    )

    assert response.redirect_chain == [(_url("application_decision", flagged.vacancy, "A0001"), 302)]
    assert "Agreed scores for A0001 are saved." in response.content.decode()
    assert sorted(AgreedScore.objects.values_list("criterion_id", "score", "agreed_by_id")) == sorted([
        (criteria["experience"].pk, 2, hiring_manager.pk), (criteria["news2"].pk, 1, hiring_manager.pk),
    ])
    page = client.get(_url("application_moderation", flagged.vacancy, "A0001"))
    assert [r.agreed.score if r.agreed else None for r in page.context["rows"]] == [None, None, 2, 1]
    assert "Agreed by Harry Manager" in page.content.decode().split(f'id="criterion-{criteria["news2"].pk}"')[1].split("</tr>")[0]


def test_moderation_page_shows_a_bad_score_next_to_its_field(client, flagged, criteria, hiring_manager):
    client.force_login(hiring_manager)

    response = client.post(_url("application_moderation", flagged.vacancy, "A0001"), {f"agreed_{criteria['news2'].pk}": "9"})

    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert f'href="#id_agreed_{criteria["news2"].pk}' in content
    assert "Choose an agreed score from 0 to 3" in content
    assert AgreedScore.objects.count() == 0


def test_moderation_page_is_read_only_once_shortlisting_is_complete(client, flagged, criteria, hiring_manager):
    Vacancy.objects.filter(pk=flagged.vacancy_id).update(status=Vacancy.Status.INTERVIEWING)
    client.force_login(hiring_manager)

    page = client.get(_url("application_moderation", flagged.vacancy, "A0001"))
    response = client.post(_url("application_moderation", flagged.vacancy, "A0001"), {f"agreed_{criteria['news2'].pk}": "2"})

    assert 'name="agreed_' not in page.content.decode()
    assert response.status_code == 200
    assert "Shortlisting is not open: the vacancy is interviewing." in response.content.decode()
    assert AgreedScore.objects.count() == 0


def test_panel_overview_links_a_flagged_application_to_its_moderation_page(client, flagged, panel_member):
    client.force_login(panel_member)

    content = client.get(_url("panel_overview", flagged.vacancy)).content.decode()

    row = content.split('id="row-A0001"')[1].split("</tr>")[0]
    assert _url("application_moderation", flagged.vacancy, "A0001") in row
    assert "2 criteria" in row


# The decision page on a flagged application -------------------------------------------------


def test_decision_page_on_a_flagged_application_asks_for_agreed_scores_or_a_reason(client, flagged, hiring_manager):
    client.force_login(hiring_manager)
    url = _url("application_decision", flagged.vacancy, "A0001")

    page = client.get(url).content.decode()
    refused = client.post(url, {"outcome": "shortlist", "reason": "Strong"})

    assert _url("application_moderation", flagged.vacancy, "A0001") in page
    assert 'name="unmoderated_reason"' in page
    assert refused.status_code == 200
    assert 'href="#id_unmoderated_reason"' in refused.content.decode()
    assert "Agree the scores first, or give a reason to decide without them" in refused.content.decode()
    assert ShortlistDecision.objects.count() == 0


def test_decision_page_on_a_flagged_application_saves_the_reason_to_go_on_without(client, flagged, hiring_manager):
    client.force_login(hiring_manager)

    response = client.post(
        _url("application_decision", flagged.vacancy, "A0001"),
        {"outcome": "reserve", "reason": "Close second", "unmoderated_reason": "Panel agreed by phone"},
    )

    assert response.status_code == 302
    decision = ShortlistDecision.objects.get()
    assert (decision.outcome, decision.reason, decision.unmoderated_reason) == ("reserve", "Close second", "Panel agreed by phone")


def test_decision_page_without_flags_asks_for_no_reason_to_go_on(client, closed_vacancy, applications, hiring_manager):
    client.force_login(hiring_manager)

    page = client.get(_url("application_decision", closed_vacancy, "A0002")).content.decode()

    assert 'name="unmoderated_reason"' not in page


# Before the vacancy closes (point 3) -------------------------------------------------------


def test_application_list_of_a_published_vacancy_says_scoring_opens_when_it_closes(
    client, vacancy, applications, panel_member
):
    Vacancy.objects.filter(pk=vacancy.pk).update(status=Vacancy.Status.PUBLISHED)
    client.force_login(panel_member)

    response = client.get(_url("application_list", vacancy))

    content = response.content.decode()
    assert response.context["scoring_open"] is False
    assert "Scoring opens when the vacancy closes." in content
    assert "You have scored" not in content


# Query counts ----------------------------------------------------------------------------------


def _scored(vacancy, criteria, count, members, *, start=1):
    """`count` applications, each scored by every member: registration 0 and
    3 in turn (flagged), experience 2, news2 0 and 1; bulk-created."""
    applications = make_applications(vacancy, count, start=start)
    values = {"registration": lambda i: 3 * (i % 2), "experience": lambda i: 2, "news2": lambda i: i % 2}
    Score.objects.bulk_create(
        Score(application=application, criterion=criteria[name], panel_member=member, score=value(i))
        for application in applications
        for i, member in enumerate(members)
        for name, value in values.items()
    )
    return applications


# The session, the user, their memberships, the vacancy, the application, the
# criteria, the scores, the members and the agreed scores (with who agreed).
MODERATION_QUERIES = 9


@pytest.mark.parametrize("count", [3, 60])
def test_moderation_page_runs_a_bounded_number_of_queries(
    client, count, closed_vacancy, criteria, panel_member, second_panel_member, hiring_manager,
    django_assert_max_num_queries,
):
    applications = _scored(closed_vacancy, criteria, count, [panel_member, second_panel_member, hiring_manager])
    record_agreed_scores(application_id=applications[0].pk, actor=hiring_manager, scores={criteria["registration"].pk: 2})
    client.force_login(hiring_manager)

    with django_assert_max_num_queries(MODERATION_QUERIES):
        response = client.get(_url("application_moderation", closed_vacancy, "A0001"))

    assert len(response.context["rows"]) == 4
    assert response.context["rows"][0].agreed.score == 2


# The session, the user, their memberships, the vacancy, the essential
# criteria, the applications, the scores, the agreed scores, the members and
# the reveal event.
OVERVIEW_QUERIES = 10


@pytest.mark.parametrize("count", [3, 120])
def test_panel_overview_with_agreed_scores_runs_a_bounded_number_of_queries(
    client, count, closed_vacancy, criteria, panel_member, second_panel_member, hiring_manager,
    django_assert_max_num_queries,
):
    applications = _scored(closed_vacancy, criteria, count, [panel_member, second_panel_member])
    for application in applications[::2]:
        record_agreed_scores(application_id=application.pk, actor=hiring_manager, scores={criteria["registration"].pk: 2})
    client.force_login(hiring_manager)

    with django_assert_max_num_queries(OVERVIEW_QUERIES):
        response = client.get(_url("panel_overview", closed_vacancy))

    assert [r.needs_moderation for r in response.context["rows"][:2]] == [False, True]
    assert len(response.context["rows"]) == count
