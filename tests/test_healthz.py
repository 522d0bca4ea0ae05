"""/healthz tells a load balancer whether the database and the broker answer."""

import json
import socket
import threading

import pytest


@pytest.mark.django_db
def test_healthz_reports_database_and_broker_ok(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"status": "ok", "database": "ok", "broker": "ok"}


@pytest.mark.django_db
def test_healthz_reports_an_unreachable_broker_as_unavailable(client, settings):
    # A port nothing listens on: the check must answer 503, not hang or fail.
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {}

    response = client.get("/healthz")

    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "unavailable", "database": "ok", "broker": "unavailable"}


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
