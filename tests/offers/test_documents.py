"""Documents for the checks: PDF, JPEG or PNG by their content (not their
name), no bigger than DOCUMENT_MAX_BYTES, kept in the private storage, served
only to the candidate and the trust's recruiters, and deleted with the
application's personal information at the end of its retention."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from candidates.models import Application
from candidates.services import anonymise_expired_applications
from offers import references, services
from offers.models import Check, Document, Offer, OfferEvent, ReferenceRequest

from .conftest import JPEG, PDF, PNG

pytestmark = pytest.mark.django_db


def check_url(offer, kind):
    check = Check.objects.get(offer=offer, kind=kind)
    return reverse("offers:candidate_check", kwargs={"application_id": offer.application_id, "check_id": check.pk})


def upload(client, offer, name, content, kind="identity"):
    return client.post(check_url(offer, kind), {"file": SimpleUploadedFile(name, content, "application/pdf")})


@pytest.fixture
def signed_in_candidate(client, candidate):
    client.force_login(candidate)
    return client


@pytest.mark.parametrize(("name", "content", "content_type"), [
    ("passport.pdf", PDF, "application/pdf"), ("passport.jpg", JPEG, "image/jpeg"),
    ("passport scan.png", PNG, "image/png"), ("no-extension", PDF, "application/pdf"),
])
def test_candidate_uploads_a_document_of_an_allowed_type(
    signed_in_candidate, accepted_offer, private_files, name, content, content_type
):
    response = upload(signed_in_candidate, accepted_offer, name, content)

    assert response.status_code == 302
    document = Document.objects.get()
    assert (document.original_name, document.content_type, document.size) == (name, content_type, len(content))
    assert document.file.name.startswith(f"offers/{accepted_offer.pk}/")
    assert name not in document.file.name
    assert document.file.read() == content
    assert (private_files / document.file.name).exists()
    assert Check.objects.get(offer=accepted_offer, kind="identity").status == "in_progress"
    assert OfferEvent.objects.filter(offer=accepted_offer, description="Document uploaded for the identity check").exists()


@pytest.mark.parametrize(("name", "content"), [
    ("passport.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
    ("passport.pdf", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>'),
    ("passport.png", b"GIF89a" + b"\x00" * 20),
])
def test_a_file_of_another_type_is_refused_whatever_its_name(signed_in_candidate, accepted_offer, name, content):
    response = upload(signed_in_candidate, accepted_offer, name, content)

    assert response.status_code == 200
    assert "The file must be a PDF, JPEG or PNG. This file is not one of those, whatever its name." in (
        response.content.decode()
    )
    assert "nhsuk-error-summary" in response.content.decode()
    assert not Document.objects.exists()


def test_a_file_over_the_limit_is_refused(signed_in_candidate, accepted_offer, settings):
    settings.DOCUMENT_MAX_BYTES = 2048

    response = upload(signed_in_candidate, accepted_offer, "big.pdf", PDF + b"0" * 2048)

    assert response.status_code == 200
    assert "The file must be smaller than 2.0\xa0KB" in response.content.decode()
    assert not Document.objects.exists()
    assert upload(signed_in_candidate, accepted_offer, "small.pdf", PDF).status_code == 302


def test_no_file_is_refused_with_a_message(signed_in_candidate, accepted_offer):
    response = signed_in_candidate.post(check_url(accepted_offer, "identity"), {})

    assert "Choose a file to upload" in response.content.decode()


def test_a_check_that_asks_for_no_documents_has_no_upload_page(signed_in_candidate, accepted_offer):
    assert signed_in_candidate.get(check_url(accepted_offer, "work_health")).status_code == 404
    assert upload(signed_in_candidate, accepted_offer, "a.pdf", PDF, kind="work_health").status_code == 404


def test_right_to_work_starts_from_the_share_code(signed_in_candidate, accepted_offer):
    check = Check.objects.get(offer=accepted_offer, kind="right_to_work")
    url = reverse("offers:candidate_share_code", kwargs={"application_id": accepted_offer.application_id,
                                                        "check_id": check.pk})

    refused = signed_in_candidate.post(url, {"share_code": "W12 3AB"})
    assert "Enter a share code of 9 letters and numbers, like W12 3AB 45C" in refused.content.decode()
    assert 'value="W12 3AB"' in refused.content.decode()
    signed_in_candidate.post(url, {"share_code": "w12 3ab 45c"})

    check.refresh_from_db()
    assert (check.share_code, check.status) == ("W123AB45C", "in_progress")


@pytest.fixture
def document(accepted_offer, candidate):
    return services.add_document(
        check_id=Check.objects.get(offer=accepted_offer, kind="identity").pk, actor=candidate,
        upload=SimpleUploadedFile("passport.pdf", PDF), content_type="application/pdf",
    )


def test_a_document_is_served_to_the_candidate_and_the_trusts_recruiters(client, document, candidate, recruiter):
    url = reverse("offers:document_download", kwargs={"document_id": document.pk})
    for user in (candidate, recruiter):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["Cache-Control"] == "private, no-store"


def test_a_document_is_404_to_everyone_else(
    client, document, other_candidate, other_recruiter, hiring_manager, panel_member, trust_a
):
    url = reverse("offers:document_download", kwargs={"document_id": document.pk})
    assert client.get(url).status_code == 302  # Sign in first.
    for user in (other_candidate, other_recruiter, hiring_manager, panel_member):
        client.force_login(user)
        assert client.get(url).status_code == 404


def test_retention_deletes_the_documents_with_the_application(
    document, accepted_offer, candidate, private_files, django_capture_on_commit_callbacks
):
    path = private_files / document.file.name
    assert path.exists()
    right_to_work = Check.objects.get(offer=accepted_offer, kind="right_to_work")
    services.give_share_code(check_id=right_to_work.pk, actor=candidate, share_code="W123AB45C")
    references.request_references(offer_id=accepted_offer.pk, actor=candidate,
                                  referee_ids=accepted_offer.application.referees.values_list("pk", flat=True))
    services.decline_offer(offer_id=accepted_offer.pk, actor=candidate, reason="Moving to Leeds")
    closed = timezone.now() - datetime.timedelta(days=500)
    accepted_offer.vacancy.__class__.objects.filter(pk=accepted_offer.vacancy_id).update(closing_at=closed)

    with django_capture_on_commit_callbacks(execute=True):
        assert anonymise_expired_applications() == 1

    assert not Document.objects.exists()
    assert not path.exists()
    assert Application.objects.get(pk=accepted_offer.application_id).anonymised_at is not None
    assert not OfferEvent.objects.filter(offer=accepted_offer).exists()
    assert not ReferenceRequest.objects.filter(offer=accepted_offer).exists()
    assert set(Check.objects.filter(offer=accepted_offer).values_list("share_code", "note")) == {("", "")}
    assert Offer.objects.get(pk=accepted_offer.pk).decline_reason == ""


def test_retention_keeps_documents_of_applications_not_yet_expired(document, private_files):
    assert anonymise_expired_applications() == 0
    assert Document.objects.count() == 1
    assert (private_files / document.file.name).exists()


def test_documents_of_an_appointed_candidate_are_kept(document, accepted_offer):
    Application.objects.filter(pk=accepted_offer.application_id).update(status="appointed")
    accepted_offer.vacancy.__class__.objects.filter(pk=accepted_offer.vacancy_id).update(
        closing_at=timezone.now() - datetime.timedelta(days=500)
    )

    assert anonymise_expired_applications() == 0
    assert Document.objects.count() == 1
