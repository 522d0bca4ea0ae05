"""The offer pages are valid HTML (the Nu checker, as tests/test_valid_html.py
runs it on the public pages), error states included."""

import pytest
from django.urls import reverse

from offers import references
from offers.models import Check
from tests.test_valid_html import nu_errors

pytestmark = pytest.mark.django_db


def test_offer_pages_are_valid_html(client, accepted_offer, recruiter, candidate, tmp_path):
    vacancy, offer = accepted_offer.vacancy, accepted_offer
    ids = list(offer.application.referees.values_list("pk", flat=True))
    first, second = references.request_references(offer_id=offer.pk, referee_ids=ids, actor=recruiter)
    link = references.reference_link(first).split("localhost:8000", 1)[-1]
    pages = {"reference-form": client.get(link), "reference-form-error": client.post(link, {"role": ""})}
    references.submit_reference(reference_id=second.pk, token_key=second.token_key,
                                answers={"role": "Nurse", "comments": "Good"})
    identity = Check.objects.get(offer=offer, kind="identity")
    staff = {"reference": vacancy.reference, "offer_id": offer.pk}
    client.force_login(recruiter)
    pages["offer-list"] = client.get(reverse("offers:offer_list", kwargs={"reference": vacancy.reference}))
    pages["offer-detail"] = client.get(reverse("offers:offer_detail", kwargs=staff))
    pages["reference-review"] = client.get(reverse("offers:reference_review", kwargs={**staff,
                                                                                      "reference_id": second.pk}))
    pages["check-error"] = client.post(reverse("offers:check_update", kwargs={**staff, "check_id": identity.pk}), {})
    pages["unconditional"] = client.get(reverse("offers:offer_unconditional", kwargs=staff))
    client.force_login(candidate)
    mine = {"application_id": offer.application_id}
    pages["candidate-offer"] = client.get(reverse("offers:candidate_offer", kwargs=mine))
    pages["candidate-check-error"] = client.post(
        reverse("offers:candidate_check", kwargs={**mine, "check_id": identity.pk}), {}
    )
    pages["candidate-decline"] = client.get(reverse("offers:candidate_decline", kwargs=mine))
    assert {name: response.status_code for name, response in pages.items()} == dict.fromkeys(pages, 200)

    assert nu_errors({name: response.content.decode() for name, response in pages.items()}, tmp_path) == []
