"""As a panel member I read an application before the vacancy closes, with
the scoring grid shut; once it closes I score every application in turn with
"Save and score the next application", and see where a candidate wrote their
own name. Every page on the way passes axe-core's WCAG 2.2 AA rules."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from candidates.models import SupportingInformation
from organisations.models import Membership
from shortlisting.models import Score
from tests.accounts.support import with_confirmed_email
from tests.browser.test_shortlisting import sign_in
from tests.browser_support import assert_accessible
from tests.factories import CriterionFactory, MembershipFactory, OrganisationFactory, VacancyFactory
from tests.shortlisting.applicants import make_applications
from vacancies.models import Vacancy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def scoring(transactional_db):
    trust = OrganisationFactory()
    hiring_manager = MembershipFactory(
        organisation=trust, role=Membership.Role.HIRING_MANAGER, user__full_name="Harry Manager"
    ).user
    panel_member = MembershipFactory(
        organisation=trust, role=Membership.Role.HIRING_MANAGER, user__full_name="Penny Panel"
    ).user
    vacancy = VacancyFactory(
        organisation=trust,
        title="Staff Nurse, Acute Medicine",
        hiring_manager=hiring_manager,
        status=Vacancy.Status.PUBLISHED,
        closing_at=timezone.now() + datetime.timedelta(days=1),
    )
    vacancy.panel_members.set([panel_member])
    criteria = [
        CriterionFactory(vacancy=vacancy, text="Registered Nurse (Adult) with current NMC registration",
                         is_essential=True, assessed_at_application=True, order=1),
        CriterionFactory(vacancy=vacancy, text="Experience of caring for acutely unwell adults",
                         is_essential=True, assessed_at_application=True, order=2),
    ]
    applications = make_applications(vacancy, 3, guaranteed_interview_every=99)
    # The second candidate signs their supporting information (applicant 2 is Callum Quigley).
    SupportingInformation.objects.filter(application=applications[1]).update(
        text="I have two years on an acute medical ward.\n\nCallum Quigley"
    )
    return {"vacancy": vacancy, "criteria": criteria, "panel_member": with_confirmed_email(panel_member)}


def test_panel_member_reads_before_closing_then_scores_each_application_in_turn(page, live_server, scoring):
    vacancy, criteria, member = scoring["vacancy"], scoring["criteria"], scoring["panel_member"]
    applications_url = f"/manage/vacancies/{vacancy.reference}/applications/"

    # Before the closing time: the application and the criteria, to read only.
    sign_in(page, member, f"{applications_url}A0001/")
    expect(page.locator("#scoring-closed")).to_contain_text("Scoring opens when the vacancy closes.")
    expect(page.locator("#read-only-scores")).to_contain_text("Registered Nurse (Adult) with current NMC registration")
    expect(page.get_by_role("button", name="Save scores")).to_have_count(0)
    expect(page.locator('input[name^="score_"]')).to_have_count(0)
    assert_accessible(page)

    # The vacancy closes; each save opens the next application.
    Vacancy.objects.filter(pk=vacancy.pk).update(status=Vacancy.Status.CLOSED)
    page.reload()
    for code, following, scores in [("A0001", "A0002", (3, 2)), ("A0002", "A0003", (2, 2)), ("A0003", None, (1, 0))]:
        expect(page.locator("h1")).to_contain_text(f"Application {code}")
        if code == "A0002":
            # The candidate's name, marked where they typed it, and nowhere else.
            expect(page.locator("#possible-personal-details")).to_contain_text("Possible personal details")
            expect(page.locator("mark.app-personal-detail")).to_have_count(1)
            expect(page.locator("mark.app-personal-detail")).to_have_text("Callum Quigley (possible personal detail)")
        else:
            expect(page.locator("#possible-personal-details")).to_have_count(0)
        assert_accessible(page)
        for criterion, score in zip(criteria, scores):
            page.locator(f'input[name="score_{criterion.pk}"][value="{score}"]').check()
        page.get_by_role("button", name="Save and score the next application").click()
        if following:
            expect(page).to_have_url(re.compile(re.escape(f"{applications_url}{following}/") + "$"))
            expect(page.locator("body")).to_contain_text(f"Your scores for {code} are saved. Next is {following}.")

    expect(page).to_have_url(re.compile(re.escape(applications_url) + "$"))
    expect(page.locator("body")).to_contain_text("Your scores for A0003 are saved. You have scored every application.")
    expect(page.locator("#scoring-progress")).to_have_text("You have scored 6 of 6.")
    assert_accessible(page)
    assert sorted(
        Score.objects.filter(panel_member=member).values_list("application__anonymous_number", "criterion__order", "score")
    ) == [(1, 1, 3), (1, 2, 2), (2, 1, 2), (2, 2, 2), (3, 1, 1), (3, 2, 0)]
