"""The public search at /jobs/: keywords, filters, sorting, pagination, and who
never appears. These run on SQLite and on PostgreSQL alike; what only
PostgreSQL's full-text search does is in test_search_postgres.py."""

import datetime
import re
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import OrganisationFactory, SiteFactory, VacancyFactory
from vacancies import search
from vacancies.models import AdvertisingScope, Vacancy

NOW = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=datetime.UTC)
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def _frozen_time():
    with time_machine.travel(NOW, tick=False):
        yield


def days(n):
    return datetime.timedelta(days=n)


def references(response):
    """The references of the results, in order, as the page shows them."""
    assert response.status_code == 200
    shown = re.findall(r'<h3 class="nhsuk-heading-m[^"]*"><a href="/jobs/([^/]+)/">', response.content.decode())
    assert shown == [vacancy.reference for vacancy in response.context["page"].vacancies]
    return shown


def heading(response):
    return re.search(r'id="result-count">(.*?)</h2>', response.content.decode()).group(1)


@pytest.fixture
def trusts(db):
    return {
        "RWP": OrganisationFactory(name="Worcestershire Acute Hospitals NHS Trust", ods_code="RWP", employer_code="C9365"),
        "RJ2": OrganisationFactory(name="Lewisham and Greenwich NHS Trust", ods_code="RJ2", employer_code="C9472"),
    }


@pytest.fixture
def sites(trusts):
    worcester, lewisham = trusts["RWP"], trusts["RJ2"]
    return {
        "worcester": SiteFactory(organisation=worcester, name="Worcestershire Royal Hospital", town="Worcester",
                                 postcode="WR5 1DD", latitude=Decimal("52.1917"), longitude=Decimal("-2.1832")),
        "alexandra": SiteFactory(organisation=worcester, name="The Alexandra Hospital", town="Redditch",
                                 postcode="B98 7UB", latitude=Decimal("52.2869"), longitude=Decimal("-1.9143")),
        "qeh": SiteFactory(organisation=lewisham, name="Queen Elizabeth Hospital", address_line_2="Woolwich",
                           town="London", postcode="SE18 4QH", latitude=Decimal("51.4802"), longitude=Decimal("0.0560")),
        "lewisham": SiteFactory(organisation=lewisham, name="University Hospital Lewisham", town="London",
                                postcode="SE13 6LH", latitude=Decimal("51.4524"), longitude=Decimal("-0.0187")),
        # No coordinates: found by name, never by distance.
        "testford": SiteFactory(organisation=lewisham, name="Testford Clinic", town="Testford", postcode="TE2 2ND"),
    }


@pytest.fixture
def board(trusts, sites):
    """Five open vacancies that differ in every way a filter can tell apart."""
    def vacancy(reference, *, organisation, posted, closes, sites, **fields):
        return VacancyFactory(
            reference=reference, organisation=organisation, sites=sites,
            date_posted=TODAY - days(posted), published_at=NOW - days(posted), closing_at=NOW + days(closes), **fields,
        )

    return {
        "nurse": vacancy(
            "C9365-26-0001", organisation=trusts["RWP"], sites=[sites["worcester"]], posted=2, closes=20,
            title="Staff Nurse", band="5", salary_from=Decimal("31049"), salary_to=Decimal("37796"),
            staff_group="nursing_midwifery", full_time=True, sponsorship_offered=True,
        ),
        "physio": vacancy(
            "C9365-26-0002", organisation=trusts["RWP"], sites=[sites["alexandra"]], posted=10, closes=5,
            title="Physiotherapist", band="6", salary_from=Decimal("38682"), salary_to=Decimal("46580"),
            staff_group="allied_health", contract_type="fixed_term", contract_length="12 months",
            full_time=False, part_time=True,
        ),
        "consultant": vacancy(
            "C9472-26-0001", organisation=trusts["RJ2"], sites=[sites["qeh"]], posted=1, closes=30,
            title="Consultant in Radiology", pay_scheme="medical_dental", band="", salary_from=Decimal("109725"),
            salary_to=Decimal("145478"), staff_group="medical_dental", full_time=True, flexible_working=True,
            sponsorship_offered=True,
        ),
        # £12.85 an hour is £25,126 a year at full time.
        "hca": vacancy(
            "C9472-26-0002", organisation=trusts["RJ2"], sites=[sites["lewisham"]], posted=20, closes=3,
            title="Healthcare Assistant", band="3", salary_from=Decimal("12.85"), salary_to=Decimal("12.85"),
            salary_period="hour", staff_group="additional_clinical", contract_type="bank",
            full_time=False, part_time=True, job_share=True,
        ),
        "secretary": vacancy(
            "C9472-26-0003", organisation=trusts["RJ2"], sites=[sites["lewisham"], sites["testford"]], posted=5,
            closes=10, title="Medical Secretary", pay_scheme="other", band="", salary_from=None, salary_to=None,
            salary_text="Depending on experience", staff_group="administrative_clerical",
            contract_type="secondment", contract_length="6 months", full_time=False, home_or_hybrid=True,
        ),
    }


def refs(board, *names):
    return [board[name].reference for name in names]


# Who appears ---------------------------------------------------------------


def test_search_without_criteria_lists_every_open_public_vacancy_newest_first(client, board):
    response = client.get("/jobs/")

    assert references(response) == refs(board, "consultant", "nurse", "secretary", "physio", "hca")
    assert heading(response) == "5 jobs found"


HIDDEN = [
    {"status": Vacancy.Status.DRAFT},
    {"status": Vacancy.Status.AWAITING_APPROVAL},
    {"status": Vacancy.Status.APPROVED},
    {"status": Vacancy.Status.CLOSED},
    {"status": Vacancy.Status.WITHDRAWN},
    {"status": Vacancy.Status.SHORTLISTING},
    {"status": Vacancy.Status.FILLED},
    # Published, but its closing time has passed and the beat task has not closed it yet.
    {"status": Vacancy.Status.PUBLISHED, "closing_at": NOW - days(1)},
    {"status": Vacancy.Status.PUBLISHED, "advertising_scope": AdvertisingScope.INTERNAL},
    {"status": Vacancy.Status.PUBLISHED, "advertising_scope": AdvertisingScope.RESTRICTED},
]


@pytest.mark.parametrize("fields", HIDDEN, ids=lambda fields: "-".join(str(value) for value in fields.values()))
def test_vacancy_not_open_to_the_public_never_appears(client, board, trusts, fields):
    hidden = VacancyFactory(
        organisation=trusts["RWP"], reference="C9365-26-0099", title="Staff Nurse", band="5",
        date_posted=TODAY, published_at=NOW, **{"closing_at": NOW + days(7), **fields},
    )

    for url in ["/jobs/", "/jobs/?keywords=nurse", "/jobs/?band=5", "/jobs/?keywords=C9365-26-0099",
                "/jobs/?trust=RWP&sort=closing_date", "/jobs/?location=Worcester"]:
        response = client.get(url)
        assert hidden.reference not in references(response), url
        assert hidden.get_absolute_url() not in response.content.decode(), url


# Keywords and relevance -------------------------------------------------------


@pytest.fixture
def radiography(trusts, sites):
    """One word found in a different field of each vacancy."""
    def vacancy(reference, closes, **fields):
        return VacancyFactory(reference=reference, organisation=trusts["RWP"], sites=[sites["worcester"]],
                              date_posted=TODAY, closing_at=NOW + days(closes), **fields)

    return {
        "title": vacancy("C9365-26-0101", 20, title="Radiography Assistant"),
        "directorate": vacancy("C9365-26-0102", 15, title="Team Leader", directorate="Radiography"),
        "summary": vacancy("C9365-26-0103", 3, title="Clinical Lead", job_summary="Lead our radiography team."),
        "duties": vacancy("C9365-26-0104", 5, title="Ward Clerk", main_duties="Book radiography appointments."),
        "elsewhere": vacancy("C9365-26-0105", 1, title="Porter", job_summary="Move patients safely."),
    }


def test_keywords_rank_title_reference_trust_and_directorate_matches_before_advert_text(client, radiography):
    response = client.get("/jobs/?keywords=radiography")

    # Matches in what a vacancy is called come first, even though the others
    # close sooner; within each tier, soonest closing first.
    assert references(response) == [radiography[name].reference for name in ("directorate", "title", "summary", "duties")]
    assert response.context["sort"] == "relevance"


def test_every_keyword_must_match_and_all_in_the_title_ranks_first(client, trusts, sites):
    both_in_title = VacancyFactory(reference="C9365-26-0201", organisation=trusts["RWP"], title="Paediatric Physiotherapist",
                                   closing_at=NOW + days(20))
    one_in_text = VacancyFactory(reference="C9365-26-0202", organisation=trusts["RWP"], title="Physiotherapist",
                                 job_summary="Join our paediatric team.", closing_at=NOW + days(2))
    VacancyFactory(reference="C9365-26-0203", organisation=trusts["RWP"], title="Physiotherapist", closing_at=NOW + days(1))

    response = client.get("/jobs/?keywords=paediatric+physiotherapist")

    assert references(response) == [both_in_title.reference, one_in_text.reference]


def test_keywords_find_a_vacancy_by_reference_and_by_trust_name(client, board):
    assert references(client.get("/jobs/?keywords=C9365-26-0002")) == refs(board, "physio")
    assert references(client.get("/jobs/?keywords=Lewisham")) == refs(board, "hca", "secretary", "consultant")


def test_keywords_that_match_nothing_show_the_empty_state_with_ways_to_widen_the_search(client, board):
    response = client.get("/jobs/?keywords=astronaut&band=5&location=Worcester")

    html = response.content.decode()
    assert references(response) == []
    assert heading(response) == "0 jobs found"
    assert 'id="no-results"' in html
    assert "check the spelling of your keywords" in html
    assert "search a wider area" in html
    assert "remove some filters" in html
    # Clearing the filters keeps the keywords and place.
    assert 'href="/jobs/?keywords=astronaut&amp;location=Worcester"' in html


# Filters ------------------------------------------------------------------------

FILTERS = [
    ("band=5", ["nurse"]),
    ("band=5&band=6", ["nurse", "physio"]),
    ("pay_scheme=medical_dental", ["consultant"]),
    ("pay_scheme=afc&pay_scheme=other", ["nurse", "secretary", "physio", "hca"]),
    ("salary_from=35000", ["consultant", "physio"]),
    # Hourly pay counts as a full-time year: £12.85 an hour is £25,126.
    ("salary_from=25000", ["consultant", "nurse", "physio", "hca"]),
    ("contract_type=bank", ["hca"]),
    ("contract_type=fixed_term&contract_type=secondment", ["secretary", "physio"]),
    ("working_pattern=part_time", ["physio", "hca"]),
    ("working_pattern=job_share", ["hca"]),
    ("working_pattern=flexible_working&working_pattern=home_or_hybrid", ["consultant", "secretary"]),
    ("staff_group=allied_health", ["physio"]),
    ("trust=RJ2", ["consultant", "secretary", "hca"]),
    ("sponsorship=on", ["consultant", "nurse"]),
    ("closing_soon=on", ["physio", "hca"]),
    ("posted_recently=on", ["consultant", "nurse", "secretary"]),
    ("location=Worcester", ["nurse"]),
    ("location=redditch", ["physio"]),
    ("location=WR5", ["nurse"]),
    ("location=wr5+1dd", ["nurse"]),
    ("location=Alexandra", ["physio"]),
    ("location=Woolwich", ["consultant"]),
    ("location=London", ["consultant", "secretary", "hca"]),
    ("location=Testford", ["secretary"]),
    # The Alexandra is about 13 miles from Worcestershire Royal.
    ("location=WR5&distance=10", ["nurse"]),
    ("location=WR5&distance=20", ["nurse", "physio"]),
    ("location=Worcester&distance=20", ["nurse", "physio"]),
    ("location=SE18&distance=5", ["consultant", "secretary", "hca"]),
]


@pytest.mark.parametrize(("query", "expected"), FILTERS)
def test_each_filter_alone(client, board, query, expected):
    response = client.get(f"/jobs/?{query}")

    assert references(response) == refs(board, *expected)


COMBINED = [
    ("band=5&band=6&location=WR5&distance=20&working_pattern=part_time", ["physio"]),
    ("trust=RJ2&working_pattern=part_time&closing_soon=on", ["hca"]),
    ("sponsorship=on&pay_scheme=afc", ["nurse"]),
    ("staff_group=nursing_midwifery&staff_group=allied_health&salary_from=35000", ["physio"]),
    ("location=London&posted_recently=on&contract_type=permanent", ["consultant"]),
    ("keywords=nurse&trust=RWP", ["nurse"]),
    ("keywords=nurse&trust=RJ2", []),
    ("keywords=hospital+assistant&location=London", []),
    ("keywords=healthcare&working_pattern=job_share&contract_type=bank", ["hca"]),
]


@pytest.mark.parametrize(("query", "expected"), COMBINED)
def test_filters_combine(client, board, query, expected):
    response = client.get(f"/jobs/?{query}")

    assert references(response) == refs(board, *expected)


def test_distance_from_a_place_without_coordinates_says_so_and_matches_the_place(client, board):
    response = client.get("/jobs/?location=Testford&distance=20")

    assert references(response) == refs(board, "secretary")
    assert "We do not know where “Testford” is" in response.content.decode()


def test_filters_stay_in_the_form_so_the_search_can_be_bookmarked(client, board):
    response = client.get("/jobs/?keywords=nurse&band=5&band=6&location=WR5&distance=20&sponsorship=on&sort=closing_date")

    html = response.content.decode()
    assert re.search(r'<form method="get" action="/jobs/"', html)
    assert 'name="keywords" value="nurse"' in html
    assert 'name="location" value="WR5"' in html
    assert re.search(r'name="band" type="checkbox" value="5" checked', html)
    assert re.search(r'name="band" type="checkbox" value="6" checked', html)
    assert re.search(r'name="band" type="checkbox" value="7">', html)
    assert re.search(r'<option value="20" selected>', html)
    assert re.search(r'name="sponsorship"[^>]*checked', html)
    assert '<option value="closing_date" selected>' in html


# Sorting -----------------------------------------------------------------------------

SORTS = [
    ("sort=newest", ["consultant", "nurse", "secretary", "physio", "hca"]),
    ("sort=closing_date", ["hca", "physio", "secretary", "nurse", "consultant"]),
    # Highest starting salary first, hourly pay as a full-time year, no figure last.
    ("sort=salary", ["consultant", "physio", "nurse", "hca", "secretary"]),
    # Relevance needs keywords; without, newest first.
    ("sort=relevance", ["consultant", "nurse", "secretary", "physio", "hca"]),
    ("sort=nonsense", ["consultant", "nurse", "secretary", "physio", "hca"]),
]


@pytest.mark.parametrize(("query", "expected"), SORTS)
def test_sorting(client, board, query, expected):
    assert references(client.get(f"/jobs/?{query}")) == refs(board, *expected)


def test_sorting_keyword_results_by_closing_date_ignores_relevance(client, radiography):
    response = client.get("/jobs/?keywords=radiography&sort=closing_date")

    assert references(response) == [radiography[name].reference for name in ("summary", "duties", "directorate", "title")]


def test_relevance_is_offered_only_with_keywords(client, board):
    without = client.get("/jobs/").content.decode()
    with_keywords = client.get("/jobs/?keywords=nurse").content.decode()

    assert '<option value="relevance"' not in without
    assert '<option value="newest" selected>' in without
    assert '<option value="relevance" selected>' in with_keywords


# Pagination ---------------------------------------------------------------------------


@pytest.fixture
def many(trusts, sites):
    """45 open vacancies, one posted each day: newest first is reference order."""
    return [
        VacancyFactory(reference=f"C9365-26-{number:04d}", organisation=trusts["RWP"], sites=[sites["worcester"]],
                       date_posted=TODAY - days(number), closing_at=NOW + days(60))
        for number in range(1, 46)
    ]


@pytest.mark.parametrize(
    ("page", "shown_page", "first", "count"),
    [("", 1, 1, 20), ("1", 1, 1, 20), ("2", 2, 21, 20), ("3", 3, 41, 5), ("+2+", 2, 21, 20),
     ("0", 1, 1, 20), ("-1", 1, 1, 20), ("abc", 1, 1, 20), ("1e3", 1, 1, 20), ("2.5", 1, 1, 20),
     ("4", 3, 41, 5), ("99999999999999999999999", 3, 41, 5), ("%00", 1, 1, 20)],
)
def test_pagination_shows_the_nearest_real_page(client, many, page, shown_page, first, count):
    response = client.get(f"/jobs/?page={page}")

    page_obj = response.context["page"]
    assert response.status_code == 200
    assert (page_obj.number, page_obj.num_pages) == (shown_page, 3)
    assert references(response) == [vacancy.reference for vacancy in many[first - 1 : first - 1 + count]]
    assert heading(response) == "45 jobs found"


def test_page_past_the_last_says_so(client, many):
    html = client.get("/jobs/?page=4").content.decode()

    assert "There are not that many pages of results. This is page 3, the last one." in html


def test_pagination_links_keep_the_search_and_mark_the_current_page(client, many):
    html = client.get("/jobs/?location=Worcester&page=2").content.decode()

    pagination = html[html.index('<nav class="nhsuk-pagination'):]
    assert '<a href="?location=Worcester" class="nhsuk-pagination__previous" rel="prev">' in pagination
    assert '<a href="?location=Worcester&amp;page=3" class="nhsuk-pagination__next" rel="next">' in pagination
    assert re.findall(r'aria-label="Page (\d+)"( aria-current="page")?', pagination) == [
        ("1", ""), ("2", ' aria-current="page"'), ("3", ""),
    ]
    assert "Showing 21 to 40 of 45" in html


def test_a_single_page_has_no_pagination(client, board):
    assert "nhsuk-pagination" not in client.get("/jobs/").content.decode()


def test_pagination_items_elide_distant_pages():
    page = search.ResultsPage(vacancies=[], count=1000, number=10, num_pages=50, capped=False, requested_number=10)

    items = search.pagination_items(page, lambda number: f"?page={number}")

    assert [item and item["number"] for item in items] == [1, None, 8, 9, 10, 11, 12, None, 50]


def test_depth_is_capped_and_the_candidate_asked_to_narrow_the_search(client, many, monkeypatch):
    # 45 results, 5 a page, 3 pages at most: the 15 first can be reached.
    monkeypatch.setattr(search, "RESULTS_PER_PAGE", 5)
    monkeypatch.setattr(search, "MAX_PAGES", 3)
    monkeypatch.setattr(search, "COUNT_LIMIT", 15)

    first = client.get("/jobs/")
    last = client.get("/jobs/?page=3")
    beyond = client.get("/jobs/?page=7")

    assert heading(first) == "More than 15 jobs found"
    assert first.context["page"].num_pages == 3
    assert "results-capped" not in first.content.decode()
    assert references(last) == [vacancy.reference for vacancy in many[10:15]]
    assert "Only the first 15 jobs are shown. Add keywords or filters to narrow your search." in last.content.decode()
    assert references(beyond) == references(last)


# Query counts -----------------------------------------------------------------------------


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), len(response.context["page"].vacancies)


@pytest.mark.parametrize("query", ["", "keywords=nurse", "keywords=nurse&sort=closing_date", "location=WR5&distance=20&band=5"])
def test_search_runs_the_same_queries_for_10_and_500_results(client, trusts, sites, query, django_assert_max_num_queries):
    def add(count):
        for _ in range(count):
            VacancyFactory(organisation=trusts["RWP"], sites=[sites["worcester"], sites["alexandra"]], title="Staff Nurse",
                           date_posted=TODAY)

    add(10)
    few, shown = _queries(client, f"/jobs/?{query}")
    assert shown == 10
    add(490)
    with django_assert_max_num_queries(few):
        response = client.get(f"/jobs/?{query}")

    assert len(response.context["page"].vacancies) == 20
    # Trusts, count, page, sites; with keywords on PostgreSQL the count runs in
    # a transaction of its own (Search.count), with a location the sites first.
    assert few <= 8


# Hostile query strings ------------------------------------------------------------------------

HOSTILE = [
    "keywords=" + "nurse " * 2000,
    "keywords=%27%20OR%201%3D1%3B%20DROP%20TABLE%20vacancies_vacancy%3B%20--",
    "keywords=%22unclosed&location=%27%3B--",
    "keywords=%26%7C%21%28%29%3A%2A%3C-%3E",
    "keywords=%00nurse",
    "keywords=nurse&keywords=midwife",
    "location=" + "W" * 5000,
    "band=99&band=%27&band=5",
    "pay_scheme=__class__&contract_type[]=bank&working_pattern=save",
    "salary_from=-1&salary_from=1e309&distance=abc",
    "distance=-5&location=WR5",
    "trust=NOT-A-TRUST&trust=RWP",
    "sort=id;drop&sort=-pk",
    "sponsorship=maybe&closing_soon=&posted_recently=%00",
    "page=-999999&page=NaN",
    "&".join(f"band={number}" for number in range(1000)),
]


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_query_strings_answer_a_normal_page(client, board, query):
    response = client.get(f"/jobs/?{query}")

    assert response.status_code == 200
    assert response.context["page"].count <= 5
    assert Vacancy.objects.count() == 5  # the table is still there


def test_keywords_too_long_are_reported_in_the_error_summary_and_left_out(client, board):
    response = client.get("/jobs/?band=5&keywords=" + "x" * 201)

    html = response.content.decode()
    assert '<h2 class="nhsuk-error-summary__heading">There is a problem</h2>' in html
    assert '<a href="#id_keywords">Keywords must be 200 characters or fewer</a>' in html
    assert re.search(r"<title>Error: ", html)
    assert references(response) == refs(board, "nurse")


def test_unknown_filter_values_are_ignored(client, board):
    response = client.get("/jobs/?band=99&band=5&trust=NOPE&sort=sideways&distance=3&salary_from=7")

    assert references(response) == refs(board, "nurse")
    assert "nhsuk-error-summary" not in response.content.decode()


def test_search_text_is_escaped_on_the_page(client, board):
    html = client.get("/jobs/?keywords=%3Cscript%3Ealert(1)%3C%2Fscript%3E").content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_only_get_and_head_are_allowed(client, board):
    assert client.post("/jobs/").status_code == 405
    assert client.head("/jobs/").status_code == 200


def test_header_navigation_links_to_find_a_job(client, board):
    html = client.get("/jobs/?keywords=nurse").content.decode()

    assert re.search(
        r'<a class="nhsuk-header__navigation-link" href="/jobs/" aria-current="page"><strong[^>]*>Find a job</strong></a>', html
    )
