"""The panel reads a candidate's free text as written: the pages where they
write it tell them to leave out their name and other personal details."""

import datetime

import pytest

from candidates.models import Employment

pytestmark = pytest.mark.django_db

WARNING = (
    '<div class="nhsuk-inset-text" id="leave-out-personal-details">\n'
    '  <span class="nhsuk-u-visually-hidden">Information: </span>\n'
    "  <p>The panel scores your application without knowing who you are. "
    "Leave out your name, email address, phone number, home address and date of birth, "
    "and anything else that says who you are. Write \"I\" instead of your name.</p>\n"
    "</div>"
)


@pytest.fixture
def job(draft):
    return Employment.objects.create(
        application=draft, employer="Kidderminster Hospital", job_title="Healthcare Assistant",
        started_on=datetime.date(2018, 9, 1), ended_on=datetime.date(2020, 8, 31),
    )


@pytest.mark.parametrize(
    "page",
    ["supporting-information/", "employment-history/", "employment-history/add/", "employment-history/{job}/"],
)
def test_free_text_pages_warn_candidates_to_leave_out_personal_details(candidate_client, draft, job, page):
    response = candidate_client.get(f"/applications/{draft.pk}/" + page.format(job=job.pk))

    assert response.status_code == 200
    assert " ".join(response.content.decode().split()).count(" ".join(WARNING.split())) == 1


@pytest.mark.parametrize("page", ["personal-details/", "qualifications/add/", "references/add/"])
def test_pages_without_free_text_for_the_panel_do_not_warn(candidate_client, draft, page):
    response = candidate_client.get(f"/applications/{draft.pk}/{page}")

    assert response.status_code == 200
    assert "leave-out-personal-details" not in response.content.decode()
