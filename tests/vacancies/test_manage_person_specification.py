"""The person specification builder and the responsibilities list: add, change,
remove (after confirming) and move up or down, all without JavaScript; the
order stays unique; continuing needs an essential criterion."""

import re

import pytest
from django.urls import reverse

from tests.factories import CriterionFactory, VacancyFactory
from vacancies.models import Criterion, ResponsibilitySection, Vacancy

C = Criterion.Category


@pytest.fixture
def draft(trust_a, recruiter):
    return VacancyFactory(organisation=trust_a, status=Vacancy.Status.DRAFT, created_by=recruiter)


@pytest.fixture
def signed_in(client, recruiter):
    client.force_login(recruiter)
    return client


def url(name, vacancy, **kwargs):
    return reverse(f"manage:{name}", kwargs={"reference": vacancy.reference, **kwargs})


def error_summary(response):
    html = response.content.decode()
    match = re.search(r'<div class="nhsuk-error-summary".*?<ul[^>]*>(.*?)</ul>', html, re.S)
    if not match:
        return []
    return [" ".join(re.sub(r"<[^>]+>", "", item).split()) for item in re.findall(r"<li>(.*?)</li>", match.group(1), re.S)]


def spec(vacancy):
    """The person specification as (category, text, essential, order), in order."""
    return list(vacancy.criteria.order_by("order").values_list("category", "text", "is_essential", "order"))


CRITERION = {
    "category": "qualifications",
    "heading": "",
    "text": "Registered nurse on the NMC register",
    "importance": "essential",
    "assessed_by": ["assessed_at_application", "assessed_at_interview"],
}


# Adding, changing, removing ----------------------------------------------------------------


def test_criterion_create_adds_a_criterion_at_the_end(signed_in, draft):
    CriterionFactory(vacancy=draft, category=C.QUALIFICATIONS, text="Degree", order=1)

    response = signed_in.post(url("criterion_create", draft), CRITERION)

    criterion = draft.criteria.get(text="Registered nurse on the NMC register")
    assert (criterion.is_essential, criterion.assessed_at_application, criterion.assessed_at_interview,
            criterion.assessed_by_test, criterion.order) == (True, True, True, False, 2)
    assert response.url == url("criterion_list", draft)


def test_criterion_create_keeps_the_specification_in_category_order(signed_in, draft):
    CriterionFactory(vacancy=draft, category=C.EXPERIENCE, text="Ward experience", order=1)
    CriterionFactory(vacancy=draft, category=C.PERSONAL_QUALITIES, text="Kind", order=2)

    signed_in.post(url("criterion_create", draft), {**CRITERION, "text": "Degree"})
    signed_in.post(url("criterion_create", draft), {**CRITERION, "category": "experience", "text": "Band 5 experience",
                                                    "importance": "desirable"})

    assert spec(draft) == [
        ("qualifications", "Degree", True, 1),
        ("experience", "Ward experience", True, 2),
        ("experience", "Band 5 experience", False, 3),
        ("personal_qualities", "Kind", True, 4),
    ]


def test_criterion_create_shows_errors_and_keeps_answers(signed_in, draft):
    response = signed_in.post(
        url("criterion_create", draft), {"category": "skills_knowledge", "text": "Good with rotas", "assessed_by": []}
    )

    assert error_summary(response) == [
        "Select whether the criterion is essential or desirable",
        "Select how the criterion is assessed",
    ]
    html = response.content.decode()
    assert "Good with rotas</textarea>" in html
    assert re.search(r'<input[^>]*value="skills_knowledge"[^>]*checked', html)
    assert not draft.criteria.exists()


def test_criterion_edit_changes_the_criterion(signed_in, draft):
    criterion = CriterionFactory(vacancy=draft, category=C.QUALIFICATIONS, text="Degree", order=1)

    page = signed_in.get(url("criterion_edit", draft, pk=criterion.pk))
    signed_in.post(
        url("criterion_edit", draft, pk=criterion.pk),
        {**CRITERION, "text": "Master's degree", "importance": "desirable", "assessed_by": ["assessed_by_test"]},
    )

    assert re.search(r'<input[^>]*value="assessed_at_application"[^>]*checked', page.content.decode())
    criterion.refresh_from_db()
    assert (criterion.text, criterion.is_essential, criterion.assessed_at_application, criterion.assessed_by_test) == (
        "Master's degree", False, False, True,
    )


def test_criterion_delete_asks_first_then_removes(signed_in, draft):
    criterion = CriterionFactory(vacancy=draft, text="Degree", order=1)

    confirm = signed_in.get(url("criterion_delete", draft, pk=criterion.pk))
    assert draft.criteria.count() == 1
    response = signed_in.post(url("criterion_delete", draft, pk=criterion.pk))

    assert "Are you sure you want to remove this criterion?" in confirm.content.decode()
    assert "Degree" in confirm.content.decode()
    assert not draft.criteria.exists()
    assert [str(m) for m in response.wsgi_request._messages] == ["Criterion removed"]


# Moving -------------------------------------------------------------------------------------------


@pytest.fixture
def three_experiences(draft):
    CriterionFactory(vacancy=draft, category=C.QUALIFICATIONS, text="Degree", order=1)
    return [
        CriterionFactory(vacancy=draft, category=C.EXPERIENCE, text=text, order=order)
        for order, text in [(2, "First"), (3, "Second"), (5, "Third")]
    ]


def test_criterion_move_up_swaps_it_with_the_one_above_in_its_category(signed_in, draft, three_experiences):
    third = three_experiences[2]

    response = signed_in.post(url("criterion_move_up", draft, pk=third.pk))

    assert [text for _c, text, _e, _o in spec(draft)] == ["Degree", "First", "Third", "Second"]
    assert sorted(order for *_rest, order in spec(draft)) == [1, 2, 3, 5]
    assert response.url == url("criterion_list", draft) + f"#criterion-{third.pk}"


def test_criterion_move_down_swaps_it_with_the_one_below(signed_in, draft, three_experiences):
    signed_in.post(url("criterion_move_down", draft, pk=three_experiences[0].pk))

    assert [text for _c, text, _e, _o in spec(draft)] == ["Degree", "Second", "First", "Third"]


def test_criterion_move_does_nothing_at_the_edge_of_its_category(signed_in, draft, three_experiences):
    before = spec(draft)

    signed_in.post(url("criterion_move_up", draft, pk=three_experiences[0].pk))  # "Degree" is another category
    signed_in.post(url("criterion_move_down", draft, pk=three_experiences[2].pk))

    assert spec(draft) == before


def test_criterion_move_is_only_a_post(signed_in, draft, three_experiences):
    response = signed_in.get(url("criterion_move_up", draft, pk=three_experiences[1].pk))

    assert response.status_code == 405


def test_criterion_list_shows_criteria_by_category_with_move_buttons(signed_in, draft, three_experiences):
    response = signed_in.get(url("criterion_list", draft))

    html = response.content.decode()
    assert [c["label"] for c in response.context["categories"]] == ["Qualifications", "Experience"]
    assert "4 essential criteria, 0 desirable criteria" in html
    # The first of a category cannot go up, the last cannot go down.
    first, second, third = three_experiences
    assert url("criterion_move_up", draft, pk=first.pk) not in html
    assert url("criterion_move_down", draft, pk=first.pk) in html
    assert url("criterion_move_up", draft, pk=third.pk) in html
    assert url("criterion_move_down", draft, pk=third.pk) not in html
    assert '<form method="post" action="' + url("criterion_move_up", draft, pk=second.pk) in html


# Continuing --------------------------------------------------------------------------------------


def test_criterion_list_refuses_to_continue_without_an_essential_criterion(signed_in, draft):
    CriterionFactory(vacancy=draft, text="Nice to have", is_essential=False, order=1)

    response = signed_in.post(url("criterion_list", draft))

    assert response.status_code == 200
    assert error_summary(response) == ["Add at least one essential criterion"]
    assert "Nice to have" in response.content.decode()
    assert "<title>Error: Person specification" in response.content.decode()


def test_criterion_list_refuses_to_continue_with_an_empty_specification(signed_in, draft):
    response = signed_in.post(url("criterion_list", draft))

    assert error_summary(response) == ["Add at least one essential criterion"]
    assert "There are no criteria yet." in response.content.decode()


def test_criterion_list_continues_to_the_recruitment_options(signed_in, draft):
    CriterionFactory(vacancy=draft, order=1)

    response = signed_in.post(url("criterion_list", draft))

    assert response.url == url("vacancy_edit_recruitment", draft)


# Responsibilities ----------------------------------------------------------------------------------


def sections(vacancy):
    return list(vacancy.responsibility_sections.order_by("order").values_list("heading", "order"))


def test_responsibility_create_adds_sections_in_order(signed_in, draft):
    signed_in.post(url("responsibility_create", draft), {"heading": "Leadership", "body": "* Lead the team"})
    response = signed_in.post(url("responsibility_create", draft), {"heading": "Finance", "body": "Balance the budget"})

    assert sections(draft) == [("Leadership", 1), ("Finance", 2)]
    assert response.url == url("responsibility_list", draft)


def test_responsibility_create_shows_errors_and_keeps_answers(signed_in, draft):
    response = signed_in.post(url("responsibility_create", draft), {"heading": "Leadership", "body": ""})

    assert error_summary(response) == ["Enter the responsibilities under this heading"]
    assert 'value="Leadership"' in response.content.decode()
    assert sections(draft) == []


def test_responsibility_edit_remove_and_move(signed_in, draft):
    lead = ResponsibilitySection.objects.create(vacancy=draft, heading="Leadership", body="Lead", order=1)
    money = ResponsibilitySection.objects.create(vacancy=draft, heading="Finance", body="Money", order=2)
    people = ResponsibilitySection.objects.create(vacancy=draft, heading="People", body="Staff", order=3)

    signed_in.post(url("responsibility_edit", draft, pk=money.pk), {"heading": "Financial management", "body": "Money"})
    signed_in.post(url("responsibility_move_up", draft, pk=people.pk))
    signed_in.post(url("responsibility_delete", draft, pk=lead.pk))

    # Removing "Leadership" closes the gap it left: the list is numbered from 1.
    assert sections(draft) == [("People", 1), ("Financial management", 2)]


def test_responsibility_list_continues_to_the_person_specification(signed_in, draft):
    response = signed_in.get(url("responsibility_list", draft))

    html = response.content.decode()
    assert "There are no sections yet." in html
    assert f'href="{url("criterion_list", draft)}" role="button"' in html


def test_builders_refuse_changes_once_the_vacancy_has_left_draft(signed_in, draft, three_experiences):
    Vacancy.objects.filter(pk=draft.pk).update(status=Vacancy.Status.AWAITING_APPROVAL)
    before = spec(draft)

    responses = [
        signed_in.post(url("criterion_create", draft), CRITERION),
        signed_in.post(url("criterion_move_up", draft, pk=three_experiences[1].pk)),
        signed_in.post(url("criterion_delete", draft, pk=three_experiences[0].pk)),
        signed_in.post(url("responsibility_create", draft), {"heading": "Late", "body": "Too late"}),
    ]

    assert {response.url for response in responses} == {url("vacancy_detail", draft)}
    assert spec(draft) == before
    assert sections(draft) == []


def test_criterion_move_swaps_under_the_unique_order_constraint_on_a_crowded_vacancy(signed_in, draft):
    # Orders packed 1..20 with no gaps: a naive swap through the other's number would clash.
    criteria = [CriterionFactory(vacancy=draft, category=C.SKILLS_KNOWLEDGE, text=f"Skill {n}", order=n) for n in range(1, 21)]

    for criterion in criteria[1:]:
        signed_in.post(url("criterion_move_up", draft, pk=criterion.pk))

    texts = [text for _c, text, _e, _o in spec(draft)]
    assert texts[0] == "Skill 2" and texts[-1] == "Skill 1"
    assert [order for *_rest, order in spec(draft)] == list(range(1, 21))
