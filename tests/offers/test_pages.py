"""The offer pages: who gets in (404 for everyone else, tried the other way
in), what the recruiter's pages save, bad input kept by its field, and list
pages that run a fixed number of queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from candidates.models import Application
from offers import references, services
from offers.models import Check, Offer, OfferEvent, ReferenceRequest
from tests.candidates.factories import RefereeFactory
from tests.factories import UserFactory
from vacancies.models import Vacancy

from .conftest import candidate_at, clear_all_checks

pytestmark = pytest.mark.django_db


def staff_url(name, vacancy, **kwargs):
    return reverse(f"offers:{name}", kwargs={"reference": vacancy.reference, **kwargs})


def mine(name, application, **kwargs):
    return reverse(f"offers:{name}", kwargs={"application_id": application.pk, **kwargs})


@pytest.fixture
def received_reference(accepted_offer, recruiter):
    referee = accepted_offer.application.referees.first()
    reference = references.request_references(offer_id=accepted_offer.pk, referee_ids=[referee.pk],
                                              actor=recruiter)[0]
    return references.submit_reference(reference_id=reference.pk, token_key=reference.token_key,
                                       answers={"role": "Nurse"})


def staff_pages(vacancy, offer, application, reference):
    ids = {"offer_id": offer.pk}
    identity = Check.objects.get(offer=offer, kind="identity")
    return [
        staff_url("offer_list", vacancy),
        staff_url("offer_create", vacancy, application_id=application.pk),
        staff_url("offer_detail", vacancy, **ids),
        staff_url("references_request", vacancy, **ids),
        staff_url("reference_review", vacancy, reference_id=reference.pk, **ids),
        staff_url("check_update", vacancy, check_id=identity.pk, **ids),
        staff_url("offer_unconditional", vacancy, **ids),
    ]


def candidate_pages(offer):
    application = offer.application
    identity = Check.objects.get(offer=offer, kind="identity")
    right_to_work = Check.objects.get(offer=offer, kind="right_to_work")
    return [
        ("get", mine("candidate_offer", application)),
        ("post", mine("candidate_accept", application)),
        ("get", mine("candidate_decline", application)),
        ("post", mine("candidate_decline", application)),
        ("get", mine("candidate_check", application, check_id=identity.pk)),
        ("post", mine("candidate_share_code", application, check_id=right_to_work.pk)),
        ("get", mine("candidate_confirm_start", application)),
        ("post", mine("candidate_confirm_start", application)),
    ]


def test_staff_pages_are_404_to_all_but_the_trusts_recruiters(
    client, vacancy, accepted_offer, reserve, received_reference, recruiter, other_recruiter, hiring_manager,
    panel_member, candidate,
):
    urls = staff_pages(vacancy, accepted_offer, reserve, received_reference)
    client.force_login(recruiter)
    assert {url: client.get(url).status_code for url in urls} == {url: 200 for url in urls}
    for user in (other_recruiter, hiring_manager, panel_member, candidate):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 404, (user, url)
            # 405 for the pages that take no POST from anyone.
            assert client.post(url, {"status": "cleared", "decision": "accept"}).status_code in (404, 405), (user, url)
    assert Check.objects.filter(offer=accepted_offer, status="cleared").count() == 0
    assert ReferenceRequest.objects.get(pk=received_reference.pk).status == "received"
    assert Offer.objects.count() == 1


def test_candidate_pages_are_404_to_everyone_but_the_candidate(
    client, offer, other_candidate, recruiter, candidate
):
    clear_all_checks(offer, recruiter)
    services.accept_offer(offer_id=offer.pk, actor=candidate)
    services.make_unconditional_offer(offer_id=offer.pk, actor=recruiter, start_date=timezone.localdate())
    for user in (other_candidate, recruiter):
        client.force_login(user)
        for method, url in candidate_pages(offer):
            assert getattr(client, method)(url, {"share_code": "W123AB45C"}).status_code == 404, (user, url)
    offer.refresh_from_db()
    assert offer.status == "unconditional"
    assert Application.objects.get(pk=offer.application_id).status == "offered"
    assert Check.objects.get(offer=offer, kind="right_to_work").share_code == ""
    client.force_login(candidate)
    assert client.get(mine("candidate_confirm_start", offer.application)).status_code == 200


def test_candidate_pages_of_an_application_without_an_offer_are_404(client, application, candidate):
    client.force_login(candidate)

    assert client.get(mine("candidate_offer", application)).status_code == 404


def test_recruiter_makes_an_offer_through_the_form(client, vacancy, application, recruiter, site):
    client.force_login(recruiter)
    start = timezone.localdate() + datetime.timedelta(days=40)

    response = client.post(staff_url("offer_create", vacancy, application_id=application.pk), {
        "salary": "31049", "outside_band_reason": "", "hours_per_week": "37.5", "contract_type": "permanent",
        "base_site": str(site.pk), "proposed_start_date_day": str(start.day),
        "proposed_start_date_month": str(start.month), "proposed_start_date_year": str(start.year),
    })

    offer = Offer.objects.get()
    assert response["Location"] == staff_url("offer_detail", vacancy, offer_id=offer.pk)
    assert (offer.base_site, offer.proposed_start_date, offer.made_by) == (site, start, recruiter)


def test_offer_form_keeps_what_was_typed_and_says_the_band_needs_a_reason(client, vacancy, application, recruiter,
                                                                         site):
    client.force_login(recruiter)
    start = timezone.localdate() + datetime.timedelta(days=40)

    response = client.post(staff_url("offer_create", vacancy, application_id=application.pk), {
        "salary": "52000", "hours_per_week": "30", "contract_type": "fixed_term", "base_site": str(site.pk),
        "proposed_start_date_day": str(start.day), "proposed_start_date_month": str(start.month),
        "proposed_start_date_year": str(start.year),
    })

    content = response.content.decode()
    assert response.status_code == 200
    assert "The salary is outside Band 5 (£31,049 to £37,796): give a reason for it" in content
    assert 'value="52000"' in content and 'value="30"' in content
    assert not Offer.objects.exists()


def test_offer_form_refuses_a_start_date_in_the_past_and_nonsense(client, vacancy, application, recruiter, site):
    client.force_login(recruiter)

    response = client.post(staff_url("offer_create", vacancy, application_id=application.pk), {
        "salary": "lots", "hours_per_week": "90", "contract_type": "permanent", "base_site": "999999",
        "proposed_start_date_day": "1", "proposed_start_date_month": "1", "proposed_start_date_year": "2020",
    })

    content = response.content.decode()
    for message in ("Enter the salary as a number, like 31049", "Enter between 1 and 48 hours a week",
                    "Choose one of the vacancy&#x27;s sites", "The proposed start date must be today or later"):
        assert message in content
    assert not Offer.objects.exists()


def test_recruiter_records_a_check_and_the_history_shows_it(client, vacancy, accepted_offer, recruiter):
    identity = Check.objects.get(offer=accepted_offer, kind="identity")
    client.force_login(recruiter)
    url = staff_url("check_update", vacancy, offer_id=accepted_offer.pk, check_id=identity.pk)

    assert "Choose the status of the check" in client.post(url, {"note": "x"}).content.decode()
    client.post(url, {"status": "cleared", "note": "Passport seen in person"})

    identity.refresh_from_db()
    assert (identity.status, identity.checked_by, identity.note) == ("cleared", recruiter, "Passport seen in person")
    page = client.get(staff_url("offer_detail", vacancy, offer_id=accepted_offer.pk)).content.decode()
    assert "Identity check: Not started → Cleared" in page
    assert "Passport seen in person" in page


def test_unconditional_page_refuses_with_a_clear_message_while_checks_are_open(
    client, vacancy, accepted_offer, recruiter
):
    client.force_login(recruiter)
    start = timezone.localdate() + datetime.timedelta(days=40)
    data = {"start_date_day": str(start.day), "start_date_month": str(start.month),
            "start_date_year": str(start.year)}

    response = client.post(staff_url("offer_unconditional", vacancy, offer_id=accepted_offer.pk), data)

    assert "Every check must be cleared before an unconditional offer." in response.content.decode()
    assert Offer.objects.get().status == "accepted"
    clear_all_checks(accepted_offer, recruiter)
    client.post(staff_url("offer_unconditional", vacancy, offer_id=accepted_offer.pk), data)
    assert (Offer.objects.get().status, Offer.objects.get().start_date) == ("unconditional", start)


def test_candidate_accepts_and_declines_from_their_account(client, offer, candidate):
    client.force_login(candidate)

    client.post(mine("candidate_accept", offer.application))
    assert Offer.objects.get().status == "accepted"
    client.post(mine("candidate_decline", offer.application), {"reason": "Moving away"})

    offer.refresh_from_db()
    assert (offer.status, offer.decline_reason) == ("declined", "Moving away")
    assert Application.objects.get(pk=offer.application_id).status == "withdrawn"
    assert Vacancy.objects.get(pk=offer.vacancy_id).status == "interviewing"


def test_candidate_confirms_the_start_date(client, accepted_offer, recruiter, candidate):
    clear_all_checks(accepted_offer, recruiter)
    services.make_unconditional_offer(offer_id=accepted_offer.pk, actor=recruiter,
                                      start_date=timezone.localdate() + datetime.timedelta(days=30))
    client.force_login(candidate)

    assert client.get(mine("candidate_confirm_start", accepted_offer.application)).status_code == 200
    client.post(mine("candidate_confirm_start", accepted_offer.application))

    assert Application.objects.get(pk=accepted_offer.application_id).status == "appointed"
    assert client.get(mine("candidate_confirm_start", accepted_offer.application)).status_code == 404


def test_reference_request_page_sends_to_the_chosen_referees(client, vacancy, offer, recruiter):
    client.force_login(recruiter)
    url = staff_url("references_request", vacancy, offer_id=offer.pk)
    assert "Choose at least one referee" in client.post(url, {}).content.decode()
    referee = offer.application.referees.get(name="Sam Supervisor")

    client.post(url, {"referees": [str(referee.pk)]})

    assert list(ReferenceRequest.objects.values_list("referee__name", flat=True)) == ["Sam Supervisor"]
    assert OfferEvent.objects.filter(description="Reference requested from Sam Supervisor", actor=recruiter).exists()


def _add_offers(vacancy, recruiter, site, count, first_number):
    from .conftest import offer_terms

    for number in range(first_number, first_number + count):
        application = candidate_at(vacancy, UserFactory(), Application.Status.PREFERRED, number)
        RefereeFactory(application=application)
        offer = services.make_offer(application_id=application.pk, actor=recruiter, **offer_terms(site))
        services.decline_offer(offer_id=offer.pk, actor=application.candidate)
        candidate_at(vacancy, UserFactory(), Application.Status.INTERVIEW_RESERVE, number + 100)


def test_offer_list_runs_a_fixed_number_of_queries(client, vacancy, recruiter, site, django_assert_max_num_queries):
    client.force_login(recruiter)
    _add_offers(vacancy, recruiter, site, 1, 10)
    with django_assert_max_num_queries(12):
        few = client.get(staff_url("offer_list", vacancy))
    _add_offers(vacancy, recruiter, site, 8, 20)
    with django_assert_max_num_queries(12):
        many = client.get(staff_url("offer_list", vacancy))

    assert few.content.decode().count("Make an offer<span") == 1
    assert many.content.decode().count("Make an offer<span") == 9


def test_offer_detail_runs_a_fixed_number_of_queries(
    client, vacancy, accepted_offer, recruiter, candidate, django_assert_max_num_queries
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .conftest import PDF

    client.force_login(recruiter)
    url = staff_url("offer_detail", vacancy, offer_id=accepted_offer.pk)
    with django_assert_max_num_queries(20):
        client.get(url)
    ids = list(accepted_offer.application.referees.values_list("pk", flat=True))
    references.request_references(offer_id=accepted_offer.pk, referee_ids=ids, actor=recruiter)
    clear_all_checks(accepted_offer, recruiter)
    for check in Check.objects.filter(offer=accepted_offer, kind__in=["identity", "registration"]):
        for _ in range(3):
            services.add_document(check_id=check.pk, actor=candidate, upload=SimpleUploadedFile("a.pdf", PDF),
                                  content_type="application/pdf")
    with django_assert_max_num_queries(20):
        response = client.get(url)
    assert response.content.decode().count("a.pdf</a>") == 6
