"""A vacancy's page as staff see it, with the moves the user may make now, and
the preview of its advert."""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from organisations.decorators import staff_member_required
from organisations.models import Site

from ...models import Criterion, Vacancy, VacancyEvent
from ..public import group_criteria
from .common import get_vacancy_for_user
from .steps import STEPS

Status = Vacancy.Status


@dataclass
class Action:
    text: str
    url_name: str
    secondary: bool = False
    warning: bool = False


@staff_member_required
@require_safe
def vacancy_detail(request, reference):
    """A vacancy as staff see it: its summary and status, the moves the user
    may make now, links to change each step of a draft, and its history."""
    vacancy = get_vacancy_for_user(request.user, reference)
    vacancy = (
        Vacancy.objects.with_application_counts()
        .select_related("organisation", "hiring_manager", "created_by", "submitted_by", "approved_by")
        .prefetch_related(
            Prefetch("sites", queryset=Site.objects.order_by("name")),
            "panel_members",
            Prefetch("events", queryset=VacancyEvent.objects.select_related("actor").order_by("created_at", "id")),
        )
        .get(pk=vacancy.pk)
    )
    can_change = Vacancy.objects.editable_by(request.user).filter(pk=vacancy.pk).exists()
    return render(
        request,
        "vacancies/manage/vacancy_detail.html",
        {
            "vacancy": vacancy,
            "can_change": can_change,
            "is_draft": vacancy.status == Status.DRAFT,
            "actions": _actions_for(request.user, vacancy) if can_change else [],
            "steps": [{"title": step.title, "url": step.url(vacancy)} for step in STEPS],
        },
    )


def _actions_for(user, vacancy):
    """The moves a recruiter of the vacancy's trust may make now, each a link
    to its confirmation page."""
    actions = []
    if vacancy.allows("submit"):
        actions.append(Action(_("Check and send for approval"), "manage:vacancy_check"))
    if vacancy.allows("approve") and vacancy.may_be_approved_by(user):
        actions.append(Action(_("Approve"), "manage:vacancy_approve"))
    if vacancy.allows("reject"):
        actions.append(Action(_("Send back to draft"), "manage:vacancy_reject", secondary=True))
    if vacancy.allows("publish"):
        actions.append(Action(_("Publish"), "manage:vacancy_publish"))
    if vacancy.allows("close"):
        actions.append(Action(_("Close early"), "manage:vacancy_close", secondary=True))
    if vacancy.allows("reopen"):
        actions.append(Action(_("Reopen"), "manage:vacancy_reopen", secondary=True))
    if vacancy.allows("readvert"):
        actions.append(Action(_("Advertise again"), "manage:vacancy_readvert", secondary=True))
    # Any vacancy may be copied, whatever its status.
    actions.append(Action(_("Copy"), "manage:vacancy_copy", secondary=True))
    if vacancy.allows("withdraw"):
        actions.append(Action(_("Withdraw"), "manage:vacancy_withdraw", warning=True))
    return actions


@staff_member_required
@require_safe
def vacancy_preview(request, reference):
    """The advert as candidates will see it, whatever the vacancy's status."""
    vacancy = get_vacancy_for_user(request.user, reference)
    vacancy = (
        Vacancy.objects.select_related("organisation")
        .prefetch_related(
            Prefetch("sites", queryset=Site.objects.order_by("name")),
            "responsibility_sections",
            Prefetch("criteria", queryset=Criterion.objects.order_by("order")),
        )
        .get(pk=vacancy.pk)
    )
    not_yet_published = vacancy.status in {Status.DRAFT, Status.AWAITING_APPROVAL, Status.APPROVED}
    return render(
        request,
        "vacancies/manage/vacancy_preview.html",
        {
            "vacancy": vacancy,
            "criteria_groups": group_criteria(vacancy.criteria.all()),
            # Before publishing, show it as it will look once open.
            "is_open": not_yet_published or vacancy.is_open(),
            "not_yet_published": not_yet_published,
        },
    )
