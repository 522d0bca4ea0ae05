"""The guaranteed interview audit: per vacancy and reporting year, who asked
under each scheme, how many met every essential criterion (shortlisting's own
rule), and that each of those was shortlisted, or the reason where not."""

import pytest
from django.urls import reverse

from candidates.models import GuaranteedInterview
from shortlisting.models import AgreedScore, Score, ShortlistDecision
from tests.factories import CriterionFactory, VacancyFactory

from .builders import applications, at

pytestmark = pytest.mark.django_db

Scheme = GuaranteedInterview.Scheme


@pytest.fixture
def audited(trust_a, hiring_manager, panel_member):
    vacancy = VacancyFactory(
        organisation=trust_a, title="Occupational Therapist", closing_at=at(2025, 6, 1),
        offers_disability_confident=True, offers_expanded_guaranteed_interview=True,
    )
    essential = CriterionFactory(vacancy=vacancy, is_essential=True)
    CriterionFactory(vacancy=vacancy, is_essential=False)
    met_shortlisted, met_reserve, not_met, unscored, expanded, not_asking = applications(
        vacancy, 6, created_at=at(2025, 5, 1)
    )
    for application in (met_shortlisted, met_reserve, not_met, unscored):
        GuaranteedInterview.objects.create(application=application, requested=True,
                                           scheme=Scheme.DISABILITY_CONFIDENT, is_disabled=True)
    GuaranteedInterview.objects.create(application=expanded, requested=True, scheme=Scheme.EXPANDED, is_bame=True)
    GuaranteedInterview.objects.create(application=not_asking, requested=False)
    # Two members: 2 and 1 (mean 1.5, met); 0 and 1 (mean 0.5, not met) unless
    # agreed otherwise; the agreed score stands for the members'.
    for application, scores in ((met_shortlisted, (2, 1)), (met_reserve, (0, 1)), (not_met, (0, 1))):
        for member, value in zip((hiring_manager, panel_member), scores, strict=True):
            Score.objects.create(application=application, criterion=essential, panel_member=member, score=value)
    AgreedScore.objects.create(application=met_reserve, criterion=essential, score=2, agreed_by=hiring_manager)
    type(met_shortlisted).objects.filter(pk__in=[met_shortlisted.pk, unscored.pk, expanded.pk]).update(
        shortlisted_at=at(2025, 6, 10)
    )
    ShortlistDecision.objects.create(application=met_reserve, outcome="reserve", reason="Kept in reserve: 3 posts",
                                     decided_by=hiring_manager)
    return vacancy


def test_audit_counts_who_asked_who_met_the_criteria_and_who_was_shortlisted(client, recruiter, audited):
    client.force_login(recruiter)

    response = client.get(reverse("reports:guaranteed_interviews"), {"year": 2025})

    [entry] = response.context["audit"]
    assert entry["vacancy"] == audited
    schemes = {row["scheme"]: row for row in entry["schemes"]}
    confident = schemes["Disability Confident"]
    # Asked: 4. Met: the one scored 1.5, the reserve (agreed 2), the unscored
    # (presumed met until scored); not the one scored 0.5.
    assert (confident["asked"], confident["met"], confident["met_shortlisted"]) == (4, 3, 2)
    assert confident["not_shortlisted"] == [("A0002", "Kept in reserve: 3 posts")]
    expanded = schemes["Expanded guaranteed interview scheme"]
    assert (expanded["asked"], expanded["met"], expanded["met_shortlisted"]) == (1, 1, 1)
    page = response.content.decode()
    assert "Kept in reserve: 3 posts" in page


def test_audit_is_per_reporting_year_of_the_closing_date(client, recruiter, audited):
    client.force_login(recruiter)

    response = client.get(reverse("reports:guaranteed_interviews"), {"year": 2024})

    assert response.context["audit"] == []
    assert "No candidate asked for a guaranteed interview" in response.content.decode()
