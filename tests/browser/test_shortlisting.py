"""As a panel member I sign in and score two anonymised applications; as the
hiring manager I sign in, decide both and complete the shortlist; as the
hiring manager I add a colleague to the panel and take a member off it. Every
page on the way passes axe-core's WCAG 2.2 AA rules."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from candidates.models import Application
from organisations.models import Membership
from shortlisting.models import Score, ShortlistDecision
from tests.accounts.support import with_confirmed_email
from tests.browser_support import assert_accessible
from tests.factories import DEMO_PASSWORD, CriterionFactory, MembershipFactory, OrganisationFactory, VacancyFactory
from tests.shortlisting.applicants import make_applications
from vacancies.models import Vacancy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def shortlisting(transactional_db):
    trust_a = OrganisationFactory()
    hiring_manager = MembershipFactory(
        organisation=trust_a, role=Membership.Role.HIRING_MANAGER, user__full_name="Harry Manager"
    ).user
    panel_member = MembershipFactory(
        organisation=trust_a, role=Membership.Role.HIRING_MANAGER, user__full_name="Penny Panel"
    ).user
    vacancy = VacancyFactory(
        organisation=trust_a,
        title="Staff Nurse, Acute Medicine",
        hiring_manager=hiring_manager,
        status=Vacancy.Status.CLOSED,
        closing_at=timezone.now() - datetime.timedelta(days=1),
    )
    vacancy.panel_members.set([panel_member])
    colleague = MembershipFactory(
        organisation=trust_a, role=Membership.Role.HIRING_MANAGER, user__full_name="Colin Colleague"
    ).user
    criteria = [
        CriterionFactory(vacancy=vacancy, text="Registered Nurse (Adult) with current NMC registration",
                         is_essential=True, assessed_at_application=True, order=1),
        CriterionFactory(vacancy=vacancy, text="Experience of caring for acutely unwell adults",
                         is_essential=True, assessed_at_application=True, order=2),
    ]
    # Two submitted applications with every section; nobody asks for a guaranteed interview.
    applications = make_applications(vacancy, 2, guaranteed_interview_every=99)
    return {
        "vacancy": vacancy,
        "criteria": criteria,
        "applications": applications,
        "panel_member": with_confirmed_email(panel_member),
        "hiring_manager": with_confirmed_email(hiring_manager),
        "colleague": colleague,
    }


def sign_in(page, user, next_url):
    """Sign in through the real sign-in page, as a person would."""
    page.context.clear_cookies()
    page.goto(f"/accounts/login/?next={next_url}")
    assert_accessible(page)
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(re.escape(next_url) + "$"))


def test_panel_member_scores_and_hiring_manager_decides_and_completes(page, live_server, shortlisting):
    vacancy, criteria = shortlisting["vacancy"], shortlisting["criteria"]
    applications_url = f"/manage/vacancies/{vacancy.reference}/applications/"
    overview_url = f"/manage/vacancies/{vacancy.reference}/overview/"

    # The panel member scores both applications.
    sign_in(page, shortlisting["panel_member"], applications_url)
    expect(page.locator("h1")).to_contain_text("Applications")
    expect(page.locator("#scoring-progress")).to_have_text("You have scored 0 of 4.")
    assert_accessible(page)
    for code, scores in [("A0001", (3, 2)), ("A0002", (1, 0))]:
        page.get_by_role("link", name=code, exact=True).click()
        expect(page.locator("h1")).to_contain_text(code)
        assert_accessible(page)
        for criterion, score in zip(criteria, scores):
            page.locator(f'input[name="score_{criterion.pk}"][value="{score}"]').check()
        page.locator(f'[name="note_{criteria[0].pk}"]').fill(f"Note on {code}")
        page.get_by_role("button", name="Save scores").click()
        expect(page).to_have_url(re.compile(re.escape(applications_url) + "$"))
        assert_accessible(page)
    expect(page.locator("#scoring-progress")).to_have_text("You have scored 4 of 4.")
    assert Score.objects.filter(panel_member=shortlisting["panel_member"]).count() == 4

    # Signed out, the hiring manager signs in, decides both and completes.
    sign_in(page, shortlisting["hiring_manager"], overview_url)
    expect(page.locator("h1")).to_contain_text("Panel overview")
    expect(page.locator("#row-A0001")).to_contain_text("5.0")
    assert_accessible(page)
    for code, outcome, reason in [
        ("A0001", "Shortlist", "Meets every essential criterion well"),
        ("A0002", "Not shortlisted", "Does not yet meet the experience criterion"),
    ]:
        page.locator(f"#row-{code}").get_by_role("link", name=re.compile("Decide")).click()
        expect(page.locator("h1")).to_contain_text(f"Decide on application {code}")
        assert_accessible(page)
        page.get_by_label(outcome, exact=True).check()
        page.get_by_label("Reason for the decision").fill(reason)
        page.get_by_role("button", name="Save decision").click()
        expect(page).to_have_url(re.compile(re.escape(overview_url) + "$"))
        expect(page.locator(f"#row-{code}")).to_contain_text(outcome)
        assert_accessible(page)
    page.get_by_role("link", name="Complete shortlisting").click()
    expect(page.locator("h1")).to_contain_text("Complete")
    assert_accessible(page)
    page.get_by_role("button", name="Complete shortlisting").click()

    expect(page).to_have_url(re.compile(re.escape(overview_url) + "$"))
    expect(page.locator("#row-A0001")).to_contain_text(shortlisting["applications"][0].candidate.get_full_name())
    assert_accessible(page)
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.INTERVIEWING
    assert list(Application.objects.filter(vacancy=vacancy).order_by("anonymous_number").values_list("status", flat=True)) == [
        "shortlisted", "not_shortlisted",
    ]
    assert ShortlistDecision.objects.count() == 2


def test_hiring_manager_adds_and_removes_panel_members(page, live_server, shortlisting):
    vacancy, colleague = shortlisting["vacancy"], shortlisting["colleague"]
    panel_url = f"/manage/vacancies/{vacancy.reference}/panel/"
    sign_in(page, shortlisting["hiring_manager"], panel_url)
    expect(page.locator("h1")).to_contain_text("Panel")
    expect(page.locator("#panel-members")).to_contain_text("Penny Panel")
    assert_accessible(page)

    # Adding posts to its own URL, then comes back to the panel page.
    page.get_by_label("Member of staff").select_option(label=f"Colin Colleague ({colleague.email})")
    page.get_by_role("button", name="Add to the panel").click()
    expect(page).to_have_url(re.compile(re.escape(panel_url) + "$"))
    expect(page.locator("body")).to_contain_text("Colin Colleague is on the panel.")
    expect(page.locator("#panel-members")).to_contain_text("Colin Colleague")
    assert_accessible(page)

    # So does removing, each member's button with theirs.
    page.get_by_role("button", name="Remove Penny Panel").click()
    expect(page).to_have_url(re.compile(re.escape(panel_url) + "$"))
    expect(page.locator("body")).to_contain_text("Penny Panel is no longer on the panel.")
    expect(page.locator("#panel-members")).not_to_contain_text("Penny Panel")
    assert_accessible(page)
    assert list(vacancy.panel_members.all()) == [colleague]


def test_hiring_manager_agrees_the_scores_the_panel_differs_on_before_deciding(page, live_server, shortlisting):
    from shortlisting.models import AgreedScore
    from shortlisting.scoring import record_score

    vacancy, criteria = shortlisting["vacancy"], shortlisting["criteria"]
    panel_member, hiring_manager = shortlisting["panel_member"], shortlisting["hiring_manager"]
    application = shortlisting["applications"][0]
    # They differ by 2 on registration (to discuss) and by 1 on experience (not).
    for member, scores in [(panel_member, (3, 2)), (hiring_manager, (1, 3))]:
        for criterion, value in zip(criteria, scores):
            record_score(application_id=application.pk, criterion_id=criterion.pk, panel_member=member, score=value)
    overview_url = f"/manage/vacancies/{vacancy.reference}/overview/"
    moderation_url = f"/manage/vacancies/{vacancy.reference}/applications/A0001/moderation/"

    # The panel member sees the scores side by side, the difference highlighted, and no form.
    sign_in(page, panel_member, overview_url)
    expect(page.locator("#row-A0001")).to_contain_text("Discuss")
    assert_accessible(page)
    page.locator("#row-A0001").get_by_role("link", name=re.compile("1 criterion")).click()
    expect(page).to_have_url(re.compile(re.escape(moderation_url) + "$"))
    expect(page.locator("h1")).to_contain_text("Moderate application A0001")
    expect(page.locator(f"#criterion-{criteria[0].pk}")).to_contain_text("Discuss")
    expect(page.locator(f"#criterion-{criteria[1].pk}")).not_to_contain_text("Discuss")
    expect(page.locator("body")).to_contain_text("The hiring manager records the agreed scores.")
    assert_accessible(page)

    # The hiring manager is asked to agree the scores before deciding, and does.
    sign_in(page, hiring_manager, overview_url)
    page.locator("#row-A0001").get_by_role("link", name=re.compile("Decide")).click()
    expect(page.locator("#moderate-first")).to_contain_text(criteria[0].text)
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Compare the scores")).click()
    expect(page).to_have_url(re.compile(re.escape(moderation_url) + "$"))
    assert_accessible(page)
    page.get_by_label(f"Agreed score for: {criteria[0].text}").select_option("2")
    page.get_by_role("button", name="Save agreed scores").click()
    expect(page.locator("body")).to_contain_text("Agreed scores for A0001 are saved.")
    expect(page.locator("h1")).to_contain_text("Decide on application A0001")
    expect(page.locator("#moderate-first")).to_have_count(0)
    assert_accessible(page)
    page.get_by_label("Shortlist", exact=True).check()
    page.get_by_label("Reason for the decision").fill("Meets every essential criterion")
    page.get_by_role("button", name="Save decision").click()
    expect(page).to_have_url(re.compile(re.escape(overview_url) + "$"))
    expect(page.locator("#row-A0001")).to_contain_text("Agreed")
    expect(page.locator("#row-A0001")).not_to_contain_text("Discuss")
    assert_accessible(page)
    agreed = AgreedScore.objects.get()
    assert (agreed.criterion_id, agreed.score, agreed.agreed_by_id) == (criteria[0].pk, 2, hiring_manager.pk)
    assert ShortlistDecision.objects.get().unmoderated_reason == ""

    # Once complete, the overview offers no more deciding or completing.
    page.locator("#row-A0002").get_by_role("link", name=re.compile("Decide")).click()
    page.get_by_label("Reserve", exact=True).check()
    page.get_by_label("Reason for the decision").fill("Close second")
    page.get_by_role("button", name="Save decision").click()
    page.get_by_role("link", name="Complete shortlisting").click()
    page.get_by_role("button", name="Complete shortlisting").click()
    expect(page.locator("#shortlisting-complete")).to_contain_text("Shortlisting is complete.")
    expect(page.get_by_role("link", name="Complete shortlisting")).to_have_count(0)
    expect(page.locator("#overview").get_by_role("link", name=re.compile("Change|Decide"))).to_have_count(0)
    assert_accessible(page)


def test_panel_member_reads_applications_before_the_vacancy_closes(page, live_server, shortlisting):
    vacancy = shortlisting["vacancy"]
    Vacancy.objects.filter(pk=vacancy.pk).update(
        status=Vacancy.Status.PUBLISHED, closing_at=timezone.now() + datetime.timedelta(days=7)
    )
    applications_url = f"/manage/vacancies/{vacancy.reference}/applications/"

    sign_in(page, shortlisting["panel_member"], applications_url)

    expect(page.locator("#scoring-not-open")).to_contain_text("Scoring opens when the vacancy closes.")
    expect(page.locator("#scoring-progress")).to_have_count(0)
    assert_accessible(page)
