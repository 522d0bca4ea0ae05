"""A real Celery worker process for tests, on the configured broker.

It runs `celery worker` as a separate process against the test database (a
file for SQLite, the test database on PostgreSQL) and a queue of its own, so a
developer's `make run` worker never takes the tests' messages.
"""

import os
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
    def __init__(self, queue, log_path):
        self.queue = queue
        self.log_path = log_path
        self.process = None

    def start(self, concurrency=1, extra_env=None):
        env = {
            **os.environ,
            "DATABASE_URL": _database_url(),
            "CELERY_QUEUE": self.queue,
            "PYTHONUNBUFFERED": "1",
            **(extra_env or {}),
        }
        self._log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "celery", "-A", "recruitment", "worker",
                "--loglevel", "INFO", "--concurrency", str(concurrency), "--queues", self.queue,
                "--without-gossip", "--without-mingle", "--without-heartbeat",
                "--hostname", f"test-{self.queue}@%h",
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
