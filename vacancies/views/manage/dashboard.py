"""The staff dashboard: the user's vacancies by status, those closing soon and
those waiting for their approval."""

import datetime

from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from organisations.decorators import staff_member_required

from ...models import Vacancy
from .common import recruiter_trusts

Status = Vacancy.Status
VACANCIES_PER_PAGE = 25
CLOSING_SOON = datetime.timedelta(days=7)


@staff_member_required
@require_safe
def dashboard(request):
    """The user's vacancies by status, those closing within a week and those
    waiting for their approval. A fixed number of queries, whatever the number
    of vacancies (tests/vacancies/test_manage_dashboard.py)."""
    user = request.user
    now = timezone.now()
    mine = Vacancy.objects.for_staff(user)
    counts = dict(mine.order_by().values_list("status").annotate(count=Count("pk")))
    status = request.GET.get("status")
    if status not in Status.values:
        status = None

    listed = mine.with_application_counts().order_by("closing_at", "reference")
    if status:
        listed = listed.filter(status=status)
    page = Paginator(listed, VACANCIES_PER_PAGE).get_page(request.GET.get("page"))

    closing_soon = (
        mine.filter(status=Status.PUBLISHED, closing_at__gt=now, closing_at__lte=now + CLOSING_SOON)
        .with_application_counts()
        .order_by("closing_at", "reference")
    )
    can_create = recruiter_trusts(user).exists()
    # Recruiters see what they may approve: not what they wrote or sent. The
    # rule is read row by row, so it is written once; the awaiting list of one
    # recruiter's trusts is short, and one query whatever its length.
    awaiting_approval = (
        [
            vacancy
            for vacancy in Vacancy.objects.editable_by(user)
            .filter(status=Status.AWAITING_APPROVAL)
            .with_application_counts()
            .order_by("closing_at", "reference")
            if vacancy.may_be_approved_by(user)
        ]
        if can_create
        else []
    )
    status_filters = [
        {
            "value": value,
            "label": label,
            "count": counts.get(value, 0),
            "href": f"?status={value}",
            "current": value == status,
        }
        for value, label in Status.choices
        if counts.get(value)
    ]
    return render(
        request,
        "vacancies/manage/dashboard.html",
        {
            "page": page,
            "page_links": _page_links(page, status),
            "status": status and Status(status),
            "status_filters": status_filters,
            "total": sum(counts.values()),
            "closing_soon": closing_soon,
            "awaiting_approval": awaiting_approval,
            "can_create": can_create,
        },
    )


def _page_links(page, status):
    """The NHS.UK numbered pagination's links, keeping the status filter."""
    if page.paginator.num_pages < 2:
        return None
    prefix = f"?status={status}&" if status else "?"

    def href(number):
        return f"{prefix}page={number}"

    return {
        "previous": href(page.previous_page_number()) if page.has_previous() else None,
        "next": href(page.next_page_number()) if page.has_next() else None,
        "pages": [
            {"number": number, "href": href(number), "current": number == page.number}
            if isinstance(number, int)
            else {"ellipsis": True}
            for number in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
        ],
    }
