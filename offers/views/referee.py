"""The referee's pages, under /references/<id>/?t=<token>: no account, only
the signed, single-use, expiring link of offers.references. They show the
candidate's name and the job, nothing else of the application; a link that
is not valid (changed, expired, used, or for another request) gets one page
that says so, and reveals nothing."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from candidates.emails import candidate_name

from .. import references
from ..forms import DeclineForm, ReferenceForm


def _invalid(request):
    return render(request, "offers/reference_link_invalid.html", status=404)


def _context(reference_request, form):
    offer = reference_request.offer
    return {
        "reference": reference_request, "form": form,
        "candidate_name": candidate_name(offer.application), "job_title": offer.vacancy.title,
        "trust": offer.vacancy.organisation.name,
    }


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def reference_form(request, reference_id):
    token = request.GET.get("t", "")
    try:
        reference_request = references.request_for_token(reference_id, token)
    except references.InvalidLink:
        return _invalid(request)
    form = ReferenceForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        answers = {field: form.cleaned_data[field] for field in form.fields}
        try:
            references.submit_reference(
                reference_id=reference_request.pk, token_key=reference_request.token_key, answers=answers
            )
        except references.InvalidLink:
            return _invalid(request)
        return redirect("offers:reference_thanks")
    return render(request, "offers/reference_form.html", {**_context(reference_request, form), "token": token})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def reference_decline(request, reference_id):
    token = request.GET.get("t", "")
    try:
        reference_request = references.request_for_token(reference_id, token)
    except references.InvalidLink:
        return _invalid(request)
    form = DeclineForm(request.POST if request.method == "POST" else None)
    form.fields["reason"].help_text = _("The trust's recruitment team reads this, not the candidate.")
    if request.method == "POST" and form.is_valid():
        try:
            references.decline_reference(
                reference_id=reference_request.pk, token_key=reference_request.token_key,
                reason=form.cleaned_data["reason"],
            )
        except references.InvalidLink:
            return _invalid(request)
        return redirect("offers:reference_thanks")
    return render(request, "offers/reference_decline.html", {**_context(reference_request, form), "token": token})


@require_safe
def reference_thanks(request):
    return render(request, "offers/reference_thanks.html")
