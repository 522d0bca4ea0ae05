"""The candidate's pages under /applications/.

Every page fetches the application through get_application_for_candidate,
which answers 404 unless it belongs to the signed-in candidate; rows inside it
(jobs, qualifications, referees) are fetched through the application, so an id
from someone else's application is a 404 too. Pages that change answers use
get_draft_for_candidate: once submitted, nothing changes.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from vacancies.models import Vacancy

from . import services
from .forms import (
    AdjustmentsForm,
    DeclarationsForm,
    EmploymentForm,
    EmploymentHistoryForm,
    EqualityMonitoringForm,
    GuaranteedInterviewForm,
    ListSectionForm,
    PersonalDetailsForm,
    QualificationForm,
    RefereeForm,
    RefereesForm,
    RightToWorkForm,
    SubmitForm,
    SupportingInformationForm,
    WithdrawForm,
)
from .models import (
    Application,
    Employment,
    EmploymentHistory,
    Qualification,
    Referee,
    Section,
    SectionStatus,
    uncovered_periods,
)

# The task list: sections in groups, and the page each one opens.
TASK_GROUPS = [
    (gettext_lazy("About you"), [Section.PERSONAL_DETAILS, Section.RIGHT_TO_WORK]),
    (
        gettext_lazy("Your experience"),
        [Section.EMPLOYMENT_HISTORY, Section.QUALIFICATIONS, Section.SUPPORTING_INFORMATION, Section.REFERENCES],
    ),
    (gettext_lazy("Declarations"), [Section.DECLARATIONS, Section.ADJUSTMENTS, Section.GUARANTEED_INTERVIEW]),
    (gettext_lazy("Equality monitoring"), [Section.EQUALITY_MONITORING]),
]
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
SECTION_HINTS = {
    Section.EQUALITY_MONITORING: gettext_lazy("Optional. The panel never sees your answers."),
    Section.SUPPORTING_INFORMATION: gettext_lazy("How you meet the person specification"),
    Section.REFERENCES: gettext_lazy("At least 2, covering the last 3 years"),
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


def _return_url(request, application, default_name="candidates:application_detail"):
    """Back to "Check your answers" when the candidate came from there, else to `default_name`."""
    if request.GET.get("from") == "review":
        return reverse("candidates:application_review", kwargs={"application_id": application.pk})
    return reverse(default_name, kwargs={"application_id": application.pk})


def _section_completed(application, section):
    """True, False or None (not started): the initial answer to "Have you completed this section?"."""
    row = application.progress.filter(section=section).first()
    return None if row is None else row.completed_at is not None


def _edit_section(request, application, section, form_class, *, template="candidates/section_form.html",
                  initial=None, form_kwargs=None, context=None):
    """A section whose answers are one row: show the form, save it, back to the task list."""
    model = form_class._meta.model
    instance = model.objects.filter(application=application).first() or model(application=application)
    form_kwargs = {"instance": instance, "application": application, **(form_kwargs or {})}
    if request.method == "POST":
        form = form_class(request.POST, **form_kwargs)
        if form.is_valid():
            try:
                with services.editing_section(
                    application=application, section=section, complete=form.cleaned_data["section_complete"]
                ):
                    form.save()
            except IntegrityError:
                # The section's first save sent twice at once (two tabs, a double
                # click): the other request made the row, and its answers stand.
                pass
            return redirect(_return_url(request, application))
    else:
        form = form_class(
            initial=initial if instance.pk is None else None,
            completed=_section_completed(application, section),
            **form_kwargs,
        )
    return render(
        request,
        template,
        {
            "application": application, "vacancy": application.vacancy, "section": section, "form": form,
            **(context or {}),
        },
    )


# The list, starting and the task list ------------------------------------------------------


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
    vacancy = get_object_or_404(Vacancy.objects.visible_to_public().select_related("organisation"), reference=reference)
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


def _answers_queryset():
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


def _answers(application):
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


def _show_submitted(request, application):
    application = _answers_queryset().get(pk=application.pk)
    return render(
        request,
        "candidates/application_detail.html",
        {"application": application, "vacancy": application.vacancy, "answers": _answers(application)},
    )


# Sections of one form -------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@candidate_page
def personal_details_edit(request, application_id):
    application = get_draft_for_candidate(request, application_id)
    user = request.user
    # The account's full name as a first guess: all but the last word, then the last word.
    first_name, _space, last_name = user.full_name.rpartition(" ")
    if not first_name:
        first_name, last_name = last_name, ""
    return _edit_section(
        request, application, Section.PERSONAL_DETAILS, PersonalDetailsForm,
        initial={"email": user.email, "first_name": first_name, "last_name": last_name},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@candidate_page
def right_to_work_edit(request, application_id):
    application = get_draft_for_candidate(request, application_id)
    return _edit_section(
        request, application, Section.RIGHT_TO_WORK, RightToWorkForm, template="candidates/right_to_work_form.html"
    )


@require_http_methods(["GET", "HEAD", "POST"])
@candidate_page
def supporting_information_edit(request, application_id):
    application = get_draft_for_candidate(request, application_id)
    criteria = application.vacancy.criteria.filter(assessed_at_application=True).order_by("-is_essential", "order")
    return _edit_section(
        request, application, Section.SUPPORTING_INFORMATION, SupportingInformationForm,
        template="candidates/supporting_information_form.html", context={"criteria": criteria},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@candidate_page
def declarations_edit(request, application_id):
    application = get_draft_for_candidate(request, application_id)
    return _edit_section(request, application, Section.DECLARATIONS, DeclarationsForm)


@require_http_methods(["GET", "HEAD", "POST"])
@candidate_page
def adjustments_edit(request, application_id):
    application = get_draft_for_candidate(request, application_id)
    return _edit_section(request, application, Section.ADJUSTMENTS, AdjustmentsForm)


@require_http_methods(["GET", "HEAD", "POST"])
@candidate_page
def guaranteed_interview_edit(request, application_id):
    application = get_draft_for_candidate(request, application_id)
    if Section.GUARANTEED_INTERVIEW not in application.sections():
        raise Http404("This vacancy offers no guaranteed interview scheme")
    return _edit_section(
        request, application, Section.GUARANTEED_INTERVIEW, GuaranteedInterviewForm,
        template="candidates/guaranteed_interview_form.html",
    )


@require_http_methods(["GET", "HEAD", "POST"])
@candidate_page
def equality_monitoring_edit(request, application_id):
    application = get_draft_for_candidate(request, application_id)
    return _edit_section(
        request, application, Section.EQUALITY_MONITORING, EqualityMonitoringForm,
        template="candidates/equality_monitoring_form.html",
    )


# Sections of rows: employment history, qualifications, references ------------------------------


def _complete_rows_section(request, application, section, form, template, context):
    """The page of a section of rows, whose form says whether it is complete."""
    if request.method == "POST" and form.is_valid():
        with services.editing_section(
            application=application, section=section, complete=form.cleaned_data["section_complete"]
        ):
            if hasattr(form, "save"):
                form.save()
        return redirect(_return_url(request, application))
    return render(
        request, template, {"application": application, "vacancy": application.vacancy, "section": section,
                            "form": form, **context}
    )


def _edit_row(request, application, section, form_class, instance, *, template, list_url_name, form_kwargs=None):
    """Add or change one row; the section is incomplete again until the candidate says otherwise."""
    form_kwargs = {"instance": instance, **(form_kwargs or {})}
    form = form_class(request.POST, **form_kwargs) if request.method == "POST" else form_class(**form_kwargs)
    if request.method == "POST" and form.is_valid():
        with services.editing_section(application=application, section=section, complete=False):
            form.save()
        return redirect(list_url_name, application_id=application.pk)
    return render(
        request,
        template,
        {"application": application, "vacancy": application.vacancy, "section": section, "form": form,
         "row": instance, "list_url_name": list_url_name},
    )


def _remove_row(request, application, section, row, *, description, list_url_name):
    if request.method == "POST":
        with services.editing_section(application=application, section=section, complete=False):
            row.delete()
        messages.success(request, _("Removed %(description)s") % {"description": description})
        return redirect(list_url_name, application_id=application.pk)
    return render(
        request,
        "candidates/row_remove.html",
        {"application": application, "vacancy": application.vacancy, "section": section, "description": description,
         "list_url_name": list_url_name},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@candidate_page
def employment_history(request, application_id):
    application = get_draft_for_candidate(request, application_id)
    employments = list(application.employments.all())
    gaps = uncovered_periods([(job.started_on, job.ended_on) for job in employments], today=timezone.localdate())
    history = getattr(application, "employment_history", None) or EmploymentHistory(application=application)
    form_kwargs = {"instance": history, "application": application, "gaps": gaps}
    if request.method == "POST":
        form = EmploymentHistoryForm(request.POST, **form_kwargs)
    else:
        completed = _section_completed(application, Section.EMPLOYMENT_HISTORY)
        form = EmploymentHistoryForm(completed=completed, **form_kwargs)
    return _complete_rows_section(
        request, application, Section.EMPLOYMENT_HISTORY, form, "candidates/employment_history.html",
        {"employments": employments, "gaps": gaps},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@candidate_page
def employment_add(request, application_id):
    application = get_draft_for_candidate(request, application_id)
    return _edit_row(
        request, application, Section.EMPLOYMENT_HISTORY, EmploymentForm, Employment(application=application),
        template="candidates/employment_form.html", list_url_name="candidates:employment_history",
    )


@require_http_methods(["GET", "HEAD", "POST"])
@candidate_page
def employment_change(request, application_id, employment_id):
    application = get_draft_for_candidate(request, application_id)
    employment = get_object_or_404(application.employments, pk=employment_id)
    return _edit_row(
        request, application, Section.EMPLOYMENT_HISTORY, EmploymentForm, employment,
        template="candidates/employment_form.html", list_url_name="candidates:employment_history",
    )


@require_http_methods(["GET", "HEAD", "POST"])
@candidate_page
def employment_remove(request, application_id, employment_id):
    application = get_draft_for_candidate(request, application_id)
    employment = get_object_or_404(application.employments, pk=employment_id)
    return _remove_row(
        request, application, Section.EMPLOYMENT_HISTORY, employment, description=str(employment),
        list_url_name="candidates:employment_history",
    )


@require_http_methods(["GET", "HEAD", "POST"])
@candidate_page
def qualifications(request, application_id):
    application = get_draft_for_candidate(request, application_id)
    completed = _section_completed(application, Section.QUALIFICATIONS)
    if request.method == "POST":
        form = ListSectionForm(request.POST, application=application)
    else:
        form = ListSectionForm(application=application, completed=completed)
    return _complete_rows_section(
        request, application, Section.QUALIFICATIONS, form, "candidates/qualifications.html",
        {"qualifications": application.qualifications.all()},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@candidate_page
def qualification_add(request, application_id):
    application = get_draft_for_candidate(request, application_id)
    return _edit_row(
        request, application, Section.QUALIFICATIONS, QualificationForm, Qualification(application=application),
        template="candidates/qualification_form.html", list_url_name="candidates:qualifications",
    )


@require_http_methods(["GET", "HEAD", "POST"])
@candidate_page
def qualification_change(request, application_id, qualification_id):
    application = get_draft_for_candidate(request, application_id)
    qualification = get_object_or_404(application.qualifications, pk=qualification_id)
    return _edit_row(
        request, application, Section.QUALIFICATIONS, QualificationForm, qualification,
        template="candidates/qualification_form.html", list_url_name="candidates:qualifications",
    )


@require_http_methods(["GET", "HEAD", "POST"])
@candidate_page
def qualification_remove(request, application_id, qualification_id):
    application = get_draft_for_candidate(request, application_id)
    qualification = get_object_or_404(application.qualifications, pk=qualification_id)
    return _remove_row(
        request, application, Section.QUALIFICATIONS, qualification, description=str(qualification),
        list_url_name="candidates:qualifications",
    )


@require_http_methods(["GET", "HEAD", "POST"])
@candidate_page
def referees(request, application_id):
    application = get_draft_for_candidate(request, application_id)
    rows = list(application.referees.all())
    completed = _section_completed(application, Section.REFERENCES)
    if request.method == "POST":
        form = RefereesForm(request.POST, application=application, referees=rows)
    else:
        form = RefereesForm(application=application, referees=rows, completed=completed)
    return _complete_rows_section(
        request, application, Section.REFERENCES, form, "candidates/referees.html", {"referees": rows}
    )


@require_http_methods(["GET", "HEAD", "POST"])
@candidate_page
def referee_add(request, application_id):
    application = get_draft_for_candidate(request, application_id)
    return _edit_row(
        request, application, Section.REFERENCES, RefereeForm, Referee(application=application),
        template="candidates/referee_form.html", list_url_name="candidates:referees",
        form_kwargs={"candidate_email": request.user.email},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@candidate_page
def referee_change(request, application_id, referee_id):
    application = get_draft_for_candidate(request, application_id)
    referee = get_object_or_404(application.referees, pk=referee_id)
    return _edit_row(
        request, application, Section.REFERENCES, RefereeForm, referee,
        template="candidates/referee_form.html", list_url_name="candidates:referees",
        form_kwargs={"candidate_email": request.user.email},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@candidate_page
def referee_remove(request, application_id, referee_id):
    application = get_draft_for_candidate(request, application_id)
    referee = get_object_or_404(application.referees, pk=referee_id)
    return _remove_row(
        request, application, Section.REFERENCES, referee, description=str(referee),
        list_url_name="candidates:referees",
    )


# Check your answers, submit, confirmation, withdraw ----------------------------------------------


def _review_page(request, application, form, status=200):
    application = _answers_queryset().get(pk=application.pk)
    return render(
        request,
        "candidates/application_review.html",
        {
            "application": application,
            "vacancy": application.vacancy,
            "answers": _answers(application),
            "incomplete": [
                {
                    "section": section,
                    "href": reverse(SECTION_URL_NAMES[section], kwargs={"application_id": application.pk}),
                }
                for section in application.incomplete_sections()
            ],
            "is_open": application.vacancy.is_open(),
            "form": form,
        },
        status=status,
    )


def _submit_form(application, data=None):
    return SubmitForm(data, action=reverse("candidates:application_submit", kwargs={"application_id": application.pk}))


@require_safe
@candidate_page
def application_review(request, application_id):
    application = get_draft_for_candidate(request, application_id)
    return _review_page(request, application, _submit_form(application))


@require_POST
@candidate_page
def application_submit(request, application_id):
    application = get_draft_for_candidate(request, application_id)
    form = _submit_form(application, request.POST)
    if not form.is_valid():
        return _review_page(request, application, form)
    try:
        services.submit_application(application_id=application.pk, actor=request.user)
    except services.SubmissionRefused as refusal:
        messages.error(request, str(refusal))
        if refusal.reason == "incomplete":
            return redirect("candidates:application_review", application_id=application.pk)
        return redirect("candidates:application_detail", application_id=application.pk)
    return redirect("candidates:application_confirmation", application_id=application.pk)


@require_safe
@candidate_page
def application_confirmation(request, application_id):
    application = get_application_for_candidate(request, application_id)
    if application.is_draft:
        return redirect("candidates:application_detail", application_id=application.pk)
    return render(request, "candidates/application_confirmation.html", {"application": application,
                                                                       "vacancy": application.vacancy})


@require_http_methods(["GET", "HEAD", "POST"])
@candidate_page
def application_withdraw(request, application_id):
    application = get_application_for_candidate(request, application_id)
    if not application.can_be_withdrawn:
        messages.error(request, _("You can no longer withdraw this application."))
        return redirect("candidates:application_detail", application_id=application.pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw_application(
                application_id=application.pk, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except services.TransitionNotAllowed as refusal:
            messages.error(request, str(refusal))
            return redirect("candidates:application_detail", application_id=application.pk)
        messages.success(
            request, _("You have withdrawn your application for %(title)s") % {"title": application.vacancy.title}
        )
        return redirect("candidates:application_list")
    return render(
        request, "candidates/application_withdraw.html",
        {"application": application, "vacancy": application.vacancy, "form": form},
    )
