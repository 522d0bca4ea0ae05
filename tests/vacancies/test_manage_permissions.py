"""Rule: every /manage/ page belongs to the vacancies a role covers; anyone
else gets 404 (DESIGN.md). Each URL is tried by the whole cast: anonymous,
a candidate, a hiring manager of another vacancy, a recruiter of another trust,
the hiring manager on the vacancy, and a recruiter of its trust."""

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse

from organisations.models import StaffRole
from tests.factories import CriterionFactory, MembershipFactory, VacancyFactory
from vacancies import manage_urls
from vacancies.models import ProposedChange, ResponsibilitySection, Vacancy

VIEW, CHANGE = "view", "change"

# Every page about one vacancy: its URL name, how it is reached, who may use it
# (VIEW: hiring managers and panel members on the vacancy too; CHANGE:
# recruiters of its trust only), and which object beyond the vacancy it names.
VACANCY_URLS = [
    ("vacancy_detail", "get", VIEW, None),
    ("vacancy_preview", "get", VIEW, None),
    ("vacancy_edit_details", "get", CHANGE, None),
    ("vacancy_edit_pay", "get", CHANGE, None),
    ("vacancy_edit_locations", "get", CHANGE, None),
    ("site_create", "get", CHANGE, None),
    ("vacancy_edit_description", "get", CHANGE, None),
    ("responsibility_list", "get", CHANGE, None),
    ("responsibility_create", "get", CHANGE, None),
    ("responsibility_edit", "get", CHANGE, "section"),
    ("responsibility_delete", "get", CHANGE, "section"),
    ("responsibility_move_up", "post", CHANGE, "section"),
    ("responsibility_move_down", "post", CHANGE, "section"),
    ("criterion_list", "get", CHANGE, None),
    ("criterion_create", "get", CHANGE, None),
    ("criterion_edit", "get", CHANGE, "criterion"),
    ("criterion_delete", "get", CHANGE, "criterion"),
    ("criterion_move_up", "post", CHANGE, "criterion"),
    ("criterion_move_down", "post", CHANGE, "criterion"),
    ("vacancy_edit_recruitment", "get", CHANGE, None),
    ("vacancy_check", "get", CHANGE, None),
    ("vacancy_submit", "get", CHANGE, None),
    ("vacancy_approve", "get", CHANGE, None),
    ("vacancy_reject", "get", CHANGE, None),
    ("vacancy_publish", "get", CHANGE, None),
    ("vacancy_close", "get", CHANGE, None),
    ("vacancy_withdraw", "get", CHANGE, None),
    ("vacancy_reopen", "get", CHANGE, None),
    ("vacancy_readvert", "get", CHANGE, None),
    ("vacancy_copy", "get", CHANGE, None),
    ("vacancy_change", "get", CHANGE, None),
    ("vacancy_change_description", "get", CHANGE, None),
    ("vacancy_change_contact", "get", CHANGE, None),
    ("vacancy_change_locations", "get", CHANGE, None),
    ("vacancy_change_closing", "get", CHANGE, None),
    ("vacancy_change_pay", "get", CHANGE, None),
    ("proposed_change_approve", "get", CHANGE, "proposal"),
    ("proposed_change_reject", "get", CHANGE, "proposal"),
]
OTHER_URLS = ["dashboard", "vacancy_create", "vacancy_create_details"]
CHANGE_URLS = [entry for entry in VACANCY_URLS if entry[2] == CHANGE]
# Pages that only show something: a POST to them is refused (405) before anything else.
READ_ONLY = {"vacancy_detail", "vacancy_preview", "responsibility_list", "vacancy_check", "vacancy_change"}
# Every request that could change a vacancy: each form's GET and POST, and the POST-only moves.
CHANGE_REQUESTS = [
    (entry, method)
    for entry in CHANGE_URLS
    for method in (["get"] if entry[0] in READ_ONLY else ["get", "post"] if entry[1] == "get" else ["post"])
]
VIEW_URLS = [entry for entry in VACANCY_URLS if entry[2] == VIEW]


def _id(entry):
    return entry[0]


@pytest.fixture
def vacancy(trust_a, recruiter, hiring_manager):
    vacancy = VacancyFactory(
        organisation=trust_a, status=Vacancy.Status.DRAFT, created_by=recruiter, hiring_manager=hiring_manager
    )
    CriterionFactory(vacancy=vacancy, order=1)
    CriterionFactory(vacancy=vacancy, order=2)
    ResponsibilitySection.objects.create(vacancy=vacancy, heading="Leadership", body="Lead the team.", order=1)
    ResponsibilitySection.objects.create(vacancy=vacancy, heading="Finance", body="Balance the budget.", order=2)
    return vacancy


@pytest.fixture
def manager_of_another_vacancy(trust_a):
    user = MembershipFactory(organisation=trust_a, role=StaffRole.HIRING_MANAGER, user__full_name="Hana Elsewhere").user
    VacancyFactory(organisation=trust_a, hiring_manager=user)
    return user


def _url(vacancy, name, item):
    kwargs = {"reference": vacancy.reference}
    if item == "criterion":
        kwargs["pk"] = vacancy.criteria.order_by("order").last().pk  # the last, so "move up" has somewhere to go
    elif item == "section":
        kwargs["pk"] = vacancy.responsibility_sections.order_by("order").last().pk
    elif item == "proposal":
        proposal = vacancy.proposed_changes.first() or ProposedChange.objects.create(
            vacancy=vacancy, values={"band": "7"}, changes=[{"field": "band", "label": "Band", "before": "5", "after": "7"}]
        )
        kwargs["change_id"] = proposal.pk
    return reverse(f"manage:{name}", kwargs=kwargs)


def _request(client, method, url):
    return client.post(url) if method == "post" else client.get(url)


def _snapshot(vacancy):
    """What any page could change about a vacancy, to show a refusal changed nothing."""
    vacancy.refresh_from_db()
    return (
        vacancy.status,
        vacancy.title,
        vacancy.events.count(),
        list(vacancy.criteria.order_by("order").values_list("pk", "order", "text")),
        list(vacancy.responsibility_sections.order_by("order").values_list("pk", "order")),
        Vacancy.objects.count(),
    )


def test_every_manage_url_is_tried_here():
    names = {pattern.name for pattern in manage_urls.urlpatterns}

    assert names == {entry[0] for entry in VACANCY_URLS} | set(OTHER_URLS)


@pytest.mark.parametrize("entry", VACANCY_URLS, ids=_id)
def test_vacancy_page_sends_anonymous_visitors_to_sign_in(client, vacancy, entry):
    name, method, _who, item = entry
    url = _url(vacancy, name, item)

    response = _request(client, method, url)

    assert response.status_code == 302
    assert response.url.startswith(resolve_url(settings.LOGIN_URL) + "?next=")


@pytest.mark.parametrize("entry", VACANCY_URLS, ids=_id)
def test_vacancy_page_is_not_found_for_a_candidate(client, vacancy, candidate, entry):
    name, method, _who, item = entry
    before = _snapshot(vacancy)
    client.force_login(candidate)

    response = _request(client, method, _url(vacancy, name, item))

    assert response.status_code == 404
    assert vacancy.title not in response.content.decode()
    assert _snapshot(vacancy) == before


@pytest.mark.parametrize("entry", VACANCY_URLS, ids=_id)
def test_vacancy_page_is_not_found_for_a_hiring_manager_of_another_vacancy(
    client, vacancy, manager_of_another_vacancy, entry
):
    name, method, _who, item = entry
    before = _snapshot(vacancy)
    client.force_login(manager_of_another_vacancy)

    response = _request(client, method, _url(vacancy, name, item))

    assert response.status_code == 404
    assert _snapshot(vacancy) == before


@pytest.mark.parametrize("entry", VACANCY_URLS, ids=_id)
def test_vacancy_page_is_not_found_for_a_recruiter_of_another_trust(client, vacancy, other_recruiter, entry):
    name, method, _who, item = entry
    before = _snapshot(vacancy)
    client.force_login(other_recruiter)

    response = _request(client, method, _url(vacancy, name, item))

    assert response.status_code == 404
    assert _snapshot(vacancy) == before


@pytest.mark.parametrize("entry", VACANCY_URLS, ids=_id)
def test_vacancy_page_is_open_to_a_recruiter_of_the_trust(client, vacancy, recruiter, entry):
    name, method, _who, item = entry
    client.force_login(recruiter)

    response = _request(client, method, _url(vacancy, name, item))

    if method == "post":
        assert response.status_code == 302
        assert response.url.startswith(f"/manage/vacancies/{vacancy.reference}/")
    else:
        assert response.status_code == 200
        assert vacancy.reference in response.content.decode()


@pytest.mark.parametrize("entry", VIEW_URLS, ids=_id)
def test_vacancy_page_is_open_to_its_hiring_manager_and_panel(client, vacancy, hiring_manager, panel_member, entry):
    name, method, _who, item = entry
    vacancy.panel_members.add(panel_member)

    for user in (hiring_manager, panel_member):
        client.force_login(user)
        response = _request(client, method, _url(vacancy, name, item))
        assert response.status_code == 200
        assert vacancy.title in response.content.decode()


@pytest.mark.parametrize(
    ("entry", "method"), CHANGE_REQUESTS, ids=[f"{entry[0]}-{method}" for entry, method in CHANGE_REQUESTS]
)
def test_vacancy_change_page_is_not_found_for_its_hiring_manager_and_panel(
    client, vacancy, hiring_manager, panel_member, entry, method
):
    name, _method, _who, item = entry
    vacancy.panel_members.add(panel_member)
    before = _snapshot(vacancy)

    for user in (hiring_manager, panel_member):
        client.force_login(user)
        response = _request(client, method, _url(vacancy, name, item))
        assert response.status_code == 404, (user, name, method)
    assert _snapshot(vacancy) == before


def test_dashboard_sends_anonymous_visitors_to_sign_in(client, db):
    response = client.get(reverse("manage:dashboard"))

    assert response.status_code == 302
    assert response.url == resolve_url(settings.LOGIN_URL) + "?next=/manage/"


@pytest.mark.parametrize("name", OTHER_URLS)
def test_staff_page_is_not_found_for_a_candidate(client, candidate, trust_a, name):
    client.force_login(candidate)
    kwargs = {"ods_code": trust_a.ods_code} if name == "vacancy_create_details" else {}

    response = client.get(reverse(f"manage:{name}", kwargs=kwargs))

    assert response.status_code == 404


@pytest.mark.parametrize("name", ["vacancy_create", "vacancy_create_details"])
def test_creating_a_vacancy_is_not_found_for_a_hiring_manager(client, hiring_manager, trust_a, name):
    client.force_login(hiring_manager)
    kwargs = {"ods_code": trust_a.ods_code} if name == "vacancy_create_details" else {}

    response = client.get(reverse(f"manage:{name}", kwargs=kwargs))
    post_response = client.post(reverse(f"manage:{name}", kwargs=kwargs), {"title": "Sneaky", "staff_group": "students"})

    assert (response.status_code, post_response.status_code) == (404, 404)
    assert not Vacancy.objects.filter(title="Sneaky").exists()


def test_creating_a_vacancy_in_another_trust_is_not_found(client, other_recruiter, trust_a):
    client.force_login(other_recruiter)
    url = reverse("manage:vacancy_create_details", kwargs={"ods_code": trust_a.ods_code})

    response = client.post(url, {"title": "Sneaky", "staff_group": "students", "advertising_scope": "external"})

    assert response.status_code == 404
    assert not Vacancy.objects.filter(title="Sneaky").exists()


def test_dashboard_is_open_to_every_member_of_staff(client, recruiter, hiring_manager, panel_member, other_recruiter):
    for user in (recruiter, hiring_manager, panel_member, other_recruiter):
        client.force_login(user)
        response = client.get(reverse("manage:dashboard"))
        assert response.status_code == 200
        assert "Your vacancies" in response.content.decode()


def test_criterion_of_another_vacancy_is_not_found_through_this_one(client, vacancy, recruiter, trust_a):
    other = VacancyFactory(organisation=trust_a, status=Vacancy.Status.DRAFT)
    criterion = CriterionFactory(vacancy=other, text="Not yours to change", order=1)
    client.force_login(recruiter)

    response = client.post(
        reverse("manage:criterion_delete", kwargs={"reference": vacancy.reference, "pk": criterion.pk})
    )

    assert response.status_code == 404
    assert other.criteria.filter(pk=criterion.pk).exists()
