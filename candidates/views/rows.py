"""Sections of rows: employment history, qualifications and references.
Each row is added, changed and removed on pages of its own; the section's page
lists them and asks whether the section is complete."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import services
from ..forms import EmploymentForm, EmploymentHistoryForm, ListSectionForm, QualificationForm, RefereeForm, RefereesForm
from ..models import Employment, EmploymentHistory, Qualification, Referee, Section, uncovered_periods
from .common import candidate_page, get_draft_for_candidate, return_url, section_completed


def _complete_rows_section(request, application, section, form, template, context):
    """The page of a section of rows, whose form says whether it is complete."""
    if request.method == "POST" and form.is_valid():
        with services.editing_section(
            application=application, section=section, complete=form.cleaned_data["section_complete"]
        ):
            if hasattr(form, "save"):
                form.save()
        return redirect(return_url(request, application))
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
        completed = section_completed(application, Section.EMPLOYMENT_HISTORY)
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
    completed = section_completed(application, Section.QUALIFICATIONS)
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
    completed = section_completed(application, Section.REFERENCES)
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
