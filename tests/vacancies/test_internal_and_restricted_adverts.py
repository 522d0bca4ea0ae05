"""Internal and restricted adverts: an internal one is read by the staff of its
trust, a restricted one by the staff of its trust and of the trusts it names.
Everyone else gets 404, signed out or not. Neither kind ever reaches the public
surfaces (search, home page, feeds, sitemap, JSON-LD for job boards), whoever
is signed in."""

import json
import re

import pytest
from django.contrib.auth.models import AnonymousUser

from organisations.models import Membership
from tests.factories import MembershipFactory, OrganisationFactory, VacancyFactory
from vacancies.models import AdvertisingScope, Vacancy


@pytest.fixture
def trust_c(db):
    return OrganisationFactory(name="Trust C NHS Trust", ods_code="RC0")


@pytest.fixture
def staff_of_c(trust_c):
    return MembershipFactory(organisation=trust_c, role=Membership.Role.HIRING_MANAGER, user__full_name="Cleo C").user


@pytest.fixture
def adverts(trust_a, trust_b, trust_c):
    internal = VacancyFactory(
        organisation=trust_a, reference="C1000-26-0001", title="Internal Ward Sister",
        advertising_scope=AdvertisingScope.INTERNAL,
    )
    restricted = VacancyFactory(
        organisation=trust_a, reference="C1000-26-0002", title="Restricted Matron",
        advertising_scope=AdvertisingScope.RESTRICTED,
    )
    restricted.restricted_to.add(trust_b)
    external = VacancyFactory(organisation=trust_a, reference="C1000-26-0003", title="External Staff Nurse")
    return {"internal": internal, "restricted": restricted, "external": external}


def _visible(user, adverts):
    ids = set(Vacancy.objects.visible_to(user).values_list("pk", flat=True))
    return sorted(name for name, vacancy in adverts.items() if vacancy.pk in ids)


def test_visible_to_staff_of_the_trust_includes_its_internal_and_restricted_adverts(
    recruiter, hiring_manager, panel_member, adverts
):
    for user in (recruiter, hiring_manager, panel_member):
        assert _visible(user, adverts) == ["external", "internal", "restricted"]


def test_visible_to_staff_of_a_named_trust_includes_the_restricted_advert_only(other_recruiter, adverts):
    assert _visible(other_recruiter, adverts) == ["external", "restricted"]


def test_visible_to_everyone_else_is_the_public_adverts(candidate, staff_of_c, adverts):
    for user in (candidate, staff_of_c, AnonymousUser()):
        assert _visible(user, adverts) == ["external"]


def test_visible_to_staff_never_includes_unpublished_internal_adverts(recruiter, trust_a):
    draft = VacancyFactory(
        organisation=trust_a, advertising_scope=AdvertisingScope.INTERNAL, status=Vacancy.Status.DRAFT
    )

    assert not Vacancy.objects.visible_to(recruiter).filter(pk=draft.pk).exists()


def test_visible_to_lists_a_restricted_advert_once_however_many_trusts_it_names(
    other_recruiter, trust_a, trust_b, trust_c, adverts
):
    MembershipFactory(user=other_recruiter, organisation=trust_c, role=Membership.Role.RECRUITER)
    adverts["restricted"].restricted_to.add(trust_c)

    assert Vacancy.objects.visible_to(other_recruiter).filter(pk=adverts["restricted"].pk).count() == 1


@pytest.mark.parametrize(
    ("user_name", "expected"),
    [
        ("recruiter", {"internal": 200, "restricted": 200}),
        ("hiring_manager", {"internal": 200, "restricted": 200}),
        ("other_recruiter", {"internal": 404, "restricted": 200}),
        ("staff_of_c", {"internal": 404, "restricted": 404}),
        ("candidate", {"internal": 404, "restricted": 404}),
        (None, {"internal": 404, "restricted": 404}),
    ],
)
def test_advert_page_answers_the_staff_it_is_for_and_404_to_everyone_else(
    client, request, adverts, user_name, expected
):
    if user_name:
        client.force_login(request.getfixturevalue(user_name))

    answers = {}
    for name in ("internal", "restricted"):
        response = client.get(adverts[name].get_absolute_url())
        answers[name] = response.status_code
        if response.status_code == 200:
            assert adverts[name].title in response.content.decode()
            assert "Apply for this job" in response.content.decode()
    assert answers == expected


def test_internal_advert_has_no_json_ld_for_job_boards(client, recruiter, adverts):
    client.force_login(recruiter)

    internal = client.get(adverts["internal"].get_absolute_url())
    external = client.get(adverts["external"].get_absolute_url()).content.decode()

    assert "Internal Ward Sister" in internal.content.decode()
    assert "application/ld+json" not in internal.content.decode()
    assert "private" in internal["Cache-Control"]
    assert json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', external, re.S).group(1))[
        "title"
    ] == "External Staff Nurse"


def test_internal_and_restricted_adverts_stay_out_of_search_and_home_page_for_their_staff(client, recruiter, adverts):
    client.force_login(recruiter)

    search = client.get("/jobs/").content.decode()
    home = client.get("/").content.decode()

    for page in (search, home):
        assert "External Staff Nurse" in page
        assert "Internal Ward Sister" not in page
        assert "Restricted Matron" not in page


def test_internal_and_restricted_adverts_stay_out_of_the_feeds_and_sitemap_for_their_staff(
    client, recruiter, trust_a, adverts
):
    client.force_login(recruiter)

    pages = {
        "feed": client.get("/jobs/feed/").content.decode(),
        "trust feed": client.get(f"/trusts/{trust_a.ods_code}/jobs/feed/").content.decode(),
        "sitemap": client.get("/sitemap-vacancies.xml").content.decode(),
    }

    for name, page in pages.items():
        assert "C1000-26-0003" in page, name
        assert "C1000-26-0001" not in page, name
        assert "C1000-26-0002" not in page, name

