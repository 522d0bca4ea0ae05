"""The fixed cast of STYLE.md rule 16, shared by every test module."""

import os
import uuid

import pytest

from organisations.models import Membership

from .factories import MembershipFactory, OrganisationFactory, UserFactory

# Fixtures every test folder may use: the browser (Playwright on the system
# Chromium, with axe-core), real Celery workers and a bucket on an S3-API server.
pytest_plugins = ["tests.browser_support", "tests.celery_worker", "tests.object_storage"]


@pytest.fixture
def trust_a(db):
    return OrganisationFactory(name="Trust A NHS Trust")


@pytest.fixture
def trust_b(db):
    return OrganisationFactory(name="Trust B NHS Trust")


@pytest.fixture
def recruiter(trust_a):
    return MembershipFactory(organisation=trust_a, role=Membership.Role.RECRUITER, user__full_name="Rita Recruiter").user


@pytest.fixture
def hiring_manager(trust_a):
    return MembershipFactory(
        organisation=trust_a, role=Membership.Role.HIRING_MANAGER, user__full_name="Harry Manager"
    ).user


@pytest.fixture
def panel_member(trust_a):
    return MembershipFactory(
        organisation=trust_a, role=Membership.Role.HIRING_MANAGER, user__full_name="Penny Panel"
    ).user


@pytest.fixture
def other_recruiter(trust_b):
    return MembershipFactory(organisation=trust_b, role=Membership.Role.RECRUITER, user__full_name="Otto Other").user


@pytest.fixture
def candidate(db):
    return UserFactory(full_name="Cara Candidate")


@pytest.fixture
def other_candidate(db):
    return UserFactory(full_name="Colin Candidate")


def pytest_sessionfinish(session, exitstatus):
    """In CI every test must run: a skip is a failure there (README, .ci/run)."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if os.environ.get("CI") and reporter and reporter.stats.get("skipped"):
        reporter.write_line(
            f"CI: {len(reporter.stats['skipped'])} test(s) skipped; every test must run in CI.", red=True
        )
        session.exitstatus = 1


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2's deliberate slowness protects real passwords, not test ones.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _isolated_cache(settings):
    """Every test starts with an empty cache (no failed sign-ins, no used
    two-factor codes). A key prefix of its own rather than cache.clear(): in CI
    the cache is Redis, shared with the broker's queues."""
    settings.CACHES = {
        name: {**config, "KEY_PREFIX": f"test-{uuid.uuid4().hex}"} for name, config in settings.CACHES.items()
    }


@pytest.fixture(scope="session", autouse=True)
def _tasks_never_reach_a_developers_worker():
    """Tasks a test enqueues without a worker of its own go to a queue no one
    reads (a `make run` worker reads "celery"), emptied at the end."""
    from recruitment.celery import app

    queue = f"test-unrouted-{uuid.uuid4().hex[:12]}"
    previous = app.conf.task_default_queue
    app.conf.task_default_queue = queue
    yield
    app.conf.task_default_queue = previous
    with app.connection_for_write() as connection:
        try:
            connection.default_channel.queue_purge(queue)
        except Exception:  # never declared: nothing was sent
            pass
