"""The shortlisting outcome e-mails: to the address the candidate gave in the
application, in the trust's wording, and left out when the vacancy (or the
trust) does not tell candidates they were not shortlisted."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from candidates.models import PersonalDetails
from organisations.models import EmailTemplate
from shortlisting.scoring import complete_shortlisting, decide
from tests.factories import VacancyFactory
from tests.shortlisting.applicants import make_applications
from vacancies.forms.steps import VacancyRecruitmentForm
from vacancies.models import Vacancy

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_vacancy(trust_a, hiring_manager):
    return VacancyFactory(
        organisation=trust_a, title="Staff Nurse, Acute Medicine", hiring_manager=hiring_manager,
        status=Vacancy.Status.CLOSED,
    )


def decided(vacancy, hiring_manager, outcomes):
    # No one asks for a guaranteed interview: the not shortlisted one may be.
    applications = make_applications(vacancy, len(outcomes), guaranteed_interview_every=100)
    for application, outcome in zip(applications, outcomes):
        decide(application_id=application.pk, outcome=outcome, reason="A reason", actor=hiring_manager)
    return applications


def test_outcome_goes_to_the_address_given_in_the_application_not_the_sign_in_one(
    closed_vacancy, hiring_manager, mailoutbox
):
    shortlisted, not_shortlisted = decided(closed_vacancy, hiring_manager, ["shortlist", "not_shortlisted"])
    PersonalDetails.objects.filter(application=shortlisted).update(email="work-address@example.org")
    PersonalDetails.objects.filter(application=not_shortlisted).update(email="home-address@example.org")

    complete_shortlisting(vacancy_id=closed_vacancy.pk, actor=hiring_manager)

    sent = sorted((message.to[0], message.subject) for message in mailoutbox)
    assert sent == [
        ("home-address@example.org", "Your application for Staff Nurse, Acute Medicine"),
        ("work-address@example.org", "You have been shortlisted: Staff Nurse, Acute Medicine"),
    ]
    shortlisted_mail = next(m for m in mailoutbox if m.to == ["work-address@example.org"])
    assert shortlisted_mail.body.startswith("Dear Bethan Pritchard,\n\n")
    assert f"http://localhost:8000/applications/{shortlisted.pk}/" in shortlisted_mail.body
    assert shortlisted_mail.alternatives[0][1] == "text/html"


def test_a_vacancy_that_does_not_tell_those_not_shortlisted_sends_only_the_shortlisted(
    closed_vacancy, hiring_manager, mailoutbox
):
    Vacancy.objects.filter(pk=closed_vacancy.pk).update(send_not_shortlisted_emails=False)
    shortlisted, _not_shortlisted = decided(closed_vacancy, hiring_manager, ["shortlist", "not_shortlisted"])

    complete_shortlisting(vacancy_id=closed_vacancy.pk, actor=hiring_manager)

    assert [(m.to, m.subject) for m in mailoutbox] == [
        ([shortlisted.candidate.email], "You have been shortlisted: Staff Nurse, Acute Medicine")
    ]


def test_a_trust_that_switched_off_not_shortlisted_emails_sends_none(closed_vacancy, hiring_manager, mailoutbox):
    EmailTemplate.objects.create(
        organisation=closed_vacancy.organisation, key="shortlisting.not_shortlisted", enabled=False,
        updated_at=timezone.now(),
    )
    decided(closed_vacancy, hiring_manager, ["shortlist", "not_shortlisted"])

    complete_shortlisting(vacancy_id=closed_vacancy.pk, actor=hiring_manager)

    assert [m.subject for m in mailoutbox] == ["You have been shortlisted: Staff Nurse, Acute Medicine"]


def test_the_shortlisted_email_is_in_the_trust_s_wording(closed_vacancy, hiring_manager, mailoutbox):
    EmailTemplate.objects.create(
        organisation=closed_vacancy.organisation, key="shortlisting.shortlisted",
        subject="Interview: ((vacancy_title))", body="Well done ((candidate_name)). ((link))",
        updated_at=timezone.now(),
    )
    (shortlisted,) = decided(closed_vacancy, hiring_manager, ["shortlist"])

    complete_shortlisting(vacancy_id=closed_vacancy.pk, actor=hiring_manager)

    (message,) = mailoutbox
    assert message.subject == "Interview: Staff Nurse, Acute Medicine"
    assert message.body == f"Well done Bethan Pritchard. http://localhost:8000/applications/{shortlisted.pk}/"


# The vacancy's setting --------------------------------------------------------------------


def test_a_vacancy_tells_those_not_shortlisted_unless_the_recruiter_says_not(trust_a):
    assert VacancyFactory(organisation=trust_a).send_not_shortlisted_emails is True


def recruitment_step_data(**changes):
    closing = timezone.localdate() + timezone.timedelta(days=30)
    return {
        "closing_date_day": closing.day, "closing_date_month": closing.month, "closing_date_year": closing.year,
        "closing_time": "23:59", "dbs_level": "none", **changes,
    }


@pytest.mark.parametrize("ticked, sends", [({"send_not_shortlisted_emails": "on"}, True), ({}, False)])
def test_the_recruitment_step_sets_whether_those_not_shortlisted_are_told(trust_a, ticked, sends):
    vacancy = VacancyFactory(organisation=trust_a, status=Vacancy.Status.DRAFT)
    form = VacancyRecruitmentForm(recruitment_step_data(**ticked), instance=vacancy)

    assert form.is_valid(), form.errors
    form.save()

    vacancy.refresh_from_db()
    assert vacancy.send_not_shortlisted_emails is sends


def test_the_recruitment_step_offers_the_setting_ticked_for_a_new_vacancy(trust_a):
    form = VacancyRecruitmentForm(instance=VacancyFactory(organisation=trust_a, status=Vacancy.Status.DRAFT))

    assert form["send_not_shortlisted_emails"].value() is True


@pytest.mark.parametrize("sends, shown", [(True, "Emailed"), (False, "Not emailed")])
def test_the_vacancy_page_says_whether_those_not_shortlisted_are_told(client, recruiter, trust_a, sends, shown):
    vacancy = VacancyFactory(organisation=trust_a, send_not_shortlisted_emails=sends)
    client.force_login(recruiter)

    page = client.get(reverse("manage:vacancy_detail", kwargs={"reference": vacancy.reference})).content.decode()

    assert re.search(rf"Candidates not shortlisted\s*</dt>\s*<dd[^>]*>\s*{shown}\s*</dd>", page)
