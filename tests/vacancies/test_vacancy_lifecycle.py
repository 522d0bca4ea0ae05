"""Rule: a vacancy moves only along the lifecycle of DESIGN.md, and every move is recorded."""

import datetime
import itertools

import pytest

from tests.factories import VacancyFactory
from vacancies.models import Vacancy, VacancyEvent
from vacancies.services import TransitionNotAllowed, change_vacancy_status

S = Vacancy.Status
ALLOWED = {
    (S.DRAFT, S.AWAITING_APPROVAL), (S.DRAFT, S.WITHDRAWN),
    (S.AWAITING_APPROVAL, S.APPROVED), (S.AWAITING_APPROVAL, S.DRAFT), (S.AWAITING_APPROVAL, S.WITHDRAWN),
    (S.APPROVED, S.PUBLISHED), (S.APPROVED, S.DRAFT), (S.APPROVED, S.WITHDRAWN),
    (S.PUBLISHED, S.CLOSED), (S.PUBLISHED, S.WITHDRAWN),
    (S.CLOSED, S.SHORTLISTING), (S.CLOSED, S.PUBLISHED), (S.CLOSED, S.WITHDRAWN),
    (S.SHORTLISTING, S.INTERVIEWING), (S.SHORTLISTING, S.WITHDRAWN),
    (S.INTERVIEWING, S.OFFER_MADE), (S.INTERVIEWING, S.WITHDRAWN),
    (S.OFFER_MADE, S.FILLED), (S.OFFER_MADE, S.INTERVIEWING), (S.OFFER_MADE, S.WITHDRAWN),
}
NOW = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)


def test_transition_table_is_the_lifecycle_of_the_design():
    table = {(source, target) for source, targets in Vacancy.TRANSITIONS.items() for target in targets}
    assert table == ALLOWED


@pytest.mark.django_db
@pytest.mark.parametrize("source,target", sorted(ALLOWED))
def test_allowed_move_changes_status_and_writes_an_event(source, target, recruiter):
    vacancy = VacancyFactory(status=source, date_posted=datetime.date(2026, 2, 1))

    change_vacancy_status(vacancy_id=vacancy.pk, to_status=target, actor=recruiter, note="Because", now=NOW)

    vacancy.refresh_from_db()
    assert vacancy.status == target
    assert vacancy.status_changed_at == NOW
    event = VacancyEvent.objects.get(vacancy=vacancy)
    assert (event.actor, event.from_status, event.to_status, event.note, event.created_at) == (
        recruiter, source, target, "Because", NOW,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "source,target", sorted(pair for pair in itertools.product(S, S) if pair not in ALLOWED)
)
def test_refused_move_changes_nothing(source, target, recruiter):
    vacancy = VacancyFactory(status=source)
    before = Vacancy.objects.filter(pk=vacancy.pk).values().get()

    with pytest.raises(TransitionNotAllowed):
        change_vacancy_status(vacancy_id=vacancy.pk, to_status=target, actor=recruiter, now=NOW)

    assert Vacancy.objects.filter(pk=vacancy.pk).values().get() == before
    assert not VacancyEvent.objects.filter(vacancy=vacancy).exists()


@pytest.mark.django_db
def test_publishing_sets_published_at_and_date_posted_once():
    vacancy = VacancyFactory(status=S.APPROVED, date_posted=None)

    change_vacancy_status(vacancy_id=vacancy.pk, to_status=S.PUBLISHED, now=NOW)

    vacancy.refresh_from_db()
    assert vacancy.published_at == NOW
    assert vacancy.date_posted == datetime.date(2026, 3, 2)
