"""Staff pages for packs: the shortlisting packs under
/manage/vacancies/<reference>/packs/, and with the same views every other
kind of pack, at URLs of its app that name the kind (interviews.urls: a
round's interview packs, under .../interviews/<round>/packs/).

Anyone who may see a kind's packs may ask for one, watch it being made and
download it: for the shortlisting pack, those who may see the vacancy's
applications, recruiters of its trust, its hiring manager and its panel
(Vacancy.objects.for_staff); for another kind, those its kind lets see them
(shortlisting.pack_kinds, subject_for_user). Everyone else gets 404, as if
the vacancy did not exist. A pack is never shown under the URLs of another
kind or subject. The PDF itself is made by workers (shortlisting.tasks),
never in a request.
"""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST, require_safe

from organisations.decorators import staff_member_required
from vacancies.models import Vacancy

from . import pack_kinds, services
from .models import ShortlistPack


def get_vacancy_for_user(user, reference):
    """The vacancy if the user may see its applications; 404 otherwise."""
    return get_object_or_404(Vacancy.objects.for_staff(user).select_related("organisation"), reference=reference)


class Packs:
    """The packs of one kind of one subject of a vacancy, as a URL names them
    (`kind`, and `where`: the URL's arguments but `pk`), once the user may see them."""

    def __init__(self, user, kind, where):
        self.kind = kind
        self.content = pack_kinds.get(kind)
        self.vacancy, self.subject = self.content.subject_for_user(user, **where)
        self.subject_id = self.subject.pk if self.subject is not None else None

    def all(self):
        return ShortlistPack.objects.filter(vacancy=self.vacancy, kind=self.kind, subject_id=self.subject_id)

    def get(self, pk):
        pack = get_object_or_404(self.all().select_related("requested_by"), pk=pk)
        pack.vacancy = self.vacancy
        return pack

    def url(self, name, **kwargs):
        return self.content.page_url(name, vacancy=self.vacancy, subject_id=self.subject_id, **kwargs)


@staff_member_required
@require_safe
def pack_list(request, kind=pack_kinds.SHORTLISTING, **where):
    """The packs, newest first, and the button to ask for a new one."""
    packs = Packs(request.user, kind, where)
    listed = list(packs.all().select_related("requested_by").order_by("-created_at", "-id"))
    for pack in listed:
        pack.vacancy = packs.vacancy
        pack.download_url = packs.url("pack_download", pk=pack.pk)
    # As many as a pack asked for now would hold.
    applicant_count = len(
        packs.content.application_ids(vacancy=packs.vacancy, subject_id=packs.subject_id, seed=None)
    )
    return render(
        request,
        packs.content.list_template,
        {
            "vacancy": packs.vacancy,
            "subject": packs.subject,
            "packs": listed,
            "in_progress": next((pack for pack in listed if pack.is_in_progress), None),
            "applicant_count": applicant_count,
            "nothing_to_pack": packs.content.nothing_to_pack(),
            "create_url": packs.url("pack_create"),
            "back_url": packs.content.subject_url(vacancy=packs.vacancy, subject_id=packs.subject_id),
        },
    )


@staff_member_required
@require_POST
def pack_create(request, kind=pack_kinds.SHORTLISTING, **where):
    """Ask for a pack; a second request while one is in progress gets that one."""
    packs = Packs(request.user, kind, where)
    try:
        pack, created = services.request_pack(
            vacancy=packs.vacancy, requested_by=request.user, kind=kind, subject_id=packs.subject_id
        )
    except services.NothingToPack as refusal:
        messages.error(request, str(refusal))
        return redirect(packs.url("pack_list"))
    if not created:
        messages.info(request, packs.content.already_being_made())
    pack.vacancy = packs.vacancy
    return redirect(pack)


@staff_member_required
@require_safe
def pack_detail(request, pk, kind=pack_kinds.SHORTLISTING, **where):
    """A pack's progress, its download when ready, or its error and "Try again"."""
    packs = Packs(request.user, kind, where)
    return render(request, packs.content.detail_template, _status_context(packs, packs.get(pk)))


@staff_member_required
@require_safe
def pack_status(request, pk, kind=pack_kinds.SHORTLISTING, **where):
    """The pack's status as JSON, with the status fragment the page shows, for
    the page's script to poll (static/shortlisting/pack_progress.js)."""
    packs = Packs(request.user, kind, where)
    pack = packs.get(pk)
    response = JsonResponse(
        {
            "status": pack.status,
            "progress": pack.progress,
            "html": render_to_string(packs.content.status_template, _status_context(packs, pack), request=request),
        }
    )
    response["Cache-Control"] = "no-store"
    return response


def _status_context(packs, pack):
    chunks = pack.chunks.aggregate(
        total=Count("id"), ready=Count("id", filter=Q(status=ShortlistPack.Status.READY))
    )
    return {
        "vacancy": packs.vacancy,
        "subject": packs.subject,
        "pack": pack,
        "chunk_count": chunks["total"],
        "chunks_ready": chunks["ready"],
        "status_template": packs.content.status_template,
        "status_url": packs.url("pack_status", pk=pack.pk),
        "download_url": packs.url("pack_download", pk=pack.pk),
        "retry_url": packs.url("pack_retry", pk=pack.pk),
        "back_url": packs.url("pack_list"),
    }


@staff_member_required
@require_safe
def pack_download(request, pk, kind=pack_kinds.SHORTLISTING, **where):
    """The PDF, to those who may see the pack; 404 until it is ready."""
    packs = Packs(request.user, kind, where)
    pack = packs.get(pk)
    if not pack.is_ready:
        raise Http404
    try:
        file = pack.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        file, as_attachment=True, filename=packs.content.download_name(pack), content_type="application/pdf"
    )
    # Applicants' personal information: never kept by a shared cache or proxy.
    response["Cache-Control"] = "private, no-store"
    return response


@staff_member_required
@require_POST
def pack_retry(request, pk, kind=pack_kinds.SHORTLISTING, **where):
    """Try a failed pack again."""
    packs = Packs(request.user, kind, where)
    pack = packs.get(pk)
    if not pack.is_failed:
        return redirect(pack)
    current = services.retry_pack(pack=pack)
    current.vacancy = pack.vacancy
    if current.pk != pack.pk:
        messages.info(request, packs.content.newer_being_made())
    return redirect(current)
