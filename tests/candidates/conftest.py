import pytest

from tests.factories import VacancyFactory

from .factories import DraftApplicationFactory


@pytest.fixture
def vacancy(db):
    return VacancyFactory(title="Staff Nurse – Acute Medicine", reference="C9365-25-0300")


@pytest.fixture
def draft(candidate, vacancy):
    return DraftApplicationFactory(candidate=candidate, vacancy=vacancy)


@pytest.fixture
def candidate_client(client, candidate):
    client.force_login(candidate)
    return client
