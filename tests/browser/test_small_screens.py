"""On a small phone (375 and 320 pixels wide) nothing makes the page scroll
sideways: as a candidate I search with filters, read an advert with its
person specification and find my applications with their Withdraw links; as a
hiring manager I see the panel. The search shows how many jobs it found before
its long list of filters, which fold behind "Filter jobs" (and stay open, after
the count, without JavaScript). Every page passes axe-core."""

import io
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from tests.accounts.support import with_confirmed_email
from tests.browser_support import assert_accessible
from tests.candidates.factories import DraftApplicationFactory
from tests.factories import ApplicationFactory, MembershipFactory, UserFactory, VacancyFactory
from vacancies.models import Vacancy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REFERENCE = "C9365-25-0249-2"  # Worcestershire's Directorate Manager: a long person specification
SEARCH = "/jobs/?band=8b&band=8c&trust=RWP"


@pytest.fixture
def seeded(transactional_db):
    call_command("seed_demo", force=True, stdout=io.StringIO())
    worcester = Vacancy.objects.get(reference=REFERENCE)
    candidate = with_confirmed_email(
        UserFactory(full_name="Cara Candidate", email="cara.candidate.with.a.long.address@example.org")
    )
    DraftApplicationFactory(vacancy=worcester, candidate=candidate)
    ApplicationFactory(
        vacancy=VacancyFactory(title="Clinical Nurse Specialist, Acute Oncology and Haematology Services"),
        candidate=candidate,
    )
    hiring_manager = MembershipFactory(organisation=worcester.organisation, user__full_name="Harry Manager").user
    panel = [
        MembershipFactory(organisation=worcester.organisation, user__full_name=name, user__email=email).user
        for name, email in [
            ("Penelope Panel-Ashworth", "penelope.panel-ashworth@worcsacute.nhs.uk"),
            ("Samuel Second", "samuel.second@worcsacute.nhs.uk"),
        ]
    ]
    worcester.hiring_manager = hiring_manager
    worcester.save(update_fields=["hiring_manager"])
    worcester.panel_members.set(panel)
    return {"vacancy": worcester, "candidate": candidate, "hiring_manager": hiring_manager}


def sign_in_as(page, user):
    """The session of a signed-in user, as a cookie: sign-in itself has its own journeys."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies([{
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        # The site's root, so the cookie's path is "/".
        "url": re.match(r"https?://[^/]+", page.url).group(0) + "/",
    }])


def assert_no_sideways_scrolling(page, width):
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} is {scroll_width}px wide on a {width}px screen"


@pytest.mark.parametrize("width", [375, 320])
def test_candidate_searches_reads_and_tracks_applications_on_a_small_phone(page, seeded, width):
    page.set_viewport_size({"width": width, "height": 740})

    page.goto(SEARCH)
    # The count and the filters applied first; the filters fold behind a toggle.
    assert page.locator("#result-count").inner_text() == "1 job found"
    assert page.locator("#applied-filters").is_visible()
    assert page.locator("#result-count").bounding_box()["y"] < page.locator("#filters").bounding_box()["y"]
    assert page.locator("#result-count").bounding_box()["y"] < 740
    assert not page.get_by_label("Distance").is_visible()
    assert_no_sideways_scrolling(page, width)
    assert_accessible(page)
    page.locator("#filters > summary").click()
    assert page.get_by_label("Distance").is_visible()
    assert_no_sideways_scrolling(page, width)
    assert_accessible(page)

    page.goto(f"/jobs/{REFERENCE}/")
    assert page.locator("table.nhsuk-table").count() > 1
    assert_no_sideways_scrolling(page, width)
    # "Apply for this job" under the closing date, on the first screen.
    assert page.get_by_role("button", name="Apply for this job").first.bounding_box()["y"] < 740
    assert_accessible(page)

    sign_in_as(page, seeded["candidate"])
    page.goto("/applications/")
    withdraw = page.get_by_role("link", name=re.compile(r"^Withdraw"))
    box = withdraw.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    assert_no_sideways_scrolling(page, width)
    assert_accessible(page)


@pytest.mark.parametrize("width", [375, 320])
def test_hiring_manager_sees_the_panel_on_a_small_phone(page, seeded, width):
    page.set_viewport_size({"width": width, "height": 740})
    page.goto("/")
    sign_in_as(page, seeded["hiring_manager"])

    page.goto(f"/manage/vacancies/{REFERENCE}/panel/")

    assert "penelope.panel-ashworth@worcsacute.nhs.uk" in page.locator("#panel-members").inner_text()
    assert_no_sideways_scrolling(page, width)
    assert_accessible(page)


def test_search_without_javascript_shows_the_count_before_the_open_filters(browser, live_server, seeded):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, viewport={"width": 375, "height": 740})
    page = context.new_page()
    try:
        page.goto(SEARCH)

        assert page.locator("#result-count").bounding_box()["y"] < page.locator("#filters").bounding_box()["y"]
        assert page.get_by_label("Distance").is_visible()
        assert_no_sideways_scrolling(page, 375)
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 375])
def test_employer_filter_shows_the_chosen_trust_in_full(page, seeded, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(SEARCH)
    if width < 769:
        page.locator("#filters > summary").click()

    employer = page.locator("#id_trust")
    shown = employer.evaluate(
        """select => {
            const style = getComputedStyle(select);
            const context = document.createElement("canvas").getContext("2d");
            context.font = style.font;
            return {
                text: select.options[select.selectedIndex].text,
                needs: context.measureText(select.options[select.selectedIndex].text).width,
                has: select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight),
            };
        }"""
    )
    assert shown["text"] == "Worcestershire Acute Hospitals"
    # Room for the words and the select's arrow.
    assert shown["needs"] + 24 <= shown["has"], shown
