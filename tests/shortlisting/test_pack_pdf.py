"""shortlisting.pdf.PackWriter: parts streamed into one PDF, numbered and bookmarked."""

import io

import pytest
from pypdf import PdfWriter

from shortlisting.pdf import Bookmark, Link, PackWriter

from .reading import read_pack


def blank_pdf(pages):
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595.28, height=841.89)
    out = io.BytesIO()
    writer.write(out)
    out.seek(0)
    return out


def test_pack_writer_numbers_every_page_and_bookmarks_and_links_across_parts():
    out = io.BytesIO()
    writer = PackWriter(out, total_pages=5, page_label="Page %(page)s of %(pages)s")

    writer.append(blank_pdf(2), links={1: [Link(rectangle=(100, 100, 300, 120), target_page=4)]})
    writer.append(blank_pdf(3))
    writer.finish(
        title="Shortlisting pack: Staff Nurse (C1000-25-0001)",
        language="en-GB",
        bookmarks=[Bookmark("Cover", 0), Bookmark("Applications", 2, [Bookmark("A0001", 2), Bookmark("A0002", 4)])],
    )

    out.seek(0)
    read = read_pack(out)
    assert [text.strip() for text in read.texts] == [f"Page {n} of 5" for n in range(1, 6)]
    assert read.bookmarks == [("Cover", 0), ("Applications", 2)]
    assert read.applicant_bookmarks == [("A0001", 2), ("A0002", 4)]
    assert read.reader.metadata.title == "Shortlisting pack: Staff Nurse (C1000-25-0001)"
    [link] = read.reader.pages[1]["/Annots"]
    link = link.get_object()
    assert read.reader.get_page_number(link["/Dest"][0].get_object()) == 4
    # 100 to 300 CSS pixels across, 100 to 120 down: points from the bottom left.
    assert [float(value) for value in link["/Rect"]] == [75.0, 751.89, 225.0, 766.89]


def test_pack_writer_refuses_a_page_count_other_than_promised():
    writer = PackWriter(io.BytesIO(), total_pages=2, page_label="Page %(page)s of %(pages)s")

    with pytest.raises(ValueError, match="More pages than the 2 expected"):
        writer.append(blank_pdf(3))
    with pytest.raises(ValueError, match="0 pages written, 2 expected"):
        PackWriter(io.BytesIO(), total_pages=2, page_label="%(page)s").finish(title="t", language="en-GB")
