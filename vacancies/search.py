"""The public vacancy search on /jobs/: the form that reads the query string,
and the query it builds.

Only vacancies a candidate can apply for appear: published, externally
advertised, before their closing time. Keywords use PostgreSQL full-text search
on the stored, GIN-indexed Vacancy.search_vector (migration 0004); on SQLite,
which has no such thing, every word must appear in one of the same fields
(icontains). Both rank by relevance the same way (search_vacancies).

Filters of one kind widen the search (band 5 or band 6); filters of different
kinds narrow it (band 5 and part time).
"""

import datetime
import math
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.contrib.postgres.search import SearchQuery
from django.db import connection, models, transaction
from django.db.models import Case, Exists, F, OuterRef, Prefetch, Q, Value, When
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from nhsuk.postcodes import postcode_district
from organisations.models import Organisation, Site

from .models import (
    Band,
    ContractType,
    PayScheme,
    StaffGroup,
    Vacancy,
    WorkingPattern,
    annual_salary_from,
)

RESULTS_PER_PAGE = 20
# A deep OFFSET costs as much as every row before it, and an exact count as
# much as every match. Nobody reads 1,000 jobs one page at a time: past these
# a candidate is asked to narrow the search instead.
MAX_PAGES = 50
COUNT_LIMIT = MAX_PAGES * RESULTS_PER_PAGE
SEARCH_CONFIG = "english"  # as the trigger that writes search_vector (migration 0004)
KEYWORDS_MAX_LENGTH = 200
MILES_PER_DEGREE_OF_LATITUDE = 69.0
EARTH_RADIUS_MILES = 3958.8



class Sort(models.TextChoices):
    RELEVANCE = "relevance", _("Most relevant")
    CLOSING_DATE = "closing_date", _("Closing date, soonest first")
    NEWEST = "newest", _("Date posted, newest first")
    SALARY = "salary", _("Salary, highest first")


DISTANCE_CHOICES = [("", _("Any distance"))] + [
    (str(miles), format_lazy(_("Within {miles} miles"), miles=miles)) for miles in (5, 10, 20, 50, 100)
]
SALARY_CHOICES = [("", _("Any salary"))] + [
    (str(amount), format_lazy(_("£{amount} a year or more"), amount=f"{amount:,}"))
    for amount in (20_000, 25_000, 30_000, 35_000, 40_000, 50_000, 60_000, 80_000, 100_000)
]


class LenientChoiceField(forms.ChoiceField):
    """A choice read from a URL that may be old, shared or edited by hand: a value
    we do not know is ignored, never an error."""

    def validate(self, value):
        pass

    def clean(self, value):
        value = super().clean(value)
        return value if self.valid_value(value) else ""


class LenientMultipleChoiceField(forms.MultipleChoiceField):
    """Checkboxes read from a URL: unknown values are dropped, repeats kept once."""

    widget = forms.CheckboxSelectMultiple

    def validate(self, value):
        pass

    def clean(self, value):
        values = super().clean(value)
        return list(dict.fromkeys(value for value in values if self.valid_value(value)))


class ManyOptionsSelect(forms.Select):
    """A <select> of hundreds of options (every trust), drawn in one pass:
    Django's own renders a template per option, which costs more than the
    whole search."""

    def render(self, name, value, attrs=None, renderer=None):
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((option, " selected" if str(option) == str(value or "") else "", label) for option, label in self.choices),
        )
        return format_html("<select{}>{}</select>", flatatt(self.build_attrs(self.attrs, {**(attrs or {}), "name": name})), options)


# Every employer is an NHS trust: these endings only make the Employer list too
# wide for its column, where the names were cut off mid-word.
_TRUST_ENDINGS = (" NHS Foundation Trust", " NHS Trust")


def employer_label(name):
    """A trust's name as the Employer filter lists it: without "NHS Trust" or
    "NHS Foundation Trust", so the part that tells trusts apart fits."""
    for ending in _TRUST_ENDINGS:
        if name.endswith(ending) and len(name) > len(ending):
            return name.removesuffix(ending)
    return name


class VacancySearchForm(forms.Form):
    """The search and its filters, all from the query string, so a search can be
    bookmarked and shared. Every field is optional."""

    keywords = forms.CharField(
        label=_("What"),
        help_text=_("For example, a job title, a skill or a reference number"),
        required=False,
        max_length=KEYWORDS_MAX_LENGTH,
        error_messages={"max_length": _("Keywords must be %(limit_value)d characters or fewer")},
    )
    location = forms.CharField(
        label=_("Where"),
        help_text=_("A town, hospital or postcode district, like WR5"),
        required=False,
        max_length=100,
        error_messages={"max_length": _("Location must be %(limit_value)d characters or fewer")},
    )
    distance = LenientChoiceField(label=_("Distance"), choices=DISTANCE_CHOICES, required=False)
    band = LenientMultipleChoiceField(label=_("Band"), choices=Band.choices, required=False)
    pay_scheme = LenientMultipleChoiceField(label=_("Pay scheme"), choices=PayScheme.choices, required=False)
    salary_from = LenientChoiceField(label=_("Salary from"), choices=SALARY_CHOICES, required=False)
    contract_type = LenientMultipleChoiceField(label=_("Contract type"), choices=ContractType.choices, required=False)
    working_pattern = LenientMultipleChoiceField(
        label=_("Working pattern"), choices=WorkingPattern.choices, required=False
    )
    staff_group = LenientMultipleChoiceField(label=_("Staff group"), choices=StaffGroup.choices, required=False)
    trust = LenientChoiceField(
        label=_("Employer"), required=False, widget=ManyOptionsSelect(attrs={"class": "nhsuk-u-width-full"})
    )
    sponsorship = forms.BooleanField(label=_("Offers Skilled Worker visa sponsorship"), required=False)
    closing_soon = forms.BooleanField(label=_("Closing within 7 days"), required=False)
    posted_recently = forms.BooleanField(label=_("Posted in the last 7 days"), required=False)
    sort = LenientChoiceField(label=_("Sort by"), choices=Sort.choices, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        trusts = []

        def trust_choices():
            # Read once, when first needed: by validation on /jobs/, never on
            # the home page, which shows only keywords and location.
            if not trusts:
                trusts.append(("", _("Any employer")))
                trusts.extend(
                    (ods_code, employer_label(name))
                    for ods_code, name in Organisation.objects.order_by("name").values_list("ods_code", "name")
                )
            return trusts

        self.fields["trust"].choices = trust_choices

    def clean_keywords(self):
        return " ".join(self.cleaned_data["keywords"].split())

    def clean_location(self):
        return " ".join(self.cleaned_data["location"].split())

    def applied_filters(self, params, path):
        """The filters in force, in the order of the form, each with a link to
        the same search without it: [{"label", "items": [{"text", "remove_url"}]}].
        Keywords and place stay: they are the search, not a filter of it."""
        self.is_valid()
        groups = {}
        for name in APPLIED_FILTER_FIELDS:
            field, value = self.fields[name], self.cleaned_data.get(name)
            if not value:
                continue
            if isinstance(field, forms.BooleanField):
                group, texts = groups.setdefault("more", {"label": _("More options"), "items": []}), {True: field.label}
            else:
                group, texts = groups.setdefault(name, {"label": field.label, "items": []}), dict(field.choices)
            for chosen in value if isinstance(value, list) else [value]:
                remaining = params.copy()
                remaining.pop("page", None)
                remaining.setlist(name, [other for other in remaining.getlist(name) if other != str(chosen)] if isinstance(value, list) else [])
                query = remaining.urlencode()
                group["items"].append({"text": texts[chosen], "remove_url": f"{path}?{query}" if query else path})
        return list(groups.values())

    def criteria(self):
        """What to search for: the valid answers. An invalid one (keywords too
        long) is reported by the form and left out of the search."""
        self.is_valid()
        return SearchCriteria(**self.cleaned_data)


# The filters shown as removable tags above the results, in this order.
APPLIED_FILTER_FIELDS = [
    "distance", "salary_from", "trust", "band", "pay_scheme", "contract_type", "working_pattern",
    "staff_group", "sponsorship", "closing_soon", "posted_recently",
]


@dataclass
class SearchCriteria:
    keywords: str = ""
    location: str = ""
    distance: str = ""
    band: list = field(default_factory=list)
    pay_scheme: list = field(default_factory=list)
    salary_from: str = ""
    contract_type: list = field(default_factory=list)
    working_pattern: list = field(default_factory=list)
    staff_group: list = field(default_factory=list)
    trust: str = ""
    sponsorship: bool = False
    closing_soon: bool = False
    posted_recently: bool = False
    sort: str = ""

    @property
    def effective_sort(self):
        """Relevance only means something with keywords; without, newest first."""
        if self.sort == Sort.RELEVANCE and not self.keywords:
            return Sort.NEWEST
        return self.sort or (Sort.RELEVANCE if self.keywords else Sort.NEWEST)


# What a result shows (the search page, the home page): not the advert's long texts.
RESULT_FIELDS = [
    "reference", "title", "organisation__name", "pay_scheme", "band", "salary_from", "salary_to",
    "salary_period", "salary_text", "contract_type", "contract_length", "full_time", "part_time",
    "flexible_working", "job_share", "home_or_hybrid", "date_posted", "published_at", "closing_at", "status",
]


def with_result_fields(queryset):
    """Vacancies with what a result shows, in two queries however many there
    are: the vacancies with their trust, then their sites."""
    return (
        queryset.select_related("organisation")
        .only(*RESULT_FIELDS)
        .prefetch_related(Prefetch("sites", queryset=Site.objects.order_by("name").only("name", "town")))
    )


@dataclass
class Search:
    """A built search: its matches, how to read a page of them in order, and
    what a candidate should be told."""

    matches: models.QuerySet  # every match: for the count
    sort: str
    # The matches in order. For relevance on PostgreSQL also the first tier and
    # all matches, each to be read in closing date order (_tiered_ids), for when
    # there are too many matches to order in one pass.
    ordered: models.QuerySet = None
    tiers: list = field(default_factory=list)
    # Set when a distance was asked for but the place has no known coordinates.
    unknown_place: str = ""
    count_through_keyword_index: bool = False

    def count(self, *, up_to):
        """How many match, counting no further than up_to: a count reads every
        match, and nobody needs a number beyond the pages they can reach."""
        query = self.matches.order_by().values("pk")[:up_to]
        if not self.count_through_keyword_index:
            return query.count()
        # PostgreSQL guesses how many keyword matches also pass the filters as
        # if they were unrelated. Told to stop at up_to, it then reads the table
        # in any order, hoping to stop early; when the guess is wrong (nurses
        # paid over £50,000: few) it reads the whole table, 100 ms. Counting
        # through the GIN index costs at most the keyword's matches.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off")
            count = query.count()
            # SET LOCAL lasts to the end of the outermost transaction, which may
            # be a request's or a test's: the next queries plan freely. (Should
            # the count fail, the rollback undoes the SET.)
            cursor.execute("RESET enable_seqscan; RESET enable_indexscan")
        return count

    def vacancies(self, *, offset, limit, all_counted):
        """A page of the vacancies, in order. all_counted: the count saw every
        match, so there are at most COUNT_LIMIT to order in one pass."""
        if all_counted or not self.tiers:
            return list(with_result_fields(self.ordered)[offset : offset + limit])
        ids = self._tiered_ids(offset=offset, limit=limit)
        found = {vacancy.pk: vacancy for vacancy in with_result_fields(Vacancy.objects.filter(pk__in=ids))}
        return [found[pk] for pk in ids]

    def _tiered_ids(self, *, offset, limit):
        """The page's ids in one query, each part read in closing date order
        and stopped early (off an index, for a common word):

        - the first `wanted` vacancies of the first tier;
        - the first `wanted` of all matches. Only when the first tier has fewer
          than `wanted` is the second needed, and then at most that many of
          these are in the first, which leaves all the second tier the page
          can need.

        Asking for the second tier directly ("matches, but not in the title")
        misleads PostgreSQL's planner, which takes the two for independent: for
        a word nearly always in the title it expects many rows, walks the whole
        index to find none, and takes 200 ms.
        """
        wanted = offset + limit
        first_tier, matches = self.tiers
        parts = [
            queryset.annotate(tier=Value(number))
            .values_list("pk", "tier", "closing_at")
            .order_by("closing_at", "pk")[:wanted]
            for number, queryset in [(1, first_tier), (2, matches)]
        ]
        rows = sorted(parts[0].union(parts[1], all=True), key=lambda row: (row[1], row[2], row[0]))
        ordered = list(dict.fromkeys(pk for pk, _, _ in rows))
        return ordered[offset:wanted]


def search_vacancies(criteria, *, now=None):
    """The open, public vacancies that match, and how to read them in order.

    1. Start from the vacancies a candidate may apply for now.
    2. Apply each filter given.
    3. Match the keywords (full text on PostgreSQL, icontains elsewhere).
    4. Order by relevance, closing date, newest or salary, with the primary key
       last so that pages never overlap.

    Relevance has two tiers: vacancies whose title, reference, trust or
    directorate match the keywords, then those that match only in the summary
    or duties; soonest closing first within each. Up to COUNT_LIMIT matches are
    ordered in one pass; past that, on PostgreSQL, each tier is read in closing
    date order (off an index, for a common word) and stops at the page.
    Ranking by ts_rank would read every match for every page instead: "nurse"
    matches a third of all vacancies.
    """
    now = now or timezone.now()
    queryset = Vacancy.objects.visible_to_public().open_for_applications(now)
    unknown_place = ""
    if criteria.location:
        sites, unknown_place = _sites_near(criteria.location, criteria.distance)
        through = Vacancy.sites.through.objects.filter(vacancy_id=OuterRef("pk"), site_id__in=sites)
        queryset = queryset.filter(Exists(through))
    if criteria.band:
        queryset = queryset.filter(band__in=criteria.band)
    if criteria.pay_scheme:
        queryset = queryset.filter(pay_scheme__in=criteria.pay_scheme)
    if criteria.salary_from:
        queryset = queryset.alias(annual_salary_from=annual_salary_from()).filter(
            annual_salary_from__gte=Decimal(criteria.salary_from)
        )
    if criteria.contract_type:
        queryset = queryset.filter(contract_type__in=criteria.contract_type)
    if criteria.working_pattern:
        # The values are the names of Vacancy's boolean fields (WorkingPattern).
        offered = Q()
        for pattern in criteria.working_pattern:
            offered |= Q(**{pattern: True})
        queryset = queryset.filter(offered)
    if criteria.staff_group:
        queryset = queryset.filter(staff_group__in=criteria.staff_group)
    if criteria.trust:
        queryset = queryset.filter(organisation__ods_code=criteria.trust)
    if criteria.sponsorship:
        queryset = queryset.filter(sponsorship_offered=True)
    if criteria.closing_soon:
        queryset = queryset.filter(closing_at__lte=now + datetime.timedelta(days=7))
    if criteria.posted_recently:
        queryset = queryset.filter(date_posted__gt=timezone.localdate(now) - datetime.timedelta(days=7))

    sort = criteria.effective_sort
    search = Search(matches=queryset, sort=sort, unknown_place=unknown_place)
    if criteria.keywords:
        search.matches, title_match, tiers = _match_keywords(queryset, criteria.keywords)
        search.count_through_keyword_index = bool(tiers)  # on PostgreSQL
        if sort == Sort.RELEVANCE:
            search.ordered = search.matches.annotate(
                tier=Case(When(title_match, then=Value(1)), default=Value(2))
            ).order_by("tier", "closing_at", "pk")
            search.tiers = tiers
            return search

    if sort == Sort.CLOSING_DATE:
        search.ordered = search.matches.order_by("closing_at", "pk")
    elif sort == Sort.SALARY:
        # As vacancy_public_salary_idx, so that a page is read off the index.
        search.ordered = search.matches.alias(annual_salary_from=annual_salary_from()).order_by(
            F("annual_salary_from").desc(), "closing_at", "pk"
        )
    else:
        # As vacancy_public_newest_idx. Publishing sets date_posted, so an open
        # vacancy always has one.
        search.ordered = search.matches.order_by("-date_posted", "-published_at", "-pk")
    return search


# The fields of the first tier of relevance, and the rest.
_TITLE_FIELDS = ["title", "reference", "organisation__name", "directorate"]
_TEXT_FIELDS = ["job_summary", "main_duties"]


def _match_keywords(queryset, keywords):
    """(matches, the condition of the first tier of relevance, and on
    PostgreSQL [the first tier, matches] for Search._tiered_ids, [] elsewhere)."""
    if connection.vendor == "postgresql":
        # websearch_to_tsquery takes anything a person types ("quoted phrases",
        # or, -not) and never fails on stray punctuation.
        query = SearchQuery(keywords, search_type="websearch", config=SEARCH_CONFIG)
        title_match = Q(title_vector=query)
        matches = queryset.filter(search_vector=query)
        # title_vector is part of search_vector, so a title match is a match,
        # except for a query with a "-not" word found in the text: hence both.
        # The small title_vector comes first, to be tested first.
        tiers = [queryset.filter(title_match).filter(search_vector=query), matches]
        return matches, title_match, tiers

    # SQLite: every word in one of the fields; the first tier has every word in
    # the title, reference, trust or directorate.
    words = [word for word in (word.strip("\"'") for word in keywords.split()) if word][:20]
    in_title = Q()
    anywhere = Q()
    for word in words:
        in_title_fields = Q()
        for name in _TITLE_FIELDS:
            in_title_fields |= Q(**{f"{name}__icontains": word})
        in_text_fields = Q()
        for name in _TEXT_FIELDS:
            in_text_fields |= Q(**{f"{name}__icontains": word})
        in_title &= in_title_fields
        anywhere &= in_title_fields | in_text_fields
    return queryset.filter(anywhere), in_title, []


def _sites_near(location, distance):
    """The ids of the sites a location means.

    A postcode district ("WR5", or the district of a whole postcode) matches
    sites whose postcode is in it; other words match a site's town, county,
    second address line (Woolwich) or name. With a distance, sites within that
    many miles of those places count too: we cannot look up any postcode's
    position offline, so the middle of the matching sites that have
    coordinates stands for the place. Returns (sites, unknown_place), where
    unknown_place is set when a distance was asked for but no matching site
    has coordinates; the plain match is used then.
    """
    district = postcode_district(location)
    if district:
        place = Q(postcode__istartswith=district + " ")
    else:
        place = (
            Q(town__iexact=location)
            | Q(county__iexact=location)
            | Q(address_line_2__iexact=location)
            | Q(name__icontains=location)
        )
    matching = Site.objects.filter(place)
    if not distance:
        # Ids, not a subquery: PostgreSQL then knows how few sites there are
        # and reads their vacancies through the index on site.
        return list(matching.values_list("pk", flat=True)), ""

    points = list(
        matching.filter(latitude__isnull=False, longitude__isnull=False).values_list("latitude", "longitude")
    )
    if not points:
        return list(matching.values_list("pk", flat=True)), location
    latitude = sum(float(lat) for lat, _ in points) / len(points)
    longitude = sum(float(lon) for _, lon in points) / len(points)
    miles = float(distance)
    # A box around the place narrows the candidates in the database; the exact
    # distance is then measured here, on at most a few hundred sites.
    lat_margin = miles / MILES_PER_DEGREE_OF_LATITUDE
    lon_margin = miles / (MILES_PER_DEGREE_OF_LATITUDE * max(math.cos(math.radians(latitude)), 0.01))
    candidates = Site.objects.filter(
        latitude__range=(latitude - lat_margin, latitude + lat_margin),
        longitude__range=(longitude - lon_margin, longitude + lon_margin),
    ).values_list("pk", "latitude", "longitude")
    return [
        pk for pk, lat, lon in candidates if miles_between(latitude, longitude, float(lat), float(lon)) <= miles
    ], ""


def miles_between(lat1, lon1, lat2, lon2):
    """The great-circle distance (haversine), in miles."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(a))


@dataclass
class ResultsPage:
    """One page of results, with what pagination and the count need."""

    vacancies: list
    count: int  # at most COUNT_LIMIT
    number: int
    num_pages: int  # the pages a candidate can reach: at most MAX_PAGES
    capped: bool  # more than COUNT_LIMIT match
    requested_number: int  # the page asked for

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def has_next(self):
        return self.number < self.num_pages

    @property
    def first_index(self):
        return (self.number - 1) * RESULTS_PER_PAGE + 1 if self.vacancies else 0

    @property
    def last_index(self):
        return self.first_index + len(self.vacancies) - 1 if self.vacancies else 0

    @property
    def out_of_range(self):
        return self.requested_number != self.number


def page_number(raw):
    """The page asked for: a whole number from 1, or 1 for anything else."""
    text = str(raw or "").strip()
    if not (text.isascii() and text.isdigit()):
        return 1
    # Past the last page is the last page: no need to read a huge number whole.
    return max(int(text[:7]), 1)


def paginate(search, requested_page):
    """The requested page of a search, in three queries however many match:
    the count (up to COUNT_LIMIT), the page, and its vacancies' sites; four for
    relevance on PostgreSQL past COUNT_LIMIT matches, whose page is read as ids
    first.

    A page past the last, or past MAX_PAGES, shows the last one there is.
    """
    count = search.count(up_to=COUNT_LIMIT + 1)
    capped = count > COUNT_LIMIT
    count = min(count, COUNT_LIMIT)
    num_pages = max(math.ceil(count / RESULTS_PER_PAGE), 1)
    requested = page_number(requested_page)
    number = min(requested, num_pages)
    offset = (number - 1) * RESULTS_PER_PAGE
    vacancies = search.vacancies(offset=offset, limit=RESULTS_PER_PAGE, all_counted=not capped) if count else []
    return ResultsPage(
        vacancies=vacancies,
        count=count,
        number=number,
        num_pages=num_pages,
        capped=capped,
        requested_number=requested,
    )


def pagination_items(page, url_for_page):
    """The NHS.UK numbered pagination: the first and last pages, the current one
    and two either side of it, with an ellipsis (None) for each gap."""
    numbers = sorted({1, page.num_pages, *range(page.number - 2, page.number + 3)} & set(range(1, page.num_pages + 1)))
    items, previous = [], 0
    for number in numbers:
        if number > previous + 1:
            items.append(None)
        items.append({"number": number, "href": url_for_page(number), "current": number == page.number})
        previous = number
    return items
