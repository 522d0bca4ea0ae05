"""Rule: who sees which vacancy. Staff see their trust's vacancies by role; the
public sees only externally advertised, published ones."""

import pytest

from tests.factories import VacancyFactory
from vacancies.models import AdvertisingScope, Vacancy


@pytest.fixture
def vacancies(trust_a, trust_b, hiring_manager, panel_member):
    return {
        "managed": VacancyFactory(organisation=trust_a, hiring_manager=hiring_manager),
        "on_panel": VacancyFactory(organisation=trust_a),
        "other_in_trust": VacancyFactory(organisation=trust_a),
        "other_trust": VacancyFactory(organisation=trust_b),
    }


def _names(queryset, vacancies):
    ids = set(queryset.values_list("pk", flat=True))
    return sorted(name for name, vacancy in vacancies.items() if vacancy.pk in ids)


def test_recruiter_sees_every_vacancy_of_their_trust_only(recruiter, vacancies):
    assert _names(Vacancy.objects.for_staff(recruiter), vacancies) == ["managed", "on_panel", "other_in_trust"]
    assert _names(Vacancy.objects.editable_by(recruiter), vacancies) == ["managed", "on_panel", "other_in_trust"]


def test_hiring_manager_sees_what_they_manage_or_sit_on_the_panel_of(hiring_manager, vacancies):
    vacancies["on_panel"].panel_members.add(hiring_manager)

    assert _names(Vacancy.objects.for_staff(hiring_manager), vacancies) == ["managed", "on_panel"]
    assert _names(Vacancy.objects.editable_by(hiring_manager), vacancies) == []


def test_panel_member_sees_only_their_panels(panel_member, vacancies):
    vacancies["on_panel"].panel_members.add(panel_member)

    assert _names(Vacancy.objects.for_staff(panel_member), vacancies) == ["on_panel"]


def test_hiring_manager_named_on_another_trusts_vacancy_without_membership_sees_nothing(hiring_manager, vacancies):
    vacancies["other_trust"].panel_members.add(hiring_manager)

    assert "other_trust" not in _names(Vacancy.objects.for_staff(hiring_manager), vacancies)


def test_candidate_and_anonymous_see_no_staff_vacancies(candidate, vacancies):
    from django.contrib.auth.models import AnonymousUser

    assert _names(Vacancy.objects.for_staff(candidate), vacancies) == []
    assert _names(Vacancy.objects.for_staff(AnonymousUser()), vacancies) == []


def test_recruiter_of_another_trust_sees_only_their_own(other_recruiter, vacancies):
    assert _names(Vacancy.objects.for_staff(other_recruiter), vacancies) == ["other_trust"]


def test_for_staff_lists_a_vacancy_once_however_many_panel_members(recruiter, panel_member, hiring_manager, vacancies):
    vacancies["on_panel"].panel_members.add(panel_member, hiring_manager)

    assert Vacancy.objects.for_staff(recruiter).filter(pk=vacancies["on_panel"].pk).count() == 1


@pytest.mark.parametrize("scope", [AdvertisingScope.INTERNAL, AdvertisingScope.RESTRICTED])
def test_internal_and_restricted_vacancies_never_reach_the_public(db, scope, client):
    vacancy = VacancyFactory(advertising_scope=scope)

    assert not Vacancy.objects.visible_to_public().filter(pk=vacancy.pk).exists()
    assert client.get(vacancy.get_absolute_url()).status_code == 404
