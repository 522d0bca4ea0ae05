"""A bucket on a real S3-API server for the tests that need one.

The server is the one CI started (TEST_STORAGE_ENDPOINT_URL, set by .ci/run),
or else moto's standalone server, started here from the virtualenv
(requirements-dev.txt) for the session, so these tests run on any machine.
Each test gets a bucket of its own, with no public-access block (so that a
test shows what the service's own settings make of an object), and the
service's settings pointed at it exactly as STORAGE_URL would point them
(recruitment.settings.s3_storage_options); `bucket.env` is what a worker
process on another "host" needs to use it too.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REGION = "eu-west-2"
# The test server takes any credentials; production's come from the environment.
CREDENTIALS = {"STORAGE_ACCESS_KEY_ID": "test-key", "STORAGE_SECRET_ACCESS_KEY": "test-secret"}


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers(endpoint):
    try:
        urllib.request.urlopen(endpoint, timeout=1).close()
    except urllib.error.HTTPError:
        return True  # It answered, if only to refuse.
    except OSError:
        return False
    return True


@pytest.fixture(scope="session")
def s3_endpoint(tmp_path_factory):
    """The address of an S3-API server."""
    configured = os.environ.get("TEST_STORAGE_ENDPOINT_URL")
    if configured:
        yield configured
        return
    port = _free_port()
    endpoint = f"http://127.0.0.1:{port}"
    log_path = tmp_path_factory.mktemp("moto") / "moto_server.log"
    with open(log_path, "ab") as log:
        server = subprocess.Popen(
            [str(Path(sys.executable).with_name("moto_server")), "-H", "127.0.0.1", "-p", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 30
        while not _answers(endpoint):
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"moto_server did not start:\n{log_path.read_text(errors='replace')}")
            time.sleep(0.1)
        yield endpoint
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@dataclass
class Bucket:
    name: str
    endpoint: str
    client: object
    env: dict = field(default_factory=dict)

    def keys(self, prefix=""):
        found = self.client.list_objects_v2(Bucket=self.name, Prefix=prefix).get("Contents", [])
        return sorted(item["Key"] for item in found)

    def empty(self):
        for key in self.keys():
            self.client.delete_object(Bucket=self.name, Key=key)


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch):
    """A private bucket of the test's own; the service's storage ("default"
    and "private") points at it for the test."""
    import boto3

    from recruitment.settings import s3_storage_options

    name = f"test-{uuid.uuid4().hex[:16]}"
    env = {
        "STORAGE_URL": f"s3://{name}",
        "STORAGE_ENDPOINT_URL": s3_endpoint,
        "STORAGE_REGION": REGION,
        **CREDENTIALS,
    }
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=REGION,
        aws_access_key_id=CREDENTIALS["STORAGE_ACCESS_KEY_ID"],
        aws_secret_access_key=CREDENTIALS["STORAGE_SECRET_ACCESS_KEY"],
    )
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    for variable, value in env.items():
        monkeypatch.setenv(variable, value)
    config = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": s3_storage_options(env["STORAGE_URL"])}
    settings.STORAGES = {**settings.STORAGES, "default": config, "private": config}
    found = Bucket(name=name, endpoint=s3_endpoint, client=client, env=env)
    try:
        yield found
    finally:
        found.empty()
        client.delete_bucket(Bucket=name)
