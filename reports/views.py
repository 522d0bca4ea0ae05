"""The report pages, for recruiters (reports.access): each one reads the
filters from the query string, aggregates in the database and draws a table
and a chart of the same figures. A fixed number of queries per page, whatever
the number of applications (tests/reports/test_query_counts.py)."""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

import nhsuk.csv
from organisations.decorators import staff_member_required
from vacancies.models import StaffGroup

from . import funnel as funnel_report, time_to_hire as tth
from .access import report_trusts_for, vacancies_in_scope
from .audit import guaranteed_interview_audit
from .charts import Bar, bar_chart
from .equality import COLUMNS, equality_funnel, indicators as national_indicators
from .forms import ReportFilterForm, ReportingYearForm, TimeToHireForm, describe
from .periods import TARGET_DAYS, reporting_year_label

ROWS_PER_PAGE = 25


def _filters(request, form_class):
    """(trusts, form): the trusts the user reports on and the bound filter
    form. 404 for anyone who recruits for no trust, and for a trust in the
    query string that is not one of theirs, as for any object not theirs."""
    trusts = report_trusts_for(request.user)
    asked = request.GET.get("trust")
    if asked and asked not in {str(trust.pk) for trust in trusts}:
        raise Http404
    return trusts, form_class(request.GET, trusts=trusts)


def _page(request, rows):
    page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    return page, _page_links(request, page)


def _page_links(request, page):
    if page.paginator.num_pages < 2:
        return None
    query = request.GET.copy()

    def href(number):
        query["page"] = number
        return f"?{query.urlencode()}"

    return {
        "previous": href(page.previous_page_number()) if page.has_previous() else None,
        "next": href(page.next_page_number()) if page.has_next() else None,
        "pages": [
            {"number": n, "href": href(n), "current": n == page.number} if isinstance(n, int) else {"ellipsis": True}
            for n in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
        ],
    }


def _days(value):
    return "–" if value is None else _("%(days)s days") % {"days": value}


@staff_member_required
@require_safe
def report_index(request):
    trusts = report_trusts_for(request.user)
    return render(request, "reports/report_index.html", {"trusts": trusts})


@staff_member_required
@require_safe
def time_to_hire(request):
    trusts, form = _filters(request, TimeToHireForm)
    context = {"form": form, "trusts": trusts, "stages": tth.STAGES, "headline": tth.HEADLINE,
               "target_days": TARGET_DAYS}
    if form.is_valid():
        data = form.cleaned_data
        vacancies = vacancies_in_scope(trusts, **form.scope())
        summary = tth.summary(vacancies, data["date_from"], data["date_to"], data["group_by"])
        page, page_links = _page(request, tth.hire_rows(vacancies, data["date_from"], data["date_to"]))
        total = summary["total"]
        bars = [Bar(stage.name, days, _days(days)) for stage, days in zip(tth.STAGES, total["stages"], strict=True)]
        bars.append(Bar(tth.HEADLINE.name, total["headline_median"], _days(total["headline_median"])))
        context |= {
            "scope": describe(form),
            "summary": summary,
            "stages_with_days": list(zip(tth.STAGES, total["stages"], strict=True)),
            "group_label": TimeToHireForm.GROUPS[data["group_by"]],
            "group_by": data["group_by"],
            "groups": [_group_name(data["group_by"], row) for row in summary["groups"]],
            "page": page,
            "page_links": page_links,
            "hires": [(hire, [_round(getattr(hire, f"{s.key}_days")) for s in tth.STAGES],
                       _round(hire.headline_days)) for hire in page.object_list],
            "csv_query": request.GET.urlencode(),
            "chart": bar_chart(
                id="time-to-hire-chart",
                title=_("Median days in each stage of recruitment"),
                description=_("A bar for each stage, and for approval to unconditional offer, against the "
                              "8-week target of %(days)s days. The table below has the same figures.")
                % {"days": TARGET_DAYS},
                bars=bars, reference=TARGET_DAYS, reference_label=_("Target: 8 weeks"),
            ),
        }
    return render(request, "reports/time_to_hire.html", context)


def _round(value):
    return None if value is None else round(value, 1)


def _group_name(group_by, row):
    value = row["group"]
    if group_by == "month":
        name = date_format(timezone.localtime(value), "F Y") if value else "–"
    elif group_by == "staff_group":
        name = StaffGroup(value).label if value in StaffGroup.values else value
    elif group_by == "band":
        name = _("Band %(band)s") % {"band": value} if value else _("No band")
    else:
        name = value or _("Not given")
    return {"name": name, **row}


@staff_member_required
@require_safe
def time_to_hire_csv(request):
    """One row per appointment with its stage dates, for the Provider Workforce Return."""
    trusts, form = _filters(request, TimeToHireForm)
    if not form.is_valid():
        return time_to_hire(request)
    data = form.cleaned_data
    vacancies = vacancies_in_scope(trusts, **form.scope())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="time-to-hire-{data["date_from"].isoformat()}-to-{data["date_to"].isoformat()}.csv"'
    )
    writer = nhsuk.csv.writer(response)
    writer.writerow([
        _("Trust"), _("ODS code"), _("Vacancy reference"), _("Job title"), _("Directorate or specialty"),
        _("Staff group"), _("Band"), _("Application reference"), _("Sent for approval"), _("Approved"),
        _("Advert published"), _("Advert closed"), _("Shortlist completed"), _("Preferred candidate named"),
        _("Conditional offer"), _("Checks cleared"), _("Unconditional offer"), _("Start date"),
        _("Days from approval to unconditional offer"), _("Within 8 weeks"),
    ])
    for hire in tth.hire_rows(vacancies, data["date_from"], data["date_to"]).iterator(chunk_size=500):
        vacancy = hire.vacancy
        days = _round(hire.headline_days)
        writer.writerow([
            vacancy.organisation.name, vacancy.organisation.ods_code, vacancy.reference, vacancy.title,
            vacancy.directorate, vacancy.get_staff_group_display(), vacancy.band, hire.reference,
            *(_date(getattr(hire, name)) for name in (
                "approval_requested_at", "approved_at", "advert_published_at", "advert_closed_at",
                "shortlist_completed_at", "preferred_at", "offered_at", "checks_cleared_at",
                "unconditional_offered_at")),
            hire.start_date.isoformat() if hire.start_date else "",
            "" if days is None else days,
            "" if days is None else (_("Yes") if days <= TARGET_DAYS else _("No")),
        ])
    return response


def _date(value):
    return timezone.localtime(value).date().isoformat() if value else ""


@staff_member_required
@require_safe
def funnel(request):
    trusts, form = _filters(request, ReportFilterForm)
    context = {"form": form, "trusts": trusts, "definitions": funnel_report.STAGE_DEFINITIONS}
    if form.is_valid():
        data = form.cleaned_data
        vacancies = vacancies_in_scope(trusts, **form.scope())
        applications = funnel_report.cohort(vacancies, data["date_from"], data["date_to"])
        counts = funnel_report.funnel(applications)
        stages = funnel_report.stage_rows(counts)
        listed = vacancies.filter(pk__in=applications.values("vacancy_id")).order_by("-closing_at", "reference")
        page, page_links = _page(request, listed)
        by_vacancy = funnel_report.funnel_by_vacancy(applications, [v.pk for v in page.object_list])
        context |= {
            "scope": describe(form),
            "stages": stages,
            "counts": counts,
            "withdrawn": funnel_report.withdrawn_rows(counts),
            "page": page,
            "page_links": page_links,
            "vacancy_rows": [(v, funnel_report.stage_rows(by_vacancy[v.pk]), by_vacancy[v.pk])
                             for v in page.object_list],
            "chart": bar_chart(
                id="funnel-chart",
                title=_("How many applications reached each stage"),
                description=_("A bar for each stage of recruitment, from applications started to appointed. "
                              "The table beside it has the same figures."),
                bars=[Bar(row["label"], row["count"], str(row["count"])) for row in stages],
            ),
        }
    return render(request, "reports/funnel.html", context)


@staff_member_required
@require_safe
def equality(request):
    trusts, form = _filters(request, ReportFilterForm)
    context = {"form": form, "trusts": trusts, "columns": [label for _k, label, _c in COLUMNS]}
    if form.is_valid():
        data = form.cleaned_data
        vacancies = vacancies_in_scope(trusts, **form.scope())
        tables = equality_funnel(funnel_report.cohort(vacancies, data["date_from"], data["date_to"]))
        shortlisted = [key for key, _label, _column in COLUMNS].index("shortlisted")
        for table in tables:
            table["chart"] = bar_chart(
                id=f"equality-{table['key']}-chart",
                title=_("Shortlisted, by %(characteristic)s") % {"characteristic": str(table["name"]).lower()},
                description=_("A bar for each answer; answers with fewer than 10 people have no bar. "
                              "The table has the same figures."),
                bars=[Bar(row["label"], row["cells"][shortlisted].value, _cell_text(row["cells"][shortlisted]))
                      for row in table["rows"]],
            )
        context |= {"scope": describe(form), "tables": tables}
    return render(request, "reports/equality.html", context)


def _cell_text(cell):
    if cell.fewer_than_threshold:
        return _("fewer than 10")
    if cell.hidden:
        return _("hidden")
    return str(cell.count)


@staff_member_required
@require_safe
def indicators(request):
    trusts, form = _filters(request, ReportingYearForm)
    context = {"form": form, "trusts": trusts}
    if form.is_valid():
        year = form.cleaned_data["year"]
        vacancies = vacancies_in_scope(trusts, **form.scope())
        figures = national_indicators(vacancies, year)
        context |= {
            "scope": describe(form, reporting_year_label(year)),
            "year_label": reporting_year_label(year),
            "wres": figures["wres"],
            "wdes": figures["wdes"],
            "chart": bar_chart(
                id="indicators-chart",
                title=_("WRES indicator 2 and WDES metric 2 against parity"),
                description=_("A bar for each indicator, with a line at 1.0, parity. An indicator with a part "
                              "under 10 people has no bar. The tables have the same figures."),
                bars=[
                    Bar(_("WRES indicator 2"), figures["wres"]["ratio"], _ratio_text(figures["wres"]["ratio"])),
                    Bar(_("WDES metric 2"), figures["wdes"]["ratio"], _ratio_text(figures["wdes"]["ratio"])),
                ],
                reference=1.0, reference_label=_("Parity: 1.0"),
            ),
        }
    return render(request, "reports/indicators.html", context)


def _ratio_text(ratio):
    return _("not published") if ratio is None else f"{ratio:.2f}"


@staff_member_required
@require_safe
def guaranteed_interviews(request):
    trusts, form = _filters(request, ReportingYearForm)
    context = {"form": form, "trusts": trusts}
    if form.is_valid():
        year = form.cleaned_data["year"]
        vacancies = vacancies_in_scope(trusts, **form.scope())
        context |= {"scope": describe(form, reporting_year_label(year)), "year_label": reporting_year_label(year),
                    "audit": guaranteed_interview_audit(vacancies, year)}
    return render(request, "reports/guaranteed_interviews.html", context)
