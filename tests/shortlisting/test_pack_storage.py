"""Packs in a bucket on an S3-API server (STORAGE_URL): made and read by
storage name, private, sent only through the checking view, and deleted from
the bucket by the retention sweep."""

import datetime
import io
import socket
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.urls import reverse
from django.utils import timezone

from shortlisting import services, tasks
from shortlisting.models import ShortlistPack

from .reading import read_pack

pytestmark = pytest.mark.django_db
Status = ShortlistPack.Status


def _get(url):
    """(status, body) of a plain GET, as a browser given the address would make it."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as refusal:
        return refusal.code, refusal.read()


def test_pack_made_in_the_bucket_is_read_back_by_name_and_downloaded_through_the_view(
    bucket, client, vacancy, applications, recruiter, media_root
):
    pack, _ = services.request_pack(vacancy=vacancy, requested_by=recruiter, seed=3)
    for chunk_id in pack.chunks.values_list("pk", flat=True):
        tasks.render_pack_chunk(chunk_id=chunk_id)
    tasks.merge_pack(pack_id=pack.pk)
    pack.refresh_from_db()
    client.force_login(recruiter)

    response = client.get(reverse("shortlisting:pack_download", kwargs={"reference": vacancy.reference, "pk": pack.pk}))

    assert pack.status == Status.READY
    # Only the pack is left in the bucket: the merge deleted the chunks' PDFs there.
    assert bucket.keys() == [pack.file.name]
    assert pack.file.name.startswith("shortlisting/packs/")
    # Nothing was written to this host's disk.
    assert not media_root.exists() or list(media_root.rglob("*")) == []
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    body = b"".join(response.streaming_content)
    assert body == bucket.client.get_object(Bucket=bucket.name, Key=pack.file.name)["Body"].read()
    read = read_pack(io.BytesIO(body))
    assert sorted(read.applicant_order()) == sorted(application.anonymous_code for application in applications)


def test_a_pack_in_the_bucket_is_not_reachable_at_its_address_without_a_signature(bucket):
    name = default_storage.save("shortlisting/packs/pack-private.pdf", ContentFile(b"%PDF-1.7 personal information"))
    address = f"{bucket.endpoint}/{bucket.name}/{urllib.parse.quote(name)}"

    status, body = _get(address)

    assert status == 403
    assert b"personal information" not in body
    # No grant to anyone but the owner: no public-read, no authenticated-read.
    grants = bucket.client.get_object_acl(Bucket=bucket.name, Key=name)["Grants"]
    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]
    assert all(grant["Grantee"]["Type"] == "CanonicalUser" for grant in grants)
    # And it is there, for those who sign: the storage reads it back.
    assert default_storage.open(name).read() == b"%PDF-1.7 personal information"


def test_the_storage_signs_any_address_it_makes_for_a_minute_at_most(bucket):
    # The service sends files through its views; should code ever ask the
    # storage for an address, it is signed and short-lived.
    name = storages["private"].save("documents/passport.pdf", ContentFile(b"%PDF-1.7 passport"))

    address = storages["private"].url(name)

    query = urllib.parse.parse_qs(urllib.parse.urlsplit(address).query)
    assert query["X-Amz-Expires"] == ["60"]
    assert "X-Amz-Signature" in query
    assert _get(address) == (200, b"%PDF-1.7 passport")
    assert _get(address.split("?")[0])[0] == 403


def test_the_retention_sweep_deletes_old_packs_from_the_bucket(bucket, vacancy, applications, recruiter):
    pack, _ = services.request_pack(vacancy=vacancy, requested_by=recruiter, seed=3)
    for chunk_id in pack.chunks.values_list("pk", flat=True):
        tasks.render_pack_chunk(chunk_id=chunk_id)
    tasks.merge_pack(pack_id=pack.pk)
    # A second pack whose merge failed: its chunks' PDFs are still in the bucket.
    stuck, _ = services.request_pack(vacancy=vacancy, requested_by=recruiter, seed=4)
    chunk_ids = list(stuck.chunks.values_list("pk", flat=True))
    tasks.render_pack_chunk(chunk_id=chunk_ids[0])
    ShortlistPack.objects.filter(pk=stuck.pk).update(status=Status.FAILED)
    recent, _ = services.request_pack(vacancy=vacancy, requested_by=recruiter, seed=5)
    for chunk_id in recent.chunks.values_list("pk", flat=True):
        tasks.render_pack_chunk(chunk_id=chunk_id)
    tasks.merge_pack(pack_id=recent.pk)
    recent.refresh_from_db()
    ShortlistPack.objects.filter(pk__in=[pack.pk, stuck.pk]).update(created_at=timezone.now() - datetime.timedelta(days=31))
    assert len(bucket.keys("shortlisting/packs/")) == 2
    assert len(bucket.keys("shortlisting/chunks/")) == 1

    deleted = tasks.delete_old_packs()

    assert deleted == 2
    assert bucket.keys() == [recent.file.name]
    assert list(ShortlistPack.objects.values_list("pk", flat=True)) == [recent.pk]


def test_a_bucket_that_does_not_answer_hands_the_chunk_back_to_be_tried_again(bucket, settings, vacancy, applications):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    config = settings.STORAGES["default"]
    down = {**config, "OPTIONS": {**config["OPTIONS"], "endpoint_url": f"http://127.0.0.1:{closed_port}"}}
    settings.STORAGES = {**settings.STORAGES, "default": down, "private": down}
    pack, _ = services.request_pack(vacancy=vacancy, requested_by=None, seed=3)
    chunk = pack.chunks.order_by("index").first()

    # The task retries a transient error later (shortlisting.tasks); anything
    # else would fail the pack at once.
    with pytest.raises(services.TRANSIENT_ERRORS):
        services.render_chunk(chunk=chunk)

    chunk.refresh_from_db()
    pack.refresh_from_db()
    assert (chunk.status, chunk.claim_token, chunk.file.name, chunk.attempts) == (Status.QUEUED, None, "", 1)
    assert pack.status == Status.RENDERING
    assert pack.error == ""
