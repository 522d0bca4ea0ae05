"""A candidate who withdraws their application while they hold an offer
(candidates.services.withdraw_application): in the same transaction the offer
is withdrawn, with an event, its unanswered reference requests are cancelled
(links dead, never chased), and the vacancy goes back to interviewing, as
after a decline, so the recruiter can offer the job to a reserve."""

import datetime

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from candidates.models import Application
from candidates.services import withdraw_application
from offers import references, services
from offers.models import Check, Offer, OfferEvent, ReferenceRequest
from vacancies.models import Vacancy

from .conftest import clear_all_checks, offer_terms

pytestmark = pytest.mark.django_db


def withdraw(application, now=None):
    return withdraw_application(application_id=application.pk, actor=application.candidate, reason="Another job",
                                now=now)


def test_withdrawing_with_a_conditional_offer_withdraws_it_and_reopens_the_vacancy(offer, application, candidate):
    now = timezone.now() + datetime.timedelta(days=1)

    withdraw(application, now=now)

    offer.refresh_from_db()
    assert offer.status == "withdrawn"
    last = OfferEvent.objects.filter(offer=offer).order_by("created_at", "pk").last()
    assert (last.description, last.actor, last.created_at) == (
        "Offer withdrawn: the candidate withdrew their application", candidate, now,
    )
    vacancy = Vacancy.objects.get(pk=offer.vacancy_id)
    assert vacancy.status == "interviewing"
    assert vacancy.events.order_by("pk").last().note == "The offer fell through"


def test_a_withdrawn_offer_takes_no_more_checks_or_references(accepted_offer, application, recruiter):
    withdraw(application)

    identity = Check.objects.get(offer=accepted_offer, kind="identity")
    with pytest.raises(services.OfferRefused):
        services.update_check(check_id=identity.pk, actor=recruiter, status="cleared")
    with pytest.raises(services.OfferRefused):
        references.request_references(
            offer_id=accepted_offer.pk, referee_ids=list(application.referees.values_list("pk", flat=True)),
            actor=recruiter,
        )
    with pytest.raises(services.OfferRefused):
        services.make_unconditional_offer(offer_id=accepted_offer.pk, actor=recruiter,
                                          start_date=timezone.localdate())


def test_withdrawing_with_an_unconditional_offer_withdraws_it(accepted_offer, application, recruiter):
    clear_all_checks(accepted_offer, recruiter)
    services.make_unconditional_offer(offer_id=accepted_offer.pk, actor=recruiter,
                                      start_date=timezone.localdate() + datetime.timedelta(days=30))

    withdraw(application)

    assert Offer.objects.get(pk=accepted_offer.pk).status == "withdrawn"
    assert Application.objects.get(pk=application.pk).status == "withdrawn"
    assert Vacancy.objects.get(pk=accepted_offer.vacancy_id).status == "interviewing"


def test_withdrawing_cancels_unanswered_reference_requests(accepted_offer, application, recruiter, settings):
    settings.REFERENCE_CHASE_DAYS = [3, 7]
    rhiannon, sam = application.referees.order_by("name")
    asked = references.request_references(
        offer_id=accepted_offer.pk, referee_ids=[rhiannon.pk, sam.pk], actor=recruiter,
        now=timezone.now() - datetime.timedelta(days=30),
    )
    answered = next(item for item in asked if item.referee_id == rhiannon.pk)
    unanswered = next(item for item in asked if item.referee_id == sam.pk)
    references.submit_reference(reference_id=answered.pk, token_key=answered.token_key, answers={"role": "Nurse"})
    link_token = references.make_token(unanswered)

    withdraw(application)

    statuses = dict(ReferenceRequest.objects.filter(offer=accepted_offer).values_list("referee__name", "status"))
    assert statuses == {"Rhiannon Referee": "received", "Sam Supervisor": "cancelled"}
    assert references.chase_references() == 0
    with pytest.raises(references.InvalidLink):
        references.request_for_token(unanswered.pk, link_token)
    assert "Reference request to Sam Supervisor cancelled" in OfferEvent.objects.filter(
        offer=accepted_offer).values_list("description", flat=True)


def test_withdrawal_and_offer_roll_back_together(offer, application):
    with pytest.raises(RuntimeError), transaction.atomic():
        withdraw(application)
        raise RuntimeError("the request failed after the withdrawal")

    assert Offer.objects.get(pk=offer.pk).status == "made"
    assert Vacancy.objects.get(pk=offer.vacancy_id).status == "offer_made"


def test_withdrawing_without_an_offer_leaves_the_offers_alone(offer, reserve):
    withdraw(reserve)

    assert Offer.objects.get(pk=offer.pk).status == "made"
    assert Vacancy.objects.get(pk=offer.vacancy_id).status == "offer_made"


def test_the_recruiter_then_offers_the_job_to_the_reserve(offer, application, reserve, recruiter, site):
    withdraw(application)

    second = services.make_offer(application_id=reserve.pk, actor=recruiter, **offer_terms(site))

    assert second.status == "made"
    assert Vacancy.objects.get(pk=offer.vacancy_id).status == "offer_made"


def test_the_recruiters_offer_page_shows_the_withdrawal(client, vacancy, offer, application, recruiter):
    withdraw(application)
    client.force_login(recruiter)

    page = client.get(reverse("offers:offer_detail", kwargs={"reference": vacancy.reference, "offer_id": offer.pk}))

    html = page.content.decode()
    assert "The candidate withdrew their application." in html
    assert "Withdrawn by the candidate</strong>" in html
    assert "Offer withdrawn: the candidate withdrew their application" in html
    assert "Offer the job to a reserve" in html
