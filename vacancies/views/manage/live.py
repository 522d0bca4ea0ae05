"""Changing a live (published) advert: what may change at once, what needs
another recruiter's approval, and the approval. The rules are in
vacancies.advert_changes; these pages show them, with a refusal beside the
field it concerns. Every page 404s to anyone who may not change the vacancy."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from organisations.decorators import staff_member_required

from ... import advert_changes, forms
from ...forms.common import form_helper
from ...models import ProposedChange, Vacancy
from .common import bound, get_vacancy_for_user, manage_url


def change_url(vacancy):
    return reverse("manage:vacancy_change", kwargs={"reference": vacancy.reference})


def _live_vacancy(request, reference):
    """The vacancy, if the user may change it (404 otherwise); and the answer
    to give instead when it is not published."""
    vacancy = get_vacancy_for_user(request.user, reference, editable=True)
    if vacancy.status == Vacancy.Status.PUBLISHED:
        return vacancy, None
    refusal = gettext("This vacancy is %(status)s. Only a published advert can be changed this way.") % {
        "status": vacancy.get_status_display().lower()
    }
    return vacancy, render(
        request,
        "vacancies/manage/vacancy_action.html",
        {"vacancy": vacancy, "heading": _("Change the live advert"), "refusal": refusal, "back_url": manage_url(vacancy)},
    )


def _attempt(form, change):
    """Make the change; a refusal goes beside its field, or in the summary."""
    try:
        return change()
    except advert_changes.ChangeRefused as refusal:
        form.add_error(refusal.field if refusal.field in form.fields else None, str(refusal))
        return None


def _page(request, vacancy, form, heading, intro="", template="vacancies/manage/vacancy_change_form.html", **extra):
    return render(
        request,
        template,
        {"vacancy": vacancy, "form": form, "heading": heading, "intro": intro, "back_url": change_url(vacancy), **extra},
    )


def _saved(request, vacancy, changed):
    if changed:
        messages.success(request, gettext("The live advert has been changed"))
    else:
        messages.info(request, gettext("Nothing was changed"))
    return redirect(change_url(vacancy))


@staff_member_required
@require_safe
def vacancy_change(request, reference):
    """What can be changed on the live advert, and any change waiting for approval."""
    vacancy, refusal = _live_vacancy(request, reference)
    if refusal:
        return refusal
    waiting = vacancy.proposed_changes.filter(status=ProposedChange.Status.PROPOSED).select_related("proposed_by").first()
    return render(
        request,
        "vacancies/manage/vacancy_change.html",
        {
            "vacancy": vacancy,
            "waiting": waiting,
            "may_approve": waiting is not None and waiting.may_be_approved_by(request.user),
            "back_url": manage_url(vacancy),
        },
    )


def _change_at_once(request, reference, form_class, heading, intro=""):
    """A page of fields that change on the live advert at once, with an event."""
    vacancy, refusal = _live_vacancy(request, reference)
    if refusal:
        return refusal
    form = bound(request, form_class, instance=vacancy)
    if form.is_bound and form.is_valid():
        changed = _attempt(
            form,
            lambda: advert_changes.change_live_advert(vacancy_id=vacancy.pk, actor=request.user, values=form.values()),
        )
        if not form.errors:
            return _saved(request, vacancy, changed)
    return _page(request, vacancy, form, heading, intro)


@staff_member_required
@require_http_methods(["GET", "POST"])
def vacancy_change_description(request, reference):
    return _change_at_once(
        request,
        reference,
        forms.LiveDescriptionForm,
        _("Correct the job description"),
        _("Changes show on the advert at once. Candidates are not told."),
    )


@staff_member_required
@require_http_methods(["GET", "POST"])
def vacancy_change_contact(request, reference):
    return _change_at_once(request, reference, forms.LiveContactForm, _("Change the contact for enquiries"))


@staff_member_required
@require_http_methods(["GET", "POST"])
def vacancy_change_locations(request, reference):
    vacancy, refusal = _live_vacancy(request, reference)
    if refusal:
        return refusal
    add_site_url = reverse("manage:site_create", kwargs={"reference": vacancy.reference})
    form = bound(request, forms.LiveLocationsForm, instance=vacancy, add_site_url=add_site_url)
    if form.is_bound and form.is_valid():
        added = _attempt(
            form,
            lambda: advert_changes.add_sites(
                vacancy_id=vacancy.pk, actor=request.user, sites=list(form.cleaned_data["sites"])
            ),
        )
        if not form.errors:
            return _saved(request, vacancy, added)
    return _page(request, vacancy, form, _("Add a job location"))


@staff_member_required
@require_http_methods(["GET", "POST"])
def vacancy_change_closing(request, reference):
    vacancy, refusal = _live_vacancy(request, reference)
    if refusal:
        return refusal
    form = bound(request, forms.ReopenForm)
    form.helper = form_helper("closing_date", "closing_time", submit=_("Move the closing date"))
    if form.is_bound and form.is_valid():
        moved = _attempt(
            form,
            lambda: advert_changes.change_closing_time(
                vacancy_id=vacancy.pk, actor=request.user, closing_at=form.cleaned_data["closing_at"]
            ),
        )
        if not form.errors:
            return _saved(request, vacancy, moved)
    return _page(
        request, vacancy, form, _("Move the closing date later"),
        _("The advert closes at %(time)s. Candidates who have started an application will get an email "
          "with the new closing date. To close the vacancy sooner, close it early.")
        % {"time": advert_changes.local_time_text(vacancy.closing_at)},
    )


@staff_member_required
@require_http_methods(["GET", "POST"])
def vacancy_change_pay(request, reference):
    vacancy, refusal = _live_vacancy(request, reference)
    if refusal:
        return refusal
    form = bound(request, forms.ProposedPayForm, instance=vacancy)
    if form.is_bound and form.is_valid():
        proposal = _attempt(
            form,
            lambda: advert_changes.propose_change(vacancy_id=vacancy.pk, actor=request.user, values=form.values()),
        )
        if proposal:
            messages.success(
                request,
                gettext("The change has been sent for approval. The advert stays as it is until another recruiter approves it."),
            )
            return redirect(change_url(vacancy))
    return _page(
        request, vacancy, form, _("Propose a change to pay and contract"),
        _("Another recruiter at your trust must approve this change. Until then the advert stays as it is."),
    )


def _waiting_change(vacancy, change_id):
    return get_object_or_404(vacancy.proposed_changes.select_related("proposed_by"), pk=change_id)


@staff_member_required
@require_http_methods(["GET", "POST"])
def proposed_change_approve(request, reference, change_id):
    vacancy = get_vacancy_for_user(request.user, reference, editable=True)
    proposal = _waiting_change(vacancy, change_id)
    form = bound(request, forms.ConfirmForm)
    if form.is_bound and form.is_valid() and _attempt(
        form, lambda: advert_changes.approve_change(change_id=proposal.pk, actor=request.user)
    ):
        messages.success(request, gettext("The change has been approved and the advert updated"))
        return redirect(change_url(vacancy))
    return _page(
        request, vacancy, form, _("Approve the change to pay and contract"),
        template="vacancies/manage/proposed_change_decide.html", proposal=proposal, button=_("Approve"),
    )


@staff_member_required
@require_http_methods(["GET", "POST"])
def proposed_change_reject(request, reference, change_id):
    vacancy = get_vacancy_for_user(request.user, reference, editable=True)
    proposal = _waiting_change(vacancy, change_id)
    form = bound(
        request, forms.ReasonForm, label=_("Why are you rejecting the change?"), required=True,
        required_message=_("Enter why you are rejecting the change"),
    )
    if form.is_bound and form.is_valid() and _attempt(
        form,
        lambda: advert_changes.reject_change(change_id=proposal.pk, actor=request.user, reason=form.cleaned_data["reason"]),
    ):
        messages.success(request, gettext("The change has been rejected. The advert stays as it is."))
        return redirect(change_url(vacancy))
    return _page(
        request, vacancy, form, _("Reject the change to pay and contract"),
        template="vacancies/manage/proposed_change_decide.html", proposal=proposal, button=_("Reject"), warning=True,
    )
