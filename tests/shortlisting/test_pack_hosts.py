"""A pack made by workers on two "hosts": real Celery worker processes, each
with a MEDIA_ROOT of its own that stays empty, sharing only the database, the
broker and the bucket (STORAGE_URL, an S3-API server), as web servers and
workers on separate machines do. What one worker rendered another merges, the
web process (a third MEDIA_ROOT) sends the PDF, and a host killed in the
middle of the pack leaves the other to finish it."""

import io
import os
import re
import signal

import pytest
from django.urls import reverse

from shortlisting import services, tasks
from shortlisting.models import ShortlistPack, ShortlistPackChunk
from tests.celery_worker import WorkerProcess, wait_until

from .applicants import make_applications
from .reading import read_pack

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
Status = ShortlistPack.Status
RENDERING_LINE = re.compile(r"Rendering chunk (\d+) of pack (\d+)")


@pytest.fixture
def hosts(tmp_path):
    """Two empty folders, each one host's MEDIA_ROOT."""
    folders = [tmp_path / "host-1-media", tmp_path / "host-2-media"]
    for folder in folders:
        folder.mkdir()
    return folders


def _host_env(bucket, media):
    return {**bucket.env, "MEDIA_ROOT": str(media)}


def _files_in(folder):
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []


def _download(client, user, pack):
    client.force_login(user)
    url = reverse("shortlisting:pack_download", kwargs={"reference": pack.vacancy.reference, "pk": pack.pk})
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return read_pack(io.BytesIO(b"".join(response.streaming_content)))


def _wait_until_ready(pack, logs, timeout=120):
    finished = (Status.READY, Status.FAILED)
    assert wait_until(lambda: ShortlistPack.objects.get(pk=pack.pk).status in finished, timeout=timeout), logs()
    pack.refresh_from_db()
    assert pack.status == Status.READY, f"{pack.error}\n{logs()}"


def test_pack_rendered_on_one_host_is_merged_on_another_and_downloaded_through_the_web(
    bucket, hosts, vacancy, recruiter, client, celery_queue, celery_workers, media_root, tmp_path, settings
):
    settings.SHORTLIST_PACK_CHUNK_SIZE = 2
    applications = make_applications(vacancy, 5)
    # Host 1 takes the chunks (the test's queue) and sends the merge to a
    # queue only host 2 reads: what host 1 rendered, host 2 must merge.
    merge_queue = f"{celery_queue}-merge"
    renderer = celery_workers.start(extra_env={**_host_env(bucket, hosts[0]), "CELERY_QUEUE": merge_queue})
    merger = WorkerProcess(merge_queue, tmp_path / "host-2.log", name=f"test-{merge_queue}")
    celery_workers.started.append(merger)
    merger.start(extra_env=_host_env(bucket, hosts[1]))

    pack, _ = services.request_pack(vacancy=vacancy, requested_by=recruiter, seed=7)
    _wait_until_ready(pack, celery_workers.logs)
    read = _download(client, recruiter, pack)

    rendered_by = {name: RENDERING_LINE.findall(worker.log()) for name, worker in (("1", renderer), ("2", merger))}
    assert sorted(int(index) for index, _pack in rendered_by["1"]) == [0, 1, 2]
    assert rendered_by["2"] == []
    assert f"Merging pack {pack.pk}" in merger.log()
    assert f"Merging pack {pack.pk}" not in renderer.log()
    assert sorted(read.applicant_order()) == sorted(application.anonymous_code for application in applications)
    assert len(read.reader.pages) == pack.page_count
    # Everything went through the bucket: no host, the web's included, kept a file.
    assert _files_in(hosts[0]) == _files_in(hosts[1]) == _files_in(media_root) == []
    assert bucket.keys() == [pack.file.name]


def _kill_host(worker):
    """SIGKILL a worker's main process and its pool, as a host that dies."""
    pool = worker.pool_pids()
    os.kill(worker.process.pid, signal.SIGKILL)
    for pid in pool:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    worker.process.wait(timeout=10)


def _caught_mid_pack(pack, workers):
    """(worker, chunk) once a worker is rendering a chunk after it finished
    another of this pack: killing it then leaves work of its in the bucket
    and a chunk half done. None until then."""
    statuses = dict(ShortlistPackChunk.objects.filter(pack=pack).values_list("index", "status"))
    for worker in workers:
        indexes = [int(index) for index, pack_id in RENDERING_LINE.findall(worker.log()) if int(pack_id) == pack.pk]
        if len(indexes) >= 2 and statuses.get(indexes[-1]) == Status.RENDERING and statuses.get(indexes[0]) == Status.READY:
            return worker, ShortlistPackChunk.objects.get(pack=pack, index=indexes[-1])
    return None


def test_pack_is_finished_by_one_host_when_the_other_is_killed_in_the_middle(
    bucket, hosts, vacancy, recruiter, client, celery_workers, settings
):
    settings.SHORTLIST_PACK_CHUNK_SIZE = 2
    applications = make_applications(vacancy, 12)
    workers = [celery_workers.start(extra_env=_host_env(bucket, media)) for media in hosts]

    pack, _ = services.request_pack(vacancy=vacancy, requested_by=recruiter, seed=9)
    caught = []
    assert wait_until(lambda: caught.append(_caught_mid_pack(pack, workers)) or caught[-1], timeout=90, interval=0.02), (
        celery_workers.logs()
    )
    killed_worker, killed_chunk = caught[-1]
    _kill_host(killed_worker)
    survivor = next(worker for worker in workers if worker is not killed_worker)

    # The survivor does every other chunk; the killed one stays claimed by a
    # process that is gone, until the beat task finds it stuck.
    assert wait_until(
        lambda: not ShortlistPackChunk.objects.filter(pack=pack).exclude(pk=killed_chunk.pk).exclude(status=Status.READY).exists(),
        timeout=90,
    ), celery_workers.logs()
    killed_chunk.refresh_from_db()
    assert killed_chunk.status == Status.RENDERING
    settings.SHORTLIST_PACK_STUCK_AFTER = 0
    assert tasks.requeue_stuck_packs() == {"chunks_requeued": 1}
    _wait_until_ready(pack, celery_workers.logs)
    read = _download(client, recruiter, pack)

    assert killed_worker.process.returncode == -signal.SIGKILL
    killed_chunk.refresh_from_db()
    assert killed_chunk.attempts == 2
    assert f"Merging pack {pack.pk}" in survivor.log()
    codes = [application.anonymous_code for application in applications]
    assert sorted(read.applicant_order()) == sorted(codes)
    for code in codes:
        assert read.text.count(f"Application {code}") == 1
    assert _files_in(hosts[0]) == _files_in(hosts[1]) == []
    assert bucket.keys() == [pack.file.name]
