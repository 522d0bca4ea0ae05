"""The moves of a vacancy's lifecycle: one confirmation page and one service
call each. The statuses each move starts from are Vacancy.ACTIONS_FROM: the
page offers the button only from those, and a POST from any other (a stale
tab) is refused before any service is called."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext, gettext_lazy as _
from django.views.decorators.http import require_http_methods

from nhsuk.formats import nhs_datetime
from organisations.decorators import staff_member_required

from ... import forms, services
from .common import bound, get_vacancy_for_user, manage_url
from .steps import problems, unanswered


def _attempt(form, move):
    """Make the move; a refusal from the service goes in the error summary."""
    try:
        move()
    except services.TransitionNotAllowed as refusal:
        form.add_error(None, str(refusal))
        return False
    return True


def _action_page(request, vacancy, form, *, heading, button, action=None, warning=False, **extra):
    """A lifecycle move's confirmation page. When the vacancy's status does not
    allow the action, it says so and offers no button."""
    refusal = _not_now(vacancy) if action and not vacancy.allows(action) else None
    return render(
        request,
        "vacancies/manage/vacancy_action.html",
        {
            "vacancy": vacancy,
            "form": form,
            "heading": heading,
            "button": button,
            "warning": warning,
            "refusal": refusal,
            "back_url": manage_url(vacancy),
            **extra,
        },
    )


def _confirmed(form, vacancy, action):
    """The form is posted and valid, and the vacancy's status allows the
    action; otherwise the error summary says what is wrong."""
    if not (form.is_bound and form.is_valid()):
        return False
    if not vacancy.allows(action):
        form.add_error(None, _not_now(vacancy))
        return False
    return True


def _moved(request, vacancy, message):
    messages.success(request, message % {"title": vacancy.title, "reference": vacancy.reference})
    return redirect(manage_url(vacancy))


def _not_now(vacancy):
    return gettext("You cannot do this to a vacancy that is %(status)s.") % {"status": vacancy.get_status_display().lower()}


@staff_member_required
@require_http_methods(["GET", "POST"])
def vacancy_submit(request, reference):
    vacancy = get_vacancy_for_user(request.user, reference, editable=True)
    form = bound(request, forms.ConfirmForm)
    if _confirmed(form, vacancy, "submit"):
        for problem in unanswered(vacancy):
            form.add_error(None, problem["text"])
        if not form.errors and _attempt(
            form, lambda: services.submit_for_approval(vacancy_id=vacancy.pk, actor=request.user)
        ):
            return _moved(request, vacancy, gettext("%(title)s (%(reference)s) has been sent for approval"))
    return _action_page(
        request,
        vacancy,
        form,
        heading=_("Send the vacancy for approval"),
        button=_("Send for approval"),
        action="submit",
        problems=problems(vacancy) if vacancy.allows("submit") else [],
        intro=_("Another recruiter at your trust will check the vacancy and approve it, or send it back to you."),
    )


@staff_member_required
@require_http_methods(["GET", "POST"])
def vacancy_approve(request, reference):
    vacancy = get_vacancy_for_user(request.user, reference, editable=True)
    form = bound(request, forms.ConfirmForm)
    if _confirmed(form, vacancy, "approve") and _attempt(
        form, lambda: services.approve_vacancy(vacancy_id=vacancy.pk, actor=request.user)
    ):
        return _moved(request, vacancy, gettext("%(title)s (%(reference)s) has been approved. It can now be published."))
    return _action_page(
        request,
        vacancy,
        form,
        heading=_("Approve the vacancy"),
        button=_("Approve"),
        action="approve",
        intro=_("Check the advert first. Once approved, it can be published."),
        show_preview_link=True,
    )


@staff_member_required
@require_http_methods(["GET", "POST"])
def vacancy_reject(request, reference):
    vacancy = get_vacancy_for_user(request.user, reference, editable=True)
    form = bound(
        request,
        forms.ReasonForm,
        label=_("Why are you sending it back?"),
        required=True,
        required_message=_("Enter why you are sending the vacancy back"),
    )
    if _confirmed(form, vacancy, "reject") and _attempt(
        form,
        lambda: services.reject_vacancy(vacancy_id=vacancy.pk, actor=request.user, reason=form.cleaned_data["reason"]),
    ):
        return _moved(request, vacancy, gettext("%(title)s (%(reference)s) has been sent back to draft"))
    return _action_page(
        request,
        vacancy,
        form,
        heading=_("Send the vacancy back to draft"),
        button=_("Send back to draft"),
        action="reject",
        intro=_("The recruiter who wrote it will see your reason in its history, change it and send it again."),
    )


@staff_member_required
@require_http_methods(["GET", "POST"])
def vacancy_publish(request, reference):
    vacancy = get_vacancy_for_user(request.user, reference, editable=True)
    form = bound(request, forms.PublishForm)
    if _confirmed(form, vacancy, "publish") and _attempt(
        form,
        lambda: services.publish_vacancy(
            vacancy_id=vacancy.pk, actor=request.user, publish_at=form.cleaned_data["publish_at"]
        ),
    ):
        publish_at = form.cleaned_data["publish_at"]
        if publish_at:
            messages.success(
                request,
                gettext("%(title)s (%(reference)s) will be published on %(when)s")
                % {"title": vacancy.title, "reference": vacancy.reference, "when": nhs_datetime(publish_at)},
            )
            return redirect(manage_url(vacancy))
        return _moved(request, vacancy, gettext("%(title)s (%(reference)s) has been published"))
    return _action_page(
        request,
        vacancy,
        form,
        heading=_("Publish the vacancy"),
        button=_("Publish"),
        action="publish",
        intro=_("Once published, candidates can find the vacancy and apply until its closing time."),
    )


@staff_member_required
@require_http_methods(["GET", "POST"])
def vacancy_close(request, reference):
    vacancy = get_vacancy_for_user(request.user, reference, editable=True)
    form = bound(request, forms.ReasonForm, label=_("Why are you closing it early? (optional)"), required=False)
    if _confirmed(form, vacancy, "close") and _attempt(
        form,
        lambda: services.close_vacancy_early(
            vacancy_id=vacancy.pk, actor=request.user, reason=form.cleaned_data["reason"].strip()
        ),
    ):
        return _moved(request, vacancy, gettext("%(title)s (%(reference)s) has been closed"))
    return _action_page(
        request,
        vacancy,
        form,
        heading=_("Close the vacancy early"),
        button=_("Close vacancy"),
        action="close",
        warning=True,
        intro=_("Candidates will not be able to apply any more. Applications already sent are kept."),
    )


@staff_member_required
@require_http_methods(["GET", "POST"])
def vacancy_withdraw(request, reference):
    vacancy = get_vacancy_for_user(request.user, reference, editable=True)
    form = bound(
        request,
        forms.ReasonForm,
        label=_("Why are you withdrawing it?"),
        required=True,
        required_message=_("Enter why you are withdrawing the vacancy"),
    )
    if _confirmed(form, vacancy, "withdraw") and _attempt(
        form,
        lambda: services.withdraw_vacancy(vacancy_id=vacancy.pk, actor=request.user, reason=form.cleaned_data["reason"]),
    ):
        return _moved(request, vacancy, gettext("%(title)s (%(reference)s) has been withdrawn"))
    return _action_page(
        request,
        vacancy,
        form,
        heading=_("Withdraw the vacancy"),
        button=_("Withdraw vacancy"),
        action="withdraw",
        warning=True,
        intro=_(
            "A withdrawn vacancy is taken off the website for good and cannot be reopened. "
            "You can advertise it again as a new vacancy."
        ),
    )


@staff_member_required
@require_http_methods(["GET", "POST"])
def vacancy_reopen(request, reference):
    vacancy = get_vacancy_for_user(request.user, reference, editable=True)
    form = bound(request, forms.ReopenForm)
    # Only a closed vacancy reopens (ACTIONS_FROM): the service would also
    # publish an approved one, which is the publish page's job.
    if _confirmed(form, vacancy, "reopen") and _attempt(
        form,
        lambda: services.reopen_vacancy(vacancy_id=vacancy.pk, actor=request.user, closing_at=form.cleaned_data["closing_at"]),
    ):
        return _moved(request, vacancy, gettext("%(title)s (%(reference)s) has been reopened"))
    return _action_page(
        request,
        vacancy,
        form,
        heading=_("Reopen the vacancy"),
        button=_("Reopen vacancy"),
        action="reopen",
        intro=_("The vacancy will be published again until the new closing time."),
    )


@staff_member_required
@require_http_methods(["GET", "POST"])
def vacancy_readvert(request, reference):
    return _clone(request, reference, readvert=True)


@staff_member_required
@require_http_methods(["GET", "POST"])
def vacancy_copy(request, reference):
    return _clone(request, reference, readvert=False)


def _clone(request, reference, *, readvert):
    vacancy = get_vacancy_for_user(request.user, reference, editable=True)
    form = bound(request, forms.ConfirmForm)
    if form.is_bound and form.is_valid():
        clone = services.clone_vacancy(vacancy_id=vacancy.pk, actor=request.user, readvert=readvert)
        message = (
            gettext("%(new)s created to advertise %(old)s again. Check it, set a new closing date and send it for approval.")
            if readvert
            else gettext("%(new)s created as a copy of %(old)s. Check it, set a new closing date and send it for approval.")
        )
        messages.success(request, message % {"new": clone.reference, "old": vacancy.reference})
        return redirect(manage_url(clone))
    if readvert:
        heading = _("Advertise the vacancy again")
        intro = _(
            "This makes a new draft with the same reference and the next number at the end, "
            "copying the advert, its locations and person specification."
        )
    else:
        heading = _("Copy the vacancy")
        intro = _("This makes a new draft with a new reference, copying the advert, its locations and person specification.")
    return _action_page(request, vacancy, form, heading=heading, button=_("Create draft"), intro=intro)
