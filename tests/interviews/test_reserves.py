"""The reserve list: reserves wait until the vacancy is filled; a recruiter
or the hiring manager moves one to shortlisted (a page to confirm, then
POST), which invites them to the open rounds like the others; the data
migration gives reserves of shortlists completed before the reserve status
that status."""

import datetime
import importlib

import pytest
from django.apps import apps as django_apps
from django.urls import reverse
from django.utils import timezone

from accounts.models import OutgoingEmail
from candidates.models import Application, ApplicationEvent
from interviews import services
from interviews.models import InterviewEvent, Invitation
from organisations.models import Membership
from shortlisting.models import ShortlistDecision, ShortlistingEvent
from tests.factories import MembershipFactory, VacancyFactory
from vacancies.models import Vacancy

from .conftest import make_round, reserve, shortlist

pytestmark = pytest.mark.django_db


def promote_url(vacancy, application):
    return reverse("interviews:reserve_promote", kwargs={"reference": vacancy.reference, "application_id": application.pk})


# The service -----------------------------------------------------------------------------------


def test_promote_reserve_shortlists_and_invites_to_the_open_round(interview_round, a_reserve, recruiter):
    rounds = services.promote_reserve(application_id=a_reserve.pk, actor=recruiter)

    a_reserve.refresh_from_db()
    assert rounds == [interview_round]
    assert a_reserve.status == Application.Status.INVITED_TO_INTERVIEW
    assert a_reserve.shortlisted_at is not None
    moves = list(ApplicationEvent.objects.filter(application=a_reserve).values_list("from_status", "to_status", "note"))
    assert moves == [
        ("reserve", "shortlisted", "Moved from the reserve list"),
        ("shortlisted", "invited_to_interview", "Invited to Interviews"),
    ]
    promoted = InterviewEvent.objects.get(kind=InterviewEvent.Kind.RESERVE_PROMOTED)
    assert (promoted.application, promoted.actor, promoted.vacancy_id, promoted.round) == (
        a_reserve, recruiter, interview_round.vacancy_id, None
    )
    assert Invitation.objects.get(application=a_reserve).round == interview_round


def test_promote_reserve_emails_the_invitation_to_the_contact_address(interview_round, a_reserve, recruiter):
    services.promote_reserve(application_id=a_reserve.pk, actor=recruiter)

    email = OutgoingEmail.objects.get()
    assert email.to == ["contact3@example.org"]
    assert email.subject == "Book your interview for Staff Nurse, Acute Medicine"
    assert f"/applications/{a_reserve.pk}/interview/" in email.body


def test_promote_reserve_invites_to_every_open_round_but_not_a_past_one(
    vacancy, interview_round, a_reserve, recruiter, interview_day
):
    second = make_round(vacancy, recruiter, interview_day + datetime.timedelta(days=1))

    services.promote_reserve(
        application_id=a_reserve.pk, actor=recruiter, now=timezone.now() + datetime.timedelta(days=7, hours=12)
    )

    assert list(Invitation.objects.filter(application=a_reserve).values_list("round_id", flat=True)) == [second.pk]
    assert OutgoingEmail.objects.count() == 1


def test_promote_reserve_with_no_open_round_leaves_them_shortlisted(vacancy, a_reserve, hiring_manager):
    rounds = services.promote_reserve(application_id=a_reserve.pk, actor=hiring_manager)

    a_reserve.refresh_from_db()
    assert rounds == []
    assert a_reserve.status == Application.Status.SHORTLISTED
    assert not Invitation.objects.exists()
    assert not OutgoingEmail.objects.exists()


def test_promote_reserve_is_refused_once_the_vacancy_is_filled(vacancy, a_reserve, recruiter):
    Vacancy.objects.filter(pk=vacancy.pk).update(status=Vacancy.Status.FILLED)

    with pytest.raises(services.ReserveRefused, match="The reserve list is closed: the vacancy is filled."):
        services.promote_reserve(application_id=a_reserve.pk, actor=recruiter)

    assert Application.objects.get(pk=a_reserve.pk).status == Application.Status.RESERVE
    assert not InterviewEvent.objects.filter(kind=InterviewEvent.Kind.RESERVE_PROMOTED).exists()


def test_promote_reserve_of_an_application_that_is_not_a_reserve_is_refused(vacancy, application, recruiter):
    with pytest.raises(services.ReserveRefused, match="cannot become shortlisted"):
        services.promote_reserve(application_id=application.pk, actor=recruiter)

    assert not InterviewEvent.objects.exists()


def test_invite_to_a_second_round_keeps_an_invited_application_invited(
    vacancy, interview_round, invited, recruiter, interview_day
):
    application, _other = invited
    second = make_round(vacancy, recruiter, interview_day + datetime.timedelta(days=1))

    invitations = services.invite(round_id=second.pk, application_ids=[application.pk], actor=recruiter)

    assert [i.round for i in invitations] == [second]
    assert Application.objects.get(pk=application.pk).status == Application.Status.INVITED_TO_INTERVIEW
    assert ApplicationEvent.objects.filter(application=application, to_status="invited_to_interview").count() == 1


def test_invite_twice_to_one_round_invites_once(interview_round, invited, recruiter):
    application, _other = invited
    before = OutgoingEmail.objects.count()

    assert services.invite(round_id=interview_round.pk, application_ids=[application.pk], actor=recruiter) == []

    assert Invitation.objects.filter(application=application).count() == 1
    assert OutgoingEmail.objects.count() == before


# The page -------------------------------------------------------------------------------------


def test_reserve_promote_page_confirms_then_moves_and_invites(
    client, vacancy, completed, interview_round, a_reserve, recruiter
):
    client.force_login(recruiter)

    page = client.get(promote_url(vacancy, a_reserve))
    content = page.content.decode()
    assert "Move Dina Doctor to shortlisted" in content
    assert "Interviews" in content.split('id="open-rounds"')[1].split("</ul>")[0]
    assert Application.objects.get(pk=a_reserve.pk).status == Application.Status.RESERVE

    response = client.post(promote_url(vacancy, a_reserve))

    assert response.status_code == 302
    assert response.url == reverse("interviews:vacancy_candidates", kwargs={"reference": vacancy.reference})
    assert Application.objects.get(pk=a_reserve.pk).status == Application.Status.INVITED_TO_INTERVIEW
    followed = client.get(response.url)
    assert "Dina Doctor is shortlisted and invited to book an interview." in followed.content.decode()


def test_reserve_promote_page_by_the_hiring_manager_with_no_round_says_invite_later(
    client, vacancy, completed, a_reserve, hiring_manager
):
    client.force_login(hiring_manager)

    response = client.post(promote_url(vacancy, a_reserve), follow=True)

    assert Application.objects.get(pk=a_reserve.pk).status == Application.Status.SHORTLISTED
    assert "Invite them when you create a round of interviews." in response.content.decode()


def test_reserve_promote_page_once_the_vacancy_is_filled_says_so_and_offers_no_button(
    client, vacancy, completed, a_reserve, recruiter
):
    Vacancy.objects.filter(pk=vacancy.pk).update(status=Vacancy.Status.FILLED)
    client.force_login(recruiter)

    page = client.get(promote_url(vacancy, a_reserve)).content.decode()
    posted = client.post(promote_url(vacancy, a_reserve))

    assert "The reserve list is closed: the vacancy is filled." in page
    assert "Move to shortlisted</button>" not in page
    assert posted.status_code == 200
    assert "The reserve list is closed" in posted.content.decode()
    assert Application.objects.get(pk=a_reserve.pk).status == Application.Status.RESERVE


@pytest.fixture
def staff_of_trust_not_running_interviews(trust_a):
    return MembershipFactory(organisation=trust_a, role=Membership.Role.HIRING_MANAGER,
                             user__full_name="Nina Notonit").user


@pytest.mark.parametrize(
    "who", ["other_recruiter", "candidate", "other_candidate", "panel_member", "staff_of_trust_not_running_interviews"]
)
def test_reserve_promote_page_is_404_to_those_who_do_not_run_the_interviews(
    client, request, vacancy, completed, interview_round, a_reserve, who
):
    client.force_login(request.getfixturevalue(who))

    assert client.get(promote_url(vacancy, a_reserve)).status_code == 404
    assert client.post(promote_url(vacancy, a_reserve)).status_code == 404
    assert Application.objects.get(pk=a_reserve.pk).status == Application.Status.RESERVE


def test_reserve_promote_page_is_404_for_other_applications_and_before_completion(
    client, vacancy, interview_round, application, a_reserve, recruiter, trust_a
):
    client.force_login(recruiter)
    elsewhere = reserve(VacancyFactory(organisation=trust_a, status="interviewing"), None, 4)

    assert client.get(promote_url(vacancy, a_reserve)).status_code == 404  # shortlist not complete yet
    ShortlistingEvent.objects.create(vacancy=vacancy, kind=ShortlistingEvent.Kind.REVEAL, detail={})
    assert client.get(promote_url(vacancy, a_reserve)).status_code == 200
    assert client.get(promote_url(vacancy, application)).status_code == 404  # shortlisted, not a reserve
    assert client.get(promote_url(vacancy, elsewhere)).status_code == 404  # another vacancy's


def test_reserve_promote_page_redirects_anonymous_visitors_to_sign_in(client, vacancy, completed, a_reserve):
    response = client.get(promote_url(vacancy, a_reserve))

    assert response.status_code == 302
    assert "/accounts/login/" in response.url


# The data migration -----------------------------------------------------------------------------


def test_migration_moves_reserves_of_completed_shortlists_still_submitted(vacancy, hiring_manager, trust_a):
    migration = importlib.import_module("interviews.migrations.0004_reserves_of_completed_shortlists")
    old_reserve = shortlist(vacancy, None, 5)
    Application.objects.filter(pk=old_reserve.pk).update(status="submitted")
    ShortlistDecision.objects.create(application=old_reserve, outcome="reserve", reason="Close", decided_by=hiring_manager)
    ShortlistingEvent.objects.create(vacancy=vacancy, kind=ShortlistingEvent.Kind.REVEAL, detail={})
    still_deciding = VacancyFactory(organisation=trust_a, status=Vacancy.Status.SHORTLISTING)
    undecided_reserve = shortlist(still_deciding, None, 1)
    Application.objects.filter(pk=undecided_reserve.pk).update(status="submitted")
    ShortlistDecision.objects.create(
        application=undecided_reserve, outcome="reserve", reason="Maybe", decided_by=hiring_manager
    )

    migration.move_reserves(django_apps, None)

    assert Application.objects.get(pk=old_reserve.pk).status == "reserve"
    assert Application.objects.get(pk=undecided_reserve.pk).status == "submitted"
    event = ApplicationEvent.objects.get(application=old_reserve)
    assert (event.from_status, event.to_status, event.note) == ("submitted", "reserve", migration.NOTE)

    migration.move_reserves_back(django_apps, None)

    assert Application.objects.get(pk=old_reserve.pk).status == "submitted"
    assert not ApplicationEvent.objects.filter(application=old_reserve).exists()
