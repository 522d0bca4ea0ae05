"""When a vacancy stopped taking applications, as candidates are told it: the
time it actually closed (early by hand, or at its cap), not the closing time it
was advertised with; and the closing time when it closed then (or later, when
the beat task ran a minute after)."""

import datetime

import pytest
import time_machine

from candidates.models import Application
from tests.candidates.factories import DraftApplicationFactory
from tests.factories import VacancyFactory
from vacancies import services
from vacancies.models import Vacancy

# 20 December 2026, 11:59pm in London (GMT): the advertised closing time.
SCHEDULED = datetime.datetime(2026, 12, 20, 23, 59, tzinfo=datetime.UTC)
# Closed early by the recruiter on 2 December at 3:15pm.
CLOSED_EARLY = datetime.datetime(2026, 12, 2, 15, 15, tzinfo=datetime.UTC)


@pytest.fixture
def vacancy(recruiter, trust_a):
    return VacancyFactory(organisation=trust_a, reference="C9365-26-0801", title="Ward Sister", closing_at=SCHEDULED)


def close_early(vacancy, recruiter):
    with time_machine.travel(CLOSED_EARLY, tick=False):
        services.close_vacancy_early(vacancy_id=vacancy.pk, actor=recruiter)
    vacancy.refresh_from_db()
    return vacancy


def test_vacancy_closed_early_closes_when_it_was_closed(vacancy, recruiter):
    vacancy = close_early(vacancy, recruiter)

    assert (vacancy.closing_at, vacancy.closed_at) == (SCHEDULED, CLOSED_EARLY)
    assert vacancy.actual_closing_at == CLOSED_EARLY


def test_vacancy_closed_by_the_beat_task_closes_at_its_closing_time(vacancy):
    # The beat task runs a little after the closing time: the advert still
    # closed at 11:59pm on the 20th, not at 12:01am on the 21st.
    services.close_vacancies_past_closing_time(now=SCHEDULED + datetime.timedelta(minutes=2))
    vacancy.refresh_from_db()

    assert vacancy.status == Vacancy.Status.CLOSED
    assert vacancy.actual_closing_at == SCHEDULED


def test_vacancy_still_open_closes_at_its_closing_time(vacancy):
    assert (vacancy.closed_at, vacancy.actual_closing_at) == (None, SCHEDULED)


def test_vacancy_reopened_after_closing_early_closes_at_its_new_closing_time(vacancy, recruiter):
    vacancy = close_early(vacancy, recruiter)
    new_closing = SCHEDULED + datetime.timedelta(days=7)
    services.reopen_vacancy(vacancy_id=vacancy.pk, actor=recruiter, closing_at=new_closing, now=CLOSED_EARLY)
    vacancy.refresh_from_db()

    assert vacancy.actual_closing_at == new_closing


def test_advert_closed_early_says_when_it_actually_closed(client, vacancy, recruiter):
    close_early(vacancy, recruiter)

    with time_machine.travel(CLOSED_EARLY + datetime.timedelta(hours=1), tick=False):
        response = client.get("/jobs/C9365-26-0801/")

    html = response.content.decode()
    assert "It closed on 2 December 2026 and no longer accepts applications." in html
    assert "2 December 2026 at 3:15pm" in html
    assert "20 December 2026" not in html


def test_advert_closed_at_its_closing_time_says_that_time(client, vacancy):
    services.close_vacancies_past_closing_time(now=SCHEDULED + datetime.timedelta(minutes=2))

    with time_machine.travel(SCHEDULED + datetime.timedelta(days=1), tick=False):
        response = client.get("/jobs/C9365-26-0801/")

    html = response.content.decode()
    assert "It closed on 20 December 2026 and no longer accepts applications." in html
    assert "20 December 2026 at 11:59pm" in html


def test_your_applications_shows_when_a_vacancy_closed_early(client, vacancy, recruiter, candidate):
    open_vacancy = VacancyFactory(title="Matron", closing_at=SCHEDULED + datetime.timedelta(days=3))
    DraftApplicationFactory(candidate=candidate, vacancy=open_vacancy)
    draft = DraftApplicationFactory(candidate=candidate, vacancy=vacancy)
    close_early(vacancy, recruiter)
    client.force_login(candidate)

    with time_machine.travel(CLOSED_EARLY + datetime.timedelta(hours=1), tick=False):
        response = client.get("/applications/")

    html = response.content.decode()
    assert Application.objects.get(pk=draft.pk).status == "draft"
    rows = {a.vacancy.title: a.vacancy.actual_closing_at for a in response.context["applications"]}
    assert rows == {"Ward Sister": CLOSED_EARLY, "Matron": SCHEDULED + datetime.timedelta(days=3)}
    assert "2 December 2026" in html
    assert "20 December 2026" not in html
    assert "23 December 2026" in html
