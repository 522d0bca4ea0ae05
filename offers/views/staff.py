"""Staff pages for offers, under /manage/vacancies/<reference>/offers/.

Only recruiters of the vacancy's trust make offers, request and review
references, record checks and see documents: everyone else (the panel, the
hiring manager, staff of other trusts, candidates) gets 404, as if the pages
did not exist. Every change goes through offers.services or offers.references."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from candidates.models import Application, PersonalDetails, Referee
from organisations.decorators import staff_member_required
from organisations.models import Organisation
from vacancies.models import Vacancy

from .. import references, services
from ..forms import CheckForm, OfferForm, ReferenceRequestForm, ReviewForm, UnconditionalForm
from ..models import Check, Offer, OfferEvent, ReferenceRequest


def get_vacancy_for_recruiter(user, reference):
    """The vacancy if the user is a recruiter of its trust; 404 otherwise."""
    vacancies = Vacancy.objects.filter(organisation__in=Organisation.objects.recruited_by(user).values("pk"))
    return get_object_or_404(vacancies.select_related("organisation"), reference=reference)


def get_offer_for_recruiter(user, reference, offer_id):
    """(vacancy, offer) if the offer is of this vacancy and the user a recruiter of its trust; 404 otherwise."""
    vacancy = get_vacancy_for_recruiter(user, reference)
    offer = get_object_or_404(
        Offer.objects.select_related("application", "base_site", "made_by"), vacancy=vacancy, pk=offer_id
    )
    offer.vacancy = vacancy
    return vacancy, offer


def names_of(application_ids):
    """{application id: the candidate's name as given in the application}."""
    return {
        details.application_id: details.full_name
        for details in PersonalDetails.objects.filter(application_id__in=application_ids).only(
            "application_id", "first_name", "last_name"
        )
    }


def _offer_url(vacancy, offer):
    return reverse("offers:offer_detail", kwargs={"reference": vacancy.reference, "offer_id": offer.pk})


@staff_member_required
@require_safe
def offer_list(request, reference):
    """A vacancy's offers, and the candidates who may be offered the job: the
    preferred candidate, and the reserves after interview once an offer fell through."""
    vacancy = get_vacancy_for_recruiter(request.user, reference)
    offers = list(Offer.objects.filter(vacancy=vacancy).select_related("application").order_by("-made_at", "-pk"))
    # Reserves after interview only once no offer is open (services.make_offer).
    statuses = services.OFFERABLE if not services.open_offers(vacancy).exists() else [Application.Status.PREFERRED]
    offerable = list(
        Application.objects.filter(vacancy=vacancy, status__in=statuses, offer__isnull=True).order_by(
            "status", "anonymous_number"
        )
    )
    names = names_of([offer.application_id for offer in offers] + [application.pk for application in offerable])
    for item in offers:
        item.candidate_name = names.get(item.application_id, "")
    for application in offerable:
        application.candidate_name = names.get(application.pk, "")
    can_offer = vacancy.status in (Vacancy.Status.INTERVIEWING, Vacancy.Status.OFFER_MADE)
    return render(request, "offers/offer_list.html", {
        "vacancy": vacancy, "offers": offers, "offerable": offerable if can_offer else [],
        "back_url": reverse("manage:vacancy_detail", kwargs={"reference": vacancy.reference}),
    })


@staff_member_required
@require_http_methods(["GET", "HEAD", "POST"])
def offer_create(request, reference, application_id):
    """The conditional offer's terms; a reserve after interview becomes the
    preferred candidate in the same step."""
    vacancy = get_vacancy_for_recruiter(request.user, reference)
    application = get_object_or_404(
        Application, vacancy=vacancy, pk=application_id, status__in=services.OFFERABLE, offer__isnull=True
    )
    form = OfferForm(request.POST if request.method == "POST" else None, vacancy=vacancy)
    rate = services.band_rate(vacancy)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            offer = services.make_offer(
                application_id=application.pk, actor=request.user, salary=data["salary"],
                outside_band_reason=data["outside_band_reason"], hours_per_week=data["hours_per_week"],
                contract_type=data["contract_type"], base_site=data["base_site"],
                proposed_start_date=data["proposed_start_date"],
            )
        except ValidationError as refusal:
            for field, errors in refusal.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        except services.OfferRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Conditional offer made. The candidate has been sent an e-mail."))
            return redirect(_offer_url(vacancy, offer))
    return render(request, "offers/offer_create.html", {
        "vacancy": vacancy, "application": application, "form": form, "rate": rate,
        "candidate_name": names_of([application.pk]).get(application.pk, ""),
        "back_url": reverse("offers:offer_list", kwargs={"reference": vacancy.reference}),
    })


@staff_member_required
@require_safe
def offer_detail(request, reference, offer_id):
    """An offer: its terms, references, checks with their documents, and its history."""
    vacancy, offer = get_offer_for_recruiter(request.user, reference, offer_id)
    checks = list(Check.objects.filter(offer=offer).prefetch_related("documents").select_related("checked_by"))
    checks.sort(key=lambda check: check.order)
    requests = list(ReferenceRequest.objects.filter(offer=offer).select_related("referee").order_by("pk"))
    asked = {item.referee_id for item in requests}
    open_offer = offer.status in (Offer.Status.MADE, Offer.Status.ACCEPTED)
    withdrawn = offer.application.status == Application.Status.WITHDRAWN
    return render(request, "offers/offer_detail.html", {
        "vacancy": vacancy, "offer": offer, "checks": checks, "requests": requests,
        "candidate_name": names_of([offer.application_id]).get(offer.application_id, ""),
        "events": OfferEvent.objects.filter(offer=offer).select_related("actor").order_by("created_at", "pk"),
        "can_request": open_offer and not withdrawn
        and Referee.objects.filter(application_id=offer.application_id).exclude(pk__in=asked).exists(),
        "can_change_checks": open_offer and not withdrawn,
        "can_make_unconditional": offer.status == Offer.Status.ACCEPTED and not withdrawn,
        "fell_through": offer.status == Offer.Status.DECLINED or withdrawn,
        "back_url": reverse("offers:offer_list", kwargs={"reference": vacancy.reference}),
    })


@staff_member_required
@require_http_methods(["GET", "HEAD", "POST"])
def references_request(request, reference, offer_id):
    """Choose the candidate's referees to ask; each gets an e-mail with their link."""
    vacancy, offer = get_offer_for_recruiter(request.user, reference, offer_id)
    asked = ReferenceRequest.objects.filter(offer=offer).values("referee_id")
    referees = list(Referee.objects.filter(application_id=offer.application_id).exclude(pk__in=asked))
    form = ReferenceRequestForm(request.POST if request.method == "POST" else None, referees=referees)
    if request.method == "POST" and form.is_valid():
        try:
            created = references.request_references(
                offer_id=offer.pk, referee_ids=form.cleaned_data["referees"], actor=request.user
            )
        except services.OfferRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("%(count)s references requested.") % {"count": len(created)})
            return redirect(_offer_url(vacancy, offer))
    return render(request, "offers/references_request.html", {
        "vacancy": vacancy, "offer": offer, "form": form, "referees": referees,
        "back_url": _offer_url(vacancy, offer),
    })


@staff_member_required
@require_http_methods(["GET", "HEAD", "POST"])
def reference_review(request, reference, offer_id, reference_id):
    """A reference: the referee's answers, and the recruiter's decision on it."""
    vacancy, offer = get_offer_for_recruiter(request.user, reference, offer_id)
    reference_request = get_object_or_404(
        ReferenceRequest.objects.select_related("referee", "reviewed_by"), offer=offer, pk=reference_id
    )
    form = ReviewForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if reference_request.status != ReferenceRequest.Status.RECEIVED:
            raise Http404
        if form.is_valid():
            try:
                references.review_reference(
                    reference_id=reference_request.pk, actor=request.user,
                    accept=form.cleaned_data["decision"], note=form.cleaned_data["note"],
                )
            except services.OfferRefused as refusal:
                messages.error(request, str(refusal))
            else:
                messages.success(request, _("Your decision on the reference has been saved."))
            return redirect(_offer_url(vacancy, offer))
    return render(request, "offers/reference_review.html", {
        "vacancy": vacancy, "offer": offer, "reference": reference_request, "form": form,
        "back_url": _offer_url(vacancy, offer),
    })


@staff_member_required
@require_http_methods(["GET", "HEAD", "POST"])
def check_update(request, reference, offer_id, check_id):
    """One pre-employment check: its documents and share code, and its status and note."""
    vacancy, offer = get_offer_for_recruiter(request.user, reference, offer_id)
    check = get_object_or_404(
        Check.objects.prefetch_related("documents").select_related("checked_by"), offer=offer, pk=check_id
    )
    if check.status == Check.Status.NOT_REQUIRED:
        raise Http404
    form = CheckForm(request.POST if request.method == "POST" else None, initial={"status": check.status})
    if request.method == "POST" and form.is_valid():
        try:
            services.update_check(
                check_id=check.pk, actor=request.user, status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
            )
        except services.OfferRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("%(check)s check saved.") % {"check": check.get_kind_display()})
            return redirect(_offer_url(vacancy, offer))
    return render(request, "offers/check_update.html", {
        "vacancy": vacancy, "offer": offer, "check": check, "form": form, "back_url": _offer_url(vacancy, offer),
    })


@staff_member_required
@require_http_methods(["GET", "HEAD", "POST"])
def offer_unconditional(request, reference, offer_id):
    """The unconditional offer and its start date, once every check is cleared."""
    vacancy, offer = get_offer_for_recruiter(request.user, reference, offer_id)
    if offer.status != Offer.Status.ACCEPTED:
        raise Http404
    form = UnconditionalForm(
        request.POST if request.method == "POST" else None, initial={"start_date": offer.proposed_start_date}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.make_unconditional_offer(
                offer_id=offer.pk, actor=request.user, start_date=form.cleaned_data["start_date"]
            )
        except services.OfferRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Unconditional offer made. The candidate has been asked to confirm."))
            return redirect(_offer_url(vacancy, offer))
    return render(request, "offers/offer_unconditional.html", {
        "vacancy": vacancy, "offer": offer, "form": form, "not_cleared": services.checks_not_cleared(offer),
        "back_url": _offer_url(vacancy, offer),
    })
