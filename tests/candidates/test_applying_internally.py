"""Applying for internal and restricted vacancies: the staff they are for
start, fill in and submit an application like anyone applying for an external
one; everyone else gets 404 from /applications/start/ and no application."""

import pytest

from candidates.models import Application
from organisations.models import Membership
from tests.factories import MembershipFactory, OrganisationFactory, VacancyFactory
from vacancies.models import AdvertisingScope

from .factories import complete_sections


@pytest.fixture
def internal(trust_a):
    return VacancyFactory(
        organisation=trust_a, reference="C1000-26-0101", title="Internal Ward Sister",
        advertising_scope=AdvertisingScope.INTERNAL,
    )


@pytest.fixture
def restricted(trust_a, trust_b):
    vacancy = VacancyFactory(
        organisation=trust_a, reference="C1000-26-0102", title="Restricted Matron",
        advertising_scope=AdvertisingScope.RESTRICTED,
    )
    vacancy.restricted_to.add(trust_b)
    return vacancy


@pytest.fixture
def staff_of_c(db):
    trust_c = OrganisationFactory(name="Trust C NHS Trust")
    return MembershipFactory(organisation=trust_c, role=Membership.Role.HIRING_MANAGER).user


def start_url(vacancy):
    return f"/applications/start/{vacancy.reference}/"


@pytest.mark.parametrize(
    ("user_name", "vacancy_name"),
    [
        ("hiring_manager", "internal"),
        ("panel_member", "restricted"),
        ("other_recruiter", "restricted"),
    ],
)
def test_start_lets_the_staff_a_vacancy_is_for_apply(client, request, user_name, vacancy_name):
    user, vacancy = request.getfixturevalue(user_name), request.getfixturevalue(vacancy_name)
    client.force_login(user)

    page = client.get(start_url(vacancy))
    response = client.post(start_url(vacancy))

    assert vacancy.title in page.content.decode()
    application = Application.objects.get()
    assert (application.candidate, application.vacancy, application.status) == (user, vacancy, "draft")
    assert response["Location"] == f"/applications/{application.pk}/"


@pytest.mark.parametrize(
    ("user_name", "vacancy_name"),
    [
        ("other_recruiter", "internal"),
        ("staff_of_c", "internal"),
        ("staff_of_c", "restricted"),
        ("candidate", "internal"),
        ("candidate", "restricted"),
    ],
)
def test_start_is_404_to_everyone_else_and_starts_nothing(client, request, user_name, vacancy_name):
    vacancy = request.getfixturevalue(vacancy_name)
    client.force_login(request.getfixturevalue(user_name))

    assert client.get(start_url(vacancy)).status_code == 404
    assert client.post(start_url(vacancy)).status_code == 404
    assert not Application.objects.exists()


def test_start_answers_someone_signed_out_as_for_a_vacancy_that_does_not_exist(client, internal):
    # Sign in first, as for any reference: the answer says nothing of the vacancy.
    internal_answer = client.post(start_url(internal))
    unknown_answer = client.post("/applications/start/C0000-26-0000/")

    assert internal_answer["Location"] == "/accounts/login/?next=/applications/start/C1000-26-0101/"
    assert unknown_answer["Location"] == "/accounts/login/?next=/applications/start/C0000-26-0000/"
    assert not Application.objects.exists()


def test_staff_member_submits_an_application_for_an_internal_vacancy(client, hiring_manager, internal):
    client.force_login(hiring_manager)
    client.post(start_url(internal))
    application = complete_sections(Application.objects.get())

    response = client.post(f"/applications/{application.pk}/submit/", {"confirm": "on"})

    assert response["Location"] == f"/applications/{application.pk}/submitted/"
    application.refresh_from_db()
    assert (application.status, application.anonymous_code) == ("submitted", "A0001")
    listing = client.get("/applications/").content.decode()
    assert "Internal Ward Sister" in listing
