"""The interview pages: who gets in (and the 404 for everyone else, tried
the other way in), what each page shows and saves, bad input kept by its
field, and list pages that run a fixed number of queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import OutgoingEmail
from candidates.models import Application
from candidates.services import withdraw_application
from interviews import services
from interviews.models import Booking, InterviewRound, Invitation, Slot
from organisations.models import Membership
from tests.factories import MembershipFactory, UserFactory, VacancyFactory

from .conftest import make_round, shortlist

pytestmark = pytest.mark.django_db


def url(name, vacancy, **kwargs):
    return reverse(f"interviews:{name}", kwargs={"reference": vacancy.reference, **kwargs})


def slots(interview_round):
    return list(Slot.objects.filter(round=interview_round).order_by("starts_at"))


@pytest.fixture
def staff_not_on_the_round(trust_a):
    return MembershipFactory(organisation=trust_a, role=Membership.Role.HIRING_MANAGER,
                             user__full_name="Nina Notonit").user


def round_form(interview_day, **changes):
    data = {
        "name": "First interviews",
        "first_day_day": str(interview_day.day), "first_day_month": str(interview_day.month),
        "first_day_year": str(interview_day.year), "number_of_days": "1",
        "start_time": "09:00", "end_time": "12:00", "length_minutes": "45", "gap_minutes": "15", "capacity": "1",
        "site": "", "room": "", "video_link": "https://meet.example.org/nurse",
    }
    data.update(changes)
    return data


# Who gets in ------------------------------------------------------------------------------


def staff_pages(vacancy, interview_round, application):
    ids = {"round_id": interview_round.pk}
    person = {**ids, "application_id": application.pk}
    return [
        ("get", url("round_list", vacancy)),
        ("get", url("round_create", vacancy)),
        ("get", url("round_detail", vacancy, **ids)),
        ("get", url("round_invite", vacancy, **ids)),
        ("get", url("booking_book", vacancy, **person)),
        ("post", url("booking_cancel", vacancy, **person)),
    ]


@pytest.mark.parametrize("who", ["other_recruiter", "candidate", "staff_not_on_the_round"])
def test_staff_pages_are_404_to_those_they_do_not_belong_to(client, request, vacancy, interview_round, invited, who):
    application, _other = invited
    services.book_slot(slot_id=slots(interview_round)[0].pk, application_id=application.pk, actor=application.candidate)
    client.force_login(request.getfixturevalue(who))

    for method, address in staff_pages(vacancy, interview_round, application):
        assert getattr(client, method)(address).status_code == 404, address

    assert Booking.objects.count() == 1


def test_staff_pages_for_a_panel_member_show_only_their_rounds_timetable(
    client, vacancy, recruiter, interview_round, invited, panel_member, interview_day
):
    application, _other = invited
    not_theirs = make_round(vacancy, recruiter, interview_day, start=(14, 0), end=(15, 0))
    client.force_login(panel_member)

    listing = client.get(url("round_list", vacancy))
    timetable = client.get(url("round_detail", vacancy, round_id=interview_round.pk))

    assert [r.pk for r in listing.context["rounds"]] == [interview_round.pk]
    assert timetable.status_code == 200
    assert timetable.context["manages"] is False
    assert client.get(url("round_detail", vacancy, round_id=not_theirs.pk)).status_code == 404
    for method, address in staff_pages(vacancy, interview_round, application):
        if address not in (url("round_list", vacancy), url("round_detail", vacancy, round_id=interview_round.pk)):
            assert getattr(client, method)(address).status_code == 404, address


def test_staff_pages_of_a_round_under_another_vacancy_are_404(client, vacancy, recruiter, interview_round, trust_a):
    other_vacancy = VacancyFactory(organisation=trust_a, status="interviewing")
    client.force_login(recruiter)

    assert client.get(url("round_detail", other_vacancy, round_id=interview_round.pk)).status_code == 404


def test_candidate_page_is_404_to_other_candidates_and_before_an_invitation(
    client, interview_round, invited, other_candidate, vacancy, candidate
):
    application, _other = invited
    not_invited = shortlist(vacancy, UserFactory(), 7)
    page = reverse("interviews:candidate_interview", kwargs={"application_id": application.pk})
    book = reverse("interviews:candidate_book", kwargs={"application_id": application.pk, "round_id": interview_round.pk})

    client.force_login(other_candidate)
    assert client.get(page).status_code == 404
    assert client.post(book, {f"round-{interview_round.pk}-slot": slots(interview_round)[0].pk}).status_code == 404
    client.force_login(not_invited.candidate)
    assert client.get(
        reverse("interviews:candidate_interview", kwargs={"application_id": not_invited.pk})
    ).status_code == 404
    assert not Booking.objects.exists()


# Creating a round ------------------------------------------------------------------------


def test_round_create_page_makes_the_slots(client, vacancy, recruiter, panel_member, interview_day):
    client.force_login(recruiter)

    response = client.post(url("round_create", vacancy), round_form(interview_day, panel=[panel_member.pk]))

    interview_round = InterviewRound.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("round_detail", vacancy, round_id=interview_round.pk)
    assert interview_round.name == "First interviews"
    starts = [timezone.localtime(s.starts_at).strftime("%H:%M") for s in slots(interview_round)]
    assert starts == ["09:00", "10:00", "11:00"]
    assert [list(s.panel.all()) for s in slots(interview_round)] == [[panel_member]] * 3


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"length_minutes": "0"}, "length_minutes", "Enter a length between 1 minute and 8 hours (480 minutes)"),
        ({"length_minutes": "600"}, "length_minutes", "Enter a length between 1 minute and 8 hours (480 minutes)"),
        ({"video_link": ""}, "site", "Choose a site, or give a video link"),
        ({"end_time": "09:30"}, "end_time",
         "No interview fits between the start and end times: make the day longer or the interviews shorter."),
        ({"start_time": "nine"}, "start_time", "Enter a time like 09:00"),
    ],
)
def test_round_create_page_bad_input_is_shown_by_its_field_and_kept(
    client, vacancy, recruiter, interview_day, changes, field, message
):
    client.force_login(recruiter)

    response = client.post(url("round_create", vacancy), round_form(interview_day, **changes))

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert 'class="nhsuk-error-summary"' in response.content.decode()
    assert response.context["form"]["name"].value() == "First interviews"
    assert not InterviewRound.objects.exists()


def test_round_create_page_refuses_a_day_in_the_past_by_the_date(client, vacancy, recruiter):
    client.force_login(recruiter)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    response = client.post(url("round_create", vacancy), round_form(yesterday))

    assert response.context["form"].errors["first_day"] == [
        "Interviews must be in the future: choose days and times after now."
    ]
    assert not Slot.objects.exists()


def test_round_create_page_refuses_a_panel_members_overlap(
    client, vacancy, recruiter, interview_round, panel_member, interview_day
):
    client.force_login(recruiter)

    response = client.post(url("round_create", vacancy), round_form(interview_day, panel=[panel_member.pk]))

    assert response.context["form"].errors["panel"] == [
        f"Penny Panel is already on an interview panel at {interview_day:%d/%m/%Y} 09:00."
    ]
    assert InterviewRound.objects.count() == 1


# Inviting and booking on a candidate's behalf ----------------------------------------------


def test_round_invite_page_ticks_everyone_and_invites(
    client, vacancy, hiring_manager, interview_round, application, other_application
):
    client.force_login(hiring_manager)

    page = client.get(url("round_invite", vacancy, round_id=interview_round.pk))
    response = client.post(url("round_invite", vacancy, round_id=interview_round.pk),
                           {"applications": [application.pk, other_application.pk]})

    assert page.context["form"]["applications"].value() == [str(application.pk), str(other_application.pk)]
    assert "Cara Candidate" in page.content.decode()
    assert response.status_code == 302
    assert set(Application.objects.values_list("status", flat=True)) == {"invited_to_interview"}
    assert sorted(e.to[0] for e in OutgoingEmail.objects.all()) == ["contact1@example.org", "contact2@example.org"]


def test_round_invite_page_with_nobody_chosen_says_so(client, vacancy, recruiter, interview_round, application):
    client.force_login(recruiter)

    response = client.post(url("round_invite", vacancy, round_id=interview_round.pk), {})

    assert response.context["form"].errors["applications"] == ["Choose at least one candidate to invite"]
    assert not Invitation.objects.exists()


def test_booking_pages_book_move_and_cancel_on_a_candidates_behalf(client, vacancy, recruiter, interview_round, invited):
    application, _other = invited
    first, second, _third = slots(interview_round)
    person = {"round_id": interview_round.pk, "application_id": application.pk}
    client.force_login(recruiter)

    client.post(url("booking_book", vacancy, **person), {"slot": first.pk})
    assert Booking.objects.get().slot == first
    client.post(url("booking_move", vacancy, **person), {"slot": second.pk})
    assert Booking.objects.get().slot == second
    response = client.post(url("booking_cancel", vacancy, **person))

    assert response.status_code == 302
    assert not Booking.objects.exists()
    assert OutgoingEmail.objects.filter(to=["contact1@example.org"]).count() == 4  # invitation, booked, moved, cancelled


def test_booking_page_refuses_a_full_slot_by_the_radios(
    client, vacancy, recruiter, interview_round, invited, candidate
):
    application, other = invited
    first = slots(interview_round)[0]
    services.book_slot(slot_id=first.pk, application_id=application.pk, actor=candidate)
    client.force_login(recruiter)

    response = client.post(
        url("booking_book", vacancy, round_id=interview_round.pk, application_id=other.pk), {"slot": first.pk}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["slot"] == ["Choose one of the times with a free place"]
    assert list(Booking.objects.values_list("application_id", flat=True)) == [application.pk]


def test_round_detail_shows_the_timetable_and_who_has_not_booked(
    client, vacancy, recruiter, interview_round, invited, candidate
):
    application, _other = invited
    services.book_slot(slot_id=slots(interview_round)[1].pk, application_id=application.pk, actor=candidate)
    client.force_login(recruiter)

    response = client.get(url("round_detail", vacancy, round_id=interview_round.pk))

    page = response.content.decode()
    assert [booking.name for slot in response.context["slots"] for booking in slot.live_bookings] == ["Cara Candidate"]
    assert [entry["name"] for entry in response.context["not_booked"]] == ["Colin Candidate"]
    assert "Penny Panel" in page
    assert "Seminar room 2, Worcestershire Royal Hospital" in page


# The candidate's page ----------------------------------------------------------------------


def candidate_url(name, application, **kwargs):
    return reverse(f"interviews:{name}", kwargs={"application_id": application.pk, **kwargs})


def test_candidate_page_books_moves_and_cancels(client, interview_round, invited, candidate):
    application, _other = invited
    first, second, _third = slots(interview_round)
    field = f"round-{interview_round.pk}-slot"
    client.force_login(candidate)

    page = client.get(candidate_url("candidate_interview", application))
    assert [value for value, _label in page.context["rounds"][0]["form"].fields["slot"].choices] == [
        s.pk for s in slots(interview_round)
    ]
    client.post(candidate_url("candidate_book", application, round_id=interview_round.pk), {field: first.pk})
    assert Booking.objects.get().slot == first
    client.post(candidate_url("candidate_move", application, round_id=interview_round.pk), {field: second.pk})
    booked = client.get(candidate_url("candidate_interview", application)).content.decode()
    assert Booking.objects.get().slot == second
    assert second.label in booked
    assert "recruitment@example.org" in booked
    client.post(candidate_url("candidate_cancel", application, round_id=interview_round.pk))

    assert not Booking.objects.exists()


def test_candidate_page_with_no_time_chosen_says_so(client, interview_round, invited, candidate):
    application, _other = invited
    client.force_login(candidate)

    response = client.post(candidate_url("candidate_book", application, round_id=interview_round.pk), {})

    assert response.status_code == 200
    assert response.context["rounds"][0]["form"].errors["slot"] == ["Choose a time for the interview"]
    assert "nhsuk-error-summary" in response.content.decode()
    assert not Booking.objects.exists()


def test_candidate_page_refuses_a_full_slot_by_the_radios(client, interview_round, invited, candidate, other_candidate):
    application, other = invited
    first, second, third = slots(interview_round)
    services.book_slot(slot_id=first.pk, application_id=other.pk, actor=other_candidate)
    client.force_login(candidate)

    response = client.post(candidate_url("candidate_book", application, round_id=interview_round.pk),
                           {f"round-{interview_round.pk}-slot": first.pk})

    form = response.context["rounds"][0]["form"]
    assert response.status_code == 200
    assert form.errors["slot"] == ["This interview slot is full: choose another."]
    assert [value for value, _label in form.fields["slot"].choices] == [second.pk, third.pk]
    assert list(Booking.objects.values_list("application_id", flat=True)) == [other.pk]


def test_candidate_page_does_not_offer_slots_inside_the_cutoff(client, interview_round, invited, candidate, settings):
    application, _other = invited
    first, second, third = slots(interview_round)
    # A cut-off that has just passed for the 9:00 slot, not for 10:00.
    settings.INTERVIEW_BOOKING_CUTOFF_HOURS = int((first.starts_at - timezone.now()).total_seconds() // 3600) + 1
    client.force_login(candidate)

    page = client.get(candidate_url("candidate_interview", application))

    assert [slot.pk for slot in page.context["rounds"][0]["free"]] == [second.pk, third.pk]


# Query counts ---------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 12])
def test_round_list_runs_a_fixed_number_of_queries(
    client, vacancy, recruiter, interview_day, count, django_assert_max_num_queries
):
    for number in range(count):
        make_round(vacancy, recruiter, interview_day + datetime.timedelta(days=number))
    client.force_login(recruiter)

    with django_assert_max_num_queries(12):
        response = client.get(url("round_list", vacancy))

    assert len(response.context["rounds"]) == count


@pytest.mark.parametrize("count", [2, 20])
def test_round_detail_runs_a_fixed_number_of_queries(
    client, vacancy, recruiter, interview_day, panel_member, count, django_assert_max_num_queries
):
    interview_round = make_round(vacancy, recruiter, interview_day, start=(8, 0), end=(20, 0), length=30, gap=0,
                                 panel=[panel_member])
    applications = [shortlist(vacancy, UserFactory(), number) for number in range(1, count + 1)]
    services.invite(round_id=interview_round.pk, application_ids=[a.pk for a in applications], actor=recruiter)
    for slot, application in zip(slots(interview_round), applications[: count // 2], strict=False):
        services.book_slot(slot_id=slot.pk, application_id=application.pk, actor=recruiter, on_behalf=True)
    client.force_login(recruiter)

    with django_assert_max_num_queries(16):
        response = client.get(url("round_detail", vacancy, round_id=interview_round.pk))

    assert len(response.context["not_booked"]) == count - count // 2


# Links from the existing pages ------------------------------------------------------------------


def test_vacancy_page_links_to_interviews_once_shortlisting_is_complete(client, vacancy, recruiter):
    client.force_login(recruiter)

    page = client.get(reverse("manage:vacancy_detail", kwargs={"reference": vacancy.reference})).content.decode()

    assert f'href="{url("round_list", vacancy)}"' in page


def test_application_page_links_to_the_interview_once_invited(client, invited, candidate):
    application, _other = invited
    client.force_login(candidate)

    page = client.get(reverse("candidates:application_detail", kwargs={"application_id": application.pk}))

    assert f'href="{candidate_url("candidate_interview", application)}"' in page.content.decode()


def test_round_list_for_a_vacancy_panel_member_on_no_round_is_empty(client, vacancy, interview_round, trust_a):
    member = MembershipFactory(organisation=trust_a, role=Membership.Role.HIRING_MANAGER).user
    vacancy.panel_members.add(member)
    client.force_login(member)

    response = client.get(url("round_list", vacancy))

    assert response.status_code == 200
    assert response.context["rounds"] == []


def test_candidate_page_after_withdrawing_shows_no_booking_and_no_times(client, interview_round, invited, candidate):
    application, _other = invited
    services.book_slot(slot_id=slots(interview_round)[0].pk, application_id=application.pk, actor=candidate)
    withdraw_application(application_id=application.pk, actor=candidate)
    client.force_login(candidate)

    response = client.get(candidate_url("candidate_interview", application))

    assert response.context["rounds"][0]["booking"] is None
    assert response.context["open"] is False
    assert "Book this time" not in response.content.decode()
