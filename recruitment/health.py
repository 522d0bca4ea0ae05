import logging

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from kombu import Connection

from nhsuk.storage import storage_for_health_check, write_and_read_back

logger = logging.getLogger(__name__)


def _database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("Health check: database unavailable")
        return False
    return True


def _broker_ok():
    try:
        # A broker that takes the connection but never answers must not hang
        # the check: the socket timeouts bound each read (Redis; other
        # transports ignore them).
        transport_options = {
            **settings.CELERY_BROKER_TRANSPORT_OPTIONS,
            "socket_timeout": 2,
            "socket_connect_timeout": 2,
        }
        with Connection(settings.CELERY_BROKER_URL, transport_options=transport_options, connect_timeout=2) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception:
        logger.exception("Health check: broker unavailable")
        return False
    return True


def _storage_ok():
    # A write and a read, not a listing: a bucket that answers but refuses
    # our writes (a full disk, a key without permission) would fail every pack.
    try:
        write_and_read_back(storage_for_health_check())
    except Exception:
        logger.exception("Health check: storage unavailable")
        return False
    return True


@never_cache
@require_safe
def healthz(request):
    """For load balancers and `docker compose`: are the database, the broker
    and the file storage reachable?"""
    checks = {"database": _database_ok(), "broker": _broker_ok(), "storage": _storage_ok()}
    healthy = all(checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **{name: "ok" if ok else "unavailable" for name, ok in checks.items()}},
        status=200 if healthy else 503,
    )
