"""Asking for a pack: the row and its chunks are written in the request's
transaction and a task per chunk is sent once it commits; a second request
while one is in progress gets the same pack."""

import random

import pytest
from django.db import IntegrityError, transaction

from candidates.models import Application
from shortlisting import services
from shortlisting.models import ShortlistPack, ShortlistPackChunk
from tests.factories import ApplicationFactory, ShortlistPackFactory

from .applicants import make_applications

pytestmark = pytest.mark.django_db
Status = ShortlistPack.Status


def test_request_pack_writes_the_pack_and_its_chunks_in_a_random_order_fixed_by_the_seed(
    vacancy, applications, recruiter, settings
):
    settings.SHORTLIST_PACK_CHUNK_SIZE = 2
    ids = sorted(application.pk for application in applications)
    expected = list(ids)
    random.Random(42).shuffle(expected)

    pack, created = services.request_pack(vacancy=vacancy, requested_by=recruiter, seed=42)

    assert created
    assert (pack.status, pack.seed, pack.applicant_count, pack.chunk_size, pack.progress) == (
        Status.QUEUED, 42, 5, 2, 0,
    )
    assert pack.requested_by == recruiter
    chunks = list(ShortlistPackChunk.objects.filter(pack=pack).order_by("index"))
    assert [chunk.application_ids for chunk in chunks] == [expected[0:2], expected[2:4], expected[4:5]]
    assert [chunk.first_position for chunk in chunks] == [1, 3, 5]
    assert {chunk.status for chunk in chunks} == {Status.QUEUED}


def test_request_pack_sends_a_task_per_chunk_only_once_committed(
    vacancy, applications, recruiter, django_capture_on_commit_callbacks, sent_tasks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        pack, _ = services.request_pack(vacancy=vacancy, requested_by=recruiter)
        assert sent_tasks.drain() == []

    for callback in callbacks:
        callback()
    chunk_ids = list(ShortlistPackChunk.objects.filter(pack=pack).order_by("index").values_list("pk", flat=True))
    assert len(chunk_ids) == 3
    # The broker keeps no order between messages sent in the same millisecond.
    sent = sorted(sent_tasks.drain(), key=lambda task: task[1]["chunk_id"])
    assert sent == [("shortlisting.render_pack_chunk", {"chunk_id": pk}) for pk in sorted(chunk_ids)]


def test_request_pack_sends_nothing_when_the_transaction_rolls_back(
    vacancy, applications, recruiter, django_capture_on_commit_callbacks, sent_tasks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            services.request_pack(vacancy=vacancy, requested_by=recruiter)
            raise RuntimeError("the request failed after asking")

    assert callbacks == []
    assert sent_tasks.drain() == []
    assert not ShortlistPack.objects.exists()


def test_request_pack_while_one_is_in_progress_returns_it_and_sends_nothing(
    vacancy, applications, recruiter, panel_member, django_capture_on_commit_callbacks, sent_tasks
):
    first, _ = services.request_pack(vacancy=vacancy, requested_by=recruiter)
    ShortlistPack.objects.filter(pk=first.pk).update(status=Status.RENDERING)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        second, created = services.request_pack(vacancy=vacancy, requested_by=panel_member)

    assert not created
    assert second.pk == first.pk
    assert callbacks == []
    assert ShortlistPack.objects.count() == 1
    assert ShortlistPackChunk.objects.count() == 3


def test_request_pack_after_a_ready_or_failed_one_makes_a_new_pack(vacancy, applications, recruiter):
    old_ready = ShortlistPackFactory(vacancy=vacancy, status=Status.READY, file="shortlisting/packs/old.pdf")
    old_failed = ShortlistPackFactory(vacancy=vacancy, status=Status.FAILED, error="It broke")

    pack, created = services.request_pack(vacancy=vacancy, requested_by=recruiter)

    assert created
    assert pack.pk not in (old_ready.pk, old_failed.pk)


def test_request_pack_takes_received_applications_only(vacancy, recruiter):
    [submitted] = make_applications(vacancy, 1)
    ApplicationFactory(vacancy=vacancy, status=Application.Status.DRAFT, submitted_at=None)
    ApplicationFactory(vacancy=vacancy, status=Application.Status.WITHDRAWN)
    shortlisted = ApplicationFactory(vacancy=vacancy, status=Application.Status.SHORTLISTED)
    ApplicationFactory(status=Application.Status.SUBMITTED)  # another vacancy's

    pack, _ = services.request_pack(vacancy=vacancy, requested_by=recruiter)

    [chunk] = pack.chunks.all()
    assert sorted(chunk.application_ids) == sorted([submitted.pk, shortlisted.pk])
    assert pack.applicant_count == 2


def test_request_pack_refuses_a_vacancy_without_applications(vacancy, recruiter):
    ApplicationFactory(vacancy=vacancy, status=Application.Status.DRAFT, submitted_at=None)

    with pytest.raises(services.NothingToPack, match="no applications"):
        services.request_pack(vacancy=vacancy, requested_by=recruiter)

    assert not ShortlistPack.objects.exists()


def test_shortlist_pack_one_in_progress_per_vacancy_is_kept_by_the_database(vacancy):
    ShortlistPackFactory(vacancy=vacancy, status=Status.QUEUED)

    with pytest.raises(IntegrityError), transaction.atomic():
        ShortlistPackFactory(vacancy=vacancy, status=Status.RENDERING)
