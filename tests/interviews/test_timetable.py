"""The timetable of a round for interview day: slot time, candidate name,
adjustments for interview and place, for the round's panel (only those on
its slots), the hiring manager and the trust's recruiters; 404 to everyone
else; adjustments shown are audited; a fixed number of queries."""

import pytest
from django.urls import reverse

from candidates.models import Adjustments
from interviews import services
from interviews.models import ContactView, Slot
from organisations.models import Membership
from tests.factories import MembershipFactory, UserFactory

from .conftest import make_round, shortlist

pytestmark = pytest.mark.django_db


def timetable_url(vacancy, interview_round):
    return reverse(
        "interviews:round_timetable", kwargs={"reference": vacancy.reference, "round_id": interview_round.pk}
    )


def slots(interview_round):
    return list(Slot.objects.filter(round=interview_round).order_by("starts_at"))


@pytest.fixture
def booked(interview_round, invited, candidate, other_candidate):
    application, other = invited
    Adjustments.objects.create(application=application, needs_adjustments=True, details="Step-free access")
    first, second, _third = slots(interview_round)
    services.book_slot(slot_id=first.pk, application_id=application.pk, actor=candidate)
    services.book_slot(slot_id=second.pk, application_id=other.pk, actor=other_candidate)
    return application, other


@pytest.mark.parametrize("who", ["recruiter", "hiring_manager", "panel_member"])
def test_timetable_shows_time_name_adjustments_and_place(client, request, vacancy, interview_round, booked, who):
    application, other = booked
    first, second, third = slots(interview_round)
    user = request.getfixturevalue(who)
    client.force_login(user)

    response = client.get(timetable_url(vacancy, interview_round))

    content = response.content.decode()
    first_row = content.split(f'id="slot-{first.pk}"')[1].split("</tr>")[0]
    assert first.label in first_row
    assert "Cara Candidate" in first_row
    assert "Step-free access" in first_row
    assert "Seminar room 2, Worcestershire Royal Hospital" in first_row
    assert "Penny Panel" in first_row
    second_row = content.split(f'id="slot-{second.pk}"')[1].split("</tr>")[0]
    assert "Colin Candidate" in second_row and "None asked for" in second_row
    assert "Nobody booked" in content.split(f'id="slot-{third.pk}"')[1].split("</tr>")[0]
    views = set(ContactView.objects.values_list("application_id", "viewed_by", "page"))
    assert views == {(application.pk, user.pk, "interviews:round_timetable"),
                     (other.pk, user.pk, "interviews:round_timetable")}


def test_timetable_leaves_out_a_withdrawn_candidate(client, vacancy, interview_round, booked, recruiter, candidate):
    from candidates.services import withdraw_application

    application, _other = booked
    withdraw_application(application_id=application.pk, actor=candidate)
    client.force_login(recruiter)

    content = client.get(timetable_url(vacancy, interview_round)).content.decode()

    assert "Cara Candidate" not in content
    assert "Step-free access" not in content


@pytest.fixture
def staff_not_on_the_round(trust_a):
    return MembershipFactory(organisation=trust_a, role=Membership.Role.HIRING_MANAGER,
                             user__full_name="Nina Notonit").user


@pytest.mark.parametrize("who", ["other_recruiter", "candidate", "other_candidate", "staff_not_on_the_round"])
def test_timetable_is_404_to_those_it_does_not_belong_to(client, request, vacancy, interview_round, booked, who):
    client.force_login(request.getfixturevalue(who))

    assert client.get(timetable_url(vacancy, interview_round)).status_code == 404
    assert not ContactView.objects.exists()


def test_timetable_is_404_to_a_panel_member_of_another_round_only(
    client, vacancy, recruiter, interview_round, booked, interview_day, staff_not_on_the_round
):
    theirs = make_round(vacancy, recruiter, interview_day, start=(14, 0), end=(15, 0), panel=[staff_not_on_the_round])
    vacancy.panel_members.add(staff_not_on_the_round)
    client.force_login(staff_not_on_the_round)

    assert client.get(timetable_url(vacancy, theirs)).status_code == 200
    assert client.get(timetable_url(vacancy, interview_round)).status_code == 404


def test_timetable_redirects_anonymous_visitors_to_sign_in(client, vacancy, interview_round):
    response = client.get(timetable_url(vacancy, interview_round))

    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_round_page_links_to_its_timetable(client, vacancy, interview_round, panel_member):
    client.force_login(panel_member)

    content = client.get(
        reverse("interviews:round_detail", kwargs={"reference": vacancy.reference, "round_id": interview_round.pk})
    ).content.decode()

    assert timetable_url(vacancy, interview_round) in content


@pytest.mark.parametrize("count", [2, 20])
def test_timetable_runs_a_fixed_number_of_queries(
    client, vacancy, recruiter, interview_day, panel_member, count, django_assert_max_num_queries
):
    interview_round = make_round(vacancy, recruiter, interview_day, start=(8, 0), end=(20, 0), length=30, gap=0,
                                 panel=[panel_member])
    applications = [shortlist(vacancy, UserFactory(), number) for number in range(1, count + 1)]
    services.invite(round_id=interview_round.pk, application_ids=[a.pk for a in applications], actor=recruiter)
    for slot, application in zip(slots(interview_round), applications, strict=False):
        Adjustments.objects.create(application=application, needs_adjustments=True, details=f"Needs {application.pk}")
        services.book_slot(slot_id=slot.pk, application_id=application.pk, actor=recruiter, on_behalf=True)
    client.force_login(panel_member)

    with django_assert_max_num_queries(12):
        response = client.get(timetable_url(vacancy, interview_round))

    assert sum(len(slot.live_bookings) for slot in response.context["slots"]) == count
    assert ContactView.objects.count() == count
