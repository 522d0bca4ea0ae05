"""The recruitment funnel: of the applications started in a period, how many
were submitted, shortlisted, invited to interview, offered and appointed, and
at which stage those who withdrew left. One pass over the applications, in
SQL, whatever their number (application_report_cohort_idx)."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from candidates.models import Application

from .periods import day_bounds

STAGES = [
    ("started", _("Started"), Q()),
    ("submitted", _("Submitted"), Q(submitted_at__isnull=False)),
    ("shortlisted", _("Shortlisted"), Q(shortlisted_at__isnull=False)),
    ("interviewed", _("Invited to interview"), Q(invited_at__isnull=False)),
    ("offered", _("Offered (conditional offer)"), Q(offered_at__isnull=False)),
    ("appointed", _("Appointed"), Q(appointed_at__isnull=False)),
]
STAGE_DEFINITIONS = [
    (_("Started"), _("Every application begun in the period, drafts included.")),
    (_("Submitted"), _("Sent to the trust before the closing time.")),
    (_("Shortlisted"), _("Shortlisted by the panel, including reserves later shortlisted.")),
    (_("Invited to interview"), _("Invited to an interview.")),
    (_("Offered (conditional offer)"), _("Made a conditional offer.")),
    (_("Appointed"), _("Accepted an unconditional offer.")),
]

# Where a candidate withdrew: the furthest stage they had reached. Drafts are
# never "withdrawn" (an unsent draft simply stops), so the first is submitted.
WITHDRAWN_AT = [
    ("after_offer", _("After a conditional offer"), "offered_at"),
    ("after_preferred", _("After being named the preferred candidate"), "preferred_at"),
    ("after_invitation", _("After an invitation to interview"), "invited_at"),
    ("after_shortlisting", _("After being shortlisted"), "shortlisted_at"),
    ("after_submitting", _("After submitting, before shortlisting"), "submitted_at"),
]


def cohort(vacancies, date_from, date_to):
    """The applications to these vacancies started between the dates."""
    start, end = day_bounds(date_from, date_to)
    return Application.objects.filter(vacancy__in=vacancies.values("pk"), created_at__gte=start, created_at__lt=end)


def measures():
    counts = {key: Count("pk", filter=condition) if condition else Count("pk") for key, _label, condition in STAGES}
    counts["withdrawn"] = Count("pk", filter=Q(withdrawn_at__isnull=False))
    for key, _label, column in WITHDRAWN_AT:
        # The furthest stage reached: reached this one and none after it.
        later = [c for k, _l, c in WITHDRAWN_AT[: [k for k, _l, _c in WITHDRAWN_AT].index(key)]]
        condition = Q(withdrawn_at__isnull=False, **{f"{column}__isnull": False})
        for column_after in later:
            condition &= Q(**{f"{column_after}__isnull": True})
        counts[f"withdrawn_{key}"] = Count("pk", filter=condition)
    return counts


def funnel(applications):
    """{stage key: count}, with withdrawn and withdrawn_<stage> counts, in one query."""
    return applications.order_by().aggregate(**measures())


def funnel_by_vacancy(applications, vacancy_ids):
    """{vacancy id: funnel} for a page of vacancies, in one query."""
    rows = applications.filter(vacancy_id__in=vacancy_ids).order_by().values("vacancy_id").annotate(**measures())
    return {row.pop("vacancy_id"): row for row in rows}


def stage_rows(counts):
    """[(label, count, per cent of those started)] for the table and the chart."""
    started = counts["started"] or 0
    return [
        {"key": key, "label": label, "count": counts[key], "percent": _percent(counts[key], started)}
        for key, label, _condition in STAGES
    ]


def withdrawn_rows(counts):
    return [{"label": label, "count": counts[f"withdrawn_{key}"]} for key, label, _column in WITHDRAWN_AT]


def _percent(part, whole):
    return round(100 * part / whole) if whole else None
