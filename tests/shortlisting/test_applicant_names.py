"""Who the hiring manager sees after completing the shortlist: the name the
candidate gave in the application's personal details, never the account's
name or e-mail address (issue 14, point 21)."""

import csv
import io

import pytest
from django.urls import reverse

from candidates.models import PersonalDetails
from shortlisting.scoring import complete_shortlisting, decide, revealed_names
from vacancies.models import Vacancy

from .applicants import make_applications

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed(closed_vacancy, hiring_manager, mailoutbox):
    """Three applications, all shortlisted: an account named differently from
    the application, a self-registered account with no name, and an account
    deleted since (the application keeps its personal details)."""
    applications = make_applications(closed_vacancy, 3)
    named, unnamed, deleted = applications
    named.candidate.full_name = "Sam Taylor"
    named.candidate.save(update_fields=["full_name"])
    PersonalDetails.objects.filter(application=named).update(first_name="Samira", last_name="Taylor-Okafor")
    unnamed.candidate.full_name = ""
    unnamed.candidate.save(update_fields=["full_name"])
    PersonalDetails.objects.filter(application=unnamed).update(first_name="Bethan", last_name="Pritchard")
    PersonalDetails.objects.filter(application=deleted).update(first_name="Callum", last_name="Quigley")
    for application in applications:
        decide(application_id=application.pk, outcome="shortlist", reason="Meets the criteria", actor=hiring_manager)
    Vacancy.objects.filter(pk=closed_vacancy.pk).update(status=Vacancy.Status.SHORTLISTING)
    complete_shortlisting(vacancy_id=closed_vacancy.pk, actor=hiring_manager)
    deleted.candidate.delete()
    return applications


def test_revealed_names_are_the_names_given_in_the_applications(closed_vacancy, hiring_manager, completed):
    named, unnamed, deleted = completed

    names = revealed_names(vacancy=closed_vacancy, user=hiring_manager)

    assert names == {named.pk: "Samira Taylor-Okafor", unnamed.pk: "Bethan Pritchard", deleted.pk: "Callum Quigley"}


def test_panel_overview_names_candidates_as_their_applications_do(client, closed_vacancy, hiring_manager, completed):
    client.force_login(hiring_manager)

    response = client.get(reverse("shortlisting:panel_overview", kwargs={"reference": closed_vacancy.reference}))

    content = response.content.decode()
    assert [row.name for row in response.context["rows"]] == ["Samira Taylor-Okafor", "Bethan Pritchard", "Callum Quigley"]
    assert "Samira Taylor-Okafor" in content.split('id="row-A0001"')[1].split("</tr>")[0]
    assert "Sam Taylor<" not in content
    assert completed[1].candidate.email not in content


def test_panel_overview_csv_names_candidates_as_their_applications_do(client, closed_vacancy, hiring_manager, completed):
    client.force_login(hiring_manager)

    response = client.get(reverse("shortlisting:panel_overview_csv", kwargs={"reference": closed_vacancy.reference}))

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert [row[:2] for row in rows] == [
        ["Application", "Name"],
        ["A0001", "Samira Taylor-Okafor"],
        ["A0002", "Bethan Pritchard"],
        ["A0003", "Callum Quigley"],
    ]
