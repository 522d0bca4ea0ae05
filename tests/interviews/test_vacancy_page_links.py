"""The vacancy page links to scoring at interview only for those who may open
it: the interview panel and those who run the interviews, not a member of the
shortlisting panel who sits on no interview panel (the list is 404 to them)."""

import pytest
from django.urls import reverse

from organisations.models import Membership
from tests.factories import MembershipFactory

from .scoring_support import url

pytestmark = pytest.mark.django_db

LINK = "Score the candidates at interview"


def vacancy_page(client, user, vacancy):
    client.force_login(user)
    return client.get(reverse("manage:vacancy_detail", kwargs={"reference": vacancy.reference})).content.decode()


def test_a_shortlisting_panel_member_on_no_interview_panel_is_not_linked_to_scoring(
    client, trust_a, vacancy, interview_round
):
    shortlister = MembershipFactory(organisation=trust_a, role=Membership.Role.HIRING_MANAGER).user
    vacancy.panel_members.add(shortlister)

    html = vacancy_page(client, shortlister, vacancy)

    assert "Interview rounds: times, invitations and bookings" in html
    assert LINK not in html
    assert client.get(url("score_list", vacancy)).status_code == 404


@pytest.mark.parametrize("who", ["panel_member", "hiring_manager", "recruiter"])
def test_the_interview_panel_and_those_who_run_the_interviews_are_linked_to_scoring(
    client, request, vacancy, interview_round, panel_member, who
):
    vacancy.panel_members.add(panel_member)  # on the shortlisting panel too, so the vacancy page is theirs

    html = vacancy_page(client, request.getfixturevalue(who), vacancy)

    assert f'<a href="{url("score_list", vacancy)}">{LINK}</a>' in html
    assert client.get(url("score_list", vacancy)).status_code == 200
