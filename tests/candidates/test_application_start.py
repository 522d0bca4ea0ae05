"""Starting (or resuming) an application with "Apply for this job", and the
answers a new application copies from the candidate's last one."""

import datetime

from django.template.loader import render_to_string
from django.urls import reverse

from candidates.models import (
    Application,
    Declarations,
    Employment,
    EqualityMonitoring,
    PersonalDetails,
    Referee,
    Section,
    SectionProgress,
    SupportingInformation,
)
from tests.factories import VacancyFactory
from vacancies.models import Vacancy

from .factories import EqualityMonitoringFactory, complete_draft


def start_url(vacancy):
    return reverse("candidates:application_start", kwargs={"reference": vacancy.reference})


def test_apply_button_posts_to_start_only_while_the_vacancy_is_open(vacancy):
    open_html = render_to_string("candidates/includes/apply_button.html", {"vacancy": vacancy, "is_open": True})
    closed_html = render_to_string("candidates/includes/apply_button.html", {"vacancy": vacancy, "is_open": False})

    assert f'action="/applications/start/{vacancy.reference}/"' in open_html
    assert "Apply for this job" in open_html
    assert closed_html.strip() == ""


def test_start_asks_someone_signed_out_to_sign_in_and_comes_back(client, vacancy, settings):
    response = client.post(start_url(vacancy))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse(settings.LOGIN_URL)}?next=/applications/start/{vacancy.reference}/"
    assert Application.objects.count() == 0


def test_start_creates_one_draft_and_opens_its_task_list(candidate_client, candidate, vacancy):
    response = candidate_client.post(start_url(vacancy))

    application = Application.objects.get()
    assert (application.candidate, application.vacancy, application.status) == (candidate, vacancy, "draft")
    assert application.copied_from is None
    assert response["Location"] == f"/applications/{application.pk}/"


def test_start_twice_resumes_the_same_application(candidate_client, vacancy):
    first = candidate_client.post(start_url(vacancy))
    second = candidate_client.post(start_url(vacancy))

    assert Application.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_start_page_offers_to_continue_an_application_already_started(candidate_client, draft, vacancy):
    response = candidate_client.get(start_url(vacancy))

    assert "Continue your application" in response.content.decode()


def test_start_refuses_a_new_application_once_the_vacancy_has_closed(candidate_client, vacancy):
    Vacancy.objects.filter(pk=vacancy.pk).update(status=Vacancy.Status.CLOSED)

    response = candidate_client.post(start_url(vacancy), follow=True)

    assert Application.objects.count() == 0
    assert response.redirect_chain[-1][0] == vacancy.get_absolute_url()
    assert "This vacancy has closed. It no longer accepts applications." in response.content.decode()


def test_start_after_closing_time_still_opens_an_existing_draft(candidate_client, draft, vacancy):
    Vacancy.objects.filter(pk=vacancy.pk).update(closing_at=vacancy.closing_at - datetime.timedelta(days=30))

    response = candidate_client.post(start_url(vacancy))

    assert response["Location"] == f"/applications/{draft.pk}/"


def test_start_is_not_found_for_a_vacancy_the_public_cannot_see(candidate_client):
    draft_vacancy = VacancyFactory(status=Vacancy.Status.DRAFT)

    response = candidate_client.post(start_url(draft_vacancy))

    assert response.status_code == 404
    assert Application.objects.count() == 0


def test_new_application_copies_the_answers_that_do_not_depend_on_the_vacancy(candidate_client, candidate, vacancy):
    earlier = complete_draft(candidate=candidate, vacancy=VacancyFactory(title="Health Care Assistant"))
    EqualityMonitoringFactory(application=earlier)

    candidate_client.post(start_url(vacancy))

    new = Application.objects.get(vacancy=vacancy)
    assert new.copied_from == earlier
    assert PersonalDetails.objects.get(application=new).full_name == "Cara Candidate"
    assert list(Employment.objects.filter(application=new).values_list("job_title", flat=True)) == ["Staff Nurse"]
    assert Referee.objects.filter(application=new).count() == 2
    # Vacancy-specific answers and equality monitoring start afresh.
    assert not SupportingInformation.objects.filter(application=new).exists()
    assert not Declarations.objects.filter(application=new).exists()
    assert not EqualityMonitoring.objects.filter(application=new).exists()
    assert dict(SectionProgress.objects.filter(application=new).values_list("section", "completed_at")) == {
        Section.PERSONAL_DETAILS: None,
        Section.RIGHT_TO_WORK: None,
        Section.EMPLOYMENT_HISTORY: None,
        Section.QUALIFICATIONS: None,
        Section.REFERENCES: None,
        Section.ADJUSTMENTS: None,
    }
    # The earlier application keeps its own rows.
    assert Employment.objects.filter(application=earlier).count() == 1


def test_task_list_says_which_application_the_answers_came_from(candidate_client, candidate, vacancy):
    complete_draft(candidate=candidate, vacancy=VacancyFactory(title="Health Care Assistant", reference="C1234-25-0001"))
    candidate_client.post(start_url(vacancy))
    new = Application.objects.get(vacancy=vacancy)

    response = candidate_client.get(f"/applications/{new.pk}/")

    assert (
        "We have copied your answers from your application for Health Care Assistant (C1234-25-0001)."
        in response.content.decode()
    )
