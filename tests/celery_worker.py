"""A real Celery worker process for tests, on the configured broker.

It runs `celery worker` as a separate process against the test database (a
file for SQLite, the test database on PostgreSQL), the test's MEDIA_ROOT and a
queue of its own, so a developer's `make run` worker never takes the tests'
messages.

`celery_worker_process` is one worker, started before the test runs.
`celery_workers` starts workers when the test is ready for them (after it has
sent or lost messages, say), as many as it wants, and can SIGKILL one's pool
process in the middle of a task.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from recruitment.celery import app

BASE_DIR = Path(settings.BASE_DIR)


def _database_url():
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    user = db.get("USER") or ""
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{auth}{db.get('HOST') or 'localhost'}{port}/{db['NAME']}"


class WorkerProcess:
    def __init__(self, queue, log_path, name=None):
        self.queue = queue
        self.log_path = log_path
        # Two workers on one queue need node names of their own.
        self.name = name or f"test-{queue}"
        self.process = None

    def start(self, concurrency=1, extra_env=None):
        env = {
            **os.environ,
            "DATABASE_URL": _database_url(),
            "CELERY_QUEUE": self.queue,
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "PYTHONUNBUFFERED": "1",
            **(extra_env or {}),
        }
        self._log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "celery", "-A", "recruitment", "worker",
                "--loglevel", "INFO", "--concurrency", str(concurrency), "--queues", self.queue,
                "--without-gossip", "--without-mingle", "--without-heartbeat",
                "--hostname", f"{self.name}@%h",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        self.wait_for_log("ready.", timeout=60)
        return self

    def log(self):
        return Path(self.log_path).read_text(errors="replace")

    def wait_for_log(self, text, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.log():
                return
            if self.process.poll() is not None:
                raise RuntimeError(f"Celery worker exited with {self.process.returncode}:\n{self.log()}")
            time.sleep(0.2)
        raise TimeoutError(f"Celery worker did not log {text!r} within {timeout}s:\n{self.log()}")

    def pool_pids(self):
        """The process ids of the worker's pool: the children that run tasks."""
        return _children_of(self.process.pid) if self.process and self.process.poll() is None else []

    def kill_pool_process(self):
        """SIGKILL the pool process (as the out-of-memory killer would), leaving
        the worker's main process to notice and start another; its pid."""
        pids = self.pool_pids()
        if not pids:
            raise RuntimeError(f"The worker has no pool process to kill:\n{self.log()}")
        os.kill(pids[0], signal.SIGKILL)
        return pids[0]

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if getattr(self, "_log", None):
            self._log.close()


def _children_of(pid):
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # Gone since the listing.
        # "pid (name) state ppid ...": the name may hold spaces and brackets.
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            children.append(int(entry.name))
    return sorted(children)


def wait_until(predicate, timeout=30, interval=0.2):
    """Poll until predicate() is true; the database is the source of truth."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


@pytest.fixture
def celery_worker_process(transactional_db, tmp_path):
    """A running worker process; tasks sent in the test go to its queue."""
    queue = f"test-{uuid.uuid4().hex[:12]}"
    previous_queue = app.conf.task_default_queue
    app.conf.task_default_queue = queue
    worker = WorkerProcess(queue, tmp_path / "worker.log")
    try:
        yield worker.start()
    finally:
        worker.stop()
        app.conf.task_default_queue = previous_queue


class Workers:
    """Worker processes on one test's queue, started when the test asks."""

    def __init__(self, queue, folder):
        self.queue = queue
        self.folder = folder
        self.started = []

    def start(self, concurrency=1, extra_env=None):
        number = len(self.started) + 1
        worker = WorkerProcess(self.queue, self.folder / f"worker-{number}.log", name=f"test-{self.queue}-{number}")
        self.started.append(worker)
        return worker.start(concurrency=concurrency, extra_env=extra_env)

    def logs(self):
        return "\n".join(worker.log() for worker in self.started)

    def stop(self):
        for worker in self.started:
            worker.stop()


@pytest.fixture
def celery_queue(transactional_db):
    """The name of a queue of the test's own: tasks the test sends go there."""
    queue = f"test-{uuid.uuid4().hex[:12]}"
    previous_queue = app.conf.task_default_queue
    app.conf.task_default_queue = queue
    try:
        yield queue
    finally:
        app.conf.task_default_queue = previous_queue


@pytest.fixture
def celery_workers(celery_queue, tmp_path):
    """Start worker processes on the test's queue with celery_workers.start();
    all are stopped at the end of the test."""
    workers = Workers(celery_queue, tmp_path)
    try:
        yield workers
    finally:
        workers.stop()
