"""Shortlisting packs: asking for one, rendering its chunks, merging them, and
the sweeps that keep the work moving and delete old packs.

The database is the source of truth; a message on the broker is only a nudge
to look at a row (DESIGN.md, "Background work"). Every piece of work is
claimed with a conditional UPDATE and a fresh token, and its result is kept
only if the token is still the row's when it finishes, so a chunk rendered
twice (a slow worker and the one the sweep sent after it) is used once.
"""

import logging
import secrets
import shutil
import tempfile
import uuid
from collections import Counter
from datetime import timedelta
from functools import partial
from pathlib import Path

import kombu.exceptions
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import Exists, F, OuterRef, Q, Value
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from nhsuk.storage import STORAGE_TRANSIENT_ERRORS
from vacancies.models import Vacancy

from . import pack_kinds, rendering, stamps, tagged_pdf, tasks
from .models import PackStatus, ShortlistPack, ShortlistPackChunk

logger = logging.getLogger(__name__)
Status = PackStatus

# Errors that say "try again in a moment": the database restarting or failing
# over, a dropped connection to it or to shared storage. Anything else (a bug,
# a template error, text WeasyPrint cannot lay out) fails the same way every
# time, so it fails the pack at once, with the error shown and "Try again".
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError, *STORAGE_TRANSIENT_ERRORS)
# Rendering is 90% of the work, the merge the last 10%.
RENDERED_PERCENT = 90
ERROR_LENGTH = 500


class NothingToPack(Exception):
    """The vacancy has no applications to put in a pack; the message says so."""


# Moves -------------------------------------------------------------------------------


def move_pack(pack_id, status, *, condition=Q(), now=None, **fields):
    """Move a pack to `status` if its status allows it (ShortlistPack.TRANSITIONS)
    and `condition` holds, in one conditional UPDATE; True if it moved.

    Every change of a pack's status goes through here. It is an UPDATE rather
    than a read, a check and a save because several workers race for the same
    row: the database decides who wins."""
    now = now or timezone.now()
    fields[ShortlistPack.STATUS_TIME_FIELDS[status]] = now
    moved = (
        ShortlistPack.objects.filter(condition, pk=pack_id, status__in=ShortlistPack.moves_into(status))
        .update(status=status, **fields)
    )
    return moved == 1


def move_chunks(chunks, status, **fields):
    """Move the chunks of a queryset that may move to `status`; how many moved.
    Every change of a chunk's status goes through here.

    Filter `chunks` on the chunk's own columns (or with Exists), never across a
    relation: Django turns a join into "id IN (subquery)", which PostgreSQL
    does not re-check when a racing UPDATE changed the row first."""
    return chunks.filter(status__in=ShortlistPackChunk.moves_into(status)).update(status=status, **fields)


# Asking for a pack -------------------------------------------------------------------


def request_pack(*, vacancy, requested_by, seed=None, kind=pack_kinds.SHORTLISTING, subject_id=None):
    """Ask for a vacancy's pack of `kind` (shortlisting.pack_kinds; of its
    `subject_id`, for a kind about one thing of the vacancy); returns (pack, created).

    1. Lock the vacancy's row, so that two requests at once make one pack.
    2. If a pack of it is queued or being made, that is the answer.
    3. Take the kind's applications, in its order (shortlisting: the
       applications received, in a random order fixed by a new seed).
    4. Write the pack and its chunks, SHORTLIST_PACK_CHUNK_SIZE applicants each.
    5. Once committed, send a task for each chunk.
    """
    content = pack_kinds.get(kind)
    with transaction.atomic():
        Vacancy.objects.select_for_update().filter(pk=vacancy.pk).values_list("pk", flat=True).first()
        existing = _in_progress_of(vacancy.pk, kind, subject_id).first()
        if existing is not None:
            return existing, False

        if seed is None:
            seed = secrets.randbits(62)
        application_ids = list(content.application_ids(vacancy=vacancy, subject_id=subject_id, seed=seed))
        if not application_ids:
            raise NothingToPack(content.nothing_to_pack())

        size = settings.SHORTLIST_PACK_CHUNK_SIZE
        now = timezone.now()
        pack = ShortlistPack.objects.create(
            vacancy=vacancy,
            kind=kind,
            subject_id=subject_id,
            requested_by=requested_by,
            seed=seed,
            chunk_size=size,
            applicant_count=len(application_ids),
            created_at=now,
            queued_at=now,
        )
        chunks = ShortlistPackChunk.objects.bulk_create(
            ShortlistPackChunk(
                pack=pack,
                index=index,
                first_position=start + 1,
                application_ids=application_ids[start : start + size],
                nudged_at=now,
            )
            for index, start in enumerate(range(0, len(application_ids), size))
        )
        for chunk in chunks:
            _send_on_commit(tasks.render_pack_chunk, chunk_id=chunk.pk)
    logger.info("Pack %s asked for: %s applicants in %s chunks", pack.pk, len(application_ids), len(chunks))
    return pack, True


def _in_progress_of(vacancy_id, kind, subject_id):
    """The vacancy's packs of a kind (and subject) in progress: at most one
    (ShortlistPack's constraints)."""
    return ShortlistPack.objects.in_progress().filter(vacancy_id=vacancy_id, kind=kind, subject_id=subject_id)


def retry_pack(*, pack):
    """Try a failed pack again: the chunks that were not finished go back to the
    queue (those that were keep their PDFs), or the merge does if every chunk
    was finished. Returns the pack now in progress for the vacancy: this one,
    or another asked for since it failed."""
    with transaction.atomic():
        Vacancy.objects.select_for_update().filter(pk=pack.vacancy_id).values_list("pk", flat=True).first()
        other = _in_progress_of(pack.vacancy_id, pack.kind, pack.subject_id).exclude(pk=pack.pk).first()
        if other is not None:
            return other
        now = timezone.now()
        if not move_pack(pack.pk, Status.QUEUED, now=now, error="", merge_token=None, merge_attempts=0):
            return pack
        # Chunks still marked rendering belong to workers that may be alive:
        # their tokens are cleared, so whatever they finish is thrown away.
        # Finished chunks whose PDF has gone since (the merge failed reading
        # it) are made again too.
        chunks = ShortlistPackChunk.objects.filter(pack=pack)
        chunk_ids = list(chunks.exclude(status=Status.READY).values_list("pk", flat=True))
        chunk_ids += [
            chunk.pk
            for chunk in chunks.filter(status=Status.READY)
            if not chunk.file or not default_storage.exists(chunk.file.name)
        ]
        move_chunks(
            ShortlistPackChunk.objects.filter(pk__in=chunk_ids),
            Status.QUEUED,
            claim_token=None,
            attempts=0,
            error="",
            file="",
            nudged_at=now,
        )
        total = chunks.count()
        ShortlistPack.objects.filter(pk=pack.pk).update(progress=RENDERED_PERCENT * (total - len(chunk_ids)) // total)
        for chunk_id in chunk_ids:
            _send_on_commit(tasks.render_pack_chunk, chunk_id=chunk_id)
        if not chunk_ids:
            # Every chunk was made: only the merge failed. The pack must be
            # rendering for the merge to claim it.
            move_pack(pack.pk, Status.RENDERING, now=now, merge_nudged_at=now)
            _send_on_commit(tasks.merge_pack, pack_id=pack.pk)
    logger.info("Pack %s tried again: %s chunks queued", pack.pk, len(chunk_ids))
    return pack


# Rendering a chunk ---------------------------------------------------------------------


def render_chunk(*, chunk):
    """Render one chunk of applicants to a PDF of its own; True if it was used.

    1. Claim it: queued → rendering with a new token, only while its pack is in
       progress. No row changed means another worker has it, or it is done.
    2. Lay out its applicants with WeasyPrint and store the PDF.
    3. Keep the result only if the chunk is still ours (the sweep may have
       handed it to another worker in the meantime); otherwise delete the file.
    4. Record progress; the chunk that finds every chunk ready nudges the merge.

    A transient error hands the chunk back (rendering → queued) and is raised
    for the task to retry; any other error fails the chunk and its pack.
    """
    token = uuid.uuid4()
    now = timezone.now()
    # The conditions stay on the chunk's own row (no join), so that on
    # PostgreSQL the second of two racing UPDATEs re-checks the status the
    # first one changed, and matches nothing.
    pack_in_progress = ShortlistPack.objects.filter(pk=OuterRef("pack_id"), status__in=PackStatus.in_progress())
    claimed = move_chunks(
        ShortlistPackChunk.objects.filter(Exists(pack_in_progress), pk=chunk.pk),
        Status.RENDERING,
        claim_token=token,
        claimed_at=now,
        attempts=F("attempts") + 1,
    )
    if not claimed:
        logger.info("Chunk %s of pack %s is not waiting: nothing to do", chunk.index, chunk.pack_id)
        return False
    move_pack(chunk.pack_id, Status.RENDERING, now=now)
    ours = ShortlistPackChunk.objects.filter(pk=chunk.pk, claim_token=token)
    logger.info("Rendering chunk %s of pack %s (%s applicants)", chunk.index, chunk.pack_id, len(chunk.application_ids))

    name = None
    try:
        criteria = rendering.criteria_of(chunk.pack.vacancy)
        part = rendering.render_applications(chunk, criteria=criteria)
        name = default_storage.save(_chunk_file_name(chunk, token), ContentFile(part.pdf))
    except TRANSIENT_ERRORS:
        _delete_quietly(name)
        try:
            move_chunks(ours, Status.QUEUED, claim_token=None, nudged_at=timezone.now())
        except TRANSIENT_ERRORS:
            logger.exception("Chunk %s could not be handed back; the sweep will", chunk.pk)
        raise
    except Exception as error:  # Anything else fails the same way next time.
        logger.exception("Chunk %s of pack %s failed", chunk.index, chunk.pack_id)
        _delete_quietly(name)
        fail_chunk(chunk=chunk, error=error, token=token)
        return False

    finished = move_chunks(
        ours,
        Status.READY,
        file=name,
        page_count=part.page_count,
        applicant_pages=part.applicants,
        finished_at=timezone.now(),
        error="",
    )
    if not finished:
        logger.warning("Chunk %s of pack %s was handed on while rendering: result dropped", chunk.index, chunk.pack_id)
        _delete_quietly(name)
        return False
    _chunk_finished(chunk.pack_id)
    return True


def _chunk_finished(pack_id):
    # Outside any transaction, so each worker sees the others' finished
    # chunks: of two finishing at once, at least the later sees all ready.
    chunks = ShortlistPackChunk.objects.filter(pack_id=pack_id)
    total = chunks.count()
    ready = chunks.filter(status=Status.READY).count()
    ShortlistPack.objects.filter(pk=pack_id, status=Status.RENDERING).update(
        progress=Greatest(F("progress"), Value(RENDERED_PERCENT * ready // total))
    )
    if ready == total:
        ShortlistPack.objects.filter(pk=pack_id).update(merge_nudged_at=timezone.now())
        _send_on_commit(tasks.merge_pack, pack_id=pack_id)


def fail_chunk(*, chunk, error, token=None):
    """Mark a chunk failed (if `token` is given, only while it is still that
    claim's) and its pack failed, with the error the recruiter will see."""
    message = _("Applicants %(first)s to %(last)s (part %(part)s of %(parts)s) could not be put in the pack: %(error)s") % {
        "first": chunk.first_position,
        "last": chunk.last_position,
        "part": chunk.index + 1,
        "parts": ShortlistPackChunk.objects.filter(pack_id=chunk.pack_id).count(),
        "error": describe(error),
    }
    chunks = ShortlistPackChunk.objects.filter(pk=chunk.pk)
    if token is not None:
        chunks = chunks.filter(claim_token=token)
    if move_chunks(chunks, Status.FAILED, error=message, finished_at=timezone.now()):
        move_pack(chunk.pack_id, Status.FAILED, error=message)


def describe(error):
    if isinstance(error, SoftTimeLimitExceeded):
        return _("it took longer than %(seconds)s seconds") % {"seconds": settings.CELERY_TASK_SOFT_TIME_LIMIT}
    if isinstance(error, OSError) and error.strerror:
        # Without the file's path: staff need the what, the log keeps the where.
        return error.strerror
    text = str(error) or error.__class__.__name__
    return text[:ERROR_LENGTH]


def _chunk_file_name(chunk, token):
    return f"shortlisting/chunks/pack-{chunk.pack_id}-chunk-{chunk.index:04d}-{token.hex[:12]}.pdf"


# Merging ------------------------------------------------------------------------------


def merge_pack(*, pack):
    """Put the pack together once every chunk is ready; True if this made it.

    1. Claim the merge: the pack is rendering, every chunk ready, no merge
       claimed. No row changed means another worker has it, or it is done.
    2. Lay out the front matter (cover, person specification, contents) now
       that every applicant's page is known.
    3. Merge the front matter and the chunks, one at a time, into one tagged
       PDF, their structure trees under one root, stamping the running header
       and "Page X of Y" and adding a bookmark per applicant, in a process of
       its own that holds the pack's objects (shortlisting.tagged_pdf).
    4. Store it, and mark the pack ready if the merge is still ours.
    5. Delete the chunks' PDFs: the pack holds everything they did.
    """
    token = uuid.uuid4()
    now = timezone.now()
    unfinished = ShortlistPackChunk.objects.filter(pack=OuterRef("pk")).exclude(status=Status.READY)
    claimed = (
        ShortlistPack.objects.filter(pk=pack.pk, status=Status.RENDERING, merge_token__isnull=True)
        .filter(~Exists(unfinished))
        .update(merge_token=token, merge_started_at=now, merge_attempts=F("merge_attempts") + 1)
    )
    if not claimed:
        logger.info("Pack %s is not ready to merge, or is being merged: nothing to do", pack.pk)
        return False
    ours = Q(merge_token=token)
    logger.info("Merging pack %s", pack.pk)

    name = None
    try:
        name, page_count = _merge(pack)
    except TRANSIENT_ERRORS:
        _delete_quietly(name)
        try:
            ShortlistPack.objects.filter(ours, pk=pack.pk).update(merge_token=None, merge_nudged_at=timezone.now())
        except TRANSIENT_ERRORS:
            logger.exception("The merge of pack %s could not be handed back; the sweep will", pack.pk)
        raise
    except Exception as error:
        logger.exception("The merge of pack %s failed", pack.pk)
        _delete_quietly(name)
        fail_merge(pack=pack, error=error, token=token)
        return False

    if not move_pack(pack.pk, Status.READY, condition=ours, file=name, page_count=page_count, progress=100, error=""):
        logger.warning("The merge of pack %s was handed on while running: result dropped", pack.pk)
        _delete_quietly(name)
        return False
    for chunk in ShortlistPackChunk.objects.filter(pack=pack).exclude(file=""):
        _delete_quietly(chunk.file.name)
    ShortlistPackChunk.objects.filter(pack=pack).update(file="")
    logger.info("Pack %s is ready: %s pages", pack.pk, page_count)
    return True


def _merge(pack):
    vacancy = pack.vacancy
    criteria = rendering.criteria_of(vacancy)
    chunks = list(ShortlistPackChunk.objects.filter(pack=pack).order_by("index"))
    entries = []
    applicant_pages = 0
    for chunk in chunks:
        for position, applicant in enumerate(chunk.applicant_pages, start=len(entries) + 1):
            entries.append({**applicant, "position": position, "page": applicant_pages + applicant["page"]})
        applicant_pages += chunk.page_count
    front = rendering.render_front_matter(pack, criteria=criteria, entries=entries)
    total = front.page_count + applicant_pages
    about = {
        "title": rendering.pdf_title(pack),
        "language": rendering.LANGUAGE,
        "author": vacancy.organisation.name,
        "subject": rendering.pdf_subject(pack),
    }
    running_title = rendering.running_title(pack)
    page_label = rendering.page_label()
    # Every character the stamps will write, laid out once in the body font.
    glyphs = rendering.render_glyphs(
        regular=running_title + stamps.ELLIPSIS + page_label % {"page": "0123456789", "pages": total},
        bold="".join(entry["code"] for entry in entries),
    )
    titles = {"cover": _("Cover"), "person-specification": _("Person specification"), "contents": _("Contents")}
    # The cover has no running header; the rest of the front matter has the
    # pack's; an applicant's pages add their code.
    heads = {"cover": None, "person-specification": "", "contents": ""}

    with tempfile.TemporaryDirectory(prefix="pack-merge-") as folder:
        folder = Path(folder)
        (folder / "front.pdf").write_bytes(front.pdf)
        (folder / "glyphs.pdf").write_bytes(glyphs)
        parts = [
            {
                "path": str(folder / "front.pdf"),
                "sections": [(title, front.sections[key], heads[key]) for key, title in titles.items()],
                "links": {
                    page: [(link.rectangle, link.target_page, link.description) for link in links]
                    for page, links in front.links.items()
                },
            }
        ]
        for chunk in chunks:
            # A copy on local disk, by the chunk's storage name: the merge
            # reads it seeking here and there, which a file in remote storage
            # may do slowly or not at all.
            path = folder / f"chunk-{chunk.index:04d}.pdf"
            with default_storage.open(chunk.file.name, "rb") as stored, open(path, "wb") as copy:
                shutil.copyfileobj(stored, copy)
            sections = [(applicant["code"], applicant["page"], applicant["code"]) for applicant in chunk.applicant_pages]
            parts.append({"path": str(path), "sections": sections})
        tagged_pdf.merge_in_child(
            {
                **about,
                "glyphs": str(folder / "glyphs.pdf"),
                "out": str(folder / "pack.pdf"),
                "running_title": running_title,
                "page_label": page_label,
                "total_pages": total,
                "parts": parts,
                "bookmarks": _bookmarks(front, entries),
            },
            timeout=settings.CELERY_TASK_TIME_LIMIT,
        )
        with open(folder / "pack.pdf", "rb") as out:
            name = default_storage.save(
                f"shortlisting/packs/pack-{pack.pk}-{uuid.uuid4().hex[:12]}.pdf", File(out, name="pack.pdf")
            )
    return name, total


def _bookmarks(front, entries):
    """The outline, as [title, page, children] (tagged_pdf.merge_files)."""
    sections = front.sections
    marks = [
        (_("Cover"), sections.get("cover", 0), []),
        (_("Person specification"), sections.get("person-specification", 0), []),
        (_("Contents"), sections.get("contents", 0), []),
    ]
    if entries:
        marks.append(
            (
                _("Applications"),
                front.page_count + entries[0]["page"],
                [(entry["code"], front.page_count + entry["page"], []) for entry in entries],
            )
        )
    return marks


def fail_merge(*, pack, error, token=None):
    message = _("The pack could not be put together: %(error)s") % {"error": describe(error)}
    condition = Q(merge_token=token) if token is not None else Q()
    move_pack(pack.pk, Status.FAILED, condition=condition, error=message, merge_token=None)


# Sweeps -------------------------------------------------------------------------------


def requeue_stuck_packs(*, now=None):
    """Send again the work of packs in progress that has not moved for
    SHORTLIST_PACK_STUCK_AFTER seconds; returns what it did, counted.

    1. Chunks rendering that long: their worker died (killed, out of memory,
       its machine gone). Hand them back to the queue, or fail them once they
       have been tried MAX_ATTEMPTS times.
    2. Chunks queued that long: their message was lost (a broker restarted
       without its data). Nudge them again; a duplicate message is harmless,
       as only one claim can win.
    3. Packs whose chunks are all ready and whose merge was not claimed, or was
       claimed that long ago by a worker that died: nudge the merge again.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.SHORTLIST_PACK_STUCK_AFTER)
    done = Counter()
    active = Q(pack__status__in=PackStatus.in_progress())

    abandoned = ShortlistPackChunk.objects.filter(active, status=Status.RENDERING, claimed_at__lt=cutoff)
    for chunk in abandoned.select_related("pack"):
        if chunk.attempts >= ShortlistPackChunk.MAX_ATTEMPTS:
            fail_chunk(
                chunk=chunk,
                token=chunk.claim_token,
                error=_("it stopped %(count)s times before it was finished") % {"count": chunk.attempts},
            )
            done["chunks_failed"] += 1
            continue
        if move_chunks(
            ShortlistPackChunk.objects.filter(pk=chunk.pk, claim_token=chunk.claim_token),
            Status.QUEUED,
            claim_token=None,
            nudged_at=now,
        ):
            _send_on_commit(tasks.render_pack_chunk, chunk_id=chunk.pk)
            done["chunks_requeued"] += 1

    lost = list(
        ShortlistPackChunk.objects.filter(active, status=Status.QUEUED, nudged_at__lt=cutoff).values_list("pk", flat=True)
    )
    ShortlistPackChunk.objects.filter(pk__in=lost, status=Status.QUEUED).update(nudged_at=now)
    for chunk_id in lost:
        _send_on_commit(tasks.render_pack_chunk, chunk_id=chunk_id)
    done["chunks_nudged"] += len(lost)

    unfinished = ShortlistPackChunk.objects.filter(pack=OuterRef("pk")).exclude(status=Status.READY)
    mergeable = ShortlistPack.objects.filter(status=Status.RENDERING).filter(~Exists(unfinished))
    never_claimed = mergeable.filter(merge_token__isnull=True).filter(
        Q(merge_nudged_at__isnull=True) | Q(merge_nudged_at__lt=cutoff)
    )
    for pack_id in list(never_claimed.values_list("pk", flat=True)):
        if ShortlistPack.objects.filter(pk=pack_id, merge_token__isnull=True).update(merge_nudged_at=now):
            _send_on_commit(tasks.merge_pack, pack_id=pack_id)
            done["merges_nudged"] += 1
    for pack in mergeable.filter(merge_token__isnull=False, merge_started_at__lt=cutoff):
        if pack.merge_attempts >= ShortlistPackChunk.MAX_ATTEMPTS:
            fail_merge(
                pack=pack,
                token=pack.merge_token,
                error=_("it stopped %(count)s times before it was finished") % {"count": pack.merge_attempts},
            )
            done["merges_failed"] += 1
        elif ShortlistPack.objects.filter(pk=pack.pk, merge_token=pack.merge_token).update(
            merge_token=None, merge_nudged_at=now
        ):
            _send_on_commit(tasks.merge_pack, pack_id=pack.pk)
            done["merges_requeued"] += 1

    done = {what: count for what, count in done.items() if count}
    if done:
        logger.warning("Stuck shortlisting packs: %s", done)
    return done


def delete_old_packs(*, now=None):
    """Delete packs asked for more than SHORTLIST_PACK_RETENTION_DAYS ago, in
    any status, with their files; returns how many. Files first: a file left
    without its row would never be found again."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.SHORTLIST_PACK_RETENTION_DAYS)
    deleted = 0
    for pack in ShortlistPack.objects.filter(created_at__lt=cutoff).prefetch_related("chunks"):
        names = [pack.file.name] + [chunk.file.name for chunk in pack.chunks.all()]
        for name in filter(None, names):
            default_storage.delete(name)
        pack.delete()
        deleted += 1
    if deleted:
        logger.info("Deleted %s shortlisting packs made before %s", deleted, cutoff)
    return deleted


# Helpers ------------------------------------------------------------------------------


def _send_on_commit(task, **kwargs):
    transaction.on_commit(partial(_send, task, **kwargs))


def _send(task, **kwargs):
    try:
        task.delay(**kwargs)
    except kombu.exceptions.OperationalError:
        # The broker is down. The row is committed; the sweep sends it again.
        logger.exception("Could not send %s%s; the sweep will send it again", task.name, kwargs)


def _delete_quietly(name):
    if not name:
        return
    try:
        default_storage.delete(name)
    except (OSError, *STORAGE_TRANSIENT_ERRORS):
        logger.exception("Could not delete %s", name)
