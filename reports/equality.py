"""Equality: the funnel by each protected characteristic the equality form
asks, and the two national indicators, WRES indicator 2 and WDES metric 2.

Only counts leave the database: no query here returns a row per person, and
every count passes through suppression before a page sees it. "Prefer not to
say" and unanswered (a blank answer, or no equality form at all) are counted
apart from every answer and from each other."""

from django.db import connection
from django.db.models import Count, F, Q, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from candidates.models import Application, EqualityMonitoring

from .periods import reporting_year_bounds
from .suppression import suppress, suppress_columns

Equality = EqualityMonitoring
PREFER_NOT_TO_SAY = "prefer_not_to_say"
UNANSWERED = "unanswered"

WHITE = [Equality.Ethnicity.WHITE_BRITISH, Equality.Ethnicity.WHITE_IRISH, Equality.Ethnicity.WHITE_GYPSY_TRAVELLER,
         Equality.Ethnicity.WHITE_ROMA, Equality.Ethnicity.WHITE_OTHER]
ETHNIC_GROUPS = [
    ("white", _("White"), WHITE),
    ("mixed", _("Mixed or multiple ethnic groups"), ["D", "E", "F", "G"]),
    ("asian", _("Asian or Asian British"), ["H", "J", "K", "R", "L"]),
    ("black", _("Black, Black British, Caribbean or African"), ["N", "M", "P"]),
    ("other", _("Other ethnic group"), ["S1", "S"]),
]


def answer_group(characteristic, answer):
    """The row an answer is counted in: the broad ethnic group of an ethnic
    category; "unanswered" for a blank answer or no equality form (None)."""
    if not answer:
        return UNANSWERED
    if characteristic == "ethnic_group":
        if answer == Equality.Ethnicity.PREFER_NOT_TO_SAY:
            return PREFER_NOT_TO_SAY
        return next((key for key, _label, codes in ETHNIC_GROUPS if answer in codes), UNANSWERED)
    return answer


def _choices(choices):
    """The answers in the form's order, prefer not to say last, then unanswered."""
    answers = [(value, label) for value, label in choices if value != PREFER_NOT_TO_SAY]
    return [*answers, (PREFER_NOT_TO_SAY, _("Prefer not to say")), (UNANSWERED, _("Not answered"))]


# (key, name, the equality form's field, the rows of its table)
CHARACTERISTICS = [
    ("ethnic_group", _("Ethnic group"), "ethnicity",
     [*((key, label) for key, label, _codes in ETHNIC_GROUPS), (PREFER_NOT_TO_SAY, _("Prefer not to say")),
      (UNANSWERED, _("Not answered"))]),
    ("disability", _("Disability"), "disability",
     [("yes", _("Disabled")), ("no", _("Not disabled")), (PREFER_NOT_TO_SAY, _("Prefer not to say")),
      (UNANSWERED, _("Not answered"))]),
    ("sex", _("Sex"), "sex", _choices(Equality.Sex.choices)),
    ("age_band", _("Age"), "age_band", _choices(Equality.AgeBand.choices)),
    ("sexual_orientation", _("Sexual orientation"), "sexual_orientation", _choices(Equality.SexualOrientation.choices)),
    ("religion", _("Religion or belief"), "religion", _choices(Equality.Religion.choices)),
]

# The funnel's stages, as columns of the equality tables.
COLUMNS = [
    ("started", _("Started"), None),
    ("submitted", _("Submitted"), "submitted_at"),
    ("shortlisted", _("Shortlisted"), "shortlisted_at"),
    ("interviewed", _("Invited to interview"), "invited_at"),
    ("offered", _("Offered"), "offered_at"),
    ("appointed", _("Appointed"), "appointed_at"),
    ("withdrawn", _("Withdrew"), "withdrawn_at"),
]


def equality_funnel(applications):
    """[{key, name, rows: [{label, cells}], totals}] for each characteristic,
    in one statement whatever the number of applications (see _count_by_answer)."""
    found = _count_by_answer(applications)
    empty = {key: 0 for key, *_rest in COLUMNS}
    tables = []
    for key, name, _field, choices in CHARACTERISTICS:
        rows = [found.get((key, value), empty) for value, _label in choices]
        cells, totals = suppress_columns(rows, [column for column, *_rest in COLUMNS])
        tables.append({
            "key": key,
            "name": name,
            "rows": [
                {"label": label, "cells": [row[column] for column, *_r in COLUMNS]}
                for (_value, label), row in zip(choices, cells, strict=True)
            ],
            "totals": [totals[c] for c, *_r in COLUMNS],
        })
    return tables


def _count_by_answer(applications):
    """{(characteristic, row): {column: count}}: the cohort joined to its
    equality answers once, then counted by each characteristic's raw answer
    (no expression per row in SQL), the answers then put in their rows here.

    PostgreSQL does it in one pass with GROUPING SETS (a hash table per
    characteristic); SQLite has no grouping sets, so there the join is a CTE
    counted once per characteristic. Same rows, same counts."""
    keys = [key for key, *_rest in CHARACTERISTICS]
    inner = applications.order_by().annotate(
        **{f"ch_{key}": F(f"equality_monitoring__{field}") for key, _name, field, _choices in CHARACTERISTICS},
        **{f"at_{key}": F(column) for key, _label, column in COLUMNS if column},
    ).values(*(f"ch_{key}" for key in keys), *(f"at_{key}" for key, _l, column in COLUMNS if column))
    inner_sql, params = inner.query.sql_with_params()
    counts = ", ".join("COUNT(*)" if column is None else f"COUNT(at_{key})" for key, _label, column in COLUMNS)
    if connection.vendor == "postgresql":
        grouped = ", ".join(f"GROUPING(ch_{key})" for key in keys)
        sets = ", ".join(f"(ch_{key})" for key in keys)
        answers = ", ".join(f"ch_{key}" for key in keys)
        sql = f"SELECT {grouped}, {answers}, {counts} FROM ({inner_sql}) cohort GROUP BY GROUPING SETS ({sets})"
    else:
        selects = [f"SELECT '{key}', ch_{key}, {counts} FROM cohort GROUP BY ch_{key}" for key in keys]
        sql = f"WITH cohort AS ({inner_sql}) " + " UNION ALL ".join(selects)
    found = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for row in cursor.fetchall():
            if connection.vendor == "postgresql":
                # GROUPING(ch_x) is 0 for the characteristic the row is counted by.
                index = list(row[: len(keys)]).index(0)
                characteristic, answer, figures = keys[index], row[len(keys) + index], row[2 * len(keys):]
            else:
                characteristic, answer, *figures = row
            counted = found.setdefault((characteristic, answer_group(characteristic, answer)),
                                       dict.fromkeys((key for key, *_rest in COLUMNS), 0))
            for (column, *_rest), figure in zip(COLUMNS, figures, strict=True):
                counted[column] += figure
    return found


# The national indicators ------------------------------------------------------------


def indicators(vacancies, year):
    """WRES indicator 2 and WDES metric 2 for one reporting year.

    The cohort is everyone shortlisted in the year (1 April to 31 March);
    appointed means appointed from that shortlist, whenever the appointment
    came. Candidates who withdrew after being shortlisted stay counted as
    shortlisted and not appointed, as the national guidance counts them."""
    start, end = reporting_year_bounds(year)
    shortlisted = Application.objects.filter(
        vacancy__in=vacancies.values("pk"), shortlisted_at__gte=start, shortlisted_at__lt=end
    ).annotate(
        ethnicity=Coalesce(F("equality_monitoring__ethnicity"), Value("")),
        disability=Coalesce(F("equality_monitoring__disability"), Value("")),
    )
    groups = {
        "white": Q(ethnicity__in=WHITE),
        "bme": ~Q(ethnicity__in=[*WHITE, Equality.Ethnicity.PREFER_NOT_TO_SAY, ""]),
        "ethnicity_prefer_not_to_say": Q(ethnicity=Equality.Ethnicity.PREFER_NOT_TO_SAY),
        "ethnicity_unanswered": Q(ethnicity=""),
        "not_disabled": Q(disability="no"),
        "disabled": Q(disability="yes"),
        "disability_prefer_not_to_say": Q(disability=PREFER_NOT_TO_SAY),
        "disability_unanswered": Q(disability=""),
    }
    measures = {}
    for group, condition in groups.items():
        measures[f"{group}_shortlisted"] = Count("pk", filter=condition)
        measures[f"{group}_appointed"] = Count("pk", filter=condition & Q(appointed_at__isnull=False))
    counts = shortlisted.order_by().aggregate(**measures)
    return {
        "wres": _indicator(counts, "white", "bme", "ethnicity"),
        "wdes": _indicator(counts, "not_disabled", "disabled", "disability"),
    }


def _indicator(counts, reference, compared, characteristic):
    """The relative likelihood of the reference group (white, not disabled)
    being appointed from shortlisting compared to the other group, with its
    parts. Any part under 10 hides the figure and the likelihoods too, since
    with three parts shown the figure would give the fourth away."""
    parts = {}
    for name, group in (("reference", reference), ("compared", compared)):
        for stage in ("shortlisted", "appointed"):
            parts[f"{name}_{stage}"] = suppress(counts[f"{group}_{stage}"])
    apart = {
        f"{kind}_{stage}": suppress(counts[f"{characteristic}_{kind}_{stage}"])
        for kind in ("prefer_not_to_say", "unanswered")
        for stage in ("shortlisted", "appointed")
    }
    all_shown = all(cell.shown for cell in parts.values())
    reference_likelihood = compared_likelihood = ratio = None
    if all_shown:
        reference_likelihood = parts["reference_appointed"].count / parts["reference_shortlisted"].count
        compared_likelihood = parts["compared_appointed"].count / parts["compared_shortlisted"].count
        ratio = reference_likelihood / compared_likelihood if compared_likelihood else None
    return {
        **parts,
        **apart,
        "reference_likelihood": None if reference_likelihood is None else round(reference_likelihood, 2),
        "compared_likelihood": None if compared_likelihood is None else round(compared_likelihood, 2),
        "ratio": None if ratio is None else round(ratio, 2),
    }
