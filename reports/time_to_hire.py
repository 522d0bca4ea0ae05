"""Time to hire: the days each appointment spent in each stage of recruitment,
per vacancy and in total, against NHS England's 8-week target.

A hire is an application that reached an unconditional offer; it is dated by
that offer, so "hires in March" are the unconditional offers made in March.
The vacancy's stage times come from its status history (VacancyEvent), the
application's from the stage times kept on its row."""

from dataclasses import dataclass

from django.db.models import Count, F, Max, Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, TruncDate, TruncMonth
from django.utils.translation import gettext_lazy as _

from candidates.models import Application
from vacancies.models import VacancyEvent, VacancyStatus

from .periods import (
    TARGET_DAYS,
    DaysBetween,
    PercentileCont,
    database_has_percentiles,
    day_bounds,
    percentile_cont,
    round_days,
    without_jit,
)


@dataclass(frozen=True)
class Stage:
    key: str
    name: str
    starts: str  # the annotation or column the stage starts at
    ends: str
    definition: str


STAGES = [
    Stage("approval", _("Approval"), "approval_requested_at", "approved_at",
          _("From the vacancy first being sent for approval to its approval (the last one, if it was sent back).")),
    Stage("advert", _("Advert"), "advert_published_at", "advert_closed_at",
          _("From the advert first being published to it closing (the last time, if it was reopened).")),
    Stage("shortlisting", _("Shortlisting"), "advert_closed_at", "shortlist_completed_at",
          _("From the advert closing to the shortlist being completed.")),
    Stage("interview", _("Interview"), "shortlist_completed_at", "preferred_at",
          _("From the shortlist being completed to the candidate being named the preferred candidate "
            "after interview.")),
    Stage("conditional_offer", _("Conditional offer"), "preferred_at", "offered_at",
          _("From being named the preferred candidate to the conditional offer being made.")),
    Stage("checks", _("Pre-employment checks"), "offered_at", "checks_cleared_at",
          _("From the conditional offer to every pre-employment check being cleared.")),
    Stage("unconditional_offer", _("Unconditional offer"), "checks_cleared_at", "unconditional_offered_at",
          _("From the checks being cleared to the unconditional offer being made.")),
    Stage("start", _("Start"), "unconditional_offered_on", "start_date",
          _("From the day of the unconditional offer to the first day at work, in whole days.")),
]
HEADLINE = Stage(
    "headline", _("Approval to unconditional offer"), "approved_at", "unconditional_offered_at",
    _("From the vacancy being approved to the unconditional offer: the figure NHS England's 8-week target is about."),
)

GROUP_FIELDS = {
    "month": TruncMonth("unconditional_offered_at"),
    "trust": F("vacancy__organisation__name"),
    "directorate": F("vacancy__directorate"),
    "staff_group": F("vacancy__staff_group"),
    "band": F("vacancy__band"),
}


def _event_time(to_status, aggregate=Min):
    """The first (or last) time the hire's vacancy moved to a status: one small
    index range (vacancyevent_vacancy_time_idx) per hire."""
    events = (
        VacancyEvent.objects.filter(vacancy=OuterRef("vacancy"), to_status=to_status)
        .order_by()
        .values("vacancy")
        .annotate(at=aggregate("created_at"))
        .values("at")
    )
    return Subquery(events)


def hires(vacancies, date_from, date_to):
    """Applications of these vacancies given an unconditional offer between
    the dates, with every stage time and the days in each stage annotated."""
    start, end = day_bounds(date_from, date_to)
    rows = Application.objects.filter(
        vacancy__in=vacancies.values("pk"),
        unconditional_offered_at__gte=start,
        unconditional_offered_at__lt=end,
    ).annotate(
        approval_requested_at=_event_time(VacancyStatus.AWAITING_APPROVAL),
        approved_at=_event_time(VacancyStatus.APPROVED, Max),
        advert_published_at=Coalesce(_event_time(VacancyStatus.PUBLISHED), F("vacancy__published_at")),
        advert_closed_at=Coalesce(_event_time(VacancyStatus.CLOSED, Max), F("vacancy__closed_at")),
        shortlist_completed_at=_event_time(VacancyStatus.INTERVIEWING),
        unconditional_offered_on=TruncDate("unconditional_offered_at"),
    )
    return rows.annotate(
        **{f"{stage.key}_days": DaysBetween(stage.starts, stage.ends) for stage in [*STAGES, HEADLINE]}
    )


def summary(vacancies, date_from, date_to, group_by="month"):
    """{"total": figures, "groups": [figures...]}: for all hires, and for each
    month, trust, directorate, staff group or band, the number of hires, the
    median days in each stage, and the headline median, 90th percentile and
    number within the target."""
    rows = hires(vacancies, date_from, date_to).order_by()
    group = GROUP_FIELDS[group_by]
    if database_has_percentiles():
        measures = {f"{stage.key}_median": PercentileCont(f"{stage.key}_days", 0.5) for stage in STAGES}
        measures |= {
            "count": Count("pk"),
            "headline_median": PercentileCont("headline_days", 0.5),
            "headline_p90": PercentileCont("headline_days", 0.9),
            "within_target": Count("pk", filter=Q(headline_days__lte=TARGET_DAYS)),
        }
        with without_jit():
            total = rows.aggregate(**measures)
            groups = list(rows.annotate(group=group).values("group").annotate(**measures).order_by("group"))
    else:
        fields = ["headline_days", *(f"{stage.key}_days" for stage in STAGES)]
        values = list(rows.annotate(group=group).values("group", *fields))
        total = _figures(values)
        by_group = {}
        for value in values:
            by_group.setdefault(value["group"], []).append(value)
        groups = [{"group": key, **_figures(members)} for key, members in sorted(by_group.items(), key=_group_order)]
    return {"total": _rounded(total), "groups": [_rounded(row) for row in groups]}


def _group_order(item):
    return (item[0] is None, item[0] or "")


def _figures(values):
    """What the PostgreSQL aggregate gives, from fetched rows (SQLite)."""
    figures = {
        f"{stage.key}_median": percentile_cont([v[f"{stage.key}_days"] for v in values], 0.5) for stage in STAGES
    }
    headline = [v["headline_days"] for v in values]
    figures |= {
        "count": len(values),
        "headline_median": percentile_cont(headline, 0.5),
        "headline_p90": percentile_cont(headline, 0.9),
        "within_target": sum(1 for days in headline if days is not None and days <= TARGET_DAYS),
    }
    return figures


def _rounded(figures):
    return {
        key: round_days(value) if key.endswith(("_median", "_p90")) else value for key, value in figures.items()
    } | {"stages": [round_days(figures[f"{stage.key}_median"]) for stage in STAGES]}


def hire_rows(vacancies, date_from, date_to):
    """One row per hire, with its vacancy, for the per-vacancy table and the CSV."""
    return (
        hires(vacancies, date_from, date_to)
        .select_related("vacancy__organisation")
        .order_by("unconditional_offered_at", "pk")
    )
