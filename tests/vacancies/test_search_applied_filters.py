"""/jobs/ shows the filters in force above the results, each a link to the same
search without it; the Employer list names trusts without "NHS Trust", so the
names fit the filter column."""

import re
from html import unescape

import pytest

from tests.factories import OrganisationFactory, VacancyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def trusts(db):
    return [
        OrganisationFactory(name="Worcestershire Acute Hospitals NHS Trust", ods_code="RWP", employer_code="C9365"),
        OrganisationFactory(name="Birmingham Women's and Children's NHS Foundation Trust", ods_code="RQ3",
                            employer_code="C9100"),
        OrganisationFactory(name="Hospice at Home", ods_code="H01", employer_code="C0001"),
    ]


def applied(response):
    """[(group, [(text, remove link)])] as the page shows them."""
    html = response.content.decode()
    block = re.search(r'<div class="app-applied-filters" id="applied-filters">(.*?)</div>', html, re.S)
    if not block:
        return []
    groups = re.findall(r'<p class="nhsuk-body-s[^"]*" id="applied-filters-\d+">(.*?)</p>\s*<ul[^>]*>(.*?)</ul>', block.group(1), re.S)
    return [
        (label, [
            (unescape(text), unescape(href))
            for href, text in re.findall(
                r'<a class="app-applied-filters__tag" href="([^"]+)"><span class="nhsuk-u-visually-hidden">'
                r'Remove this filter: </span>(.*?)<span', items)
        ])
        for label, items in groups
    ]


def test_employer_filter_lists_trusts_without_nhs_trust_endings(client, trusts):
    html = client.get("/jobs/").content.decode()

    select = re.search(r'<select[^>]*name="trust"[^>]*>(.*?)</select>', html, re.S).group(1)
    assert re.findall(r"<option[^>]*>(.*?)</option>", select) == [
        "Any employer",
        "Birmingham Women&#x27;s and Children&#x27;s",
        "Hospice at Home",
        "Worcestershire Acute Hospitals",
    ]
    assert 'class="nhsuk-select nhsuk-u-width-full"' in re.search(r'<select[^>]*name="trust"[^>]*>', html).group(0)


def test_search_shows_each_applied_filter_with_a_link_that_removes_it(client, trusts):
    VacancyFactory(organisation=trusts[0], band="8b")

    response = client.get(
        "/jobs/",
        {"keywords": "manager", "band": ["8b", "8c"], "trust": "RWP", "sponsorship": "on", "page": "2"},
    )

    assert applied(response) == [
        ("Employer", [("Worcestershire Acute Hospitals", "/jobs/?keywords=manager&band=8b&band=8c&sponsorship=on")]),
        ("Band", [
            ("Band 8b", "/jobs/?keywords=manager&band=8c&trust=RWP&sponsorship=on"),
            ("Band 8c", "/jobs/?keywords=manager&band=8b&trust=RWP&sponsorship=on"),
        ]),
        ("More options", [
            ("Offers Skilled Worker visa sponsorship", "/jobs/?keywords=manager&band=8b&band=8c&trust=RWP"),
        ]),
    ]
    assert '<a href="/jobs/?keywords=manager">Clear filters</a>' in response.content.decode()


def test_removing_the_last_filter_links_to_the_plain_search_page(client, trusts):
    response = client.get("/jobs/", {"closing_soon": "on"})

    assert applied(response) == [("More options", [("Closing within 7 days", "/jobs/")])]


def test_search_without_filters_shows_no_applied_filters(client, trusts):
    response = client.get("/jobs/", {"keywords": "nurse", "location": "Worcester", "band": "not-a-band"})

    assert applied(response) == []
    assert 'id="applied-filters"' not in response.content.decode()


def test_results_count_comes_before_the_filters(client, trusts):
    VacancyFactory(organisation=trusts[0])

    html = client.get("/jobs/", {"band": "5"}).content.decode()

    assert html.index('id="result-count"') < html.index('id="applied-filters"') < html.index('id="filters"')
