"""The one way a document leaves the private storage: to the candidate who
uploaded it and to the recruiters of the vacancy's trust; 404 to everyone
else (another candidate, another trust, the hiring manager and the panel)."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from organisations.models import Membership

from ..models import Document


def get_document_for_user(user, document_id):
    document = get_object_or_404(
        Document.objects.select_related("offer_check__offer__application", "offer_check__offer__vacancy"),
        pk=document_id,
    )
    offer = document.offer_check.offer
    if offer.application.candidate_id == user.pk:
        return document
    if Membership.objects.role_of(user, offer.vacancy.organisation_id) == Membership.Role.RECRUITER:
        return document
    raise Http404


@login_required
@require_safe
def document_download(request, document_id):
    document = get_document_for_user(request.user, document_id)
    response = FileResponse(
        document.file.open("rb"), content_type=document.content_type, as_attachment=True,
        filename=f"{document.offer_check.kind}-{document.pk}.{document.extension}",
    )
    # Personal documents: never kept by a shared cache or the browser's.
    response["Cache-Control"] = "private, no-store"
    return response
