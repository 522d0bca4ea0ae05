"""Personal details: names in any alphabet, contact details, a UK postcode when in the UK."""

import pytest

from candidates.models import PersonalDetails

VALID = {
    "first_name": "Cara",
    "last_name": "Candidate",
    "email": "cara@example.org",
    "phone": "07700 900982",
    "address_line_1": "1 High Street",
    "town": "Worcester",
    "postcode": "WR1 2AB",
    "country": "United Kingdom",
    "section_complete": "True",
}


def post(client, application, **changes):
    return client.post(f"/applications/{application.pk}/personal-details/", VALID | changes)


def test_personal_details_starts_from_the_account(candidate_client, draft, candidate):
    response = candidate_client.get(f"/applications/{draft.pk}/personal-details/")

    html = response.content.decode()
    assert f'value="{candidate.email}"' in html
    assert 'name="first_name" value="Cara"' in html
    assert 'name="last_name" value="Candidate"' in html


def test_personal_details_keeps_a_unicode_name_as_typed(candidate_client, draft):
    response = post(candidate_client, draft, first_name="Siân", last_name="Ó Dúnlaing-Nguyễn")

    assert response.status_code == 302
    assert PersonalDetails.objects.get(application=draft).full_name == "Siân Ó Dúnlaing-Nguyễn"
    check = candidate_client.get(f"/applications/{draft.pk}/check-your-answers/")
    assert "Siân Ó Dúnlaing-Nguyễn" in check.content.decode()


def test_personal_details_composes_a_name_typed_with_combining_accents(candidate_client, draft):
    post(candidate_client, draft, first_name="Sia\u0302n")

    assert PersonalDetails.objects.get(application=draft).first_name == "Siân"


@pytest.mark.parametrize(
    "first_name",
    ["<script>alert(1)</script>", "R2-D2", "Cara_", "   "],
)
def test_personal_details_refuses_a_name_that_is_not_letters(candidate_client, draft, first_name):
    response = post(candidate_client, draft, first_name=first_name)

    assert response.status_code == 200
    html = response.content.decode()
    expected = "Enter your first name" if not first_name.strip() else (
        "Name must only include letters, spaces, hyphens, apostrophes and full stops"
    )
    assert expected in html
    assert "<script>alert(1)</script>" not in html
    assert not PersonalDetails.objects.filter(application=draft).exists()


def test_personal_details_refuses_a_name_too_long(candidate_client, draft):
    response = post(candidate_client, draft, last_name="A" * 101)

    assert "Last name must be 100 characters or fewer" in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "cara-at-example.org", "Enter an email address in the correct format, like name@example.com"),
        ("phone", "call me", "Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"),
        ("phone", "12345", "Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"),
        ("postcode", "WR1", "Enter a full UK postcode, like WR5 1DD"),
        ("postcode", "", "Enter your postcode"),
        ("address_line_1", "", "Enter the first line of your address"),
        ("town", "", "Enter your town or city"),
    ],
)
def test_personal_details_explains_what_to_fix(candidate_client, draft, field, value, message):
    response = post(candidate_client, draft, **{field: value})

    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert f'<a href="#id_{field}">{message}</a>' in html


def test_personal_details_needs_no_postcode_outside_the_uk(candidate_client, draft):
    response = post(candidate_client, draft, country="Philippines", postcode="", town="Manila")

    assert response.status_code == 302
    assert PersonalDetails.objects.get(application=draft).address_lines == ["1 High Street", "Manila", "Philippines"]


def test_personal_details_normalises_a_postcode(candidate_client, draft):
    post(candidate_client, draft, postcode=" wr11ab ")

    assert PersonalDetails.objects.get(application=draft).postcode == "WR1 1AB"


def test_personal_details_stores_markup_in_an_address_and_shows_it_escaped(candidate_client, draft):
    post(candidate_client, draft, address_line_1='Flat 2 <b onmouseover="x()">Rose</b> Court')

    assert PersonalDetails.objects.get(application=draft).address_line_1 == 'Flat 2 <b onmouseover="x()">Rose</b> Court'
    html = candidate_client.get(f"/applications/{draft.pk}/check-your-answers/").content.decode()
    assert "Flat 2 &lt;b onmouseover=&quot;x()&quot;&gt;Rose&lt;/b&gt; Court" in html
    assert "<b onmouseover" not in html
