"""`make run` starts Procfile.dev under honcho. Its worker, started as the
Procfile starts it, prints a readable e-mail and nothing alarming (no
SecurityWarning, no kombu "No hostname was supplied"), and stops within
honcho's 5 seconds when honcho sends SIGTERM to its process group, with no
ERROR lines."""

import os
import re
import signal
import subprocess
import sys
import time
import uuid

import pytest
from django.conf import settings

from accounts.models import OutgoingEmail
from tests.celery_worker import BASE_DIR, _database_url, wait_until

HONCHO_KILL_WAIT = 5  # honcho.manager.KILL_WAIT: then it sends SIGKILL


def procfile_command(name):
    for line in (BASE_DIR / "Procfile.dev").read_text().splitlines():
        match = re.match(rf"^{name}:\s*(.+)$", line)
        if match:
            return match.group(1)
    raise LookupError(f"No {name} in Procfile.dev")


def make_run_environment(queue):
    """As `make run` has it: no Redis (the broker is a folder under var/), no
    mail server; the test's database and a queue of its own."""
    env = {key: value for key, value in os.environ.items()
           if key not in {"REDIS_URL", "EMAIL_HOST", "EMAIL_DELIVERY_BACKEND", "EMAIL_BACKEND"}}
    return {**env, "DATABASE_URL": _database_url(), "CELERY_QUEUE": queue, "MEDIA_ROOT": str(settings.MEDIA_ROOT)}


@pytest.mark.worker
def test_make_run_worker_prints_readable_emails_and_stops_cleanly(transactional_db, tmp_path):
    queue = f"test-make-run-{uuid.uuid4().hex[:12]}"
    env = make_run_environment(queue)
    log_path = tmp_path / "worker.log"
    outgoing = OutgoingEmail.objects.create(
        from_email="NHS Recruitment <no-reply@example.org>", to=["cara@example.org"],
        subject="Application received: Staff Nurse – Acute Medicine (APP-0000042)",
        body="Dear Cara Candidate,\n\nWe have received your application.\n",
    )
    with open(log_path, "wb") as log:
        # As honcho starts it: through the shell, in a session of its own.
        worker = subprocess.Popen(
            procfile_command("worker"), shell=True, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        # The worker says nothing when it is ready (-q, WARNING): the message
        # waits in the queue until it is.
        sender = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c",
             f"from accounts.tasks import send_outgoing_email; send_outgoing_email.delay(email_id={outgoing.pk})"],
            cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=60, check=True,
        )
        assert wait_until(lambda: OutgoingEmail.objects.get(pk=outgoing.pk).sent_at is not None, 60), (
            log_path.read_text()
        )
        stopping = time.monotonic()
        os.killpg(worker.pid, signal.SIGTERM)  # what honcho does on Ctrl-C
        returncode = worker.wait(timeout=HONCHO_KILL_WAIT)
        stopped_after = time.monotonic() - stopping
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()

    output = log_path.read_text(errors="replace")
    assert (returncode, stopped_after < HONCHO_KILL_WAIT) == (0, True), output
    assert output.count("Subject: Application received: Staff Nurse – Acute Medicine (APP-0000042)\n") == 1, output
    assert "To: cara@example.org\n" in output
    assert "=?utf-8?" not in output
    assert re.search(r"WARNING/\w+\] ", output) is None, output
    for alarming in ["SecurityWarning", "superuser privileges", "No hostname was supplied", "ERROR"]:
        assert alarming not in output, output
        assert alarming not in sender.stdout + sender.stderr
