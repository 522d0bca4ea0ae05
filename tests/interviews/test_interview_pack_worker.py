"""An interview pack made by real Celery worker processes on the configured
broker, as in production: the request commits, workers render its chunks of
candidates and merge them (the shortlisting pack's tasks, for the kind
registered by interviews), and the pack is read back with pypdf."""

import io

import pytest
from django.core.files.storage import default_storage

from interviews import packs, services
from interviews.models import InterviewQuestion, Slot
from shortlisting.models import ShortlistPack
from tests.celery_worker import wait_until
from tests.shortlisting.reading import normalise, read_pack

from .test_interview_pack import QUESTIONS, invited_to, name_of

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

Status = ShortlistPack.Status


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    # Before the worker starts, so that it writes where the test reads.
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SHORTLIST_PACK_CHUNK_SIZE = 2


def test_interview_pack_rendered_by_workers_has_each_candidate_in_the_order_of_the_day(
    interview_round, recruiter, celery_workers
):
    for order, text in enumerate(QUESTIONS, start=1):
        InterviewQuestion.objects.create(vacancy=interview_round.vacancy, text=text, order=order)
    first, second, third = invited_to(interview_round, recruiter, 3)
    nine, ten, _eleven = Slot.objects.filter(round=interview_round).order_by("starts_at")
    services.book_slot(slot_id=nine.pk, application_id=second.pk, actor=recruiter, on_behalf=True)
    services.book_slot(slot_id=ten.pk, application_id=third.pk, actor=recruiter, on_behalf=True)
    workers = celery_workers
    workers.start(concurrency=2)

    pack, created = packs.request_interview_pack(interview_round=interview_round, requested_by=recruiter)

    assert created and pack.chunks.count() == 2
    assert wait_until(lambda: ShortlistPack.objects.get(pk=pack.pk).status in (Status.READY, Status.FAILED), timeout=120), (
        workers.logs()
    )
    pack.refresh_from_db()
    assert pack.status == Status.READY, f"{pack.error}\n{workers.logs()}"
    with default_storage.open(pack.file.name, "rb") as file:
        read = read_pack(io.BytesIO(file.read()))
    text = normalise(read.text)
    assert pack.page_count == len(read.texts)
    assert read.applicant_order() == [name_of(second), name_of(third), name_of(first)]
    assert text.count("Interview scoring sheet:") == 3
    for question in QUESTIONS:
        assert question in text
    assert "shortlisting.render_pack_chunk" in workers.logs()
    assert not pack.chunks.exclude(file="").exists()
