"""Where the service keeps files: one private storage, on local disk or in a
bucket on an S3-API server (recruitment/settings.py, STORAGE_URL).

Every file it holds (shortlisting packs and their chunks, candidates'
documents) carries personal information. Code reads and writes them by
storage name only, never by a path on this host, so that a worker on one
machine can merge what a worker on another rendered, and the web server can
send a file it did not write. They are sent to a browser only by a view that
has checked who is asking; nothing is served from a public address.

Here, in the app every other may use, so that any of them can name the
storage: `FileField(storage=private_storage)` keeps migrations free of
settings, and `storages["private"]` is the same place.
"""

import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.utils.module_loading import import_string

try:
    from botocore.config import Config
    from botocore.exceptions import ConnectionError as BotocoreConnectionError, HTTPClientError
except ImportError:  # Only for a storage on an S3-API server (requirements.txt has it).
    Config = None
    STORAGE_TRANSIENT_ERRORS = ()
else:
    # The bucket's server not answering, or dropping the connection, after
    # botocore's own retries (settings: 3 tries): worth a task's retry a
    # little later, as a database failover is.
    STORAGE_TRANSIENT_ERRORS = (BotocoreConnectionError, HTTPClientError)

HEALTH_CHECK_PREFIX = "healthz"


def private_storage():
    """The private storage, for `FileField(storage=private_storage)`."""
    return storages["private"]


def storage_for_health_check():
    """A new instance of the private storage that gives up within a few
    seconds: a load balancer's health check must answer in time, where a
    task's upload may wait a minute for a slow read."""
    config = settings.STORAGES["private"]
    options = dict(config.get("OPTIONS", {}))
    if Config is not None and isinstance(options.get("client_config"), Config):
        options["client_config"] = options["client_config"].merge(
            Config(connect_timeout=2, read_timeout=2, retries={"mode": "standard", "max_attempts": 1})
        )
    return import_string(config["BACKEND"])(**options)


def write_and_read_back(storage):
    """Store a small object, read it back and delete it; raise if any step
    fails or what comes back is not what went in."""
    payload = uuid.uuid4().hex.encode()
    name = storage.save(f"{HEALTH_CHECK_PREFIX}/{uuid.uuid4().hex}.txt", ContentFile(payload))
    try:
        with storage.open(name, "rb") as file:
            read = file.read()
    finally:
        storage.delete(name)
    if read != payload:
        raise OSError(f"The storage gave back {len(read)} bytes that differ from the {len(payload)} written")
