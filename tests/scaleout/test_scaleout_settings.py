"""The settings for running past one machine (README, "Configuration" and "Web
and workers on separate hosts"): files in a private bucket when STORAGE_URL
names one, and a database connection that fits PgBouncer's transaction pooling."""

import json
import os
import subprocess
import sys

from django.conf import settings

# Prints what the settings module makes of the environment, as JSON.
READ_SETTINGS = """
import json
from recruitment import settings as s
private = s.STORAGES["private"]
options = dict(private.get("OPTIONS", {}))
config = options.pop("client_config", None)
print(json.dumps({
    "default": s.STORAGES["default"]["BACKEND"],
    "private": private["BACKEND"],
    "options": options,
    "addressing_style": config.s3["addressing_style"] if config else None,
    "connect_timeout": config.connect_timeout if config else None,
    "database": {key: s.DATABASES["default"].get(key) for key in ("ENGINE", "DISABLE_SERVER_SIDE_CURSORS")},
    "prepare_threshold": s.DATABASES["default"].get("OPTIONS", {}).get("prepare_threshold", "unset"),
}))
"""
OUR_VARIABLES = ("STORAGE_", "DB_TRANSACTION_POOLING", "DATABASE_URL")


def read_settings(**variables):
    env = {key: value for key, value in os.environ.items() if not key.startswith(OUR_VARIABLES)}
    env.update(variables)
    result = subprocess.run(
        [sys.executable, "-c", READ_SETTINGS], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )
    return result, (json.loads(result.stdout) if result.returncode == 0 else None)


def test_files_stay_on_local_disk_when_no_bucket_is_named():
    result, read = read_settings()

    assert result.returncode == 0, result.stderr
    assert read["default"] == read["private"] == "django.core.files.storage.FileSystemStorage"


def test_storage_url_puts_every_private_file_in_the_bucket_privately():
    result, read = read_settings(
        STORAGE_URL="s3://trust-recruitment/packs-and-documents",
        STORAGE_ENDPOINT_URL="http://minio:9000",
        STORAGE_REGION="eu-west-2",
        STORAGE_ACCESS_KEY_ID="key-id",
        STORAGE_SECRET_ACCESS_KEY="secret",
    )

    assert result.returncode == 0, result.stderr
    assert read["default"] == read["private"] == "storages.backends.s3.S3Storage"
    assert read["options"] == {
        "bucket_name": "trust-recruitment",
        "location": "packs-and-documents",
        "endpoint_url": "http://minio:9000",
        "region_name": "eu-west-2",
        "access_key": "key-id",
        "secret_key": "secret",
        "default_acl": None,
        "querystring_auth": True,
        "querystring_expire": 60,
        "file_overwrite": False,
        "object_parameters": {"CacheControl": "private, no-store"},
    }
    assert read["addressing_style"] == "path"
    assert read["connect_timeout"] == 5


def test_storage_url_on_aws_leaves_addressing_and_credentials_to_boto3():
    result, read = read_settings(STORAGE_URL="s3://trust-recruitment")

    assert result.returncode == 0, result.stderr
    assert read["options"]["endpoint_url"] is None
    assert read["options"]["location"] == ""
    assert (read["options"]["access_key"], read["options"]["secret_key"]) == (None, None)
    assert read["addressing_style"] == "auto"


def test_settings_refuse_a_storage_url_that_is_not_a_bucket():
    for wrong in ("https://minio:9000/recruitment", "s3://", "s3://bucket?region=eu-west-2"):
        result, _read = read_settings(STORAGE_URL=wrong)

        assert result.returncode != 0
        assert f"STORAGE_URL must look like s3://bucket or s3://bucket/prefix, not {wrong!r}" in result.stderr


def test_transaction_pooling_turns_off_server_side_cursors_and_prepared_statements():
    result, read = read_settings(DATABASE_URL="postgres://app@pgbouncer:6432/recruitment", DB_TRANSACTION_POOLING="1")

    assert result.returncode == 0, result.stderr
    assert read["database"] == {"ENGINE": "django.db.backends.postgresql", "DISABLE_SERVER_SIDE_CURSORS": True}
    assert read["prepare_threshold"] is None


def test_without_transaction_pooling_postgresql_keeps_its_defaults():
    result, read = read_settings(DATABASE_URL="postgres://app@postgres:5432/recruitment")

    assert result.returncode == 0, result.stderr
    assert read["database"]["DISABLE_SERVER_SIDE_CURSORS"] is False
    assert read["prepare_threshold"] == "unset"
