"""What every candidate page shares: fetching the application for its
candidate, refusing changes once it is submitted, the way back, and every
answer of an application for the pages that show them all."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from .. import services
from ..models import Application, Section

# The page each section of the task list opens.
SECTION_URL_NAMES = {
    Section.PERSONAL_DETAILS: "candidates:personal_details_edit",
    Section.RIGHT_TO_WORK: "candidates:right_to_work_edit",
    Section.EMPLOYMENT_HISTORY: "candidates:employment_history",
    Section.QUALIFICATIONS: "candidates:qualifications",
    Section.SUPPORTING_INFORMATION: "candidates:supporting_information_edit",
    Section.REFERENCES: "candidates:referees",
    Section.DECLARATIONS: "candidates:declarations_edit",
    Section.ADJUSTMENTS: "candidates:adjustments_edit",
    Section.GUARANTEED_INTERVIEW: "candidates:guaranteed_interview_edit",
    Section.EQUALITY_MONITORING: "candidates:equality_monitoring_edit",
}


def get_application_for_candidate(request, application_id, queryset=None):
    """The application, if it is the signed-in candidate's; 404 otherwise."""
    queryset = queryset if queryset is not None else Application.objects.select_related("vacancy__organisation")
    return get_object_or_404(queryset, pk=application_id, candidate=request.user)


def get_draft_for_candidate(request, application_id):
    """The candidate's application, while it can still change: once submitted,
    services.ApplicationNotEditable (which candidate_page turns into a message)."""
    application = get_application_for_candidate(request, application_id)
    if not application.is_draft:
        raise services.ApplicationNotEditable(application)
    return application


def candidate_page(view):
    """Sign in first; a change to a submitted application is refused with a
    message on the application's page, and nothing changes."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except services.ApplicationNotEditable as refusal:
            messages.error(request, str(refusal))
            return redirect("candidates:application_detail", application_id=refusal.application.pk)

    return wrapper


def return_url(request, application, default_name="candidates:application_detail"):
    """Back to "Check your answers" when the candidate came from there, else to `default_name`."""
    if request.GET.get("from") == "review":
        return reverse("candidates:application_review", kwargs={"application_id": application.pk})
    return reverse(default_name, kwargs={"application_id": application.pk})


def section_completed(application, section):
    """True, False or None (not started): the initial answer to "Have you completed this section?"."""
    row = application.progress.filter(section=section).first()
    return None if row is None else row.completed_at is not None


def answers_queryset():
    """An application with every answer, in a fixed number of queries."""
    return Application.objects.select_related(
        "vacancy__organisation",
        "personal_details",
        "right_to_work",
        "employment_history",
        "supporting_information",
        "declarations",
        "adjustments",
        "guaranteed_interview",
        "equality_monitoring",
    ).prefetch_related("progress", "employments", "qualifications", "referees")


def answers(application):
    """Every answer of an application from answers_queryset, by section, for
    the templates; None for a section the candidate never opened."""

    def one(name):
        return getattr(application, name, None)

    return {
        "personal_details": one("personal_details"),
        "right_to_work": one("right_to_work"),
        "employment_history": one("employment_history"),
        "employments": application.employments.all(),
        "qualifications": application.qualifications.all(),
        "supporting_information": one("supporting_information"),
        "referees": application.referees.all(),
        "declarations": one("declarations"),
        "adjustments": one("adjustments"),
        "guaranteed_interview": one("guaranteed_interview"),
        "equality_monitoring": one("equality_monitoring"),
        "sections": application.sections(),
    }
