"""The interview pack of a round, made by the shortlisting pack pipeline
(chunks rendered, then merged) and read back as a panel member's PDF reader
would: the timetable, only the criteria assessed at interview, the interview
questions, each candidate by name in the order of the day with their
application, and one blank scoring sheet each; tagged like the shortlisting
pack. Also what asking for one does beside shortlisting packs."""

import io
import re

import pikepdf
import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from pypdf import PdfReader

from candidates.models import Application, PersonalDetails
from candidates.services import withdraw_application
from interviews import packs, services
from interviews.models import Booking, InterviewQuestion, Slot
from shortlisting import services as pack_services, tasks
from shortlisting.models import ShortlistPack
from tests.factories import CriterionFactory
from tests.shortlisting.applicants import EQUALITY_WORDS, make_applications
from tests.shortlisting.reading import normalise, read_pack

from .conftest import make_round

pytestmark = pytest.mark.django_db

AT_INTERVIEW = [
    ("Stays calm and kind under pressure", True),
    ("Explains a plan of care clearly to a patient and their family", False),
]
AT_APPLICATION_ONLY = [
    "Registered Nurse (Adult) with current NMC registration",
    "Holds a mentorship or practice supervisor qualification",
]
QUESTIONS = [
    "Tell us about a time you escalated a deteriorating patient.",
    "How would you support a student nurse who is struggling?",
]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SHORTLIST_PACK_CHUNK_SIZE = 2


@pytest.fixture
def person_specification(vacancy, recruiter):
    for order, text in enumerate(AT_APPLICATION_ONLY, start=1):
        CriterionFactory(vacancy=vacancy, text=text, order=order, assessed_at_application=True)
    for order, (text, essential) in enumerate(AT_INTERVIEW, start=10):
        CriterionFactory(
            vacancy=vacancy, text=text, order=order, is_essential=essential,
            category="personal_qualities", assessed_at_application=not essential, assessed_at_interview=True,
        )
    for order, text in enumerate(QUESTIONS, start=1):
        InterviewQuestion.objects.create(vacancy=vacancy, text=text, order=order, created_by=recruiter)


def invited_to(interview_round, recruiter, count, *, start=1):
    """`count` full applications (tests.shortlisting.applicants), shortlisted and invited to the round."""
    applications = make_applications(interview_round.vacancy, count, start=start)
    Application.objects.filter(pk__in=[application.pk for application in applications]).update(
        status=Application.Status.SHORTLISTED
    )
    services.invite(
        round_id=interview_round.pk, application_ids=[application.pk for application in applications], actor=recruiter
    )
    return applications


def name_of(application):
    return PersonalDetails.objects.get(application=application).full_name


@pytest.fixture
def day(vacancy, recruiter, panel_member, interview_round, person_specification):
    """Four candidates invited to the round (slots at 9:00, 10:00 and 11:00):
    the third booked at 9:00, the first at 10:00, the second at 11:00, the
    fourth not booked; a fifth booked, then withdrawn. Returns the four in
    the order of the day."""
    first, second, third, fourth, withdrawn = invited_to(interview_round, recruiter, 5)
    nine, ten, eleven = Slot.objects.filter(round=interview_round).order_by("starts_at")
    services.book_slot(slot_id=nine.pk, application_id=third.pk, actor=recruiter, on_behalf=True)
    services.book_slot(slot_id=ten.pk, application_id=first.pk, actor=recruiter, on_behalf=True)
    services.book_slot(slot_id=eleven.pk, application_id=withdrawn.pk, actor=recruiter, on_behalf=True)
    withdraw_application(application_id=withdrawn.pk, actor=withdrawn.candidate)
    services.book_slot(slot_id=eleven.pk, application_id=second.pk, actor=recruiter, on_behalf=True)
    return [third, first, second, fourth], withdrawn


def make_pack(interview_round, user):
    """Ask for the round's pack and make it here, chunk by chunk, then the merge."""
    pack, created = packs.request_interview_pack(interview_round=interview_round, requested_by=user)
    assert created
    for pk in pack.chunks.order_by("index").values_list("pk", flat=True):
        assert tasks.render_pack_chunk(chunk_id=pk) is True
    assert tasks.merge_pack(pack_id=pack.pk) is True
    pack.refresh_from_db()
    assert pack.status == ShortlistPack.Status.READY, pack.error
    return pack


def pdf_bytes(pack):
    with default_storage.open(pack.file.name, "rb") as file:
        return file.read()


# What it holds ------------------------------------------------------------------------------


def test_interview_pack_holds_the_timetable_the_interview_criteria_the_questions_and_each_candidate(
    interview_round, recruiter, day
):
    in_order, withdrawn = day
    names = [name_of(application) for application in in_order]

    pack = make_pack(interview_round, recruiter)
    read = read_pack(io.BytesIO(pdf_bytes(pack)))
    texts = [normalise(text) for text in read.texts]
    text = normalise(read.text)

    # Four candidates in two chunks of two, in the order of the day; the
    # withdrawn one left out.
    assert pack.kind == "interview" and pack.subject_id == interview_round.pk
    assert pack.chunks.count() == 2
    assert pack.applicant_count == 4
    assert read.applicant_order() == names
    assert name_of(withdrawn) not in text
    assert [title for title, _page in read.bookmarks] == ["Cover", "Person specification", "Contents", "Applications"]

    cover = texts[0]
    assert "Interview pack" in cover and "Confidential" in cover
    assert interview_round.name in cover and interview_round.vacancy.reference in cover
    assert str(read.reader.metadata.title).startswith("Interview pack: Staff Nurse, Acute Medicine")

    # Only the criteria assessed at interview, and the questions.
    for criterion, _essential in AT_INTERVIEW:
        assert criterion in text
    for criterion in AT_APPLICATION_ONLY:
        assert criterion not in text
    for question in QUESTIONS:
        assert question in text

    # The timetable: each slot's time and its candidate, with the page where
    # their application starts; the one not booked listed after.
    timetable_page = dict(read.bookmarks)["Contents"]
    timetable = texts[timetable_page]
    assert "Timetable" in timetable
    for time, name in [("09:00 to 09:45", names[0]), ("10:00 to 10:45", names[1]), ("11:00 to 11:45", names[2])]:
        assert re.search(rf"{time} {name} Seminar room 2", timetable), timetable
    assert "Invited, no time booked yet" in timetable
    assert timetable.index("Invited, no time booked yet") < timetable.index(names[3])
    for name, page in read.applicant_bookmarks:
        assert re.search(rf"{name}\b.* {page + 1}\b", timetable)

    # Each candidate by name on their first page, with their interview time
    # and application, then one blank scoring sheet of their own.
    starts = [page for _name, page in read.applicant_bookmarks] + [len(texts)]
    for index, name in enumerate(names):
        own = texts[starts[index] : starts[index + 1]]
        assert "Employment history" in own[0]
        # Their name heads each of their pages, the scoring sheet's too.
        assert all(name in page for page in own)
        sheets = [page for page in own if f"Interview scoring sheet: {name}" in page]
        assert len(sheets) == 1
        sheet = sheets[0]
        for criterion, _essential in AT_INTERVIEW:
            assert criterion in sheet
        for number, question in enumerate(QUESTIONS, start=1):
            assert f"Question {number}: {question}" in sheet
        assert "Score (0–3)" in sheet and "Notes" in sheet and "Total" in sheet
        assert "0 1 2 3" in sheet
    assert text.count("Interview scoring sheet:") == 4
    assert "Interview: no time booked yet" in texts[starts[3]]
    assert "10:00 to 10:45" in texts[starts[1]]

    # Names, but no contact details, equality answers or e-mail addresses.
    for details in PersonalDetails.objects.filter(application__in=in_order):
        assert details.email not in text and details.phone not in text and details.address_line_1 not in text
    for word in EQUALITY_WORDS:
        assert word not in text
    assert "@" not in text
    # The chunks' own PDFs are gone, as for a shortlisting pack.
    assert not pack.chunks.exclude(file="").exists()


def kids(element):
    found = element.get("/K", pikepdf.Array())
    return list(found) if isinstance(found, pikepdf.Array) else [found]


def elements(element):
    for kid in kids(element):
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != pikepdf.Name.OBJR:
            yield kid
            yield from elements(kid)


def marked_text(data, pdf, element):
    """The text of an element's marked content, as a reader extracts it."""
    wanted = set()
    for each in [element, *elements(element)]:
        wanted.update(int(kid) for kid in kids(each) if isinstance(kid, int))
    index = next(number for number, page in enumerate(pdf.pages) if page.obj.objgen == element.Pg.objgen)
    current, text = [], []

    def operand(operator, arguments, *_):
        if operator == b"BDC":
            properties = arguments[1] if len(arguments) > 1 else {}
            current.append(properties.get("/MCID") if hasattr(properties, "get") else None)
        elif operator == b"BMC":
            current.append(None)
        elif operator == b"EMC" and current:
            current.pop()

    def shown(string, *_):
        if current and current[-1] in wanted:
            text.append(string)

    PdfReader(io.BytesIO(data)).pages[index].extract_text(visitor_operand_before=operand, visitor_text=shown)
    return re.sub(r"\s+", " ", "".join(text)).strip()


def test_tagged_interview_pack_has_a_section_per_candidate_with_their_name_as_h1_and_tables_with_header_cells(
    interview_round, recruiter, day
):
    in_order, _withdrawn = day
    names = [name_of(application) for application in in_order]

    pack = make_pack(interview_round, recruiter)
    data = pdf_bytes(pack)

    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.docinfo.Title).startswith("Interview pack: Staff Nurse, Acute Medicine")
        [document] = kids(pdf.Root.StructTreeRoot)
        sections = kids(document)
        assert [str(section.get("/T", "")) for section in sections] == [
            "Cover", "Person specification", "Contents", *names
        ]
        for section in sections[1:]:
            tables = [element for element in elements(section) if element.S == pikepdf.Name.Table]
            assert tables, str(section.T)
            for table in tables:
                assert any(element.S == pikepdf.Name.TH for element in elements(table))
        for section, name in zip(sections[3:], names, strict=True):
            headings = [element for element in elements(section) if element.S == pikepdf.Name.H1]
            assert [marked_text(data, pdf, heading) for heading in headings] == [name]


# Asking for one ------------------------------------------------------------------------------


def test_interview_pack_is_asked_for_beside_a_shortlisting_pack_and_once_per_round(
    vacancy, recruiter, interview_round, interview_day, day
):
    shortlisting_pack, _ = pack_services.request_pack(vacancy=vacancy, requested_by=recruiter)
    first, created = packs.request_interview_pack(interview_round=interview_round, requested_by=recruiter)
    again, created_again = packs.request_interview_pack(interview_round=interview_round, requested_by=recruiter)
    other_round = make_round(vacancy, recruiter, interview_day, start=(14, 0), end=(15, 0))
    invited_to(other_round, recruiter, 1, start=9)
    other, created_other = packs.request_interview_pack(interview_round=other_round, requested_by=recruiter)

    assert created and not created_again and created_other
    assert again.pk == first.pk
    assert len({shortlisting_pack.pk, first.pk, other.pk}) == 3
    assert shortlisting_pack.kind == "shortlisting" and shortlisting_pack.subject_id is None
    assert list(packs.packs_of(interview_round)) == [first]
    assert other.applicant_count == 1
    # The chunks hold the candidates in the order of the day, two at a time.
    in_order, _withdrawn = day
    ids = [id_ for chunk in first.chunks.order_by("index") for id_ in chunk.application_ids]
    assert ids == [application.pk for application in in_order]
    assert [chunk.first_position for chunk in first.chunks.order_by("index")] == [1, 3]


def test_interview_pack_is_refused_while_nobody_is_invited(interview_round, recruiter):
    with pytest.raises(pack_services.NothingToPack, match="Nobody has been invited to this round yet"):
        packs.request_interview_pack(interview_round=interview_round, requested_by=recruiter)

    assert not ShortlistPack.objects.exists()


def test_shortlisting_pack_pages_never_show_or_serve_an_interview_pack(client, vacancy, recruiter, interview_round, day):
    pack, _ = packs.request_interview_pack(interview_round=interview_round, requested_by=recruiter)
    client.force_login(recruiter)
    kwargs = {"reference": vacancy.reference, "pk": pack.pk}

    for name in ["pack_detail", "pack_status", "pack_download"]:
        assert client.get(reverse(f"shortlisting:{name}", kwargs=kwargs)).status_code == 404
    assert client.post(reverse("shortlisting:pack_retry", kwargs=kwargs)).status_code == 404
    listing = client.get(reverse("shortlisting:pack_list", kwargs={"reference": vacancy.reference}))
    assert listing.context["packs"] == [] and listing.context["in_progress"] is None
    assert pack.get_absolute_url() == reverse(
        "interviews:pack_detail", kwargs={"reference": vacancy.reference, "round_id": interview_round.pk, "pk": pack.pk}
    )


def test_interview_pack_of_a_deleted_round_fails_with_a_message(interview_round, recruiter, day, settings):
    pack, _ = packs.request_interview_pack(interview_round=interview_round, requested_by=recruiter)
    for pk in pack.chunks.values_list("pk", flat=True):
        tasks.render_pack_chunk(chunk_id=pk)
    Booking.objects.filter(round=interview_round).delete()  # protected by the slots
    interview_round.delete()

    assert tasks.merge_pack(pack_id=pack.pk) is False

    pack.refresh_from_db()
    assert pack.status == ShortlistPack.Status.FAILED
    assert pack.error == "The pack could not be put together: the interview round has been deleted"
