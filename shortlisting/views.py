"""Staff pages for shortlisting packs, under /manage/vacancies/<reference>/packs/.

Anyone who may see a vacancy's applications may ask for its pack, watch it
being made and download it: recruiters of its trust, its hiring manager and
its panel (Vacancy.objects.for_staff). Everyone else gets 404, as if the
vacancy did not exist. The PDF itself is made by workers (shortlisting.tasks),
never in a request.
"""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from candidates.models import Application
from organisations.decorators import staff_member_required
from vacancies.models import Vacancy

from . import pack_kinds, services
from .models import ShortlistPack


def get_vacancy_for_user(user, reference):
    """The vacancy if the user may see its applications; 404 otherwise."""
    return get_object_or_404(Vacancy.objects.for_staff(user).select_related("organisation"), reference=reference)


def get_pack_for_user(user, reference, pk):
    vacancy = get_vacancy_for_user(user, reference)
    # Only shortlisting packs: other kinds (the interview pack, with names)
    # have pages of their own, for those who may see them.
    packs = ShortlistPack.objects.filter(kind=pack_kinds.SHORTLISTING).select_related("requested_by")
    pack = get_object_or_404(packs, vacancy=vacancy, pk=pk)
    pack.vacancy = vacancy
    return pack


@staff_member_required
@require_safe
def pack_list(request, reference):
    """A vacancy's packs, newest first, and the button to ask for a new one."""
    vacancy = get_vacancy_for_user(request.user, reference)
    packs = list(
        ShortlistPack.objects.filter(vacancy=vacancy, kind=pack_kinds.SHORTLISTING)
        .select_related("requested_by")
        .order_by("-created_at", "-id")
    )
    for pack in packs:
        pack.vacancy = vacancy
    return render(
        request,
        "shortlisting/pack_list.html",
        {
            "vacancy": vacancy,
            "packs": packs,
            "in_progress": next((pack for pack in packs if pack.is_in_progress), None),
            "application_count": Application.objects.received().filter(vacancy=vacancy).count(),
            "back_url": reverse("manage:vacancy_detail", kwargs={"reference": vacancy.reference}),
        },
    )


@staff_member_required
@require_POST
def pack_create(request, reference):
    """Ask for a pack; a second request while one is in progress gets that one."""
    vacancy = get_vacancy_for_user(request.user, reference)
    try:
        pack, created = services.request_pack(vacancy=vacancy, requested_by=request.user)
    except services.NothingToPack as refusal:
        messages.error(request, str(refusal))
        return redirect("shortlisting:pack_list", reference=vacancy.reference)
    if not created:
        messages.info(request, _("A pack for this vacancy is already being made. This is its progress."))
    pack.vacancy = vacancy
    return redirect(pack)


@staff_member_required
@require_safe
def pack_detail(request, reference, pk):
    """A pack's progress, its download when ready, or its error and "Try again"."""
    pack = get_pack_for_user(request.user, reference, pk)
    return render(request, "shortlisting/pack_detail.html", _status_context(pack))


@staff_member_required
@require_safe
def pack_status(request, reference, pk):
    """The pack's status as JSON, with the status fragment the page shows, for
    the page's script to poll (static/shortlisting/pack_progress.js)."""
    pack = get_pack_for_user(request.user, reference, pk)
    context = _status_context(pack)
    response = JsonResponse(
        {
            "status": pack.status,
            "progress": pack.progress,
            "html": render_to_string("shortlisting/includes/pack_status.html", context, request=request),
        }
    )
    response["Cache-Control"] = "no-store"
    return response


def _status_context(pack):
    chunks = pack.chunks.aggregate(
        total=Count("id"), ready=Count("id", filter=Q(status=ShortlistPack.Status.READY))
    )
    return {
        "vacancy": pack.vacancy,
        "pack": pack,
        "chunk_count": chunks["total"],
        "chunks_ready": chunks["ready"],
        "back_url": reverse("shortlisting:pack_list", kwargs={"reference": pack.vacancy.reference}),
    }


@staff_member_required
@require_safe
def pack_download(request, reference, pk):
    """The PDF, to those who may see the vacancy's applications; 404 until ready."""
    pack = get_pack_for_user(request.user, reference, pk)
    if not pack.is_ready:
        raise Http404
    try:
        file = pack.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(file, as_attachment=True, filename=pack.download_name, content_type="application/pdf")
    # Applicants' personal information: never kept by a shared cache or proxy.
    response["Cache-Control"] = "private, no-store"
    return response


@staff_member_required
@require_POST
def pack_retry(request, reference, pk):
    """Try a failed pack again."""
    pack = get_pack_for_user(request.user, reference, pk)
    if not pack.is_failed:
        return redirect(pack)
    current = services.retry_pack(pack=pack)
    current.vacancy = pack.vacancy
    if current.pk != pack.pk:
        messages.info(request, _("A newer pack for this vacancy is already being made. This is its progress."))
    return redirect(current)
