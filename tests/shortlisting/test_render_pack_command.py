"""manage.py render_pack: an operator's way to make a pack and watch it."""

import io
import re

import pytest
from django.core.management import CommandError, call_command

from shortlisting import rendering
from shortlisting.models import ShortlistPack

from .reading import read_pack

pytestmark = pytest.mark.django_db
Status = ShortlistPack.Status


def run(*args):
    out = io.StringIO()
    call_command("render_pack", *args, stdout=out)
    return out.getvalue()


def test_render_pack_in_process_prints_progress_until_the_pack_is_ready(vacancy, applications):
    output = run(vacancy.reference, "--in-process", "--seed", "4")

    pack = ShortlistPack.objects.get()
    assert pack.status == Status.READY
    assert pack.requested_by is None
    lines = output.splitlines()
    assert lines[0] == (
        f"New pack: pack {pack.pk} for {vacancy.reference} ({vacancy.title}), 5 applicants in 3 chunks of up to 2."
    )
    progress = [re.sub(r"^\[\s*[\d.]+s\] ", "", line) for line in lines[1:-1]]
    assert progress == [
        "Being made: 30% (1 of 3 chunks rendered)",
        "Being made: 60% (2 of 3 chunks rendered)",
        "Being made: 90% (3 of 3 chunks rendered)",
        "Ready: 100% (3 of 3 chunks rendered)",
    ]
    assert lines[-1] == f"Ready: {pack.page_count} pages, {pack.file.name} in the media storage"
    assert len(read_pack(pack.file.path).applicant_bookmarks) == 5


def test_render_pack_no_wait_asks_and_stops(vacancy, applications):
    output = run(vacancy.reference, "--no-wait")

    pack = ShortlistPack.objects.get()
    assert pack.status == Status.QUEUED
    assert output.startswith(f"New pack: pack {pack.pk}")


def test_render_pack_follows_the_pack_in_progress(vacancy, applications):
    run(vacancy.reference, "--no-wait")

    output = run(vacancy.reference, "--no-wait")

    assert output.startswith("Following the pack already in progress")
    assert ShortlistPack.objects.count() == 1


def test_render_pack_reports_a_failed_pack(vacancy, applications, monkeypatch):
    monkeypatch.setattr(rendering, "render_applications", lambda chunk, **kwargs: 1 / 0)

    with pytest.raises(CommandError, match="The pack failed: Applicants 1 to 2 .part 1 of 3. could not be put in the pack: division by zero"):
        run(vacancy.reference, "--in-process")


def test_render_pack_of_an_unknown_vacancy_says_so(db):
    with pytest.raises(CommandError, match="No vacancy has the reference C0000-25-0000."):
        run("C0000-25-0000")


def test_render_pack_of_a_vacancy_without_applications_says_so(vacancy):
    with pytest.raises(CommandError, match="There are no applications to put in a pack yet."):
        run(vacancy.reference)
