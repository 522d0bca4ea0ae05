"""Dates and periods: the last three years an employment history and
references must cover, and the gaps in them that need explaining."""

import datetime


def add_months(day, months):
    """The same day `months` later (or earlier), or the month's last day if it is shorter."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    month += 1
    for last_day in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last_day))
        except ValueError:
            continue
    raise ValueError(day)


# NHS Employment Check Standards: employment history and references covering
# the last 3 years; a break of more than 3 months in them must be explained.
HISTORY_YEARS = 3
GAP_MONTHS = 3


def uncovered_periods(periods, *, today):
    """The gaps of more than GAP_MONTHS in the last HISTORY_YEARS that no period
    covers, as (first uncovered day, last uncovered day), oldest first.

    `periods` are (start, end) dates, end None for "until now".
    """
    window_start = add_months(today, -12 * HISTORY_YEARS)
    clipped = sorted(
        (max(start, window_start), min(end or today, today))
        for start, end in periods
        if start and start <= today and (end or today) >= window_start
    )
    gaps = []
    covered_until = window_start - datetime.timedelta(days=1)
    for start, end in clipped + [(today + datetime.timedelta(days=1), today)]:
        first_uncovered = covered_until + datetime.timedelta(days=1)
        last_uncovered = start - datetime.timedelta(days=1)
        if last_uncovered >= add_months(first_uncovered, GAP_MONTHS):
            gaps.append((first_uncovered, last_uncovered))
        covered_until = max(covered_until, end)
    return gaps
