"""Staff pages for a round's interview packs, under
/manage/vacancies/<reference>/interviews/<round>/packs/.

The pack shows candidates' names, so it is for those who may see the round:
the vacancy's hiring manager, recruiters of its trust and the members of staff
on the panel of one of its slots (staff_views.get_round_for_user). Everyone
else gets 404, panel members of other rounds and the shortlisting panel
included. The PDF is made by workers (interviews.packs, through the
shortlisting pack pipeline), never in a request.
"""

from django.contrib import messages
from django.core.files.storage import default_storage
from django.db.models import Count, Q
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from organisations.decorators import staff_member_required
from shortlisting import services as pack_services
from shortlisting.models import ShortlistPack

from . import packs
from .staff_views import get_round_for_user


def get_pack_for_user(user, reference, round_id, pk):
    """(vacancy, round, pack) if the user may see the round; 404 otherwise."""
    vacancy, interview_round, _manages = get_round_for_user(user, reference, round_id)
    pack = get_object_or_404(packs.packs_of(interview_round).select_related("requested_by"), pk=pk)
    pack.vacancy = vacancy
    return vacancy, interview_round, pack


def _redirect_to(pack, interview_round):
    return redirect(
        "interviews:pack_detail", reference=interview_round.vacancy.reference, round_id=interview_round.pk, pk=pack.pk
    )


@staff_member_required
@require_safe
def pack_list(request, reference, round_id):
    """The round's interview packs, newest first, and the button to ask for one."""
    vacancy, interview_round, _manages = get_round_for_user(request.user, reference, round_id)
    round_packs = list(packs.packs_of(interview_round).select_related("requested_by"))
    for pack in round_packs:
        pack.vacancy = vacancy
    return render(
        request,
        "interviews/pack/pack_list.html",
        {
            "vacancy": vacancy,
            "round": interview_round,
            "packs": round_packs,
            "in_progress": next((pack for pack in round_packs if pack.is_in_progress), None),
            "candidate_count": len(packs.candidates_of(interview_round)),
            "back_url": reverse("interviews:round_detail", kwargs={"reference": reference, "round_id": round_id}),
        },
    )


@staff_member_required
@require_POST
def pack_create(request, reference, round_id):
    """Ask for the round's pack; a second request while one is in progress gets that one."""
    _vacancy, interview_round, _manages = get_round_for_user(request.user, reference, round_id)
    try:
        pack, created = packs.request_interview_pack(interview_round=interview_round, requested_by=request.user)
    except pack_services.NothingToPack as refusal:
        messages.error(request, str(refusal))
        return redirect("interviews:pack_list", reference=reference, round_id=round_id)
    if not created:
        messages.info(request, _("A pack for this round is already being made. This is its progress."))
    return _redirect_to(pack, interview_round)


@staff_member_required
@require_safe
def pack_detail(request, reference, round_id, pk):
    """A pack's progress, its download when ready, or its error and "Try again"."""
    _vacancy, interview_round, pack = get_pack_for_user(request.user, reference, round_id, pk)
    return render(request, "interviews/pack/pack_detail.html", _status_context(pack, interview_round))


@staff_member_required
@require_safe
def pack_status(request, reference, round_id, pk):
    """The pack's status as JSON with the fragment the page shows, for the
    page's script to poll (static/shortlisting/pack_progress.js)."""
    _vacancy, interview_round, pack = get_pack_for_user(request.user, reference, round_id, pk)
    context = _status_context(pack, interview_round)
    response = JsonResponse(
        {
            "status": pack.status,
            "progress": pack.progress,
            "html": render_to_string("interviews/pack/includes/pack_status.html", context, request=request),
        }
    )
    response["Cache-Control"] = "no-store"
    return response


def _status_context(pack, interview_round):
    chunks = pack.chunks.aggregate(total=Count("id"), ready=Count("id", filter=Q(status=ShortlistPack.Status.READY)))
    return {
        "vacancy": pack.vacancy,
        "round": interview_round,
        "pack": pack,
        "chunk_count": chunks["total"],
        "chunks_ready": chunks["ready"],
        "back_url": reverse(
            "interviews:pack_list", kwargs={"reference": pack.vacancy.reference, "round_id": interview_round.pk}
        ),
    }


@staff_member_required
@require_safe
def pack_download(request, reference, round_id, pk):
    """The PDF, to those who may see the round; 404 until it is ready."""
    vacancy, _round, pack = get_pack_for_user(request.user, reference, round_id, pk)
    if not pack.is_ready:
        raise Http404
    try:
        file = default_storage.open(pack.file.name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        file, as_attachment=True, filename=f"interview-pack-{vacancy.reference}-{pack.pk}.pdf", content_type="application/pdf"
    )
    # Candidates' names and applications: never kept by a shared cache or proxy.
    response["Cache-Control"] = "private, no-store"
    return response


@staff_member_required
@require_POST
def pack_retry(request, reference, round_id, pk):
    """Try a failed pack again."""
    _vacancy, interview_round, pack = get_pack_for_user(request.user, reference, round_id, pk)
    if not pack.is_failed:
        return _redirect_to(pack, interview_round)
    current = pack_services.retry_pack(pack=pack)
    if current.pk != pack.pk:
        messages.info(request, _("A newer pack for this round is already being made. This is its progress."))
    return _redirect_to(current, interview_round)
