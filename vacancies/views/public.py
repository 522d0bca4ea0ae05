import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from nhsuk.formats import public_url
from organisations.models import Site

from ..models import AdvertisingScope, ContractType, Criterion, SalaryPeriod, Vacancy
from ..search import (
    SearchCriteria,
    Sort,
    VacancySearchForm,
    paginate,
    pagination_items,
    search_vacancies,
    with_result_fields,
)
from ..templatetags.advert import advert_text

NEWEST_ON_HOME_PAGE = 6
# Filters with long lists of boxes, which fold away on the search page.
FOLDING_FILTERS = ["band", "pay_scheme", "contract_type", "working_pattern", "staff_group"]


@require_safe
def home(request):
    """The front page: the search box and the newest vacancies."""
    newest = with_result_fields(search_vacancies(SearchCriteria(sort=Sort.NEWEST)).ordered)[:NEWEST_ON_HOME_PAGE]
    return render(request, "vacancies/home.html", {"search_form": VacancySearchForm(), "newest": newest})


@require_safe
def vacancy_search(request):
    """/jobs/: keywords, filters and sort all come from the query string, so a
    search works without JavaScript and can be bookmarked. Answers are never
    errors: an invalid field is reported and left out, unknown filter values are
    ignored, and a page number out of range shows the nearest page."""
    form = VacancySearchForm(request.GET)
    criteria = form.criteria()
    search = search_vacancies(criteria)
    page = paginate(search, request.GET.get("page"))

    def url_for_page(number):
        params = request.GET.copy()
        params.pop("page", None)
        if number > 1:
            params["page"] = number
        return f"?{params.urlencode()}" if params else request.path

    filtered = any(
        value for name, value in vars(criteria).items() if name not in ("keywords", "location", "sort")
    )
    kept = {name: getattr(criteria, name) for name in ("keywords", "location") if getattr(criteria, name)}
    return render(
        request,
        "vacancies/search_results.html",
        {
            "form": form,
            "criteria": criteria,
            "sort": search.sort,
            "unknown_place": search.unknown_place,
            "page": page,
            "pagination": pagination_items(page, url_for_page) if page.num_pages > 1 else [],
            "previous_url": url_for_page(page.number - 1) if page.has_previous else "",
            "next_url": url_for_page(page.number + 1) if page.has_next else "",
            "filtered": filtered,
            "applied_filters": form.applied_filters(request.GET, request.path),
            "clear_filters_url": f"{request.path}?{urlencode(kept)}" if kept else request.path,
            "filter_groups": [form[name] for name in FOLDING_FILTERS],
            "sort_choices": [(value, label) for value, label in Sort.choices if criteria.keywords or value != Sort.RELEVANCE],
        },
    )


@require_safe
def vacancy_detail(request, reference):
    """The advert. Unpublished vacancies answer 404, as if they did not exist;
    so do internal and restricted ones to all but the staff they are for."""
    vacancy = get_object_or_404(
        Vacancy.objects.visible_to(request.user)
        .select_related("organisation")
        .prefetch_related(
            Prefetch("sites", queryset=Site.objects.order_by("name")),
            "responsibility_sections",
            Prefetch("criteria", queryset=Criterion.objects.order_by("order")),
        ),
        reference=reference,
    )
    is_open = vacancy.is_open()
    is_public = vacancy.advertising_scope == AdvertisingScope.EXTERNAL
    response = render(
        request,
        "vacancies/vacancy_detail.html",
        {
            "vacancy": vacancy,
            "criteria_groups": group_criteria(vacancy.criteria.all()),
            "is_open": is_open,
            # Job boards are asked to drop a posting once it has closed; the
            # page itself stays readable, without the structured data. An
            # internal or restricted advert is never offered to them.
            "job_posting_json_ld": json_ld_script(job_posting(vacancy)) if is_open and is_public else "",
        },
    )
    if not is_public:
        # Only for the staff it is for: no shared cache may keep it.
        patch_cache_control(response, private=True)
    return response


def group_criteria(criteria):
    """Split the person specification into tables, one per heading, in the
    order of the advert, each with its essential and desirable criteria."""
    groups = {}
    for criterion in criteria:
        group = groups.setdefault(criterion.group_title, {"title": criterion.group_title, "essential": [], "desirable": []})
        group["essential" if criterion.is_essential else "desirable"].append(criterion)
    return list(groups.values())


# schema.org JobPosting, for job boards and search engines -------------------

# A vacancy's contract, as schema.org's employment types.
_CONTRACT_EMPLOYMENT_TYPES = {
    ContractType.FIXED_TERM: "TEMPORARY",
    ContractType.SECONDMENT: "TEMPORARY",
    ContractType.BANK: "PER_DIEM",
}


def employment_types(vacancy):
    """FULL_TIME and PART_TIME from the working patterns (a job share is part
    time), TEMPORARY or PER_DIEM from the contract; OTHER when none applies."""
    types = []
    if vacancy.full_time:
        types.append("FULL_TIME")
    if vacancy.part_time or vacancy.job_share:
        types.append("PART_TIME")
    if vacancy.contract_type in _CONTRACT_EMPLOYMENT_TYPES:
        types.append(_CONTRACT_EMPLOYMENT_TYPES[vacancy.contract_type])
    return types or ["OTHER"]


def _number(amount):
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def job_posting(vacancy):
    """The vacancy as a schema.org JobPosting (Google's job posting fields)."""
    organisation = vacancy.organisation
    hiring_organisation = {"@type": "Organization", "name": organisation.name}
    if organisation.website:
        hiring_organisation["sameAs"] = organisation.website
    description = advert_text(vacancy.job_summary) + format_html(
        "\n<h2>{}</h2>\n", _("Main duties of the job")
    ) + advert_text(vacancy.main_duties)
    data = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": vacancy.title,
        "description": str(description),
        "identifier": {"@type": "PropertyValue", "name": organisation.name, "value": vacancy.reference},
        # On SITE_URL, as the page's canonical link: never the Host a request came with.
        "url": public_url(vacancy.get_absolute_url()),
        "datePosted": (vacancy.date_posted or timezone.localdate(vacancy.published_at)).isoformat(),
        "validThrough": timezone.localtime(vacancy.closing_at).isoformat(),
        "employmentType": employment_types(vacancy),
        "hiringOrganization": hiring_organisation,
        "jobLocation": [
            {
                "@type": "Place",
                "name": site.name,
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": ", ".join(filter(None, [site.address_line_1, site.address_line_2])),
                    "addressLocality": site.town,
                    **({"addressRegion": site.county} if site.county else {}),
                    "postalCode": site.postcode,
                    "addressCountry": "GB",
                },
            }
            for site in vacancy.sites.all()
        ],
    }
    if vacancy.salary_from is not None or vacancy.salary_to is not None:
        low = vacancy.salary_from if vacancy.salary_from is not None else vacancy.salary_to
        high = vacancy.salary_to if vacancy.salary_to is not None else vacancy.salary_from
        data["baseSalary"] = {
            "@type": "MonetaryAmount",
            "currency": "GBP",
            "value": {
                "@type": "QuantitativeValue",
                "minValue": _number(low),
                "maxValue": _number(high),
                "unitText": "HOUR" if vacancy.salary_period == SalaryPeriod.HOUR else "YEAR",
            },
        }
    return data


# Inside <script>, only "</script>" (or "<!--") can end the element early: escape
# every <, > and & in the JSON, which stays the same JSON to a parser.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data):
    """<script type="application/ld+json">: a data block, which the browser never
    runs, so our Content-Security-Policy (no inline script) does not apply."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
