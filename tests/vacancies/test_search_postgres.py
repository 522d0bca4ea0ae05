"""What only PostgreSQL's full-text search does: stemming, the web search
syntax, the stored vectors the triggers keep, the two tiers of relevance read
off indexes, and the plans that use the indexes. CI runs these on PostgreSQL;
on SQLite they are skipped (test_search.py covers the behaviour both share)."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import OrganisationFactory, SiteFactory, VacancyFactory
from vacancies import search
from vacancies.models import Vacancy
from vacancies.search import COUNT_LIMIT, SearchCriteria, search_vacancies

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL full-text search: CI runs it on PostgreSQL"
)

NOW = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _frozen_time():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def trust(db):
    return OrganisationFactory(name="Worcestershire Acute Hospitals NHS Trust", ods_code="RWP", employer_code="C9365")


def vacancy(trust, number, closes, **fields):
    return VacancyFactory(
        organisation=trust, reference=f"C9365-26-{number:04d}", closing_at=NOW + datetime.timedelta(days=closes),
        sites=[SiteFactory(organisation=trust)], **fields,
    )


def found(client, query):
    response = client.get(f"/jobs/?{query}")
    assert response.status_code == 200
    return [vacancy.reference for vacancy in response.context["page"].vacancies]


def test_keywords_are_stemmed(client, trust):
    nurse = vacancy(trust, 1, 10, title="Staff Nurse")
    vacancy(trust, 2, 10, title="Porter")

    for keywords in ["nurse", "nurses", "Nursing", "NURSE"]:
        assert found(client, f"keywords={keywords}") == [nurse.reference], keywords


def test_web_search_syntax_phrases_or_and_not(client, trust):
    ward_manager = vacancy(trust, 1, 10, title="Ward Manager")
    manager_of_ward = vacancy(trust, 2, 11, title="Manager", job_summary="Runs the ward.")
    mental_health = vacancy(trust, 3, 12, title="Mental Health Nurse")
    # "mental" only in the advert text still excludes it: the first tier checks the whole document too.
    nurse_mental_text = vacancy(trust, 4, 13, title="Staff Nurse", main_duties="Support mental wellbeing.")
    nurse = vacancy(trust, 5, 14, title="Staff Nurse")
    midwife = vacancy(trust, 6, 15, title="Midwife")

    assert found(client, 'keywords="ward manager"') == [ward_manager.reference]
    assert found(client, "keywords=ward+manager") == [ward_manager.reference, manager_of_ward.reference]
    assert found(client, "keywords=nurse+-mental") == [nurse.reference]
    assert found(client, "keywords=nurse+or+midwife") == [
        mental_health.reference, nurse_mental_text.reference, nurse.reference, midwife.reference,
    ]


def test_vectors_are_written_by_the_database_for_every_kind_of_write(trust):
    created = vacancy(trust, 1, 10, title="Staff Nurse", directorate="Medicine")
    bulk = Vacancy.objects.bulk_create([
        Vacancy(organisation=trust, reference="C9365-26-0002", title="Theatre Practitioner", staff_group="allied_health",
                band="5", contract_type="permanent", job_summary="Scrub and recover.", main_duties="Assist surgeons.",
                closing_at=NOW + datetime.timedelta(days=5), status=Vacancy.Status.PUBLISHED),
    ])[0]
    Vacancy.objects.filter(pk=created.pk).update(title="Ward Sister")

    assert Vacancy.objects.filter(reference="C9365-26-0001", search_vector="sister").exists()
    assert not Vacancy.objects.filter(reference="C9365-26-0001", search_vector="nurse").exists()
    assert Vacancy.objects.filter(pk=bulk.pk, search_vector="scrub").exists()
    assert Vacancy.objects.filter(pk=bulk.pk, title_vector="worcestershire").exists()
    assert not Vacancy.objects.filter(pk=bulk.pk, title_vector="scrub").exists()


def test_renaming_a_trust_updates_its_vacancies_search(client, trust):
    nurse = vacancy(trust, 1, 10, title="Staff Nurse")

    trust.name = "Herefordshire and Worcestershire Health NHS Trust"
    trust.save()

    assert found(client, "keywords=Herefordshire") == [nurse.reference]
    assert found(client, "keywords=acute") == []


@pytest.mark.parametrize("count_limit", [COUNT_LIMIT, 8], ids=["ordered in one pass", "tiers read apart"])
def test_relevance_pages_follow_the_tiers_across_page_boundaries(client, trust, monkeypatch, count_limit):
    monkeypatch.setattr(search, "RESULTS_PER_PAGE", 4)
    # Past COUNT_LIMIT matches, each tier is read on its own (Search._tiered_ids).
    monkeypatch.setattr(search, "COUNT_LIMIT", count_limit)
    # Eleven matches: five with "radiography" in the title, six only in the text,
    # closing dates interleaved so that neither tier is in closing order overall.
    in_title, in_text = [], []
    for number in range(1, 12):
        title_match = number % 2 == 1 and number < 10
        made = vacancy(trust, number, 30 - number, title="Radiography Assistant" if title_match else "Assistant",
                       job_summary="Join us." if title_match else "Our radiography team.")
        (in_title if title_match else in_text).append(made)
    vacancy(trust, 99, 1, title="Porter")
    expected = [each.reference for tier in (in_title, in_text) for each in sorted(tier, key=lambda v: v.closing_at)]

    with CaptureQueriesContext(connection) as queries:
        pages = [found(client, f"keywords=radiography&page={number}") for number in (1, 2, 3)]

    if count_limit == 8:  # two pages can be reached
        assert pages == [expected[0:4], expected[4:8], expected[4:8]]
        assert any("UNION ALL" in query["sql"] for query in queries)
    else:
        assert pages == [expected[0:4], expected[4:8], expected[8:11]]
        assert not any("UNION ALL" in query["sql"] for query in queries)


def test_keyword_match_uses_the_gin_index_on_the_stored_vector(trust):
    vacancy(trust, 1, 10, title="Physiotherapist")
    Vacancy.objects.bulk_create(
        Vacancy(organisation=trust, reference=f"C9365-26-{number:04d}", title="Porter", staff_group="estates_ancillary",
                band="2", contract_type="permanent", job_summary="Move patients.", main_duties="Keep the wards moving.",
                closing_at=NOW + datetime.timedelta(days=5), status=Vacancy.Status.PUBLISHED)
        for number in range(100, 2100)
    )
    with connection.cursor() as cursor:
        # As autovacuum would: move new entries from the GIN pending list into the index.
        cursor.execute("SELECT gin_clean_pending_list('vacancy_search_vector_gin')")
        cursor.execute("ANALYZE vacancies_vacancy")
    matches = search_vacancies(SearchCriteria(keywords="physiotherapist")).matches.order_by()

    plan = matches.explain()

    assert "Bitmap Index Scan on vacancy_search_vector_gin" in plan
    assert "(search_vector @@ '''physiotherapist'''::tsquery)" in plan


@pytest.mark.parametrize(
    ("sort", "index"), [("newest", "vacancy_public_newest_idx"), ("salary", "vacancy_public_salary_idx")]
)
def test_sorted_pages_are_read_off_their_index(trust, sort, index):
    vacancy(trust, 1, 10)
    ordered = search_vacancies(SearchCriteria(sort=sort)).ordered[:20]

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        plan = ordered.explain()

    assert f"Index Scan using {index}" in plan


def test_keyword_count_stops_past_the_reachable_pages_and_goes_through_the_gin_index(trust):
    vacancy(trust, 1, 10, title="Staff Nurse")

    with CaptureQueriesContext(connection) as queries:
        count = search_vacancies(SearchCriteria(keywords="nurse")).count(up_to=COUNT_LIMIT + 1)

    statements = [query["sql"] for query in queries]
    assert count == 1
    assert "SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off" in statements
    (count_sql,) = [sql for sql in statements if sql.startswith("SELECT COUNT(*)")]
    assert f"LIMIT {COUNT_LIMIT + 1}" in count_sql
    assert "ORDER BY" not in count_sql
