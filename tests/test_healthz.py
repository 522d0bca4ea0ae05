"""/healthz tells a load balancer whether the database, the broker and the
file storage (local disk, or a bucket on an S3-API server) answer."""

import json
import socket
import threading
import time
from contextlib import contextmanager

import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.mark.django_db
def test_healthz_reports_database_broker_and_storage_ok(client, media_root):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"status": "ok", "database": "ok", "broker": "ok", "storage": "ok"}
    # It wrote a small file, read it back and deleted it.
    assert [path for path in media_root.rglob("*") if path.is_file()] == []


@pytest.mark.django_db
def test_healthz_reports_an_unreachable_broker_as_unavailable(client, settings):
    # A port nothing listens on: the check must answer 503, not hang or fail.
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {}

    response = client.get("/healthz")

    assert response.status_code == 503
    assert json.loads(response.content) == {
        "status": "unavailable",
        "database": "ok",
        "broker": "unavailable",
        "storage": "ok",
    }


@pytest.mark.django_db
def test_healthz_checks_the_broker_celery_is_configured_with(client, settings):
    # A listener standing in for the broker: the check must knock on the door
    # that settings.CELERY_BROKER_URL names, not on one of its own. It takes
    # each connection and says nothing, as a broker that has hung would.
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    knocks = []
    done = threading.Event()

    def take_connections():
        while not done.is_set():
            try:
                knocks.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=take_connections)
    thread.start()
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{listener.getsockname()[1]}/0"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {}
    try:
        response = client.get("/healthz")
    finally:
        done.set()
        thread.join(timeout=10)
        for conn in knocks:
            conn.close()
        listener.close()

    assert knocks
    # It never answered: not a broker the service can use, and said so in time.
    assert response.status_code == 503
    assert json.loads(response.content)["broker"] == "unavailable"


@pytest.mark.django_db
def test_healthz_writes_and_reads_the_bucket_when_storage_is_on_an_s3_api_server(client, bucket):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert json.loads(response.content)["storage"] == "ok"
    assert bucket.keys() == []


@pytest.mark.django_db
def test_healthz_reports_a_bucket_that_is_gone_as_unavailable(client, bucket, settings):
    config = settings.STORAGES["private"]
    missing = {**config, "OPTIONS": {**config["OPTIONS"], "bucket_name": f"{bucket.name}-gone"}}
    settings.STORAGES = {**settings.STORAGES, "default": missing, "private": missing}

    response = client.get("/healthz")

    assert response.status_code == 503
    assert json.loads(response.content) == {
        "status": "unavailable",
        "database": "ok",
        "broker": "ok",
        "storage": "unavailable",
    }


@pytest.mark.django_db
def test_healthz_reports_a_disk_it_cannot_write_as_unavailable(client, media_root):
    # A file where the folder should be: nothing can be written under it.
    media_root.parent.mkdir(parents=True, exist_ok=True)
    media_root.write_text("not a folder")

    response = client.get("/healthz")

    assert response.status_code == 503
    assert json.loads(response.content)["storage"] == "unavailable"


@contextmanager
def _silent_server():
    """A listener that takes each connection and never answers, as a hung server would."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    knocks = []
    done = threading.Event()

    def take_connections():
        while not done.is_set():
            try:
                knocks.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=take_connections)
    thread.start()
    try:
        yield listener.getsockname()[1], knocks
    finally:
        done.set()
        thread.join(timeout=10)
        for conn in knocks:
            conn.close()
        listener.close()


@pytest.mark.django_db
def test_healthz_gives_up_in_seconds_on_a_storage_server_that_never_answers(client, bucket, settings):
    with _silent_server() as (port, knocks):
        config = settings.STORAGES["private"]
        hung = {**config, "OPTIONS": {**config["OPTIONS"], "endpoint_url": f"http://127.0.0.1:{port}"}}
        settings.STORAGES = {**settings.STORAGES, "default": hung, "private": hung}
        started = time.monotonic()
        response = client.get("/healthz")
        seconds = time.monotonic() - started

    assert knocks
    assert response.status_code == 503
    assert json.loads(response.content)["storage"] == "unavailable"
    # The task's own storage would wait a minute for each of three tries.
    assert seconds < 10
