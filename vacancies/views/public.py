from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from ..models import Criterion, Site, Vacancy


@require_safe
def vacancy_detail(request, reference):
    """The public advert. Unpublished vacancies answer 404, as if they did not exist."""
    vacancy = get_object_or_404(
        Vacancy.objects.visible_to_public()
        .select_related("organisation")
        .prefetch_related(
            Prefetch("sites", queryset=Site.objects.order_by("name")),
            "responsibility_sections",
            Prefetch("criteria", queryset=Criterion.objects.order_by("order")),
        ),
        reference=reference,
    )
    return render(
        request,
        "vacancies/vacancy_detail.html",
        {
            "vacancy": vacancy,
            "criteria_groups": group_criteria(vacancy.criteria.all()),
            "is_open": vacancy.is_open(),
        },
    )


def group_criteria(criteria):
    """Split the person specification into tables, one per heading, in the
    order of the advert, each with its essential and desirable criteria."""
    groups = {}
    for criterion in criteria:
        group = groups.setdefault(criterion.group_title, {"title": criterion.group_title, "essential": [], "desirable": []})
        group["essential" if criterion.is_essential else "desirable"].append(criterion)
    return list(groups.values())
