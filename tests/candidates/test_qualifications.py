"""Education and qualifications: several, each with a year not in the future."""

import datetime

import pytest
import time_machine

from candidates.models import Qualification, Section, SectionProgress

TODAY = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=datetime.UTC)
QUALIFICATION = {
    "title": "BSc (Hons) Adult Nursing",
    "institution": "University of Worcester",
    "grade": "First",
    "year_awarded": "2019",
}


def test_qualification_add_saves_several(candidate_client, draft):
    candidate_client.post(f"/applications/{draft.pk}/qualifications/add/", QUALIFICATION)
    candidate_client.post(
        f"/applications/{draft.pk}/qualifications/add/",
        QUALIFICATION | {"title": "GCSE English", "institution": "Worcester Sixth Form", "year_awarded": "2012"},
    )

    assert list(Qualification.objects.filter(application=draft).values_list("title", "year_awarded")) == [
        ("BSc (Hons) Adult Nursing", 2019),
        ("GCSE English", 2012),
    ]


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"year_awarded": "2027"}, "Year awarded must be this year or earlier"),
        ({"year_awarded": "nineteen"}, "Year awarded must be a year, like 2019"),
        ({"year_awarded": "1900"}, "Year awarded must be 1940 or later"),
        ({"year_awarded": ""}, "Enter the year the qualification was awarded"),
        ({"title": ""}, "Enter the name of the qualification"),
        ({"institution": "x" * 201}, "School, college, university or awarding body must be 200 characters or fewer"),
    ],
)
def test_qualification_add_explains_what_to_fix(candidate_client, draft, changes, message):
    response = candidate_client.post(f"/applications/{draft.pk}/qualifications/add/", QUALIFICATION | changes)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Qualification.objects.exists()


def test_qualifications_completed_with_none_added(candidate_client, draft):
    response = candidate_client.post(f"/applications/{draft.pk}/qualifications/", {"section_complete": "True"})

    assert response.status_code == 302
    assert SectionProgress.objects.get(application=draft, section=Section.QUALIFICATIONS).completed_at is not None


def test_qualification_remove_deletes_only_after_confirmation(candidate_client, draft):
    candidate_client.post(f"/applications/{draft.pk}/qualifications/add/", QUALIFICATION)
    qualification = Qualification.objects.get()

    candidate_client.get(f"/applications/{draft.pk}/qualifications/{qualification.pk}/remove/")
    assert Qualification.objects.count() == 1
    candidate_client.post(f"/applications/{draft.pk}/qualifications/{qualification.pk}/remove/")

    assert Qualification.objects.count() == 0
