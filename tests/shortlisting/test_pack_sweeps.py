"""The beat tasks: sending again work that a lost message or a dead worker left
behind, and deleting packs past their retention. Called directly; the time is
moved with time-machine."""

import datetime
import uuid

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from shortlisting import services, tasks
from shortlisting.models import ShortlistPack, ShortlistPackChunk
from tests.factories import ShortlistPackFactory

pytestmark = pytest.mark.django_db
Status = ShortlistPack.Status
STUCK = datetime.timedelta(seconds=600)


@pytest.fixture(autouse=True)
def stuck_after(settings):
    settings.SHORTLIST_PACK_STUCK_AFTER = int(STUCK.total_seconds())


@pytest.fixture
def pack(vacancy, applications, recruiter):
    pack, _ = services.request_pack(vacancy=vacancy, requested_by=recruiter, seed=7)
    return pack


def later(delta):
    return time_machine.travel(timezone.now() + delta, tick=False)


@pytest.fixture
def sweep(django_capture_on_commit_callbacks):
    """The beat task, with what it sends after commit sent (the test runs in a
    transaction that never commits)."""

    def sweep():
        with django_capture_on_commit_callbacks(execute=True):
            return tasks.requeue_stuck_packs()

    return sweep


def claim(chunk, *, attempts=1):
    token = uuid.uuid4()
    ShortlistPackChunk.objects.filter(pk=chunk.pk).update(
        status=Status.RENDERING, claim_token=token, claimed_at=timezone.now(), attempts=attempts
    )
    ShortlistPack.objects.filter(pk=chunk.pack_id).update(status=Status.RENDERING)
    return token


def test_requeue_stuck_packs_leaves_work_that_is_moving_alone(pack, sent_tasks, sweep):
    claim(pack.chunks.get(index=0))

    with later(STUCK - datetime.timedelta(seconds=1)):
        assert sweep() == {}

    assert sent_tasks.drain() == []
    assert ShortlistPackChunk.objects.get(pack=pack, index=0).status == Status.RENDERING


def test_requeue_stuck_packs_sends_again_chunks_whose_message_was_lost(pack, sent_tasks, sweep):
    chunk_ids = sorted(pack.chunks.values_list("pk", flat=True))

    with later(STUCK + datetime.timedelta(seconds=1)):
        assert sweep() == {"chunks_nudged": 3}
        nudged_at = timezone.now()

    assert sorted(kwargs["chunk_id"] for _name, kwargs in sent_tasks.drain()) == chunk_ids
    assert set(pack.chunks.values_list("nudged_at", flat=True)) == {nudged_at}
    # Not again at the next beat: only once it has been waiting that long again.
    with later(STUCK + datetime.timedelta(seconds=61)):
        assert sweep() == {}


def test_requeue_stuck_packs_hands_back_a_chunk_whose_worker_died(pack, sent_tasks, sweep):
    chunk = pack.chunks.get(index=1)
    token = claim(chunk)
    ShortlistPackChunk.objects.exclude(pk=chunk.pk).update(status=Status.READY)

    with later(STUCK + datetime.timedelta(seconds=1)):
        assert sweep() == {"chunks_requeued": 1}

    chunk.refresh_from_db()
    assert (chunk.status, chunk.claim_token, chunk.attempts) == (Status.QUEUED, None, 1)
    assert sent_tasks.drain() == [("shortlisting.render_pack_chunk", {"chunk_id": chunk.pk})]
    # Should the first worker finish after all, its result is not the chunk's.
    assert ShortlistPackChunk.objects.filter(pk=chunk.pk, claim_token=token).count() == 0


def test_requeue_stuck_packs_fails_a_chunk_that_keeps_dying(pack, sent_tasks, sweep):
    chunk = pack.chunks.get(index=2)
    claim(chunk, attempts=ShortlistPackChunk.MAX_ATTEMPTS)

    with later(STUCK + datetime.timedelta(seconds=1)):
        assert sweep()["chunks_failed"] == 1

    pack.refresh_from_db()
    assert pack.status == Status.FAILED
    assert pack.error == "Applicants 5 to 5 (part 3 of 3) could not be put in the pack: it stopped 5 times before it was finished"
    assert ("shortlisting.render_pack_chunk", {"chunk_id": chunk.pk}) not in sent_tasks.drain()


def test_requeue_stuck_packs_sends_the_merge_again_when_its_message_was_lost(pack, sent_tasks, sweep):
    for chunk_id in pack.chunks.values_list("pk", flat=True):
        tasks.render_pack_chunk(chunk_id=chunk_id)
    sent_tasks.drain()

    with later(STUCK + datetime.timedelta(seconds=1)):
        assert sweep() == {"merges_nudged": 1}

    assert sent_tasks.drain() == [("shortlisting.merge_pack", {"pack_id": pack.pk})]


def test_requeue_stuck_packs_hands_back_a_merge_whose_worker_died(pack, sent_tasks, sweep):
    for chunk_id in pack.chunks.values_list("pk", flat=True):
        tasks.render_pack_chunk(chunk_id=chunk_id)
    ShortlistPack.objects.filter(pk=pack.pk).update(
        merge_token=uuid.uuid4(), merge_started_at=timezone.now(), merge_attempts=1
    )
    sent_tasks.drain()

    with later(STUCK + datetime.timedelta(seconds=1)):
        assert sweep() == {"merges_requeued": 1}

    assert sent_tasks.drain() == [("shortlisting.merge_pack", {"pack_id": pack.pk})]
    assert tasks.merge_pack(pack_id=pack.pk) is True
    assert ShortlistPack.objects.get(pk=pack.pk).status == Status.READY


def test_requeue_stuck_packs_ignores_failed_and_ready_packs(pack, sent_tasks, sweep):
    ShortlistPack.objects.filter(pk=pack.pk).update(status=Status.FAILED)

    with later(STUCK * 10):
        assert sweep() == {}

    assert sent_tasks.drain() == []


def _pack_with_files(vacancy, *, created_at, status=Status.READY):
    name = default_storage.save("shortlisting/packs/pack.pdf", ContentFile(b"%PDF-1.7"))
    chunk_name = default_storage.save("shortlisting/chunks/pack-chunk-0000.pdf", ContentFile(b"%PDF-1.7"))
    pack = ShortlistPackFactory(vacancy=vacancy, status=status, created_at=created_at, file=name)
    ShortlistPackChunk.objects.create(pack=pack, index=0, first_position=1, application_ids=[1], file=chunk_name)
    return pack, [name, chunk_name]


def test_delete_old_packs_deletes_packs_and_files_past_retention(vacancy, settings):
    settings.SHORTLIST_PACK_RETENTION_DAYS = 30
    now = timezone.now()
    old, old_files = _pack_with_files(vacancy, created_at=now - datetime.timedelta(days=30, minutes=1))
    old_failed, _ = _pack_with_files(vacancy, created_at=now - datetime.timedelta(days=45), status=Status.FAILED)
    recent, recent_files = _pack_with_files(vacancy, created_at=now - datetime.timedelta(days=29))

    assert tasks.delete_old_packs() == 2

    assert list(ShortlistPack.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not any(default_storage.exists(name) for name in old_files)
    assert all(default_storage.exists(name) for name in recent_files)
    assert ShortlistPackChunk.objects.filter(pack=recent).count() == 1
    assert not ShortlistPackChunk.objects.filter(pack__in=[old.pk, old_failed.pk]).exists()


def test_delete_old_packs_copes_with_a_file_already_gone(vacancy):
    pack, files = _pack_with_files(vacancy, created_at=timezone.now() - datetime.timedelta(days=400))
    default_storage.delete(files[0])

    assert tasks.delete_old_packs() == 1

    assert not ShortlistPack.objects.exists()
