"""Rules of the offer: made to the preferred candidate (or a reserve after
interview, in one step) within the band unless a reason is given; accepted or
declined by the candidate; unconditional only once every required check is
cleared; the start date confirmed fills the vacancy and tells the others.
Every change writes an event; the stage times are set on the application."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import OutgoingEmail
from candidates.models import Application
from offers import services, tasks
from offers.models import CandidateNotice, Check, Offer, OfferEvent
from tests.factories import SiteFactory
from vacancies.models import Vacancy

from .conftest import candidate_at, clear_all_checks, offer_terms

pytestmark = pytest.mark.django_db


def descriptions(offer):
    return list(OfferEvent.objects.filter(offer=offer).order_by("created_at", "pk").values_list("description", flat=True))


def test_offer_moves_application_and_vacancy_and_sets_up_six_checks(
    application, recruiter, site, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        offer = services.make_offer(application_id=application.pk, actor=recruiter, **offer_terms(site))

    application.refresh_from_db()
    assert application.status == "offered"
    assert application.offered_at is not None
    assert Vacancy.objects.get(pk=application.vacancy_id).status == "offer_made"
    checks = {check.kind: check for check in Check.objects.filter(offer=offer)}
    assert sorted(checks) == sorted(Check.Kind.values)
    assert {check.status for check in checks.values()} == {"not_started"}
    assert checks["criminal_record"].dbs_level == "enhanced"
    assert descriptions(offer) == ["Conditional offer made"]
    assert len(callbacks) == 1


def test_offer_email_goes_to_the_contact_address_once(offer, application):
    assert tasks.send_candidate_notice(application_id=application.pk, kind="conditional_offer") is True
    assert tasks.send_candidate_notice(application_id=application.pk, kind="conditional_offer") is False

    email = OutgoingEmail.objects.get()
    assert email.to == ["contact1@example.org"]
    assert email.subject == "We would like to offer you the job of Staff Nurse, Acute Medicine"
    assert f"/applications/{application.pk}/offer/" in email.body
    assert CandidateNotice.objects.filter(application=application, kind="conditional_offer").count() == 1


def test_no_criminal_record_check_when_the_vacancy_asks_for_none(application, recruiter, site):
    Vacancy.objects.filter(pk=application.vacancy_id).update(dbs_level="none")

    offer = services.make_offer(application_id=application.pk, actor=recruiter, **offer_terms(site))

    assert Check.objects.get(offer=offer, kind="criminal_record").status == "not_required"


def test_salary_outside_the_band_needs_a_reason(application, recruiter, site):
    with pytest.raises(ValidationError) as refusal:
        services.make_offer(application_id=application.pk, actor=recruiter,
                            **offer_terms(site, salary=Decimal("45000")))

    assert refusal.value.message_dict["outside_band_reason"] == [
        "The salary is outside Band 5 (£31,049 to £37,796): give a reason for it"
    ]
    assert not Offer.objects.exists()
    assert Application.objects.get(pk=application.pk).status == "preferred"

    offer = services.make_offer(application_id=application.pk, actor=recruiter,
                                outside_band_reason="Matching current salary",
                                **offer_terms(site, salary=Decimal("45000")))
    assert (offer.salary, offer.outside_band_reason) == (Decimal("45000"), "Matching current salary")


def test_salary_within_the_band_needs_no_reason(application, recruiter, site):
    offer = services.make_offer(application_id=application.pk, actor=recruiter,
                                **offer_terms(site, salary=Decimal("37796")))

    assert offer.outside_band_reason == ""


def test_base_site_must_be_one_of_the_vacancys(application, recruiter, trust_a):
    elsewhere = SiteFactory(organisation=trust_a, name="Kidderminster Hospital")

    with pytest.raises(ValidationError) as refusal:
        services.make_offer(application_id=application.pk, actor=recruiter, **offer_terms(elsewhere))

    assert refusal.value.message_dict == {"base_site": ["Choose one of the vacancy's sites"]}


def test_only_the_preferred_candidate_or_a_reserve_can_be_offered(vacancy, candidate, recruiter, site):
    shortlisted = candidate_at(vacancy, candidate, Application.Status.SHORTLISTED, 3)

    with pytest.raises(services.OfferRefused):
        services.make_offer(application_id=shortlisted.pk, actor=recruiter, **offer_terms(site))

    assert not Offer.objects.exists()


def test_a_second_offer_to_the_same_application_is_refused(offer, application, recruiter, site):
    with pytest.raises(services.OfferRefused):
        services.make_offer(application_id=application.pk, actor=recruiter, **offer_terms(site))


def test_accepting_records_the_reply(offer, candidate):
    services.accept_offer(offer_id=offer.pk, actor=candidate)

    offer.refresh_from_db()
    assert offer.status == "accepted"
    assert offer.responded_at is not None
    assert descriptions(offer)[-1] == "Conditional offer accepted by the candidate"
    with pytest.raises(services.OfferRefused):
        services.accept_offer(offer_id=offer.pk, actor=candidate)


def test_declining_withdraws_and_lets_the_recruiter_offer_the_reserve_in_one_step(
    offer, application, reserve, candidate, recruiter, site
):
    services.decline_offer(offer_id=offer.pk, actor=candidate, reason="  I took another job  ")

    offer.refresh_from_db()
    application.refresh_from_db()
    assert (offer.status, offer.decline_reason) == ("declined", "I took another job")
    assert application.status == "withdrawn"
    assert application.events.last().note == "Declined the offer. I took another job"
    assert Vacancy.objects.get(pk=offer.vacancy_id).status == "interviewing"

    second = services.make_offer(application_id=reserve.pk, actor=recruiter, **offer_terms(site))

    reserve.refresh_from_db()
    assert reserve.status == "offered"
    assert reserve.preferred_at is not None
    assert list(reserve.events.values_list("to_status", flat=True)) == ["preferred", "offered"]
    assert Vacancy.objects.get(pk=offer.vacancy_id).status == "offer_made"
    assert second.status == "made"


def test_a_reserve_cannot_be_offered_while_an_offer_is_open(offer, reserve, recruiter, site):
    with pytest.raises(services.OfferRefused) as refusal:
        services.make_offer(application_id=reserve.pk, actor=recruiter, **offer_terms(site))

    assert str(refusal.value) == (
        "A reserve can be offered the job only once the open offer is declined or withdrawn."
    )
    assert Application.objects.get(pk=reserve.pk).status == "interview_reserve"


def test_a_reserve_can_be_offered_once_the_preferred_candidate_withdrew(offer, application, reserve, recruiter, site):
    from candidates.services import withdraw_application

    withdraw_application(application_id=application.pk, actor=application.candidate)

    second = services.make_offer(application_id=reserve.pk, actor=recruiter, **offer_terms(site))

    assert Application.objects.get(pk=reserve.pk).status == "offered"
    assert Vacancy.objects.get(pk=second.vacancy_id).status == "offer_made"


def test_unconditional_offer_is_refused_while_any_check_is_not_cleared(accepted_offer, recruiter):
    checks = Check.objects.filter(offer=accepted_offer).exclude(kind="work_health")
    for check in checks:
        services.update_check(check_id=check.pk, actor=recruiter, status="cleared")
    start = timezone.localdate() + datetime.timedelta(days=30)

    with pytest.raises(services.OfferRefused) as refusal:
        services.make_unconditional_offer(offer_id=accepted_offer.pk, actor=recruiter, start_date=start)

    assert str(refusal.value) == (
        "Every check must be cleared before an unconditional offer. Not cleared: work health assessment."
    )
    accepted_offer.refresh_from_db()
    assert accepted_offer.status == "accepted"
    assert Application.objects.get(pk=accepted_offer.application_id).checks_cleared_at is None


def test_a_failed_check_also_blocks_the_unconditional_offer(accepted_offer, recruiter):
    clear_all_checks(accepted_offer, recruiter)
    identity = Check.objects.get(offer=accepted_offer, kind="identity")
    services.update_check(check_id=identity.pk, actor=recruiter, status="failed", note="Name differs")

    with pytest.raises(services.OfferRefused):
        services.make_unconditional_offer(offer_id=accepted_offer.pk, actor=recruiter,
                                          start_date=timezone.localdate())


def test_unconditional_offer_needs_the_conditional_one_accepted(offer, recruiter):
    clear_all_checks(offer, recruiter)

    with pytest.raises(services.OfferRefused) as refusal:
        services.make_unconditional_offer(offer_id=offer.pk, actor=recruiter, start_date=timezone.localdate())

    assert str(refusal.value) == "The candidate must accept the conditional offer first."


def test_checks_record_who_when_and_the_note_and_the_stage_time(accepted_offer, recruiter):
    identity = Check.objects.get(offer=accepted_offer, kind="identity")

    services.update_check(check_id=identity.pk, actor=recruiter, status="in_progress", note=" Passport seen ")

    identity.refresh_from_db()
    assert (identity.status, identity.checked_by, identity.note) == ("in_progress", recruiter, "Passport seen")
    assert identity.checked_at is not None
    assert descriptions(accepted_offer)[-1] == "Identity check: Not started → In progress"
    clear_all_checks(accepted_offer, recruiter)
    assert Application.objects.get(pk=accepted_offer.application_id).checks_cleared_at is not None


def test_a_check_not_required_cannot_be_updated(application, recruiter, site):
    Vacancy.objects.filter(pk=application.vacancy_id).update(dbs_level="none")
    offer = services.make_offer(application_id=application.pk, actor=recruiter, **offer_terms(site))
    dbs = Check.objects.get(offer=offer, kind="criminal_record")

    with pytest.raises(services.OfferRefused):
        services.update_check(check_id=dbs.pk, actor=recruiter, status="cleared")


def test_start_date_confirmed_appoints_fills_and_tells_the_others(
    accepted_offer, application, reserve, vacancy, candidate, recruiter, trust_a, django_capture_on_commit_callbacks
):
    from tests.factories import UserFactory

    shortlisted = candidate_at(vacancy, UserFactory(), Application.Status.SHORTLISTED, 3, "Dina", "Doctor")
    reserve_list = candidate_at(vacancy, UserFactory(), Application.Status.RESERVE, 4, "Ed", "Evans")
    not_shortlisted = candidate_at(vacancy, UserFactory(), Application.Status.NOT_SHORTLISTED, 5, "Fay", "Fox")
    clear_all_checks(accepted_offer, recruiter)
    start = timezone.localdate() + datetime.timedelta(days=45)
    services.make_unconditional_offer(offer_id=accepted_offer.pk, actor=recruiter, start_date=start)

    with django_capture_on_commit_callbacks() as callbacks:
        services.confirm_start_date(offer_id=accepted_offer.pk, actor=candidate)

    application.refresh_from_db()
    assert application.status == "appointed"
    assert application.start_date == start
    assert application.unconditional_offered_at is not None
    assert application.appointed_at is not None
    assert Vacancy.objects.get(pk=vacancy.pk).status == "filled"
    statuses = dict(Application.objects.filter(vacancy=vacancy).values_list("pk", "status"))
    assert statuses[reserve.pk] == statuses[shortlisted.pk] == statuses[reserve_list.pk] == "unsuccessful"
    assert statuses[not_shortlisted.pk] == "not_shortlisted"
    assert len(callbacks) == 3
    for told in (reserve, shortlisted, reserve_list):
        tasks.send_candidate_notice(application_id=told.pk, kind="vacancy_filled")
    assert sorted(email.to[0] for email in OutgoingEmail.objects.filter(
        subject="Your application for Staff Nurse, Acute Medicine"
    )) == ["contact2@example.org", "contact3@example.org", "contact4@example.org"]
    offer = Offer.objects.get(pk=accepted_offer.pk)
    assert offer.status == "start_confirmed"
    assert descriptions(offer)[-2:] == [
        f"Unconditional offer made, starting {start.day} {start:%B %Y}",
        f"Start date {start.day} {start:%B %Y} confirmed by the candidate",
    ]


def test_unconditional_offer_email_names_the_start_date(accepted_offer, application, recruiter):
    clear_all_checks(accepted_offer, recruiter)
    start = datetime.date(2030, 3, 4)
    services.make_unconditional_offer(offer_id=accepted_offer.pk, actor=recruiter, start_date=start)

    tasks.send_candidate_notice(application_id=application.pk, kind="unconditional_offer")

    email = OutgoingEmail.objects.get()
    assert email.to == ["contact1@example.org"]
    assert "starting on 4 March 2030" in email.body
