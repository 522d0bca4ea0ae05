"""The candidate's applications, starting one, and its task list (or, once
submitted, its answers and status)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from vacancies.models import Vacancy

from .. import services
from ..models import Application, Section, SectionStatus
from .common import SECTION_URL_NAMES, answers, answers_queryset, candidate_page, get_application_for_candidate

# The task list: sections in groups (common.SECTION_URL_NAMES has the page each one opens).
TASK_GROUPS = [
    (gettext_lazy("About you"), [Section.PERSONAL_DETAILS, Section.RIGHT_TO_WORK]),
    (
        gettext_lazy("Your experience"),
        [Section.EMPLOYMENT_HISTORY, Section.QUALIFICATIONS, Section.SUPPORTING_INFORMATION, Section.REFERENCES],
    ),
    (gettext_lazy("Declarations"), [Section.DECLARATIONS, Section.ADJUSTMENTS, Section.GUARANTEED_INTERVIEW]),
    (gettext_lazy("Equality monitoring"), [Section.EQUALITY_MONITORING]),
]
SECTION_HINTS = {
    Section.EQUALITY_MONITORING: gettext_lazy("Optional. The panel never sees your answers."),
    Section.SUPPORTING_INFORMATION: gettext_lazy("How you meet the person specification"),
    Section.REFERENCES: gettext_lazy("At least 2, covering the last 3 years"),
}


@require_safe
@login_required
def application_list(request):
    applications = request.user.applications.select_related("vacancy__organisation").order_by("-created_at", "-id")
    return render(request, "candidates/application_list.html", {"applications": applications})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def application_start(request, reference):
    """"Apply for this job": start the candidate's application, or go back to
    the one they have. GET explains (it is where sign-in comes back to)."""
    vacancy = get_object_or_404(
        Vacancy.objects.visible_to(request.user).select_related("organisation"), reference=reference
    )
    application = Application.objects.filter(candidate=request.user, vacancy=vacancy).first()
    if request.method == "POST":
        try:
            application, _created = services.start_application(candidate=request.user, vacancy=vacancy)
        except services.VacancyNotOpen as closed:
            messages.error(request, str(closed))
            return redirect(vacancy)
        return redirect("candidates:application_detail", application_id=application.pk)
    return render(
        request,
        "candidates/application_start.html",
        {"vacancy": vacancy, "application": application, "is_open": vacancy.is_open()},
    )


@require_safe
@candidate_page
def application_detail(request, application_id):
    """The task list of a draft; the answers and status of a submitted application."""
    application = get_application_for_candidate(
        request,
        application_id,
        Application.objects.select_related(
            "vacancy__organisation", "copied_from__vacancy", "declarations", "guaranteed_interview"
        ).prefetch_related("progress"),
    )
    if not application.is_draft:
        return _show_submitted(request, application)
    statuses = application.section_statuses()
    groups = []
    for title, sections in TASK_GROUPS:
        tasks = [
            {
                "section": section,
                "status": statuses[section],
                "href": reverse(SECTION_URL_NAMES[section], kwargs={"application_id": application.pk}),
                "hint": SECTION_HINTS.get(section, ""),
            }
            for section in sections
            if section in statuses
        ]
        groups.append({"title": title, "tasks": tasks})
    incomplete = application.incomplete_sections(application.progress.all())
    return render(
        request,
        "candidates/application_task_list.html",
        {
            "application": application,
            "vacancy": application.vacancy,
            "groups": groups,
            "incomplete": incomplete,
            "completed_count": sum(
                1 for section in application.required_sections() if statuses[section] == SectionStatus.COMPLETED
            ),
            "required_count": len(application.required_sections()),
            "is_open": application.vacancy.is_open(),
            "SectionStatus": SectionStatus,
        },
    )


def _show_submitted(request, application):
    application = answers_queryset().get(pk=application.pk)
    return render(
        request,
        "candidates/application_detail.html",
        {"application": application, "vacancy": application.vacancy, "answers": answers(application)},
    )
