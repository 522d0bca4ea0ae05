"""Bad input on every form of the application: empty, too long, the wrong type,
markup and script, null characters, names in other alphabets. The answer is an
NHS.UK error summary, or the text stored as typed and shown escaped; never a 500."""

import pytest

from candidates.models import SupportingInformation
from tests.factories import VacancyFactory

from .factories import DraftApplicationFactory

DATE = ("day", "month", "year")
FORMS = {
    "personal-details/": [
        "first_name", "last_name", "email", "phone", "address_line_1", "address_line_2", "town", "postcode", "country",
    ],
    "right-to-work/": ["status", "visa_type", *(f"visa_expires_on_{p}" for p in DATE), "needs_sponsorship"],
    "employment-history/add/": [
        "employer", "job_title", *(f"started_on_{p}" for p in DATE), "is_current", *(f"ended_on_{p}" for p in DATE),
        "reason_for_leaving", "duties",
    ],
    "employment-history/": ["gaps_explanation"],
    "qualifications/add/": ["title", "institution", "grade", "year_awarded"],
    "qualifications/": [],
    "supporting-information/": ["text"],
    "references/add/": [
        "name", "job_title", "organisation", "email", "phone", "relationship", *(f"known_from_{p}" for p in DATE),
        *(f"known_to_{p}" for p in DATE),
    ],
    "references/": [],
    "declarations/": [
        "has_unspent_convictions", "has_unfiltered_spent_convictions", "is_barred", "criminal_record_details",
        "is_related_to_staff", "relationship_details",
    ],
    "adjustments/": ["needs_adjustments", "details"],
    "guaranteed-interview/": ["requested", "scheme", "grounds"],
    "equality-monitoring/": [
        "age_band", "sex", "gender_same_as_birth", "sexual_orientation", "ethnicity", "disability", "religion",
        "marital_status", "pregnancy",
    ],
    "submit/": ["confirm"],
}
SCRIPT = "<script>alert(1)</script>"
BAD_VALUES = {
    "empty": "",
    "too long": "x" * 25_000,
    "wrong type": "☃ not a number",
    "script": SCRIPT,
    "null character": "Cara\x00",
    "unicode": "Siân Ó Dúnlaing-Nguyễn",
    "spaces": "   ",
}


@pytest.fixture
def application(candidate):
    vacancy = VacancyFactory(
        dbs_level="enhanced_barred", offers_disability_confident=True, offers_expanded_guaranteed_interview=True
    )
    return DraftApplicationFactory(candidate=candidate, vacancy=vacancy)


@pytest.mark.parametrize("complete", ["True", "False", "☃"])
@pytest.mark.parametrize("kind", BAD_VALUES)
@pytest.mark.parametrize("path", FORMS)
def test_bad_input_gives_errors_or_is_kept_escaped(candidate_client, application, path, kind, complete):
    value = BAD_VALUES[kind]
    data = {name: value for name in FORMS[path]} | {"section_complete": complete}

    response = candidate_client.post(f"/applications/{application.pk}/{path}", data)

    assert response.status_code in (200, 302)
    html = response.content.decode()
    if response.status_code == 200:
        assert "There is a problem" in html
        assert 'class="nhsuk-error-message"' in html or "nhsuk-error-summary" in html
    else:
        html = candidate_client.get(f"/applications/{application.pk}/check-your-answers/").content.decode()
        # Nothing with a null character was stored (PostgreSQL would refuse it).
        assert "\x00" not in html
    assert SCRIPT not in html


def test_bad_input_script_in_supporting_information_is_stored_as_typed(candidate_client, application):
    candidate_client.post(
        f"/applications/{application.pk}/supporting-information/", {"text": SCRIPT, "section_complete": "True"}
    )

    assert SupportingInformation.objects.get(application=application).text == SCRIPT
    html = candidate_client.get(f"/applications/{application.pk}/check-your-answers/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_bad_input_null_character_is_refused_with_a_message(candidate_client, application):
    response = candidate_client.post(
        f"/applications/{application.pk}/supporting-information/", {"text": "Cara\x00", "section_complete": "True"}
    )

    assert "Null characters are not allowed." in response.content.decode()
    assert not SupportingInformation.objects.exists()
