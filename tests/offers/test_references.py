"""References: requests to the candidate's referees, the referee's link
(signed, single use, expiring, for one request only, showing nothing but the
candidate's name and the job), their answer or refusal, the recruiter's
review, and the candidate who sees each referee's status but never what they wrote."""

import datetime
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import signing
from django.urls import reverse

from accounts.models import OutgoingEmail
from offers import references, tasks
from offers.models import OfferEvent, ReferenceRequest

pytestmark = pytest.mark.django_db

ANSWERS = {
    "employed_from_day": "1", "employed_from_month": "9", "employed_from_year": "2021",
    "employed_to_day": "", "employed_to_month": "", "employed_to_year": "",
    "role": "Staff Nurse", "sickness_absence_days": "2", "disciplinary": "False", "disciplinary_details": "",
    "would_reemploy": "True", "comments": "Kind, careful and a fine team player.",
}


@pytest.fixture
def requested(offer, recruiter, django_capture_on_commit_callbacks):
    referee_ids = list(offer.application.referees.values_list("pk", flat=True))
    with django_capture_on_commit_callbacks() as callbacks:
        created = references.request_references(offer_id=offer.pk, referee_ids=referee_ids, actor=recruiter)
    assert len(callbacks) == 2
    return created


def link_of(reference_request):
    return references.reference_link(reference_request).split("localhost:8000", 1)[-1]


def path_and_token(link):
    parts = urlsplit(link)
    return parts.path, parse_qs(parts.query)["t"][0]


def test_requests_go_to_each_referee_once_with_their_link(requested):
    first, second = requested

    assert tasks.send_reference_email(reference_request_id=first.pk, step=0) is True
    assert tasks.send_reference_email(reference_request_id=first.pk, step=0) is False
    tasks.send_reference_email(reference_request_id=second.pk, step=0)

    emails = {email.to[0]: email for email in OutgoingEmail.objects.all()}
    assert sorted(emails) == ["rhiannon@example.org", "sam@example.org"]
    email = emails["rhiannon@example.org"]
    assert email.subject == "Reference request for Cara Candidate, Staff Nurse, Acute Medicine"
    assert f"/references/{first.pk}/?t=" in email.body
    assert email.alternatives[0][1] == "text/html"
    assert [row.description for row in OfferEvent.objects.filter(offer=first.offer).order_by("pk")][-2:] == [
        "Reference requested from Rhiannon Referee", "Reference requested from Sam Supervisor",
    ]


def test_a_referee_is_asked_once(requested, offer, recruiter):
    again = references.request_references(
        offer_id=offer.pk, referee_ids=[requested[0].referee_id], actor=recruiter
    )

    assert again == []
    assert ReferenceRequest.objects.filter(offer=offer).count() == 2


def test_referee_page_shows_only_the_candidates_name_and_the_job(client, requested, application):
    response = client.get(link_of(requested[0]))

    assert response.status_code == 200
    content = response.content.decode()
    assert "A reference for Cara Candidate" in content
    assert "Staff Nurse, Acute Medicine" in content
    for private in ("contact1@example.org", "07700 900982", "1 High Street", "WR1 2AB", application.reference,
                    "31,049", "Sam Supervisor", application.candidate.email):
        assert private not in content


def test_referee_answers_once_and_the_link_is_then_refused(client, requested):
    link = link_of(requested[0])

    response = client.post(link, ANSWERS)

    assert response.status_code == 302
    assert response["Location"] == reverse("offers:reference_thanks")
    reference = ReferenceRequest.objects.get(pk=requested[0].pk)
    assert reference.status == "received"
    assert (reference.employed_from, reference.employed_to) == (datetime.date(2021, 9, 1), None)
    assert (reference.role, reference.sickness_absence_days) == ("Staff Nurse", 2)
    assert (reference.disciplinary, reference.would_reemploy) == (False, True)
    assert reference.comments == "Kind, careful and a fine team player."
    assert OfferEvent.objects.filter(description="Reference received from Rhiannon Referee").exists()
    for method in (client.get, client.post):
        refused = method(link, ANSWERS) if method == client.post else method(link)
        assert refused.status_code == 404
        assert "This link does not work" in refused.content.decode()
    assert ReferenceRequest.objects.get(pk=requested[0].pk).responded_at == reference.responded_at


def test_bad_answers_are_kept_with_a_message_by_the_field(client, requested):
    response = client.post(link_of(requested[0]), {**ANSWERS, "disciplinary": "True", "role": ""})

    assert response.status_code == 200
    content = response.content.decode()
    assert "Enter their job title" in content
    assert "Give the details of the disciplinary action" in content
    assert "Kind, careful and a fine team player." in content
    assert ReferenceRequest.objects.get(pk=requested[0].pk).status == "requested"


def test_an_expired_link_is_refused(client, requested, settings, monkeypatch):
    settings.REFERENCE_LINK_DAYS = 28
    made_at = time.time() - 29 * 24 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: made_at)
    link = link_of(requested[0])
    monkeypatch.undo()

    response = client.get(link)

    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()


def test_a_changed_token_is_refused(client, requested):
    path, token = path_and_token(link_of(requested[0]))
    changed = token[:-1] + ("A" if token[-1] != "A" else "B")

    assert client.get(path, {"t": changed}).status_code == 404
    assert client.get(path).status_code == 404
    assert client.post(path, ANSWERS).status_code == 404
    assert ReferenceRequest.objects.get(pk=requested[0].pk).status == "requested"


def test_a_token_for_another_reference_is_refused(client, requested):
    _path, token = path_and_token(link_of(requested[0]))
    other_path, _token = path_and_token(link_of(requested[1]))

    assert client.get(other_path, {"t": token}).status_code == 404
    assert client.post(f"{other_path}?t={token}", ANSWERS).status_code == 404
    assert ReferenceRequest.objects.get(pk=requested[1].pk).status == "requested"


def test_referee_can_decline(client, requested):
    path, token = path_and_token(link_of(requested[1]))
    decline = reverse("offers:reference_decline", kwargs={"reference_id": requested[1].pk})

    assert "Decline to give a reference for Cara Candidate" in client.get(decline, {"t": token}).content.decode()
    response = client.post(f"{decline}?t={token}", {"reason": "I never managed her"})

    assert response.status_code == 302
    reference = ReferenceRequest.objects.get(pk=requested[1].pk)
    assert (reference.status, reference.decline_reason) == ("declined", "I never managed her")
    assert client.get(path, {"t": token}).status_code == 404


def test_recruiter_accepts_or_rejects_a_reference_with_a_note(client, requested, recruiter):
    for reference, decision in zip(requested, ("accept", "reject"), strict=True):
        references.submit_reference(reference_id=reference.pk, token_key=reference.token_key,
                                    answers={"role": "Staff Nurse", "comments": "Secret words"})
        url = reverse("offers:reference_review", kwargs={
            "reference": reference.offer.vacancy.reference, "offer_id": reference.offer_id,
            "reference_id": reference.pk,
        })
        client.force_login(recruiter)
        assert "Secret words" in client.get(url).content.decode()
        client.post(url, {"decision": decision, "note": "Checked by phone"})

    statuses = dict(ReferenceRequest.objects.values_list("pk", "status"))
    assert [statuses[reference.pk] for reference in requested] == ["accepted", "rejected"]
    accepted = ReferenceRequest.objects.get(pk=requested[0].pk)
    assert (accepted.reviewed_by, accepted.review_note) == (recruiter, "Checked by phone")
    assert OfferEvent.objects.filter(description="Reference from Sam Supervisor not accepted",
                                     note="Checked by phone", actor=recruiter).exists()


def test_review_needs_a_decision(client, requested, recruiter):
    reference = requested[0]
    references.submit_reference(reference_id=reference.pk, token_key=reference.token_key, answers={})
    url = reverse("offers:reference_review", kwargs={
        "reference": reference.offer.vacancy.reference, "offer_id": reference.offer_id, "reference_id": reference.pk,
    })
    client.force_login(recruiter)

    response = client.post(url, {"note": "Hmm"})

    assert "Choose whether you accept the reference" in response.content.decode()
    assert ReferenceRequest.objects.get(pk=reference.pk).status == "received"


def test_candidate_sees_each_referees_status_but_never_what_they_wrote(client, requested, candidate):
    reference = requested[0]
    references.submit_reference(reference_id=reference.pk, token_key=reference.token_key, answers={
        "role": "Staff Nurse", "comments": "Often late on shift", "disciplinary_details": "A written warning",
    })
    client.force_login(candidate)

    response = client.get(reverse("offers:candidate_offer", kwargs={"application_id": reference.offer.application_id}))

    content = response.content.decode()
    assert "Rhiannon Referee" in content and "Received" in content
    assert "Sam Supervisor" in content and "Requested" in content
    for secret in ("Often late on shift", "A written warning", "rhiannon@example.org"):
        assert secret not in content
