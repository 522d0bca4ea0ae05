"""The candidates page of a completed shortlist: the shortlisted (invited and
interviewed too) and the reserve list, with names, the application's contact
e-mail and telephone, adjustments for interview and the guaranteed interview
scheme asked for, for the trust's recruiters and the hiring manager only;
every showing of contact details audited."""

import pytest
from django.urls import reverse

from candidates.models import Adjustments, Application, GuaranteedInterview
from interviews.models import ContactView
from organisations.models import Membership
from shortlisting.models import ShortlistingEvent
from tests.factories import MembershipFactory, UserFactory, VacancyFactory

from .conftest import reserve, shortlist

pytestmark = pytest.mark.django_db


def candidates_url(vacancy):
    return reverse("interviews:vacancy_candidates", kwargs={"reference": vacancy.reference})


def row(content, application):
    return content.split(f'id="candidate-{application.pk}"')[1].split("</tr>")[0]


def test_candidates_page_shows_contact_details_adjustments_and_schemes(
    client, vacancy, completed, application, a_reserve, recruiter
):
    Adjustments.objects.create(application=application, needs_adjustments=True, details="A ground-floor room, please")
    GuaranteedInterview.objects.create(
        application=application, requested=True, scheme=GuaranteedInterview.Scheme.DISABILITY_CONFIDENT,
        is_disabled=True,
    )
    not_shortlisted = shortlist(vacancy, UserFactory(), 4)
    Application.objects.filter(pk=not_shortlisted.pk).update(status=Application.Status.NOT_SHORTLISTED)
    client.force_login(recruiter)

    response = client.get(candidates_url(vacancy))

    content = response.content.decode()
    shortlisted = row(content, application)
    assert "Cara Candidate" in shortlisted
    assert 'href="mailto:contact1@example.org"' in shortlisted
    assert "07700 900982" in shortlisted
    assert "A ground-floor room, please" in shortlisted
    assert "Disability Confident" in shortlisted
    on_reserve = row(content, a_reserve)
    assert "Dina Doctor" in on_reserve and "contact3@example.org" in on_reserve
    assert "None asked for" in on_reserve and "Not asked for" in on_reserve
    assert "Move to shortlisted" in on_reserve
    assert content.index('id="shortlisted"') < content.index(f'id="candidate-{application.pk}"')
    assert content.index('id="reserves"') < content.index(f'id="candidate-{a_reserve.pk}"')
    assert "Ed Evans" not in content  # not shortlisted: not on the page
    assert "is_disabled" not in content


def test_candidates_page_writes_a_contact_view_per_candidate_shown(
    client, vacancy, completed, application, a_reserve, hiring_manager
):
    client.force_login(hiring_manager)

    client.get(candidates_url(vacancy))
    client.get(candidates_url(vacancy))

    views = list(ContactView.objects.order_by("pk").values_list("application_id", "viewed_by", "page"))
    assert views == [
        (application.pk, hiring_manager.pk, "interviews:vacancy_candidates"),
        (a_reserve.pk, hiring_manager.pk, "interviews:vacancy_candidates"),
    ] * 2


def test_candidates_page_lists_invited_candidates_with_their_status(
    client, vacancy, completed, invited, recruiter
):
    application, _other = invited
    client.force_login(recruiter)

    content = client.get(candidates_url(vacancy)).content.decode()

    assert "Invited to interview" in row(content, application)
    assert "Move to shortlisted" not in row(content, application)


def test_candidates_page_offers_no_promotion_once_the_vacancy_is_filled(
    client, vacancy, completed, a_reserve, recruiter
):
    type(vacancy).objects.filter(pk=vacancy.pk).update(status="filled")
    client.force_login(recruiter)

    content = client.get(candidates_url(vacancy)).content.decode()

    assert "Dina Doctor" in row(content, a_reserve)
    assert "Move to shortlisted" not in content


@pytest.fixture
def staff_of_trust_not_running_interviews(trust_a):
    return MembershipFactory(organisation=trust_a, role=Membership.Role.HIRING_MANAGER,
                             user__full_name="Nina Notonit").user


@pytest.mark.parametrize(
    "who", ["other_recruiter", "candidate", "panel_member", "staff_of_trust_not_running_interviews"]
)
def test_candidates_page_is_404_to_those_who_do_not_run_the_interviews(
    client, request, vacancy, completed, application, who
):
    vacancy.panel_members.add(request.getfixturevalue("panel_member"))
    client.force_login(request.getfixturevalue(who))

    assert client.get(candidates_url(vacancy)).status_code == 404
    assert not ContactView.objects.exists()


def test_candidates_page_is_404_before_the_shortlist_is_complete(client, vacancy, application, recruiter):
    client.force_login(recruiter)

    assert client.get(candidates_url(vacancy)).status_code == 404
    assert not ContactView.objects.exists()


def test_candidates_page_redirects_anonymous_visitors_to_sign_in(client, vacancy, completed):
    response = client.get(candidates_url(vacancy))

    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_round_list_links_to_the_candidates_page_once_complete(client, vacancy, completed, recruiter, panel_member):
    vacancy.panel_members.add(panel_member)
    client.force_login(recruiter)
    assert 'id="candidates-link"' in client.get(
        reverse("interviews:round_list", kwargs={"reference": vacancy.reference})
    ).content.decode()

    client.force_login(panel_member)
    assert 'id="candidates-link"' not in client.get(
        reverse("interviews:round_list", kwargs={"reference": vacancy.reference})
    ).content.decode()


@pytest.mark.parametrize("count", [2, 20])
def test_candidates_page_runs_a_fixed_number_of_queries(
    client, vacancy, completed, recruiter, count, django_assert_max_num_queries
):
    for number in range(1, count + 1):
        application = (shortlist if number % 2 else reserve)(vacancy, UserFactory(), number)
        Adjustments.objects.create(application=application, needs_adjustments=True, details=f"Needs {number}")
    client.force_login(recruiter)

    with django_assert_max_num_queries(10):
        response = client.get(candidates_url(vacancy))

    assert len(response.context["shortlisted"]) + len(response.context["reserves"]) == count
    assert ContactView.objects.count() == count


def test_candidates_page_of_another_trusts_vacancy_is_404(client, recruiter, trust_b):
    elsewhere = VacancyFactory(organisation=trust_b, status="interviewing")
    ShortlistingEvent.objects.create(vacancy=elsewhere, kind=ShortlistingEvent.Kind.REVEAL, detail={})
    client.force_login(recruiter)

    assert client.get(candidates_url(elsewhere)).status_code == 404
