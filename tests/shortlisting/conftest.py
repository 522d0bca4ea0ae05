"""Fixtures for shortlisting: a vacancy with a person specification and its
panel, small chunks, media in a folder of the test's own, and the tasks a
test sends, read back from the broker; for scoring and decisions, the same
vacancy closed, its criteria by name and a second panel member."""

import queue as queue_module
import uuid

import pytest
from kombu.simple import SimpleQueue

from organisations.models import Membership
from recruitment.celery import app
from tests.factories import CriterionFactory, MembershipFactory, VacancyFactory
from vacancies.models import Criterion, Vacancy

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


@pytest.fixture
def closed_vacancy(vacancy):
    Vacancy.objects.filter(pk=vacancy.pk).update(status=Vacancy.Status.CLOSED)
    vacancy.refresh_from_db()
    return vacancy


@pytest.fixture
def criteria(vacancy):
    """{name: Criterion}: registration, mentorship (desirable), experience,
    news2 (all at application) and calm (interview only)."""
    names = ["registration", "mentorship", "experience", "news2", "calm"]
    return dict(zip(names, Criterion.objects.filter(vacancy=vacancy).order_by("order")))


@pytest.fixture
def second_panel_member(trust_a, vacancy):
    user = MembershipFactory(
        organisation=trust_a, role=Membership.Role.HIRING_MANAGER, user__full_name="Sam Second"
    ).user
    vacancy.panel_members.add(user)
    return user


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
