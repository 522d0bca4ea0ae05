"""search: /jobs/ over 100,000 vacancies of 200 trusts.

Seeds the vacancies with bulk_create (the search vector comes from the
database trigger, as in production), then times 200 representative searches
through the Django test client (keywords, filters, both, and deep pages) and a
trivial page on the same setup. Prints:

- search.seed: how long seeding took;
- search: median and 95th percentile of all 200, beside the trivial page's,
  and their ratio, against the 100 ms target;
- search.<kind>: the same per kind of search;
- search.deep_pages: the last reachable page against the first, same searches;
- search.keyword_plan: the index the keyword query's plan uses (the GIN index).
"""

import datetime
import random
import statistics
import time
from decimal import Decimal
from urllib.parse import urlencode

from bench.adverts import advert, trusts
from bench.database import emit, note

VACANCIES = 100_000
TRUSTS = 200
SEARCHES = 200
TARGET_P95_MS = 100
BATCH = 5_000

KEYWORDS = [
    "nurse", "staff nurse", "healthcare assistant", "physiotherapist", "midwife", "pharmacist", "porter",
    "administrator", "medical secretary", "consultant", "radiographer", "paediatrics", "mental health",
    "occupational therapist", "band 5 nurse", "orthopaedics", "critical care", "receptionist", "theatres",
    "clinical psychologist", "stroke", "dietitian", "project manager", "oncology", "phlebotomist",
]
TOWN_NAMES = ["Worcester", "Leeds", "Bristol", "Norwich", "Manchester", "Exeter", "Oxford", "York"]
DISTRICTS = ["WR5", "LS3", "BS8", "NR4", "M13", "EX2", "OX3", "YO31"]


def run():
    from django.db import connection
    from django.test import Client

    # Fail in a second, not after minutes of seeding, if the page is broken.
    response = Client().get("/jobs/")
    if response.status_code != 200:
        raise SystemExit(f"/jobs/ answered {response.status_code} before seeding")

    now = datetime.datetime.now(datetime.UTC)
    started = time.perf_counter()
    seed(now)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    emit("search.seed", vacancies=VACANCIES, trusts=TRUSTS, seconds=round(time.perf_counter() - started, 1), unit="s")

    searches = representative_searches()
    measure(searches)
    explain_keyword_query()


# Seeding ---------------------------------------------------------------------


def seed(now):
    from organisations.models import Organisation, Site
    from vacancies.models import PayBandRate, Vacancy

    rates = {rate.band: rate for rate in PayBandRate.objects.all()}
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=trust["name"], ods_code=trust["ods_code"], employer_code=trust["employer_code"],
            address_line_1="1 Hospital Road", town=trust["town"], postcode=trust["postcode"],
            website=f"https://www.{trust['ods_code'].lower()}.nhs.example/",
        )
        for trust in trusts(TRUSTS)
    )
    site_rows = []
    for organisation, trust in zip(organisations, trusts(TRUSTS), strict=True):
        site_rows += [
            Site(organisation=organisation, address_line_1="Hospital Road", county="", **site)
            for site in trust["sites"]
        ]
    sites = Site.objects.bulk_create(site_rows)
    sites_of = {}
    for site in sites:
        sites_of.setdefault(site.organisation_id, []).append(site)

    rng = random.Random(20260105)
    through = Vacancy.sites.through
    sequence = {}
    for start in range(0, VACANCIES, BATCH):
        vacancies, links = [], []
        for _ in range(min(BATCH, VACANCIES - start)):
            organisation = rng.choice(organisations)
            own_sites = rng.sample(sites_of[organisation.pk], rng.choice([1, 1, 1, 2, 3]))
            words = advert(rng, trust_name=organisation.name, town=organisation.town, site_name=own_sites[0].name)
            sequence[organisation.pk] = sequence.get(organisation.pk, 0) + 1
            vacancy = Vacancy(
                organisation=organisation,
                reference=f"{organisation.employer_code}-25-{sequence[organisation.pk]:04d}",
                **words,
                **pay(rng, words, rates),
                **contract(rng),
                **lifecycle(rng, now),
                sponsorship_offered=rng.random() < 0.15,
            )
            vacancies.append(vacancy)
            links.append(own_sites)
        Vacancy.objects.bulk_create(vacancies)
        through.objects.bulk_create(
            through(vacancy_id=vacancy.pk, site_id=site.pk)
            for vacancy, own_sites in zip(vacancies, links, strict=True)
            for site in own_sites
        )
        note(f"bench: seeded {start + len(vacancies):,} vacancies")


def pay(rng, words, rates):
    if words["pay_scheme"] == "medical_dental":
        low = Decimal(rng.choice([40_000, 52_000, 61_000, 96_000, 105_000]))
        return {"salary_from": low, "salary_to": low + Decimal(rng.choice([10_000, 20_000, 30_000])), "salary_period": "year"}
    rate = rates[words["band"]]
    if rng.random() < 0.05:  # bank staff are paid by the hour
        hourly = (rate.entry_salary / Decimal("1955.36")).quantize(Decimal("0.01"))
        return {"salary_from": hourly, "salary_to": hourly, "salary_period": "hour"}
    return {"salary_from": rate.entry_salary, "salary_to": rate.top_salary,
            "salary_period": rng.choice(["year"] * 4 + ["year_pro_rata"])}


def contract(rng):
    contract_type = rng.choices(["permanent", "fixed_term", "bank", "secondment"], weights=[75, 15, 7, 3])[0]
    full_time = rng.random() < 0.75
    return {
        "contract_type": contract_type,
        "contract_length": "12 months" if contract_type in ("fixed_term", "secondment") else "",
        "full_time": full_time,
        "part_time": not full_time or rng.random() < 0.3,
        "flexible_working": rng.random() < 0.4,
        "job_share": rng.random() < 0.1,
        "home_or_hybrid": rng.random() < 0.05,
        "hours_per_week": Decimal("37.5") if full_time else Decimal(rng.choice(["15", "22.5", "30"])),
    }


def lifecycle(rng, now):
    """Most vacancies open; the rest everything a search must leave out."""
    kind = rng.choices(
        ["open", "past_closing", "closed", "draft", "withdrawn", "filled", "internal"],
        weights=[82, 3, 6, 3, 1, 2, 3],
    )[0]
    posted = now - datetime.timedelta(days=rng.randint(0, 28), hours=rng.randint(0, 12))
    closing = now + datetime.timedelta(days=rng.randint(1, 28), hours=rng.randint(0, 12))
    status = "published"
    if kind in ("past_closing", "closed", "filled", "withdrawn"):
        closing = now - datetime.timedelta(days=rng.randint(1, 30))
        status = {"past_closing": "published", "closed": "closed", "filled": "filled", "withdrawn": "withdrawn"}[kind]
    if kind == "draft":
        status = "draft"
    return {
        "status": status,
        "advertising_scope": "internal" if kind == "internal" else "external",
        "date_posted": None if kind == "draft" else posted.date(),
        "published_at": None if kind == "draft" else posted,
        "closing_at": closing,
    }


# Measuring --------------------------------------------------------------------


def representative_searches():
    """200 searches, (kind, query string), as candidates make them."""
    rng = random.Random(7)
    bands = ["2", "3", "4", "5", "6", "7", "8a"]
    groups = ["nursing_midwifery", "allied_health", "administrative_clerical", "additional_clinical", "medical_dental"]
    filters = [
        lambda: {"band": rng.sample(bands, rng.randint(1, 2))},
        lambda: {"location": rng.choice(TOWN_NAMES)},
        lambda: {"location": rng.choice(DISTRICTS), "distance": rng.choice(["10", "20", "50"])},
        lambda: {"staff_group": rng.choice(groups)},
        lambda: {"contract_type": "permanent", "working_pattern": "part_time"},
        lambda: {"salary_from": rng.choice(["30000", "40000", "50000"]), "sort": "salary"},
        lambda: {"trust": f"R{rng.randint(0, TRUSTS - 1):03d}"},
        lambda: {"sponsorship": "1", "pay_scheme": "afc"},
        lambda: {"closing_soon": "1", "sort": "closing_date"},
        lambda: {"posted_recently": "1", "working_pattern": "flexible_working"},
    ]
    searches = []
    for index in range(50):
        searches.append(("keyword", {"keywords": KEYWORDS[index % len(KEYWORDS)]}))
    for index in range(50):
        searches.append(("filters", filters[index % len(filters)]()))
    for index in range(50):
        query = {"keywords": KEYWORDS[(index * 7) % len(KEYWORDS)], **filters[index % len(filters)]()}
        searches.append(("keyword_filters", query))
    for index in range(25):
        # Pairs: the same broad search, first page and the deepest one offered.
        query = [{}, {"keywords": "nurse"}, {"band": "5"}, {"sort": "closing_date"}, {"keywords": "care"}][index % 5]
        searches.append(("first_page", query))
        searches.append(("deep_page", {**query, "page": "50"}))
    return [(kind, urlencode(query, doseq=True)) for kind, query in searches]


def _time(client, url):
    started = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return elapsed


def _figures(times):
    times = sorted(times)
    return {
        "median": round(statistics.median(times), 1),
        "p95": round(times[max(0, round(0.95 * len(times)) - 1)], 1),
    }


def measure(searches):
    from django.test import Client

    client = Client()
    # Warm up: the first request loads templates, URLconf and connections.
    for _, query in searches[:10]:
        client.get(f"/jobs/?{query}")
    for _ in range(20):
        client.get("/contact/")

    times = {}
    for kind, query in searches:
        times.setdefault(kind, []).append(_time(client, f"/jobs/?{query}"))
    trivial = [_time(client, "/contact/") for _ in range(SEARCHES)]

    every = [elapsed for kind_times in times.values() for elapsed in kind_times]
    overall, trivial_figures = _figures(every), _figures(trivial)
    emit(
        "search",
        searches=len(every),
        median=overall["median"],
        p95=overall["p95"],
        trivial_median=trivial_figures["median"],
        trivial_p95=trivial_figures["p95"],
        search_p95_over_trivial_p95=round(overall["p95"] / trivial_figures["p95"], 1),
        target_p95=TARGET_P95_MS,
        within_target=overall["p95"] < TARGET_P95_MS,
        unit="ms",
    )
    for kind, kind_times in times.items():
        emit(f"search.{kind}", searches=len(kind_times), **_figures(kind_times), unit="ms")
    first, deep = _figures(times["first_page"]), _figures(times["deep_page"])
    emit(
        "search.deep_pages",
        deepest_page=50,
        first_page_median=first["median"],
        deep_page_median=deep["median"],
        first_page_p95=first["p95"],
        deep_page_p95=deep["p95"],
        deep_over_first_p95=round(deep["p95"] / first["p95"], 2),
        within_target=deep["p95"] <= 2 * first["p95"],
        unit="ms",
    )


def explain_keyword_query():
    """The plans of the keyword search's match query (what the count and both
    tiers of relevance filter on): which indexes they use. For a word in a
    third of all vacancies ("nurse") PostgreSQL may rightly prefer to read rows
    in index order and stop at the page; the GIN index serves the rest."""
    from vacancies.search import COUNT_LIMIT, SearchCriteria, search_vacancies

    used = {}
    for keywords in KEYWORDS:
        matches = search_vacancies(SearchCriteria(keywords=keywords)).matches
        used[keywords] = sorted(_index_names(matches.explain(format="json")))
    example = "physiotherapist"
    count_query = search_vacancies(SearchCriteria(keywords=example)).matches.values("pk")[: COUNT_LIMIT + 1]
    emit(
        "search.keyword_plan",
        keywords=example,
        indexes=used[example],
        count_query_indexes=sorted(_index_names(count_query.explain(format="json"))),
        uses_gin_index="vacancy_search_vector_gin" in used[example],
        keyword_searches_using_gin=sum("vacancy_search_vector_gin" in names for names in used.values()),
        keyword_searches=len(used),
        unit="index names",
    )


def _index_names(plan):
    import json

    names = set()

    def walk(node):
        if isinstance(node, dict):
            if "Index Name" in node:
                names.add(node["Index Name"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(plan) if isinstance(plan, str) else plan)
    return names
