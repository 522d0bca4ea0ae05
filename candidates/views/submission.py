"""Check your answers, submit, the confirmation, and withdrawing."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from .. import services
from ..forms import SubmitForm, WithdrawForm
from .common import (
    SECTION_URL_NAMES,
    answers,
    answers_queryset,
    candidate_page,
    get_application_for_candidate,
    get_draft_for_candidate,
)


def _review_page(request, application, form, status=200):
    application = answers_queryset().get(pk=application.pk)
    return render(
        request,
        "candidates/application_review.html",
        {
            "application": application,
            "vacancy": application.vacancy,
            "answers": answers(application),
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
