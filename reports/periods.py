"""Periods and figures every report shares: the reporting year (1 April to
31 March, as WRES and WDES are published), days between two stage times, and
the median and 90th percentile.

Percentiles are PostgreSQL's percentile_cont, worked out in the database;
SQLite has no such aggregate, so there the same linear interpolation runs in
Python over the values (`percentile_cont` below), and both give the same
answer to the figure shown."""

import contextlib
import datetime
import math

from django.db import connection, models, transaction
from django.db.models import Func
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TARGET_DAYS = 56  # NHS England's time-to-hire target: 8 weeks


def reporting_year_of(day):
    """The reporting year a date falls in, named by the year it starts: 31 March 2026 is in 2025."""
    return day.year if day.month >= 4 else day.year - 1


def reporting_year_bounds(year):
    """(start, end) as aware local datetimes: 1 April `year` 00:00 up to, not
    including, 1 April `year + 1` 00:00, on the trusts' clock (UK time)."""
    start = timezone.make_aware(datetime.datetime(year, 4, 1))
    end = timezone.make_aware(datetime.datetime(year + 1, 4, 1))
    return start, end


def reporting_year_label(year):
    return _("1 April %(start)s to 31 March %(end)s") % {"start": year, "end": year + 1}


def day_bounds(date_from, date_to):
    """Aware datetimes from the start of date_from to the end of date_to (local time)."""
    start = timezone.make_aware(datetime.datetime.combine(date_from, datetime.time.min))
    end = timezone.make_aware(datetime.datetime.combine(date_to + datetime.timedelta(days=1), datetime.time.min))
    return start, end


class DaysBetween(Func):
    """Days, with fractions, from the first stage time to the second; NULL when
    either is missing. Two dates (the start date) give whole days."""

    output_field = models.FloatField()
    arity = 2

    def as_postgresql(self, compiler, connection, **extra_context):
        (first, second), (first_sql, first_params), (second_sql, second_params) = self._compiled(compiler)
        if _is_date(first) and _is_date(second):
            sql = f"(({second_sql}) - ({first_sql}))::float"
        else:
            sql = f"(EXTRACT(EPOCH FROM (({second_sql}) - ({first_sql}))) / 86400.0)"
        return sql, (*second_params, *first_params)  # in the order they appear: second first

    def as_sqlite(self, compiler, connection, **extra_context):
        _expressions, (first_sql, first_params), (second_sql, second_params) = self._compiled(compiler)
        return f"(julianday({second_sql}) - julianday({first_sql}))", (*second_params, *first_params)

    def _compiled(self, compiler):
        expressions = self.get_source_expressions()
        return expressions, *(compiler.compile(expression) for expression in expressions)


def _is_date(expression):
    field = expression.output_field
    return isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField)


class PercentileCont(models.Aggregate):
    """PostgreSQL's percentile_cont(fraction) WITHIN GROUP (ORDER BY expression)."""

    function = "percentile_cont"
    output_field = models.FloatField()
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"

    def __init__(self, expression, fraction, **extra):
        super().__init__(expression, fraction=float(fraction), **extra)


def percentile_cont(values, fraction):
    """percentile_cont over Python values, NULLs left out: the value at
    position fraction * (n - 1) of the sorted values, interpolated linearly."""
    ordered = sorted(value for value in values if value is not None)
    if not ordered:
        return None
    position = fraction * (len(ordered) - 1)
    lower = math.floor(position)
    upper = math.ceil(position)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


@contextlib.contextmanager
def without_jit():
    """Run the report's queries with PostgreSQL's JIT compiler off.

    The planner prices each correlated subquery (a vacancy's stage times) once
    per row and per use, so a summary of a few hundred hires passes
    jit_above_cost and spent half a second compiling for 50 ms of work (bench
    reports). SET LOCAL lasts until the end of this transaction only."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
        yield


def database_has_percentiles():
    return connection.vendor == "postgresql"


def round_days(value):
    """Days to one decimal place, as the pages show them."""
    return None if value is None else round(value + 0.0, 1)
