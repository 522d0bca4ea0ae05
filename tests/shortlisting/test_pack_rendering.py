"""Rendering chunks and merging them, by calling the task functions directly
(no worker): what the PDF holds, and how claims keep the work done once."""

import pytest
from django.core.files.storage import default_storage
from django.db import OperationalError

from shortlisting import rendering, services, tasks
from shortlisting.models import ShortlistPack, ShortlistPackChunk

from .applicants import EQUALITY_WORDS
from .conftest import criteria_texts
from .reading import normalise, read_pack

pytestmark = pytest.mark.django_db
Status = ShortlistPack.Status


@pytest.fixture
def pack(vacancy, applications, recruiter):
    pack, _ = services.request_pack(vacancy=vacancy, requested_by=recruiter, seed=7)
    return pack


def render_all_chunks(pack):
    return [tasks.render_pack_chunk(chunk_id=pk) for pk in pack.chunks.order_by("index").values_list("pk", flat=True)]


def test_render_pack_chunk_claims_renders_and_stores_its_applicants(pack):
    chunk = pack.chunks.get(index=0)

    assert tasks.render_pack_chunk(chunk_id=chunk.pk) is True

    chunk.refresh_from_db()
    assert chunk.status == Status.READY
    assert chunk.attempts == 1
    assert chunk.claim_token is not None
    assert default_storage.exists(chunk.file.name)
    read = read_pack(default_storage.open(chunk.file.name))
    assert len(read.texts) == chunk.page_count
    codes = [applicant["code"] for applicant in chunk.applicant_pages]
    assert len(codes) == 2
    for applicant in chunk.applicant_pages:
        assert f"Application {applicant['code']}" in read.texts[applicant["page"]]
    pack.refresh_from_db()
    assert pack.status == Status.RENDERING
    assert pack.progress == 30  # 1 of 3 chunks: a third of the 90% rendering is worth


def test_render_pack_chunk_twice_renders_it_once(pack):
    chunk = pack.chunks.get(index=0)
    tasks.render_pack_chunk(chunk_id=chunk.pk)
    chunk.refresh_from_db()

    assert tasks.render_pack_chunk(chunk_id=chunk.pk) is False

    again = ShortlistPackChunk.objects.get(pk=chunk.pk)
    assert (again.file.name, again.claim_token, again.attempts) == (chunk.file.name, chunk.claim_token, 1)
    assert len(default_storage.listdir("shortlisting/chunks")[1]) == 1


def test_render_pack_chunk_result_is_dropped_when_the_chunk_was_handed_on_meanwhile(pack, monkeypatch):
    chunk = pack.chunks.get(index=0)
    real_render = rendering.render_applications

    def render_while_the_sweep_hands_it_on(chunk, **kwargs):
        part = real_render(chunk, **kwargs)
        # The sweep gave up on this worker and another worker claimed it.
        ShortlistPackChunk.objects.filter(pk=chunk.pk).update(claim_token="00000000-0000-0000-0000-000000000001")
        return part

    monkeypatch.setattr(rendering, "render_applications", render_while_the_sweep_hands_it_on)

    assert tasks.render_pack_chunk(chunk_id=chunk.pk) is False

    chunk.refresh_from_db()
    assert chunk.status == Status.RENDERING
    assert chunk.file.name == ""
    assert default_storage.listdir("shortlisting/chunks")[1] == []


def test_render_pack_chunk_of_a_gone_chunk_does_nothing(pack):
    assert tasks.render_pack_chunk(chunk_id=999_999) is False


def test_render_pack_chunk_of_a_failed_pack_does_nothing(pack):
    ShortlistPack.objects.filter(pk=pack.pk).update(status=Status.FAILED)
    chunk = pack.chunks.get(index=0)

    assert tasks.render_pack_chunk(chunk_id=chunk.pk) is False

    chunk.refresh_from_db()
    assert (chunk.status, chunk.attempts) == (Status.QUEUED, 0)


def test_merge_pack_waits_for_every_chunk(pack):
    tasks.render_pack_chunk(chunk_id=pack.chunks.get(index=0).pk)

    assert tasks.merge_pack(pack_id=pack.pk) is False

    pack.refresh_from_db()
    assert (pack.status, pack.merge_token, pack.file.name) == (Status.RENDERING, None, "")


def test_last_chunk_sends_the_merge_once_committed(pack, django_capture_on_commit_callbacks, sent_tasks):
    *first, last = pack.chunks.order_by("index").values_list("pk", flat=True)
    for pk in first:
        tasks.render_pack_chunk(chunk_id=pk)
    assert sent_tasks.drain() == []

    with django_capture_on_commit_callbacks(execute=True):
        tasks.render_pack_chunk(chunk_id=last)

    assert sent_tasks.drain() == [("shortlisting.merge_pack", {"pack_id": pack.pk})]
    pack.refresh_from_db()
    assert pack.progress == 90
    assert pack.merge_nudged_at is not None


def test_merged_pack_has_cover_specification_contents_applicants_page_numbers_and_bookmarks(pack, vacancy, applications):
    render_all_chunks(pack)

    assert tasks.merge_pack(pack_id=pack.pk) is True

    pack.refresh_from_db()
    assert (pack.status, pack.progress, pack.error) == (Status.READY, 100, "")
    assert pack.ready_at is not None
    read = read_pack(pack.file.path)
    pages = len(read.texts)
    assert pack.page_count == pages
    # A4, with a title and a language.
    assert [round(float(value)) for value in read.reader.pages[0].mediabox] == [0, 0, 595, 842]
    assert read.reader.metadata.title == f"Shortlisting pack: {vacancy.title} ({vacancy.reference})"
    assert read.reader.trailer["/Root"]["/Lang"] == "en-GB"
    # Cover, person specification and contents, then the applicants.
    assert [title for title, _ in read.bookmarks] == ["Cover", "Person specification", "Contents", "Applications"]
    cover = read.texts[0]
    for text in (vacancy.organisation.name, vacancy.title, vacancy.reference, "Confidential", "Number of applicants"):
        assert text in cover
    assert vacancy.closing_at.strftime("%-d %B %Y") in cover
    specification = normalise(read.texts[1])
    for criterion in criteria_texts(vacancy):
        assert normalise(criterion) in specification
    # Page numbers everywhere.
    for number, text in enumerate(read.texts, start=1):
        assert f"Page {number} of {pages}" in text
    # One bookmark per applicant, in the pack's order, opening their first
    # page, which the contents gives too.
    expected_order = [
        f"A{number:04d}"
        for number in (
            next(a.anonymous_number for a in applications if a.pk == pk)
            for chunk in pack.chunks.order_by("index")
            for pk in chunk.application_ids
        )
    ]
    assert read.applicant_order() == expected_order
    contents = normalise(read.texts[2])
    for position, (code, page) in enumerate(read.applicant_bookmarks, start=1):
        assert read.texts[page].count(f"Application {code}") == 1
        assert f"{position} {code}" in contents
        assert f"{code} {'Requested ' if code in ('A0003',) else ''}{page + 1}" in contents
    # Links in the contents go to each applicant's first page.
    links = [annotation.get_object() for annotation in read.reader.pages[2]["/Annots"]]
    assert [read.reader.get_page_number(link["/Dest"][0].get_object()) for link in links] == [
        page for _, page in read.applicant_bookmarks
    ]


def test_merged_pack_shows_the_guaranteed_interview_flag_and_the_criteria_assessed_by_application(pack, vacancy):
    render_all_chunks(pack)
    tasks.merge_pack(pack_id=pack.pk)
    pack.refresh_from_db()
    read = read_pack(pack.file.path)

    by_code = dict(read.applicant_bookmarks)
    requested = normalise(read.texts[by_code["A0003"]])
    assert "Guaranteed interview: Requested (Disability Confident)." in requested
    assert "Guaranteed interview: Not requested" in normalise(read.texts[by_code["A0001"]])
    grid = normalise("\n".join(read.texts[by_code["A0001"] : by_code["A0001"] + 3]))
    assert "Scoring for A0001" in grid
    for criterion in vacancy.criteria.all():
        if criterion.assessed_at_application:
            assert normalise(criterion.text) in grid
    # Interview-only criteria are in the person specification, not the grid.
    assert "Stays calm and kind under pressure" not in normalise(read.text.split("Contents", 1)[1])


def test_merged_pack_leaves_out_names_contact_details_referees_and_equality_data(pack, applications):
    render_all_chunks(pack)
    tasks.merge_pack(pack_id=pack.pk)
    pack.refresh_from_db()
    text = normalise(read_pack(pack.file.path).text)

    for application in applications:
        details = application.personal_details
        for value in (details.first_name, details.last_name, details.email, details.phone, details.postcode):
            assert value not in text
        assert application.candidate.email not in text
        assert application.reference not in text
        for referee in application.referees.all():
            assert referee.name not in text
            assert referee.email not in text
    for word in EQUALITY_WORDS:
        assert word not in text


def test_merge_pack_deletes_the_chunks_files_and_runs_once(pack):
    render_all_chunks(pack)
    names = list(pack.chunks.values_list("file", flat=True))

    assert tasks.merge_pack(pack_id=pack.pk) is True
    assert tasks.merge_pack(pack_id=pack.pk) is False

    assert not any(default_storage.exists(name) for name in names)
    assert list(pack.chunks.values_list("file", flat=True)) == ["", "", ""]
    assert default_storage.listdir("shortlisting/chunks")[1] == []
    pack.refresh_from_db()
    assert default_storage.listdir("shortlisting/packs")[1] == [pack.file.name.removeprefix("shortlisting/packs/")]


def test_render_pack_chunk_failing_fails_the_pack_with_the_error(pack, monkeypatch):
    def broken(chunk, **kwargs):
        raise ValueError("Text too strange to lay out")

    monkeypatch.setattr(rendering, "render_applications", broken)
    chunk = pack.chunks.get(index=1)

    assert tasks.render_pack_chunk(chunk_id=chunk.pk) is False

    chunk.refresh_from_db()
    pack.refresh_from_db()
    assert chunk.status == Status.FAILED
    assert pack.status == Status.FAILED
    assert pack.failed_at is not None
    assert pack.error == (
        "Applicants 3 to 4 (part 2 of 3) could not be put in the pack: Text too strange to lay out"
    )
    assert chunk.error == pack.error


def test_render_pack_chunk_hands_a_chunk_back_on_a_transient_error_and_retries(pack, monkeypatch):
    def database_gone(chunk, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(rendering, "render_applications", database_gone)
    chunk = pack.chunks.get(index=0)

    # Called directly, Celery's retry raises the error itself.
    with pytest.raises(OperationalError):
        tasks.render_pack_chunk(chunk_id=chunk.pk)

    chunk.refresh_from_db()
    assert (chunk.status, chunk.claim_token, chunk.attempts) == (Status.QUEUED, None, 1)
    assert ShortlistPack.objects.get(pk=pack.pk).status == Status.RENDERING


def test_render_pack_chunk_fails_the_pack_once_transient_retries_are_used_up(pack, monkeypatch):
    def database_gone(chunk, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(rendering, "render_applications", database_gone)
    chunk = pack.chunks.get(index=0)

    tasks.render_pack_chunk.apply(kwargs={"chunk_id": chunk.pk}, retries=tasks.MAX_RETRIES)

    chunk.refresh_from_db()
    pack.refresh_from_db()
    assert chunk.status == Status.FAILED
    assert pack.status == Status.FAILED
    assert pack.error.endswith("could not be put in the pack: server closed the connection unexpectedly")


def test_retry_pack_requeues_only_unfinished_chunks(pack, monkeypatch, django_capture_on_commit_callbacks, sent_tasks):
    tasks.render_pack_chunk(chunk_id=pack.chunks.get(index=0).pk)
    monkeypatch.setattr(rendering, "render_applications", lambda chunk, **kwargs: 1 / 0)
    tasks.render_pack_chunk(chunk_id=pack.chunks.get(index=1).pk)
    pack.refresh_from_db()
    assert pack.status == Status.FAILED
    monkeypatch.undo()

    with django_capture_on_commit_callbacks(execute=True):
        assert services.retry_pack(pack=pack) == pack

    pack.refresh_from_db()
    assert (pack.status, pack.error) == (Status.QUEUED, "")
    statuses = dict(pack.chunks.values_list("index", "status"))
    assert statuses == {0: Status.READY, 1: Status.QUEUED, 2: Status.QUEUED}
    assert sorted(kwargs["chunk_id"] for _name, kwargs in sent_tasks.drain()) == sorted(
        pack.chunks.filter(index__in=[1, 2]).values_list("pk", flat=True)
    )
    render_all_chunks(pack)
    assert tasks.merge_pack(pack_id=pack.pk) is True


def test_retry_pack_makes_again_a_finished_chunk_whose_pdf_was_lost(pack, django_capture_on_commit_callbacks):
    render_all_chunks(pack)
    lost = pack.chunks.get(index=1)
    default_storage.delete(lost.file.name)

    assert tasks.merge_pack(pack_id=pack.pk) is False
    pack.refresh_from_db()
    assert (pack.status, pack.error) == (Status.FAILED, "The pack could not be put together: No such file or directory")

    with django_capture_on_commit_callbacks(execute=True):
        services.retry_pack(pack=pack)

    assert dict(pack.chunks.values_list("index", "status")) == {0: Status.READY, 1: Status.QUEUED, 2: Status.READY}
    assert tasks.render_pack_chunk(chunk_id=lost.pk) is True
    assert tasks.merge_pack(pack_id=pack.pk) is True
    pack.refresh_from_db()
    assert sorted(read_pack(pack.file.path).applicant_order()) == ["A0001", "A0002", "A0003", "A0004", "A0005"]
