"""Fixtures for shortlisting packs: a vacancy with a person specification and
its panel, small chunks, media in a folder of the test's own, and the tasks a
test sends, read back from the broker."""

import queue as queue_module
import uuid

import pytest
from kombu.simple import SimpleQueue

from recruitment.celery import app
from tests.celery_worker import celery_queue, celery_workers  # noqa: F401  (fixtures)
from tests.factories import CriterionFactory, VacancyFactory
from vacancies.models import Criterion

from .applicants import make_applications

CRITERIA = [
    # (category, text, essential, assessed at application)
    ("qualifications", "Registered Nurse (Adult) with current NMC registration", True, True),
    ("qualifications", "Mentorship or practice supervisor qualification", False, True),
    ("experience", "Experience of caring for acutely unwell adults on a medical ward", True, True),
    ("skills_knowledge", "Knows how to recognise and escalate a deteriorating patient (NEWS2)", True, True),
    ("personal_qualities", "Stays calm and kind under pressure", True, False),
]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def small_chunks(settings):
    settings.SHORTLIST_PACK_CHUNK_SIZE = 2


@pytest.fixture
def vacancy(trust_a, recruiter, hiring_manager, panel_member):
    vacancy = VacancyFactory(
        organisation=trust_a,
        title="Staff Nurse, Acute Medicine",
        hiring_manager=hiring_manager,
        offers_disability_confident=True,
    )
    vacancy.panel_members.set([panel_member])
    for order, (category, text, essential, at_application) in enumerate(CRITERIA, start=1):
        CriterionFactory(
            vacancy=vacancy,
            category=category,
            text=text,
            is_essential=essential,
            assessed_at_application=at_application,
            assessed_at_interview=not at_application,
            order=order,
        )
    return vacancy


@pytest.fixture
def applications(vacancy):
    return make_applications(vacancy, 5)


def criteria_texts(vacancy):
    return list(Criterion.objects.filter(vacancy=vacancy).order_by("order").values_list("text", flat=True))


class SentTasks:
    """The tasks sent to the broker during a test, on a queue of its own."""

    def __init__(self, queue):
        self.queue = queue

    def drain(self):
        """[(task name, kwargs)] of every message waiting, taken off the queue.
        Sending is synchronous on both brokers, so what was sent is there."""
        found = []
        with app.connection_for_read() as connection:
            simple = SimpleQueue(connection, self.queue)
            try:
                while True:
                    try:
                        message = simple.get_nowait()
                    except queue_module.Empty:
                        break
                    _args, kwargs, _embed = message.payload
                    found.append((message.headers["task"], kwargs))
                    message.ack()
            finally:
                simple.close()
        return found


@pytest.fixture(autouse=True)
def sent_tasks():
    """Every task a test here sends goes to a queue of its own, never to the
    queue a developer's worker reads, and is taken off at the end."""
    queue = f"test-sent-{uuid.uuid4().hex[:12]}"
    previous = app.conf.task_default_queue
    app.conf.task_default_queue = queue
    sent = SentTasks(queue)
    try:
        yield sent
    finally:
        sent.drain()
        app.conf.task_default_queue = previous
