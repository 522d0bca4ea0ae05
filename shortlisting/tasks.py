"""Celery tasks for shortlisting packs: thin, each fetches its row and calls one
service. Late acknowledgement, reject on worker lost, prefetch of one and the
soft and hard time limits (300 and 360 seconds, below Redis's visibility
timeout) come from recruitment/settings.py; a chunk of 25 applicants takes
about 7 seconds, the merge of a 500-applicant pack about 8 (make bench)."""

import logging

from celery import shared_task

from . import services
from .models import ShortlistPack, ShortlistPackChunk

logger = logging.getLogger(__name__)

# Transient errors (services.TRANSIENT_ERRORS: the database failing over, a
# dropped connection) are tried again after 10, 20 and 40 seconds: a database
# failover or a storage hiccup is over in about a minute. After that the chunk
# fails the pack, with the error shown and a "Try again" button.
MAX_RETRIES = 3
FIRST_RETRY_AFTER = 10


def _retry_after(retries):
    return FIRST_RETRY_AFTER * 2**retries


@shared_task(bind=True, name="shortlisting.render_pack_chunk", max_retries=MAX_RETRIES)
def render_pack_chunk(self, *, chunk_id):
    """Render one chunk of a pack's applicants to a PDF of its own."""
    chunk = ShortlistPackChunk.objects.select_related("pack__vacancy__organisation").filter(pk=chunk_id).first()
    if chunk is None:
        logger.warning("Chunk %s is gone: nothing to render", chunk_id)
        return False
    try:
        return services.render_chunk(chunk=chunk)
    except services.TRANSIENT_ERRORS as error:
        if self.request.retries >= self.max_retries:
            services.fail_chunk(chunk=chunk, error=error)
            return False
        raise self.retry(exc=error, countdown=_retry_after(self.request.retries)) from error


@shared_task(bind=True, name="shortlisting.merge_pack", max_retries=MAX_RETRIES)
def merge_pack(self, *, pack_id):
    """Put a pack together from its chunks once they are all rendered."""
    pack = ShortlistPack.objects.select_related("vacancy__organisation").filter(pk=pack_id).first()
    if pack is None:
        logger.warning("Pack %s is gone: nothing to merge", pack_id)
        return False
    try:
        return services.merge_pack(pack=pack)
    except services.TRANSIENT_ERRORS as error:
        if self.request.retries >= self.max_retries:
            services.fail_merge(pack=pack, error=error)
            return False
        raise self.retry(exc=error, countdown=_retry_after(self.request.retries)) from error


@shared_task(name="shortlisting.requeue_stuck_packs")
def requeue_stuck_packs():
    """Beat task: send again pack work left queued or rendering too long."""
    return services.requeue_stuck_packs()


@shared_task(name="shortlisting.delete_old_packs")
def delete_old_packs():
    """Beat task: delete packs past SHORTLIST_PACK_RETENTION_DAYS, files and all."""
    return services.delete_old_packs()
