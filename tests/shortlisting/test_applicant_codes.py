"""Applicant codes in panel URLs: ASCII digits only, one spelling per
application (issue 14, point 18). Superscript digits (A²) used to pass
str.isdigit() and fail int(), a 500; Arabic-Indic digits (A١) were read as
another spelling of A0001."""

import pytest
from django.http import Http404

from shortlisting.panel_views import get_application_for_user

from .applicants import make_applications

pytestmark = pytest.mark.django_db


@pytest.fixture
def applications(closed_vacancy):
    return make_applications(closed_vacancy, 2)


def test_applicant_code_finds_the_application(panel_member, closed_vacancy, applications):
    vacancy, application = get_application_for_user(panel_member, closed_vacancy.reference, "A0002")

    assert (vacancy, application) == (closed_vacancy, applications[1])


@pytest.mark.parametrize(
    "code", ["A²", "A0001²", "A١", "A٠٠٠١", "A000١", "Ａ0001", "A１", "A1", "A00001", "A0001\x00", "A-001", "A", "a0001"]
)
def test_applicant_code_in_any_other_spelling_is_not_found(panel_member, closed_vacancy, applications, code):
    with pytest.raises(Http404):
        get_application_for_user(panel_member, closed_vacancy.reference, code)


@pytest.mark.parametrize("code", ["A%C2%B2", "A%D9%A1", "A%00", "A2147483648"])
def test_applicant_code_pages_are_not_found_for_other_spellings(client, panel_member, closed_vacancy, applications, code):
    client.force_login(panel_member)

    response = client.get(f"/manage/vacancies/{closed_vacancy.reference}/applications/{code}/")

    assert response.status_code == 404
    assert response.templates[0].name == "404.html"
