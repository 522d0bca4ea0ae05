"""WRES indicator 2, WDES metric 2 and the equality funnel on hand-made
cohorts whose answers are worked out here: suppression of small numbers,
"prefer not to say" and unanswered counted apart, candidates who withdrew
after shortlisting, and the 1 April reporting-year boundary."""

import pytest
from django.urls import reverse

from reports.access import vacancies_in_scope
from reports.equality import indicators
from tests.factories import VacancyFactory

from .builders import applications, at

pytestmark = pytest.mark.django_db

YEAR = 2025  # 1 April 2025 to 31 March 2026


def shortlisted(vacancy, count, *, appointed=0, when=None, withdrew=False, **equality):
    """`count` shortlisted in the year, the first `appointed` of them appointed."""
    when = when or at(2025, 9, 1)
    equality_answers = equality or None
    if appointed:
        applications(vacancy, appointed, created_at=at(2025, 8, 1), equality=equality_answers,
                     shortlisted_at=when, appointed_at=at(2025, 10, 1))
    rest = {"withdrawn_at": at(2025, 9, 20)} if withdrew else {}
    if count - appointed:
        applications(vacancy, count - appointed, created_at=at(2025, 8, 1), equality=equality_answers,
                     shortlisted_at=when, **rest)


@pytest.fixture
def cohort(trust_a):
    vacancy = VacancyFactory(organisation=trust_a)
    # White: 30 White British (9 appointed), 10 any other White background (3): 40 and 12.
    shortlisted(vacancy, 29, appointed=9, ethnicity="A", disability="no")
    shortlisted(vacancy, 1, when=at(2025, 4, 1, 0, 30), ethnicity="A", disability="no")  # the year's first hour
    shortlisted(vacancy, 10, appointed=3, ethnicity="C", disability="no")
    # BME: 20 Indian (6 appointed, all disabled), 10 African (4), and 5 Caribbean who withdrew: 35 and 10.
    shortlisted(vacancy, 20, appointed=6, ethnicity="H", disability="yes")
    shortlisted(vacancy, 10, appointed=4, ethnicity="N", disability="no")
    shortlisted(vacancy, 5, withdrew=True, ethnicity="M", disability="prefer_not_to_say")
    # Prefer not to say (ethnicity): 12, 2 appointed; disability blank, so unanswered there.
    shortlisted(vacancy, 12, appointed=2, ethnicity="Z", disability="")
    # Unanswered: 4 with no equality form at all, 1 with blank answers.
    shortlisted(vacancy, 4)
    shortlisted(vacancy, 1, ethnicity="", disability="")
    # Outside the year: shortlisted at 23:30 on 31 March 2025, and at 00:10 on 1 April 2026.
    shortlisted(vacancy, 15, appointed=15, when=at(2025, 3, 31, 23, 30), ethnicity="A", disability="no")
    shortlisted(vacancy, 8, when=at(2026, 4, 1, 0, 10), ethnicity="H", disability="yes")
    return vacancy


def test_wres_indicator_2_is_the_relative_likelihood_of_white_appointment_from_shortlisting(trust_a, cohort):
    wres = indicators(vacancies_in_scope([trust_a]), YEAR)["wres"]

    assert (wres["reference_shortlisted"].count, wres["reference_appointed"].count) == (40, 12)
    # The 5 who withdrew after shortlisting count as shortlisted, not appointed.
    assert (wres["compared_shortlisted"].count, wres["compared_appointed"].count) == (35, 10)
    assert wres["reference_likelihood"] == 0.3
    assert wres["compared_likelihood"] == 0.29  # 10 / 35
    assert wres["ratio"] == 1.05  # (12 / 40) / (10 / 35) = 1.05
    # Prefer not to say and unanswered are counted apart, and suppressed under 10.
    assert (wres["prefer_not_to_say_shortlisted"].value, wres["prefer_not_to_say_appointed"].value) == (12, None)
    assert wres["prefer_not_to_say_appointed"].fewer_than_threshold
    assert wres["unanswered_shortlisted"].value is None and wres["unanswered_shortlisted"].count == 5


def test_wdes_metric_2_is_not_published_when_a_part_is_under_10(trust_a, cohort):
    wdes = indicators(vacancies_in_scope([trust_a]), YEAR)["wdes"]

    assert (wdes["reference_shortlisted"].value, wdes["reference_appointed"].value) == (50, 16)
    assert wdes["compared_shortlisted"].value == 20
    assert wdes["compared_appointed"].value is None  # 6 disabled appointed: fewer than 10
    assert wdes["ratio"] is None
    assert wdes["reference_likelihood"] is None  # with three parts shown it would give the fourth away
    assert wdes["prefer_not_to_say_shortlisted"].value is None  # the 5 who withdrew
    assert wdes["unanswered_shortlisted"].value == 17  # 12 blank + 4 without a form + 1 blank


def test_wdes_metric_2_is_published_once_every_part_reaches_10(trust_a, cohort):
    shortlisted(cohort, 20, appointed=6, ethnicity="H", disability="yes")

    wdes = indicators(vacancies_in_scope([trust_a]), YEAR)["wdes"]

    assert (wdes["compared_shortlisted"].value, wdes["compared_appointed"].value) == (40, 12)
    assert wdes["ratio"] == 1.07  # (16 / 50) / (12 / 40) = 0.32 / 0.3


def test_the_next_reporting_year_counts_only_its_own_shortlist(trust_a, cohort):
    wres = indicators(vacancies_in_scope([trust_a]), 2026)["wres"]

    assert wres["compared_shortlisted"].count == 8
    assert wres["reference_shortlisted"].count == 0
    assert wres["ratio"] is None


def test_indicators_page_shows_the_figure_its_parts_and_the_reporting_year(client, recruiter, cohort):
    client.force_login(recruiter)

    response = client.get(reverse("reports:indicators"), {"year": YEAR})

    page = response.content.decode()
    assert "1 April 2025 to 31 March 2026" in page
    assert "<strong>1.05</strong>" in page
    assert "Relative likelihood: not published" in page
    assert "fewer than 10" in page
    assert 'role="img"' in page and "<title id=\"indicators-chart-title\">" in page


def test_equality_funnel_suppresses_small_cells_and_the_totals_that_give_them_away(client, recruiter, trust_a):
    vacancy = VacancyFactory(organisation=trust_a)
    may = at(2025, 5, 1)
    applications(vacancy, 12, created_at=may, equality={"sex": "female"}, shortlisted_at=at(2025, 6, 1))
    applications(vacancy, 13, created_at=may, equality={"sex": "female"})
    applications(vacancy, 3, created_at=may, equality={"sex": "male"}, shortlisted_at=at(2025, 6, 1))
    applications(vacancy, 12, created_at=may, equality={"sex": "male"})
    applications(vacancy, 11, created_at=may, equality={"sex": "prefer_not_to_say"}, shortlisted_at=at(2025, 6, 1))
    applications(vacancy, 10, created_at=may, shortlisted_at=at(2025, 6, 1))  # no equality form
    client.force_login(recruiter)

    response = client.get(reverse("reports:equality"), {
        "date_from_day": "1", "date_from_month": "4", "date_from_year": "2025",
        "date_to_day": "31", "date_to_month": "3", "date_to_year": "2026",
    })

    sex = next(table for table in response.context["tables"] if table["key"] == "sex")
    started = {row["label"]: row["cells"][0].value for row in sex["rows"]}
    shortlisted_cells = {row["label"]: row["cells"][2] for row in sex["rows"]}
    assert started == {"Female": 25, "Male": 15, "Prefer not to say": 11, "Not answered": 10}
    assert sex["totals"][0].value == 61
    assert shortlisted_cells["Female"].value == 12
    assert shortlisted_cells["Male"].fewer_than_threshold  # 3
    assert shortlisted_cells["Prefer not to say"].value == 11
    # The only small cell in the column: the next smallest (10, not answered)
    # and the total are hidden too, or 3 = 36 - 12 - 11 - 10.
    assert shortlisted_cells["Not answered"].hidden
    assert sex["totals"][2].value is None
    ethnic_group = next(table for table in response.context["tables"] if table["key"] == "ethnic_group")
    assert {row["label"]: row["cells"][0].value for row in ethnic_group["rows"]}["Not answered"] == 61
    page = response.content.decode()
    assert "fewer than 10" in page and "hidden" in page
    assert ">3<" not in page
