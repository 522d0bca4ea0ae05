"""The candidate's offer pages, under /applications/<id>/offer/: the offer,
accepting or declining it, each referee's status (never what they wrote),
the checks with the documents the candidate uploads, and confirming the
start date. Only the application's own candidate, once offered; 404 otherwise."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from candidates.models import Application

from .. import services
from ..forms import DeclineForm, DocumentForm, ShareCodeForm
from ..models import Check, Offer, ReferenceRequest


def get_offer_for_candidate(user, application_id):
    """The offer of the signed-in candidate's application; 404 otherwise."""
    application = get_object_or_404(
        Application.objects.select_related("vacancy__organisation"), pk=application_id, candidate=user
    )
    offer = get_object_or_404(Offer.objects.select_related("base_site"), application=application)
    offer.application = application
    offer.vacancy = application.vacancy
    return offer


def _offer_url(offer):
    return reverse("offers:candidate_offer", kwargs={"application_id": offer.application_id})


def _open(offer):
    return offer.application.status != Application.Status.WITHDRAWN


@login_required
@require_safe
def candidate_offer(request, application_id):
    offer = get_offer_for_candidate(request.user, application_id)
    checks = sorted(Check.objects.filter(offer=offer).prefetch_related("documents"), key=lambda check: check.order)
    # Names and statuses only: what a referee wrote is never shown to the candidate.
    referees = [
        {"name": name, "status": ReferenceRequest.Status(status).label,
         "tag_class": ReferenceRequest.STATUS_TAG_CLASSES[status]}
        for name, status in ReferenceRequest.objects.filter(offer=offer).order_by("pk").values_list(
            "referee__name", "status"
        )
    ]
    return render(request, "offers/candidate_offer.html", {
        "offer": offer, "vacancy": offer.vacancy, "application": offer.application, "checks": checks,
        "referees": referees, "open": _open(offer),
        "checks_open": _open(offer) and offer.status in (Offer.Status.MADE, Offer.Status.ACCEPTED),
        "back_url": reverse("candidates:application_detail", kwargs={"application_id": offer.application_id}),
    })


@login_required
@require_POST
def candidate_accept(request, application_id):
    offer = get_offer_for_candidate(request.user, application_id)
    if not _open(offer):
        raise Http404
    try:
        services.accept_offer(offer_id=offer.pk, actor=request.user)
    except services.OfferRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("You have accepted the offer. Next, the trust will check your references and "
                                    "ask for the documents below."))
    return redirect(_offer_url(offer))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def candidate_decline(request, application_id):
    offer = get_offer_for_candidate(request.user, application_id)
    if not _open(offer) or not offer.can_move_to(Offer.Status.DECLINED):
        raise Http404
    form = DeclineForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decline_offer(offer_id=offer.pk, actor=request.user, reason=form.cleaned_data["reason"])
        except services.OfferRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("You have declined the offer. Your application has been withdrawn."))
        return redirect(_offer_url(offer))
    return render(request, "offers/candidate_decline.html", {
        "offer": offer, "vacancy": offer.vacancy, "form": form, "back_url": _offer_url(offer),
    })


def _check_for_candidate(offer, check_id):
    check = get_object_or_404(Check.objects.prefetch_related("documents"), offer=offer, pk=check_id)
    if check.documents_asked is None:
        raise Http404
    return check


def _check_page(request, offer, check, *, form=None, share_code_form=None, status=200):
    return render(request, "offers/candidate_check.html", {
        "offer": offer, "vacancy": offer.vacancy, "check": check,
        "form": form or DocumentForm(),
        "share_code_form": share_code_form or ShareCodeForm(initial={"share_code": check.share_code}),
        "can_upload": _open(offer) and offer.status in (Offer.Status.MADE, Offer.Status.ACCEPTED),
        "back_url": _offer_url(offer),
    }, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def candidate_check(request, application_id, check_id):
    """A check that asks for documents: what to upload, what was uploaded, and the upload form."""
    offer = get_offer_for_candidate(request.user, application_id)
    check = _check_for_candidate(offer, check_id)
    if request.method != "POST":
        return _check_page(request, offer, check)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_document(
                check_id=check.pk, actor=request.user, upload=form.cleaned_data["file"],
                content_type=form.content_type,
            )
        except services.OfferRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Your document has been uploaded."))
            return redirect("offers:candidate_check", application_id=offer.application_id, check_id=check.pk)
    return _check_page(request, offer, check, form=form)


@login_required
@require_POST
def candidate_share_code(request, application_id, check_id):
    """The candidate's Home Office share code, for the right to work check."""
    offer = get_offer_for_candidate(request.user, application_id)
    check = _check_for_candidate(offer, check_id)
    if check.kind != Check.Kind.RIGHT_TO_WORK:
        raise Http404
    form = ShareCodeForm(request.POST)
    if form.is_valid():
        try:
            services.give_share_code(check_id=check.pk, actor=request.user, share_code=form.cleaned_data["share_code"])
        except services.OfferRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Your share code has been saved."))
            return redirect("offers:candidate_check", application_id=offer.application_id, check_id=check.pk)
    return _check_page(request, offer, check, share_code_form=form)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def candidate_confirm_start(request, application_id):
    """The unconditional offer: the candidate confirms the start date."""
    offer = get_offer_for_candidate(request.user, application_id)
    if offer.status != Offer.Status.UNCONDITIONAL or not _open(offer):
        raise Http404
    if request.method == "POST":
        try:
            services.confirm_start_date(offer_id=offer.pk, actor=request.user)
        except services.OfferRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("You have confirmed your start date. Welcome to the team."))
        return redirect(_offer_url(offer))
    return render(request, "offers/candidate_confirm_start.html", {
        "offer": offer, "vacancy": offer.vacancy, "back_url": _offer_url(offer),
    })
