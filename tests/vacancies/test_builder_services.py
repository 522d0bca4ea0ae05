"""The builders' order, kept by vacancies.services: adding goes to the end (a
criterion to the end of its category), moving swaps with a neighbour and does
nothing at an end, removing closes the gap, and the list is always numbered
1..n in the order the builder shows it."""

import pytest

from tests.factories import CriterionFactory, VacancyFactory
from vacancies import services
from vacancies.models import Criterion, ResponsibilitySection, Vacancy

C = Criterion.Category


@pytest.fixture
def draft(trust_a, recruiter):
    return VacancyFactory(organisation=trust_a, status=Vacancy.Status.DRAFT, created_by=recruiter)


def spec(vacancy):
    """The person specification as (text, order), in order."""
    return list(vacancy.criteria.order_by("order").values_list("text", "order"))


def sections(vacancy):
    return list(vacancy.responsibility_sections.order_by("order").values_list("heading", "order"))


@pytest.fixture
def experiences(draft):
    """A qualification, then three experiences with a gap in their numbers."""
    CriterionFactory(vacancy=draft, category=C.QUALIFICATIONS, text="Degree", order=1)
    return [
        CriterionFactory(vacancy=draft, category=C.EXPERIENCE, text=text, order=order)
        for order, text in [(2, "First"), (3, "Second"), (5, "Third")]
    ]


@pytest.fixture
def three_sections(draft):
    return [
        ResponsibilitySection.objects.create(vacancy=draft, heading=heading, body="Words", order=order)
        for order, heading in [(1, "Leadership"), (2, "Finance"), (3, "People")]
    ]


# Moving ------------------------------------------------------------------------------------


def test_move_item_up_swaps_a_criterion_with_the_one_above_in_its_category(draft, experiences):
    moved = services.move_item(model=Criterion, item_id=experiences[2].pk, up=True)

    assert moved is True
    assert spec(draft) == [("Degree", 1), ("First", 2), ("Third", 3), ("Second", 5)]


def test_move_item_up_does_nothing_to_the_first_of_a_category(draft, experiences):
    before = spec(draft)

    moved = services.move_item(model=Criterion, item_id=experiences[0].pk, up=True)

    # "Degree" is above it, but in another category.
    assert moved is False
    assert spec(draft) == before


def test_move_item_down_does_nothing_to_the_last(draft, experiences, three_sections):
    before_spec, before_sections = spec(draft), sections(draft)

    moved_criterion = services.move_item(model=Criterion, item_id=experiences[2].pk, up=False)
    moved_section = services.move_item(model=ResponsibilitySection, item_id=three_sections[2].pk, up=False)

    assert (moved_criterion, moved_section) == (False, False)
    assert (spec(draft), sections(draft)) == (before_spec, before_sections)


def test_move_item_down_swaps_a_section_with_the_one_below(draft, three_sections):
    services.move_item(model=ResponsibilitySection, item_id=three_sections[0].pk, up=False)

    assert sections(draft) == [("Finance", 1), ("Leadership", 2), ("People", 3)]


def test_move_item_of_a_removed_item_changes_nothing(draft, three_sections):
    gone = three_sections[1].pk
    ResponsibilitySection.objects.filter(pk=gone).delete()

    moved = services.move_item(model=ResponsibilitySection, item_id=gone, up=True)

    assert moved is False
    assert sections(draft) == [("Leadership", 1), ("People", 3)]


# Adding, changing, removing ------------------------------------------------------------------


def test_add_item_puts_a_criterion_at_the_end_of_its_category(draft, experiences):
    services.add_item(item=Criterion(vacancy=draft, category=C.QUALIFICATIONS, text="Registration"))

    assert spec(draft) == [("Degree", 1), ("Registration", 2), ("First", 3), ("Second", 4), ("Third", 5)]


def test_add_item_puts_a_section_at_the_end(draft, three_sections):
    section = services.add_item(item=ResponsibilitySection(vacancy=draft, heading="Safety", body="Words"))

    assert section.order == 4
    assert sections(draft)[-1] == ("Safety", 4)


def test_change_item_moves_a_criterion_that_changes_category(draft, experiences):
    second = experiences[1]
    second.category = C.QUALIFICATIONS

    services.change_item(item=second)

    assert spec(draft) == [("Degree", 1), ("Second", 2), ("First", 3), ("Third", 4)]


def test_delete_item_renumbers_the_criteria_after_it(draft, experiences):
    services.delete_item(model=Criterion, item_id=experiences[0].pk)

    assert spec(draft) == [("Degree", 1), ("Second", 2), ("Third", 3)]


def test_delete_item_renumbers_the_sections_after_it(draft, three_sections):
    services.delete_item(model=ResponsibilitySection, item_id=three_sections[0].pk)

    assert sections(draft) == [("Finance", 1), ("People", 2)]


def test_delete_item_twice_is_harmless(draft, three_sections):
    services.delete_item(model=ResponsibilitySection, item_id=three_sections[0].pk)
    services.delete_item(model=ResponsibilitySection, item_id=three_sections[0].pk)

    assert sections(draft) == [("Finance", 1), ("People", 2)]


def test_builder_items_of_another_vacancy_keep_their_numbers(draft, trust_a, three_sections):
    other = VacancyFactory(organisation=trust_a, status=Vacancy.Status.DRAFT)
    ResponsibilitySection.objects.create(vacancy=other, heading="Elsewhere", body="Words", order=7)

    services.delete_item(model=ResponsibilitySection, item_id=three_sections[0].pk)
    services.add_item(item=ResponsibilitySection(vacancy=draft, heading="Safety", body="Words"))

    assert sections(other) == [("Elsewhere", 7)]
