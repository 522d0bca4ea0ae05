"""Sections of one form: personal details, right to work, supporting
information, declarations, adjustments, guaranteed interview and equality
monitoring. Each saves its row and whether the candidate says it is complete."""

from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from .. import services
from ..forms import (
    AdjustmentsForm,
    DeclarationsForm,
    EqualityMonitoringForm,
    GuaranteedInterviewForm,
    PersonalDetailsForm,
    RightToWorkForm,
    SupportingInformationForm,
)
from ..models import Section
from .common import candidate_page, get_draft_for_candidate, return_url, section_completed


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
            return redirect(return_url(request, application))
    else:
        form = form_class(
            initial=initial if instance.pk is None else None,
            completed=section_completed(application, section),
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
