"""Creating a round of interviews: the slots "9:00 to 16:00, 45 minutes, 15
between" makes, and each bad input refused by its field with nothing written."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from interviews import services
from interviews.models import InterviewEvent, InterviewRound, Slot
from tests.factories import SiteFactory

from .conftest import make_round

pytestmark = pytest.mark.django_db


def local_times(interview_round):
    return [
        timezone.localtime(slot.starts_at).strftime("%H:%M")
        for slot in Slot.objects.filter(round=interview_round).order_by("starts_at")
    ]


def test_round_slots_fill_the_day_with_the_gap_between(vacancy, recruiter, panel_member, interview_day):
    interview_round = make_round(vacancy, recruiter, interview_day, start=(9, 0), end=(16, 0), length=45, gap=15,
                                 panel=[panel_member])

    assert local_times(interview_round) == ["09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00"]
    slot = Slot.objects.filter(round=interview_round).first()
    assert slot.length_minutes == 45
    assert slot.capacity == 1
    assert slot.room == "Seminar room 2"
    assert list(slot.panel.all()) == [panel_member]
    assert InterviewEvent.objects.get(round=interview_round).kind == InterviewEvent.Kind.ROUND_CREATED
    assert interview_round.created_by == recruiter


def test_round_slots_by_video_for_groups(vacancy, recruiter, interview_day):
    interview_round = make_round(
        vacancy, recruiter, interview_day, start=(14, 0), end=(15, 0), length=30, gap=0, site=None,
        video_link="https://meet.example.org/nurse", capacity=3,
    )

    assert local_times(interview_round) == ["14:00", "14:30"]
    assert set(Slot.objects.filter(round=interview_round).values_list("capacity", "video_link", "site")) == {
        (3, "https://meet.example.org/nurse", None)
    }


def test_round_slots_on_several_days(vacancy, recruiter, interview_day):
    interview_round = services.create_round_with_slots(
        vacancy=vacancy, actor=recruiter, name="Two days", days=[interview_day, interview_day + datetime.timedelta(days=1)],
        start_time=datetime.time(14), end_time=datetime.time(15), length_minutes=30, gap_minutes=0,
        video_link="https://meet.example.org/x",
    )

    days = [timezone.localtime(slot.starts_at).date() for slot in Slot.objects.filter(round=interview_round)]
    assert days == [interview_day, interview_day, interview_day + datetime.timedelta(days=1),
                    interview_day + datetime.timedelta(days=1)]


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"length": 0}, "length_minutes", "Enter a length between 1 minute and 8 hours (480 minutes)."),
        ({"length": 481, "end": (23, 0)}, "length_minutes", "Enter a length between 1 minute and 8 hours (480 minutes)."),
        ({"start": (9, 0), "end": (9, 30), "length": 45}, "end_time",
         "No interview fits between the start and end times: make the day longer or the interviews shorter."),
        ({"site": None, "video_link": ""}, "site", "Choose a site, or give a video link."),
        ({"gap": -5}, "gap_minutes", "The time between interviews cannot be less than 0 minutes."),
    ],
)
def test_round_slots_bad_input_is_refused_by_its_field(vacancy, recruiter, interview_day, kwargs, field, message):
    with pytest.raises(ValidationError) as refusal:
        make_round(vacancy, recruiter, interview_day, **kwargs)

    assert refusal.value.message_dict == {field: [message]}
    assert not InterviewRound.objects.exists()
    assert not Slot.objects.exists()


def test_round_slots_in_the_past_are_refused(vacancy, recruiter):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    with pytest.raises(ValidationError) as refusal:
        make_round(vacancy, recruiter, yesterday)

    assert refusal.value.message_dict == {"days": ["Interviews must be in the future: choose days and times after now."]}
    assert not Slot.objects.exists()


def test_round_slots_overlapping_for_a_panel_member_are_refused(vacancy, recruiter, panel_member, interview_day):
    make_round(vacancy, recruiter, interview_day, start=(9, 0), end=(12, 0), panel=[panel_member])

    with pytest.raises(ValidationError) as refusal:
        make_round(vacancy, recruiter, interview_day, start=(11, 30), end=(13, 0), panel=[panel_member])

    assert refusal.value.message_dict == {
        "panel": [f"Penny Panel is already on an interview panel at {interview_day:%d/%m/%Y} 11:00."]
    }
    assert InterviewRound.objects.count() == 1


def test_round_slots_after_a_panel_members_last_interview_are_allowed(vacancy, recruiter, panel_member, interview_day):
    make_round(vacancy, recruiter, interview_day, start=(9, 0), end=(12, 0), panel=[panel_member])

    later = make_round(vacancy, recruiter, interview_day, start=(11, 45), end=(13, 0), length=30, gap=0,
                       panel=[panel_member])

    assert local_times(later) == ["11:45", "12:15"]


def test_round_slots_at_another_trusts_site_are_refused(vacancy, recruiter, trust_b, interview_day):
    with pytest.raises(ValidationError) as refusal:
        make_round(vacancy, recruiter, interview_day, site=SiteFactory(organisation=trust_b))

    assert refusal.value.message_dict == {"site": ["Choose one of the trust's sites."]}
