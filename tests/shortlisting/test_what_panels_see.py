"""What a panel sees of an application (shortlisting.anonymised): the same on
the score page and in the pack, in the same words for the 0–3 scale, with the
candidate's own names, e-mail and telephone marked where they typed them into
their free text."""

import dataclasses
import io
import re
from html import unescape

import pytest
from django.urls import reverse

from candidates.models import Application, Employment, EmploymentHistory, SupportingInformation
from shortlisting import anonymised, rendering, services
from shortlisting.forms import ScoreForm

from .applicants import make_applications
from .reading import normalise, read_pack

pytestmark = pytest.mark.django_db

MARK = '<mark class="app-personal-detail">{}<span class="nhsuk-u-visually-hidden"> (possible personal detail)</span></mark>'


def _score_url(vacancy, code):
    return reverse("shortlisting:application_score", kwargs={"reference": vacancy.reference, "code": code})


def _text(html):
    """The words of an HTML page, as a reader sees them."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return normalise(unescape(re.sub(r"<[^>]+>", " ", html)))


def _applicant_in_pack(vacancy, recruiter):
    pack, _created = services.request_pack(vacancy=vacancy, requested_by=recruiter, seed=7)
    chunk = pack.chunks.get(index=0)
    part = rendering.render_applications(chunk, criteria=rendering.criteria_of(vacancy))
    return rendering.applicants_of(chunk)[0], normalise(read_pack(io.BytesIO(part.pdf)).text)


@pytest.fixture
def application(closed_vacancy):
    """One application with every section, and a few answers a panel must not see."""
    (application,) = make_applications(closed_vacancy, 1, guaranteed_interview_every=1)
    EmploymentHistory.objects.filter(application=application).update(gaps_explanation="Caring for my father")
    Employment.objects.filter(application=application, is_current=False).update(reason_for_leaving="Long-term sickness")
    return application


# What is shown, and the same on screen and on paper ---------------------------------------

SHOWN = [
    "Application A0001",
    "Disability Confident",
    "Staff Nurse",
    "Healthcare Assistant",
    "Delivering care to up to eight patients",
    "Personal care, observations and blood glucose monitoring",
    "BSc (Hons) Adult Nursing",
    "2:1",
    "Care Certificate",
    "I led a small audit of falls on my ward",
]

HIDDEN = [
    # Name, contact details and address.
    "Bethan", "Pritchard", "bethan.pritchard.1@example.org", "07700 900001", "Foregate Street", "WR1 1DB",
    # Employers and where qualifications were taken.
    "Worcestershire Royal Hospital", "Alexandra Hospital", "Queen Elizabeth Hospital", "University of Worcester",
    "Worcestershire Acute Hospitals NHS Trust",
    # Why a job ended, and gaps: often health, caring or pregnancy.
    "Long-term sickness", "Caring for my father",
    # Referees: not even their job titles.
    "Rhiannon Refereeson", "Ward Manager", "Line manager", "referee.1@example.org", "01905 763333",
    # Equality monitoring, and the grounds of a guaranteed interview.
    "Bangladeshi", "Sikh", "Bisexual", "disabled",
]


def test_what_panels_see_is_the_same_on_the_score_page_and_in_the_pack(
    client, panel_member, recruiter, closed_vacancy, application, criteria
):
    client.force_login(panel_member)

    response = client.get(_score_url(closed_vacancy, "A0001"))
    on_paper, pdf_text = _applicant_in_pack(closed_vacancy, recruiter)

    # One rule: both are built from the same object, and it holds the same.
    on_screen = response.context["seen"]
    assert isinstance(on_screen, anonymised.PanelApplication)
    assert on_paper["seen"] == on_screen
    screen_text = _text(response.content.decode())
    assert [value for value in SHOWN if value not in screen_text] == []
    assert [value for value in SHOWN if value not in pdf_text] == []
    assert [value for value in HIDDEN if value in screen_text] == []
    assert [value for value in HIDDEN if value in pdf_text] == []
    # Nothing of the candidate's own details in their answers: nothing marked.
    assert "possible-personal-details" not in response.content.decode()


def test_what_panels_see_holds_only_the_anonymised_answers(application):
    seen = anonymised.what_panels_see(Application.objects.filter(pk=application.pk))[application.pk]

    assert [field.name for field in dataclasses.fields(seen)] == [
        "code", "guaranteed_interview", "jobs", "qualifications", "supporting_information",
    ]
    assert [field.name for field in dataclasses.fields(seen.jobs[0])] == [
        "job_title", "started_on", "ended_on", "is_current", "duties",
    ]
    assert [field.name for field in dataclasses.fields(seen.qualifications[0])] == ["title", "grade", "year_awarded"]
    assert seen.guaranteed_interview == anonymised.GuaranteedInterviewSeen(requested=True, scheme="Disability Confident")
    assert [str(job.job_title) for job in seen.jobs] == ["Staff Nurse", "Healthcare Assistant", "Clinical Support Worker"]
    assert [(str(q.title), str(q.grade), q.year_awarded) for q in seen.qualifications] == [
        ("BSc (Hons) Adult Nursing", "2:1", 2020),
        ("Care Certificate", "", 2017),
    ]


def test_what_panels_see_reads_the_sections_in_a_fixed_number_of_queries(
    django_assert_num_queries, closed_vacancy
):
    few = make_applications(closed_vacancy, 2)
    many = make_applications(closed_vacancy, 8, start=3)

    # The applications with their one-to-one sections, their jobs, their qualifications.
    with django_assert_num_queries(3):
        anonymised.what_panels_see(Application.objects.filter(pk__in=[a.pk for a in few]))
    with django_assert_num_queries(3):
        seen = anonymised.what_panels_see(Application.objects.filter(pk__in=[a.pk for a in many]))
    assert sorted(item.code for item in seen.values()) == [f"A{n:04d}" for n in range(3, 11)]


# The 0–3 scale, in the same words ---------------------------------------------------------


def test_score_scale_words_are_the_same_on_the_score_form_and_in_the_pack(
    client, panel_member, recruiter, closed_vacancy, application, criteria
):
    client.force_login(panel_member)
    words = ["0 – not met", "1 – partly met", "2 – met", "3 – exceeded"]

    form = ScoreForm(criteria=[criteria["registration"]])
    screen_text = _text(client.get(_score_url(closed_vacancy, "A0001")).content.decode())
    _applicant, pdf_text = _applicant_in_pack(closed_vacancy, recruiter)

    assert [label for _value, label in form.fields[f"score_{criteria['registration'].pk}"].choices] == words
    assert [anonymised.score_label(value) for value in range(4)] == words
    assert [word for word in words if word not in screen_text] == []
    assert f"Scale: {' · '.join(words)}" in pdf_text


# The candidate's own details, marked in their free text ------------------------------------


def test_score_page_marks_the_candidates_names_email_and_phone_in_their_free_text(
    client, panel_member, closed_vacancy, application, criteria
):
    SupportingInformation.objects.filter(application=application).update(
        text="My name is BETHAN pritchard and Bethany is my sister.\n\n"
        "Call me on 07700900001 or +44 (0)7700 900 001, or write to Bethan.Pritchard.1@example.org."
    )
    Employment.objects.filter(application=application, is_current=True).update(
        duties="Patients call me Nurse Pritchard-Jones; nobody calls me Pritchardson."
    )
    client.force_login(panel_member)

    response = client.get(_score_url(closed_vacancy, "A0001"))

    content = response.content.decode()
    assert (
        f"<p>My name is {MARK.format('BETHAN pritchard')} and Bethany is my sister.</p>" in content
    )
    assert (
        f"<p>Call me on {MARK.format('07700900001')} or {MARK.format('+44 (0)7700 900 001')}, "
        f"or write to {MARK.format('Bethan.Pritchard.1@example.org')}.</p>" in content
    )
    assert f"Nurse {MARK.format('Pritchard')}-Jones; nobody calls me Pritchardson." in content
    # The names are nowhere else on the page: only where the candidate typed them.
    assert content.count("ethan") == 2
    assert content.lower().count("pritchard") == 4
    assert content.count("app-personal-detail") == 5
    assert 'id="possible-personal-details"' in content


def test_pack_shows_free_text_as_written_without_marks(recruiter, closed_vacancy, application):
    SupportingInformation.objects.filter(application=application).update(text="I am Bethan, a staff nurse.")

    applicant, pdf_text = _applicant_in_pack(closed_vacancy, recruiter)

    assert applicant["seen"].supporting_information.spans == ()
    assert "I am Bethan, a staff nurse." in pdf_text
    assert "possible personal detail" not in pdf_text


@pytest.mark.parametrize(
    "text, found",
    [
        ("Siân Ó Dúnlaing-Nguyễn helped", ["Siân", "Ó Dúnlaing-Nguyễn"]),
        ("siân and NGUYỄN", ["siân", "NGUYỄN"]),
        ("Siânna and Dúnlaingson are not her", []),
        ("Ring 01905 123456 or 01905-123-456 or (01905) 123456 or 441905123456", [
            "01905 123456", "01905-123-456", "(01905) 123456", "441905123456",
        ]),
        ("Not 019051234567 nor 101905123456", []),
        ("Mail sian@example.org, not xsian@example.org.uk", ["sian@example.org"]),
        ("", []),
    ],
)
def test_personal_details_are_found_on_word_boundaries_whatever_the_case(text, found):
    finder = anonymised.PersonalDetailFinder(
        names=["Siân", "Ó Dúnlaing-Nguyễn"], emails=["Sian@Example.org"], phones=["01905 123456"]
    )

    marked = anonymised.FreeText.of(text, finder)

    assert [text[start:end] for start, end in marked.spans] == found


def test_personal_detail_finder_without_details_finds_nothing():
    finder = anonymised.PersonalDetailFinder(names=["", "A"], emails=[""], phones=["", "12"])

    assert anonymised.FreeText.of("A 12 b", finder).spans == ()
