"""Scoring: the score's range, who may score what, events, panel assignment,
the panel overview and its moderation flag (shortlisting.scoring)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError

from candidates.models import Application, GuaranteedInterview
from shortlisting.models import Score, ShortlistingEvent
from shortlisting.scoring import (
    ShortlistingRefused,
    assign_panel_member,
    panel_overview,
    record_score,
    record_scores,
    remove_panel_member,
    scoring_progress,
)
from tests.factories import CriterionFactory, MembershipFactory, UserFactory
from vacancies.models import Vacancy, VacancyEvent


def score_all(application, criteria, member, values):
    """values: {criterion name: score}."""
    for name, value in values.items():
        record_score(application_id=application.pk, criterion_id=criteria[name].pk, panel_member=member, score=value)


# The score ---------------------------------------------------------------------------


def test_score_database_refuses_values_outside_0_to_3(closed_vacancy, applications, criteria, panel_member):
    with pytest.raises(IntegrityError):
        Score.objects.create(
            application=applications[0], criterion=criteria["registration"], panel_member=panel_member, score=4
        )


def test_record_score_refuses_values_outside_0_to_3(closed_vacancy, applications, criteria, panel_member):
    with pytest.raises(ShortlistingRefused, match="from 0 to 3"):
        record_score(
            application_id=applications[0].pk, criterion_id=criteria["registration"].pk,
            panel_member=panel_member, score=4,
        )

    assert Score.objects.count() == 0


def test_record_score_saves_and_replaces_a_members_score(closed_vacancy, applications, criteria, panel_member):
    application = applications[0]
    record_score(
        application_id=application.pk, criterion_id=criteria["experience"].pk, panel_member=panel_member,
        score=1, note="Little ward experience",
    )

    record_score(
        application_id=application.pk, criterion_id=criteria["experience"].pk, panel_member=panel_member,
        score=2, note="Two years on a medical ward",
    )

    score = Score.objects.get()
    assert (score.score, score.note) == (2, "Two years on a medical ward")


def test_record_score_writes_an_event(closed_vacancy, applications, criteria, panel_member):
    record_score(
        application_id=applications[0].pk, criterion_id=criteria["experience"].pk, panel_member=panel_member,
        score=3,
    )

    event = ShortlistingEvent.objects.get()
    assert (event.kind, event.application_id, event.actor_id) == ("score", applications[0].pk, panel_member.pk)
    assert event.detail == {"criterion": criteria["experience"].pk, "score": 3, "previous": None}


def test_record_score_first_score_starts_shortlisting(closed_vacancy, applications, criteria, panel_member):
    record_score(
        application_id=applications[0].pk, criterion_id=criteria["experience"].pk, panel_member=panel_member,
        score=2,
    )

    closed_vacancy.refresh_from_db()
    assert closed_vacancy.status == Vacancy.Status.SHORTLISTING
    assert VacancyEvent.objects.filter(vacancy=closed_vacancy, to_status="shortlisting").count() == 1


def test_record_score_allows_the_hiring_manager(closed_vacancy, applications, criteria, hiring_manager):
    record_score(
        application_id=applications[0].pk, criterion_id=criteria["news2"].pk, panel_member=hiring_manager, score=1
    )

    assert Score.objects.get().panel_member == hiring_manager


def test_record_score_refuses_someone_not_on_the_panel(closed_vacancy, applications, criteria, recruiter):
    with pytest.raises(PermissionDenied):
        record_score(
            application_id=applications[0].pk, criterion_id=criteria["news2"].pk, panel_member=recruiter, score=1
        )

    assert Score.objects.count() == 0


def test_record_score_refuses_a_criterion_assessed_at_interview(closed_vacancy, applications, criteria, panel_member):
    with pytest.raises(ShortlistingRefused, match="assessed later"):
        record_score(
            application_id=applications[0].pk, criterion_id=criteria["calm"].pk, panel_member=panel_member, score=2
        )


def test_record_score_refuses_another_vacancys_criterion(closed_vacancy, applications, panel_member):
    elsewhere = CriterionFactory()

    with pytest.raises(ShortlistingRefused, match="not in this vacancy"):
        record_score(
            application_id=applications[0].pk, criterion_id=elsewhere.pk, panel_member=panel_member, score=2
        )


def test_record_score_refuses_before_the_vacancy_closes(vacancy, applications, criteria, panel_member):
    with pytest.raises(ShortlistingRefused, match="published"):
        record_score(
            application_id=applications[0].pk, criterion_id=criteria["news2"].pk, panel_member=panel_member, score=2
        )


def test_record_score_refuses_a_withdrawn_application(closed_vacancy, applications, criteria, panel_member):
    Application.objects.filter(pk=applications[0].pk).update(status=Application.Status.WITHDRAWN)

    with pytest.raises(ShortlistingRefused, match="withdrawn"):
        record_score(
            application_id=applications[0].pk, criterion_id=criteria["news2"].pk, panel_member=panel_member, score=2
        )


def test_record_scores_saves_a_whole_grid_with_an_event_each(closed_vacancy, applications, criteria, panel_member):
    grid = {criteria["registration"].pk: (3, "Registered"), criteria["news2"].pk: (1, "")}

    saved = record_scores(application_id=applications[0].pk, panel_member=panel_member, scores=grid)

    assert [(score.criterion_id, score.score, score.note) for score in saved] == [
        (criteria["registration"].pk, 3, "Registered"),
        (criteria["news2"].pk, 1, ""),
    ]
    assert Score.objects.filter(application=applications[0], panel_member=panel_member).count() == 2
    assert sorted(ShortlistingEvent.objects.filter(kind="score").values_list("detail__criterion", flat=True)) == sorted(grid)
    closed_vacancy.refresh_from_db()
    assert closed_vacancy.status == Vacancy.Status.SHORTLISTING
    assert VacancyEvent.objects.filter(vacancy=closed_vacancy, to_status="shortlisting").count() == 1


def test_record_scores_saves_nothing_when_one_score_is_refused(closed_vacancy, applications, criteria, panel_member):
    record_score(
        application_id=applications[0].pk, criterion_id=criteria["experience"].pk, panel_member=panel_member, score=1
    )
    grid = {
        criteria["registration"].pk: (3, ""),
        criteria["experience"].pk: (2, "Changed my mind"),
        criteria["calm"].pk: (2, ""),  # assessed at interview: refused
    }

    with pytest.raises(ShortlistingRefused, match="assessed later"):
        record_scores(application_id=applications[0].pk, panel_member=panel_member, scores=grid)

    assert list(Score.objects.values_list("criterion_id", "score", "note")) == [(criteria["experience"].pk, 1, "")]
    assert ShortlistingEvent.objects.filter(kind="score").count() == 1


def test_record_scores_leaves_out_unchanged_scores(closed_vacancy, applications, criteria, panel_member):
    record_score(
        application_id=applications[0].pk, criterion_id=criteria["experience"].pk, panel_member=panel_member,
        score=2, note="Two years",
    )
    grid = {criteria["experience"].pk: (2, "Two years"), criteria["news2"].pk: (3, "")}

    saved = record_scores(application_id=applications[0].pk, panel_member=panel_member, scores=grid)

    assert [score.criterion_id for score in saved] == [criteria["news2"].pk]
    assert ShortlistingEvent.objects.filter(kind="score").count() == 2
    assert record_scores(application_id=applications[0].pk, panel_member=panel_member, scores=grid) == []
    assert ShortlistingEvent.objects.filter(kind="score").count() == 2


def test_record_scores_refuses_someone_not_on_the_panel(closed_vacancy, applications, criteria, recruiter):
    with pytest.raises(PermissionDenied):
        record_scores(
            application_id=applications[0].pk, panel_member=recruiter, scores={criteria["news2"].pk: (1, "")}
        )

    assert Score.objects.count() == 0


def test_scoring_progress_counts_a_members_scores(closed_vacancy, applications, criteria, panel_member):
    score_all(applications[0], criteria, panel_member, {"registration": 2, "experience": 3})

    assert scoring_progress(vacancy=closed_vacancy, panel_member=panel_member) == (2, 20)


# Assigning the panel ---------------------------------------------------------------------


def test_assign_panel_member_by_a_recruiter_adds_staff_of_the_trust(vacancy, trust_a, recruiter):
    colleague = MembershipFactory(organisation=trust_a, role="hiring_manager").user

    assign_panel_member(vacancy_id=vacancy.pk, user=colleague, actor=recruiter)
    assign_panel_member(vacancy_id=vacancy.pk, user=colleague, actor=recruiter)  # already on it: no second event

    assert vacancy.panel_members.filter(pk=colleague.pk).exists()
    event = ShortlistingEvent.objects.get()
    assert (event.kind, event.actor_id, event.detail) == ("assign", recruiter.pk, {"panel_member": colleague.pk})


def test_assign_panel_member_by_the_hiring_manager_is_allowed(vacancy, trust_a, hiring_manager):
    colleague = MembershipFactory(organisation=trust_a, role="hiring_manager").user

    assign_panel_member(vacancy_id=vacancy.pk, user=colleague, actor=hiring_manager)

    assert vacancy.panel_members.filter(pk=colleague.pk).exists()


def test_assign_panel_member_refuses_staff_of_another_trust(vacancy, recruiter, other_recruiter):
    with pytest.raises(ShortlistingRefused, match="not a member of staff"):
        assign_panel_member(vacancy_id=vacancy.pk, user=other_recruiter, actor=recruiter)

    assert not vacancy.panel_members.filter(pk=other_recruiter.pk).exists()


def test_assign_panel_member_refuses_a_candidate(vacancy, recruiter, candidate):
    with pytest.raises(ShortlistingRefused):
        assign_panel_member(vacancy_id=vacancy.pk, user=candidate, actor=recruiter)


@pytest.mark.parametrize("actor_name", ["panel_member", "other_recruiter"])
def test_assign_panel_member_refuses_other_people(vacancy, trust_a, actor_name, request):
    colleague = MembershipFactory(organisation=trust_a, role="hiring_manager").user
    actor = request.getfixturevalue(actor_name)

    with pytest.raises(PermissionDenied):
        assign_panel_member(vacancy_id=vacancy.pk, user=colleague, actor=actor)

    assert not vacancy.panel_members.filter(pk=colleague.pk).exists()


# The overview ---------------------------------------------------------------------------


def test_panel_overview_gives_totals_mean_and_flags(
    closed_vacancy, applications, criteria, panel_member, second_panel_member, hiring_manager
):
    score_all(
        applications[0], criteria, panel_member, {"registration": 2, "mentorship": 1, "experience": 3, "news2": 2}
    )
    score_all(applications[0], criteria, second_panel_member, {"registration": 3, "experience": 2, "news2": 2})

    rows = panel_overview(vacancy=closed_vacancy)

    assert [row.anonymous_code for row in rows] == ["A0001", "A0002", "A0003", "A0004", "A0005"]
    first = rows[0]
    assert [(member.full_name, total) for member, total in first.member_totals] == [
        ("Harry Manager", None), ("Penny Panel", 8), ("Sam Second", 7),
    ]
    assert first.mean_total == 7.5
    assert first.essential_met is True
    assert first.needs_moderation is False
    assert [row.guaranteed_interview for row in rows] == [False, False, True, False, False]
    assert rows[1].mean_total is None


def test_panel_overview_essential_not_met_when_mean_below_1(
    closed_vacancy, applications, criteria, panel_member, second_panel_member
):
    score_all(applications[0], criteria, panel_member, {"news2": 1})
    score_all(applications[0], criteria, second_panel_member, {"news2": 0})

    rows = panel_overview(vacancy=closed_vacancy)

    assert rows[0].essential_met is False
    assert rows[0].mean_total == 0.5


def test_panel_overview_desirable_criterion_not_met_does_not_count(
    closed_vacancy, applications, criteria, panel_member
):
    score_all(applications[0], criteria, panel_member, {"mentorship": 0})

    assert panel_overview(vacancy=closed_vacancy)[0].essential_met is True


def test_panel_overview_flags_a_gap_above_the_threshold_for_moderation(
    closed_vacancy, applications, criteria, panel_member, second_panel_member
):
    score_all(applications[0], criteria, panel_member, {"experience": 3, "news2": 2})
    score_all(applications[0], criteria, second_panel_member, {"experience": 1, "news2": 1})

    rows = panel_overview(vacancy=closed_vacancy)

    assert rows[0].needs_moderation is True
    assert rows[0].moderation_criteria == [criteria["experience"].pk]


def test_panel_overview_gap_equal_to_the_threshold_is_not_flagged(
    closed_vacancy, applications, criteria, panel_member, second_panel_member
):
    score_all(applications[0], criteria, panel_member, {"experience": 3})
    score_all(applications[0], criteria, second_panel_member, {"experience": 2})

    assert panel_overview(vacancy=closed_vacancy)[0].needs_moderation is False


def test_panel_overview_threshold_comes_from_settings(
    settings, closed_vacancy, applications, criteria, panel_member, second_panel_member
):
    settings.SHORTLISTING_MODERATION_THRESHOLD = 2
    score_all(applications[0], criteria, panel_member, {"experience": 3})
    score_all(applications[0], criteria, second_panel_member, {"experience": 1})

    assert panel_overview(vacancy=closed_vacancy)[0].needs_moderation is False


def seed_applications(vacancy, count, criteria, members):
    """`count` submitted applications, each scored by every member on every
    criterion assessed at application, and every other one asking for a
    guaranteed interview: bulk-created, so 200 stay quick."""
    candidates = UserFactory.create_batch(count)
    applications = Application.objects.bulk_create(
        Application(
            vacancy=vacancy, candidate=candidate, status="submitted", anonymous_number=n,
            submitted_at=vacancy.closing_at,
        )
        for n, candidate in enumerate(candidates, start=1)
    )
    GuaranteedInterview.objects.bulk_create(
        GuaranteedInterview(application=application, requested=n % 2 == 0, scheme="disability_confident")
        for n, application in enumerate(applications)
    )
    Score.objects.bulk_create(
        Score(application=application, criterion=criterion, panel_member=member, score=(n + i) % 4)
        for n, application in enumerate(applications)
        for i, member in enumerate(members)
        for criterion in criteria
        if criterion.assessed_at_application
    )


@pytest.mark.parametrize("count", [5, 200])
def test_panel_overview_runs_a_fixed_number_of_queries(
    count, closed_vacancy, criteria, panel_member, second_panel_member, django_assert_max_num_queries
):
    seed_applications(closed_vacancy, count, criteria.values(), [panel_member, second_panel_member])

    # Essential criteria, applications, scores, agreed scores, members.
    with django_assert_max_num_queries(5):
        rows = panel_overview(vacancy=closed_vacancy)
        [(row.anonymous_code, row.member_totals, row.decision) for row in rows]

    assert len(rows) == count


def test_remove_panel_member_takes_them_off_with_an_event(vacancy, panel_member, hiring_manager):
    remove_panel_member(vacancy_id=vacancy.pk, user=panel_member, actor=hiring_manager)

    assert not vacancy.panel_members.filter(pk=panel_member.pk).exists()
    event = ShortlistingEvent.objects.get()
    assert (event.kind, event.actor_id, event.detail) == ("remove", hiring_manager.pk, {"panel_member": panel_member.pk})


def test_remove_panel_member_refuses_a_panel_member_and_someone_not_on_it(vacancy, panel_member, recruiter, candidate):
    with pytest.raises(PermissionDenied):
        remove_panel_member(vacancy_id=vacancy.pk, user=panel_member, actor=panel_member)
    with pytest.raises(ShortlistingRefused):
        remove_panel_member(vacancy_id=vacancy.pk, user=candidate, actor=recruiter)
    assert vacancy.panel_members.filter(pk=panel_member.pk).exists()
    assert ShortlistingEvent.objects.count() == 0
