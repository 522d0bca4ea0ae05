"""Packs made by real Celery worker processes on the configured broker (Redis
in CI, the file-system broker on a bare machine), as in production: the
request commits, workers render the chunks and merge them, and the pack is
read back with pypdf. Then the failures the design is for: a worker killed in
the middle of a chunk, and the broker's messages lost."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from candidates.models import PersonalDetails, Referee
from shortlisting import services, tasks
from shortlisting.models import ShortlistPack, ShortlistPackChunk
from tests.celery_worker import wait_until
from vacancies.models import Vacancy

from .applicants import EQUALITY_WORDS, make_applications
from .conftest import criteria_texts
from .reading import normalise, read_pack

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

Status = ShortlistPack.Status
DEMO_REFERENCE = "C9365-25-0249-2"


@pytest.fixture
def seeded_vacancy(transactional_db):
    """The Worcestershire advert and its person specification, as `make run` seeds it."""
    call_command("seed_demo", "--force", stdout=io.StringIO())
    return Vacancy.objects.select_related("organisation").get(reference=DEMO_REFERENCE)


def wait_for_pack(pack, workers, *, statuses=(Status.READY, Status.FAILED), timeout=90):
    assert wait_until(lambda: ShortlistPack.objects.get(pk=pack.pk).status in statuses, timeout=timeout), workers.logs()
    pack.refresh_from_db()
    assert pack.status == Status.READY, f"{pack.error}\n{workers.logs()}"
    return read_pack(pack.file.path)


def test_pack_rendered_by_a_worker_is_anonymous_complete_and_numbered(seeded_vacancy, celery_workers, settings):
    settings.SHORTLIST_PACK_CHUNK_SIZE = 2
    applications = make_applications(seeded_vacancy, 5)
    codes = [application.anonymous_code for application in applications]
    recruiter = seeded_vacancy.created_by
    workers = celery_workers
    workers.start(concurrency=2)

    first, _ = services.request_pack(vacancy=seeded_vacancy, requested_by=recruiter, seed=11)
    read = wait_for_pack(first, workers)

    assert first.page_count == len(read.reader.pages) == len(read.texts)
    assert first.progress == 100
    # Every applicant exactly once, each with a bookmark to the page where
    # their application starts.
    assert sorted(read.applicant_order()) == sorted(codes)
    for code, page in read.applicant_bookmarks:
        assert read.texts[page].count(f"Application {code}") == 1
        assert read.text.count(f"Application {code}") == 1
    text = normalise(read.text)
    for criterion in criteria_texts(seeded_vacancy):
        assert normalise(criterion) in text
    assert f"Page 1 of {first.page_count}" in read.texts[0]
    assert f"Page {first.page_count} of {first.page_count}" in read.texts[-1]
    assert "Confidential" in read.texts[0]
    assert seeded_vacancy.reference in read.texts[0]
    # No name, e-mail, telephone number, address, referee or equality answer.
    for details in PersonalDetails.objects.filter(application__in=applications):
        for value in (details.first_name, details.last_name, details.email, details.phone, details.address_line_1):
            assert value not in text
    for referee in Referee.objects.filter(application__in=applications):
        assert referee.name not in text and referee.email not in text
    for word in EQUALITY_WORDS:
        assert word not in text
    assert "@" not in text
    # The chunks' own PDFs are gone: the pack holds everything they did.
    assert not ShortlistPackChunk.objects.filter(pack=first).exclude(file="").exists()
    assert [path.name for path in (Path(settings.MEDIA_ROOT) / "shortlisting" / "chunks").iterdir()] == []

    second, created = services.request_pack(vacancy=seeded_vacancy, requested_by=recruiter, seed=12)
    second_read = wait_for_pack(second, workers)

    assert created
    assert sorted(second_read.applicant_order()) == sorted(codes)
    assert second_read.applicant_order() != read.applicant_order()


def _rendering_chunk(pack):
    return ShortlistPackChunk.objects.filter(pack=pack, status=Status.RENDERING).first()


def test_pack_completes_after_a_worker_is_killed_in_the_middle_of_a_chunk(vacancy, celery_workers, settings):
    settings.SHORTLIST_PACK_CHUNK_SIZE = 3
    applications = make_applications(vacancy, 9)
    worker = celery_workers.start(concurrency=1)
    pack, _ = services.request_pack(vacancy=vacancy, requested_by=None, seed=5)

    # Kill the pool process while it renders a chunk. Should the chunk finish
    # between our look and the kill, try with the next one.
    killed = None
    for _attempt in range(3):
        assert wait_until(lambda: _rendering_chunk(pack) is not None, timeout=60, interval=0.02), worker.log()
        chunk = _rendering_chunk(pack)
        worker.kill_pool_process()
        chunk.refresh_from_db()
        if chunk.status == Status.RENDERING:
            killed = chunk
            break
    assert killed is not None, "No chunk was caught in the middle of rendering"


    # The worker's main process starts a new pool process, which does the rest;
    # the killed chunk stays claimed by a process that no longer exists.
    assert wait_until(
        lambda: not ShortlistPackChunk.objects.filter(pack=pack).exclude(pk=killed.pk).exclude(status=Status.READY).exists(),
        timeout=60,
    ), worker.log()
    killed.refresh_from_db()
    assert killed.status == Status.RENDERING
    assert ShortlistPack.objects.get(pk=pack.pk).status == Status.RENDERING
    assert "WorkerLostError" in worker.log()

    # The beat task finds it stuck and sends it again.
    settings.SHORTLIST_PACK_STUCK_AFTER = 0
    assert tasks.requeue_stuck_packs() == {"chunks_requeued": 1}
    read = wait_for_pack(pack, celery_workers)

    codes = [application.anonymous_code for application in applications]
    assert sorted(read.applicant_order()) == sorted(codes)
    for code in codes:
        assert read.text.count(f"Application {code}") == 1
    killed.refresh_from_db()
    assert killed.attempts == 2



def _delete_queued_messages(queue):
    """Lose every message waiting on the queue, as a broker restarted without its data would."""
    if settings.CELERY_BROKER_URL.startswith("redis://"):
        import redis

        client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
        keys = [key for key in client.scan_iter(match=f"{queue}*")]
        assert keys, "No messages were waiting"
        client.delete(*keys)
        return len(keys)
    folder = Path(settings.CELERY_BROKER_TRANSPORT_OPTIONS["data_folder_in"])
    files = list(folder.glob(f"*.{queue}.msg"))
    assert files, "No messages were waiting"
    for file in files:
        file.unlink()
    return len(files)


def test_pack_completes_after_the_brokers_messages_are_lost(vacancy, celery_queue, celery_workers, settings):
    settings.SHORTLIST_PACK_CHUNK_SIZE = 2
    applications = make_applications(vacancy, 4)
    pack, _ = services.request_pack(vacancy=vacancy, requested_by=None, seed=3)
    _delete_queued_messages(celery_queue)

    worker = celery_workers.start(concurrency=2)
    # Nothing arrives: the pack waits, its rows intact.
    assert not wait_until(lambda: ShortlistPack.objects.get(pk=pack.pk).status != Status.QUEUED, timeout=3)
    assert set(ShortlistPackChunk.objects.filter(pack=pack).values_list("status", flat=True)) == {Status.QUEUED}

    settings.SHORTLIST_PACK_STUCK_AFTER = 0
    assert tasks.requeue_stuck_packs() == {"chunks_nudged": 2}
    read = wait_for_pack(pack, celery_workers)

    assert sorted(read.applicant_order()) == sorted(application.anonymous_code for application in applications)
    assert "shortlisting.render_pack_chunk" in worker.log()
