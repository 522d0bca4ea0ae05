"""A merged pack is a tagged PDF (PDF/UA-1) a screen reader can follow: one
structure tree over every part, in reading order, with headings, lists and
tables; page furniture as artefacts; every font embedded; and it passes
`pdfinfo` and `qpdf --check`."""

import io
import re
import subprocess

import pikepdf
import pytest
from django.core.files.storage import default_storage
from pypdf import PdfReader
from weasyprint import HTML

from candidates.models import Application
from shortlisting import services, tasks
from shortlisting.models import ShortlistPack
from shortlisting.tagged_pdf import Bookmark, Link, Section, TaggedPackMerger, prepare_part

from .reading import normalise, read_pack

pytestmark = pytest.mark.django_db


@pytest.fixture
def pack(vacancy, applications, recruiter):
    """Five applicants in chunks of two: a pack of three chunks, merged."""
    pack, _ = services.request_pack(vacancy=vacancy, requested_by=recruiter, seed=7)
    for pk in pack.chunks.order_by("index").values_list("pk", flat=True):
        tasks.render_pack_chunk(chunk_id=pk)
    assert tasks.merge_pack(pack_id=pack.pk) is True
    pack.refresh_from_db()
    return pack


@pytest.fixture
def merged(pack):
    with pikepdf.open(default_storage.path(pack.file.name)) as pdf:
        yield pdf


def pack_order(pack):
    return [applicant["code"] for chunk in pack.chunks.order_by("index") for applicant in chunk.applicant_pages]


def kids(element):
    found = element.get("/K", pikepdf.Array())
    return list(found) if isinstance(found, pikepdf.Array) else [found]


def elements(element):
    """Every structure element under `element`, depth first, in order."""
    for kid in kids(element):
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != pikepdf.Name.OBJR:
            yield kid
            yield from elements(kid)


def text_of(element):
    return str(element.get("/T", ""))


def marked_content_ids(page):
    """The MCIDs a page's content marks, each time one is marked."""
    ids = []
    for operands, operator in pikepdf.parse_content_stream(page):
        if str(operator) == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
            ids.append(int(operands[1].MCID))
    return ids


def test_tagged_pack_is_marked_with_the_title_language_and_pdf_ua_identification(pack, merged, vacancy):
    assert merged.pdf_version == "1.7"
    assert merged.Root.MarkInfo.Marked is True
    assert str(merged.Root.Lang) == "en-GB"
    assert merged.Root.ViewerPreferences.DisplayDocTitle is True
    title = f"Shortlisting pack: Staff Nurse, Acute Medicine ({vacancy.reference})"
    assert str(merged.docinfo.Title) == title
    metadata = merged.open_metadata()
    assert metadata["pdfuaid:part"] == "1"
    assert metadata["dc:title"] == title


def test_tagged_pack_holds_cover_specification_contents_and_each_applicant_in_pack_order(pack, merged):
    [document] = kids(merged.Root.StructTreeRoot)
    assert document.S == pikepdf.Name.Document
    sections = kids(document)

    expected = ["Cover", "Person specification", "Contents", *pack_order(pack)]
    assert [text_of(section) for section in sections] == expected
    assert all(section.S == pikepdf.Name.Sect for section in sections)
    assert len(pack_order(pack)) == 5
    assert pack.chunks.count() == 3


def test_tagged_pack_applicant_sections_have_the_code_as_h1_and_each_part_as_h2(pack, merged):
    path = default_storage.path(pack.file.name)
    [document] = kids(merged.Root.StructTreeRoot)
    for section in kids(document)[3:]:
        code = text_of(section)
        headings = [element for element in elements(section) if element.S in (pikepdf.Name.H1, pikepdf.Name.H2)]

        assert [str(heading.S) for heading in headings] == ["/H1", "/H2", "/H2", "/H2", "/H2"]
        assert [marked_text(path, merged, heading) for heading in headings] == [
            f"Application {code}",
            "Employment history",
            "Education and qualifications",
            "Supporting information",
            f"Scoring for {code}",
        ]


def marked_text(path, pdf, element):
    """The text of an element's marked content, as a reader extracts it."""
    wanted = set()
    for each in [element, *elements(element)]:
        wanted.update(int(kid) for kid in kids(each) if isinstance(kid, int))
    index = next(number for number, page in enumerate(pdf.pages) if page.obj.objgen == element.Pg.objgen)
    page = PdfReader(path).pages[index]
    current = []
    text = []

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

    page.extract_text(visitor_operand_before=operand, visitor_text=shown)
    return re.sub(r"\s+", " ", "".join(text)).strip()


def parent_tree_entries(pdf):
    """{key: value} of the pack's parent tree, a number tree with a leaf per part."""
    entries = {}
    for leaf in pdf.Root.StructTreeRoot.ParentTree.Kids:
        nums = list(leaf.Nums)
        keys = [int(key) for key in nums[::2]]
        assert [int(limit) for limit in leaf.Limits] == [keys[0], keys[-1]]
        entries.update(zip(keys, nums[1::2], strict=True))
    return entries


def test_tagged_pack_every_page_maps_its_marked_content_once_to_elements_on_that_page(merged):
    entries = parent_tree_entries(merged)
    used = set()

    for page in merged.pages:
        key = int(page.obj.StructParents)
        assert key not in used
        used.add(key)
        mapped = entries[key]
        ids = marked_content_ids(page.obj)
        assert ids, "every page has tagged content"
        assert sorted(ids) == list(range(len(ids))), "each MCID marked once, numbered from 0"
        assert len(mapped) == len(ids)
        for mcid, element in enumerate(mapped):
            assert element.Pg.objgen == page.obj.objgen
            assert mcid in [int(kid) for kid in kids(element) if isinstance(kid, int)]
            # Each marked content belongs to one element: no other lists it.
    owned = [
        (element.Pg.objgen, int(kid))
        for element in elements(merged.Root.StructTreeRoot)
        for kid in kids(element)
        if isinstance(kid, int)
    ]
    assert len(owned) == len(set(owned)) == sum(len(marked_content_ids(page.obj)) for page in merged.pages)
    # Keys in order (a number tree's are), the pages' first, then the links'.
    assert list(entries) == sorted(entries)
    assert int(merged.Root.StructTreeRoot.ParentTreeNextKey) == max(entries) + 1


def test_tagged_pack_page_furniture_is_artefact_in_an_embedded_font(pack, merged):
    body_fonts = set()
    for number, page in enumerate(merged.pages):
        instructions = list(pikepdf.parse_content_stream(page.obj))
        operators = [str(operator) for _operands, operator in instructions]
        # The page's own content wrapped in q ... Q, then the stamps, each an
        # artefact: no text after the page's own content is outside one.
        assert operators[0] == "q"
        stamps = list(pikepdf.parse_content_stream(page.obj.Contents[-1]))
        assert str(stamps[0][1]) == "Q"
        artefacts = [operands for operands, operator in stamps if str(operator) == "BDC"]
        expected = ["/Footer"] if number == 0 else ["/Header", "/Footer"]  # the cover has no header
        assert [str(properties.Subtype) for _tag, properties in artefacts] == expected
        pagination = (pikepdf.Name.Artifact, pikepdf.Name.Pagination)
        assert all((tag, properties.Type) == pagination for tag, properties in artefacts)
        depth = 0
        for _operands, operator in stamps:
            depth += {"BDC": 1, "EMC": -1}.get(str(operator), 0)
            if str(operator) == "Tj":
                assert depth == 1
        used = {str(operands[0]) for operands, operator in stamps if str(operator) == "Tf"}
        resources = page.obj.Resources.Font
        # The stamps' fonts are the body's: the same family, embedded.
        assert used and all("Liberation" in str(resources[name].BaseFont) for name in used)
        body_fonts.update(str(font.BaseFont).split("+")[-1] for font in resources.values())
    assert {"Liberation-Sans", "Liberation-Sans-Bold"} <= body_fonts
    read = read_pack(default_storage.open(pack.file.name))
    texts = [normalise(text) for text in read.texts]
    total = len(merged.pages)
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {total}" in text
    # The running header: none on the cover; the pack, then the applicant's
    # code on every page of theirs.
    header = f"Confidential · Staff Nurse, Acute Medicine · {pack.vacancy.reference}"
    assert header not in texts[0]
    assert all(header in text for text in texts[1:])
    first_pages = [page for _code, page in read.applicant_bookmarks] + [total]
    for (code, first), end in zip(read.applicant_bookmarks, first_pages[1:], strict=True):
        for text in texts[first:end]:
            assert f"{header} {code}" in text or f"{code} {header}" in text
    for font in fonts(merged):
        descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
        descriptor = descendant.FontDescriptor
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font.get("/BaseFont")


def fonts(pdf):
    """Every font of every page, its stamps' forms included."""
    seen = {}
    stack = [page.obj.Resources for page in pdf.pages]
    while stack:
        resources = stack.pop()
        for font in resources.get("/Font", {}).values():
            seen[font.objgen] = font
        for xobject in resources.get("/XObject", {}).values():
            if xobject.get("/Subtype") == pikepdf.Name.Form and "/Resources" in xobject:
                stack.append(xobject.Resources)
    return list(seen.values())


def test_tagged_pack_tables_have_header_cells(merged):
    [document] = kids(merged.Root.StructTreeRoot)
    sections = kids(document)
    specification = [element for element in elements(sections[1]) if element.S == pikepdf.Name.Table]
    assert len(specification) == 4  # one table per heading of the person specification
    for section in sections[3:]:
        [grid] = [element for element in elements(section) if element.S == pikepdf.Name.Table]
        header_cells = [element for element in elements(grid) if element.S == pikepdf.Name.TH]
        data_cells = [element for element in elements(grid) if element.S == pikepdf.Name.TD]
        assert len(header_cells) == 4
        assert len(data_cells) == 4 * 4  # four criteria assessed by application
        identifiers = {str(cell.ID) for cell in header_cells}
        for cell in data_cells:
            assert set(str(header) for header in cell.A.Headers) <= identifiers
    for table in specification:
        assert [element for element in elements(table) if element.S == pikepdf.Name.TH]


def test_tagged_pack_bookmarks_each_applicant_and_lists_qualifications_as_lists(pack, merged):
    with merged.open_outline() as outline:
        titles = [item.title for item in outline.root]
        applications = outline.root[-1]
        codes = [child.title for child in applications.children]
    assert titles == ["Cover", "Person specification", "Contents", "Applications"]
    assert codes == pack_order(pack)
    [document] = kids(merged.Root.StructTreeRoot)
    for section in kids(document)[3:]:
        lists = [element for element in elements(section) if element.S == pikepdf.Name.L]
        assert lists and all(
            kid.S == pikepdf.Name.LI for kid in kids(lists[0]) if isinstance(kid, pikepdf.Dictionary)
        )


def test_tagged_pack_passes_pdfinfo_and_qpdf_check(pack):
    path = default_storage.path(pack.file.name)

    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    check = subprocess.run(["qpdf", "--check", path], capture_output=True, text=True)

    assert re.search(r"^Tagged:\s+yes$", info, re.MULTILINE)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No syntax or stream encoding errors found" in check.stdout


def test_tagged_pack_contents_links_are_tagged_and_go_to_each_applicant(pack, merged):
    contents_page = merged.pages[2].obj
    annotations = list(contents_page.Annots)
    entries = parent_tree_entries(merged)
    with merged.open_outline() as outline:
        first_pages = [child.destination[0].objgen for child in outline.root[-1].children]

    expected = [f"Application {code}" for code in pack_order(pack)]
    assert [str(annotation.Contents) for annotation in annotations] == expected
    assert [annotation.Dest[0].objgen for annotation in annotations] == first_pages
    for annotation in annotations:
        element = entries[int(annotation.StructParent)]
        assert element.S == pikepdf.Name.Link
        [reference] = [kid for kid in kids(element) if isinstance(kid, pikepdf.Dictionary)]
        assert (reference.Type, reference.Obj.objgen) == (pikepdf.Name.OBJR, annotation.objgen)


def test_tagged_pack_leaves_out_a_chunk_whose_applicants_were_all_deleted(vacancy, applications, recruiter):
    pack, _ = services.request_pack(vacancy=vacancy, requested_by=recruiter, seed=7)
    last = pack.chunks.get(index=2)
    Application.objects.filter(pk__in=last.application_ids).delete()
    for pk in pack.chunks.order_by("index").values_list("pk", flat=True):
        tasks.render_pack_chunk(chunk_id=pk)

    assert tasks.merge_pack(pack_id=pack.pk) is True

    pack.refresh_from_db()
    assert pack.status == ShortlistPack.Status.READY
    with pikepdf.open(default_storage.path(pack.file.name)) as merged:
        [document] = kids(merged.Root.StructTreeRoot)
        titles = [text_of(section) for section in kids(document) if section.S == pikepdf.Name.Sect and "/T" in section]
        assert titles == ["Cover", "Person specification", "Contents", *pack_order(pack)]
        assert len(pack_order(pack)) == 4
        assert len(merged.pages) == pack.page_count


# The merger on its own, with parts made here.


def merger_part(*pages, prefix="part-"):
    """A tagged PDF of one <section> a page, each with the given HTML, made
    ready for the merge."""
    body = "".join(f'<section style="break-before: page">{page}</section>' for page in pages)
    html = f'<html lang="en-GB"><head><title>Part</title></head><body>{body}</body></html>'
    return io.BytesIO(prepare_part(HTML(string=html).write_pdf(pdf_variant="pdf/ua-1"), prefix=prefix))


def glyphs(regular, bold):
    html = (
        '<html><body style="font-family: Liberation Sans; font-variant-ligatures: none">'
        f'<p>{regular}</p><p style="break-before: page; font-weight: bold">{bold}</p></body></html>'
    )
    return io.BytesIO(HTML(string=html).write_pdf())


def new_merger(total_pages, title="Confidential · Staff Nurse · C1000-25-0001"):
    return TaggedPackMerger(
        glyphs=glyphs(title + "Page 0123456789 of…?", "A0123456789?"),
        running_title=title,
        page_label="Page %(page)s of %(pages)s",
        total_pages=total_pages,
    )


def test_tagged_pack_merger_numbers_every_page_and_bookmarks_and_links_across_parts():
    out = io.BytesIO()
    merger = new_merger(5)

    merger.append(
        merger_part("<h1>Cover</h1>", "<h2>Contents</h2><p><a>A0002</a></p>", prefix="front-"),
        sections=[Section("Cover", 0, None), Section("Contents", 1)],
        links={1: [Link(rectangle=(100, 100, 300, 120), target_page=4, description="Application A0002")]},
    )
    merger.append(
        merger_part("<h1>Application A0001</h1>", "<p>More</p>", "<h1>Application A0002</h1>", prefix="chunk0000-"),
        sections=[Section("A0001", 0, "A0001"), Section("A0002", 2, "A0002")],
    )
    merger.finish(
        out,
        title="Shortlisting pack: Staff Nurse (C1000-25-0001)",
        language="en-GB",
        bookmarks=[Bookmark("Cover", 0), Bookmark("Applications", 2, [Bookmark("A0001", 2), Bookmark("A0002", 4)])],
    )

    out.seek(0)
    read = read_pack(out)
    assert [text.strip().split("\n")[-1].strip() for text in read.texts] == [
        "Page 1 of 5",
        "Page 2 of 5",
        "Page 3 of 5",
        "Page 4 of 5",
        "Page 5 of 5",
    ]
    header = "Confidential · Staff Nurse · C1000-25-0001"
    assert header not in read.texts[0]
    assert all(header in normalise(text) for text in read.texts[1:])
    codes = [["A0001" in text, "A0002" in text] for text in read.texts[2:]]
    assert codes == [[True, False], [True, False], [False, True]]
    assert read.bookmarks == [("Cover", 0), ("Applications", 2)]
    assert read.applicant_bookmarks == [("A0001", 2), ("A0002", 4)]
    assert read.reader.metadata.title == "Shortlisting pack: Staff Nurse (C1000-25-0001)"
    [link] = read.reader.pages[1]["/Annots"]
    link = link.get_object()
    assert read.reader.get_page_number(link["/Dest"][0].get_object()) == 4
    # 100 to 300 CSS pixels across, 100 to 120 down: points from the bottom left.
    assert [float(value) for value in link["/Rect"]] == [75.0, 751.89, 225.0, 766.89]
    out.seek(0)
    with pikepdf.open(out) as pdf:
        [document] = pdf.Root.StructTreeRoot.K
        assert [str(section.T) for section in document.K] == ["Cover", "Contents", "A0001", "A0002"]
        assert [int(page.StructParents) for page in pdf.pages] == [0, 1, 2, 3, 4]
        assert sorted(parent_tree_entries(pdf)) == [0, 1, 2, 3, 4, 5]  # five pages and the link


def test_tagged_pack_merger_shortens_a_running_title_too_long_for_the_page():
    title = "Confidential · " + "Consultant in Acute and General Internal Medicine with an interest in " * 3
    out = io.BytesIO()
    merger = new_merger(1, title=title)
    merger.append(merger_part("<h1>Application A0001</h1>"), sections=[Section("A0001", 0, "A0001")])
    merger.finish(out, title="t", language="en-GB")

    out.seek(0)
    [text] = read_pack(out).texts
    assert "Confidential · Consultant in Acute" in text
    assert "…" in text and title.strip() not in text
    assert "A0001" in text


def test_tagged_pack_merger_refuses_pages_or_links_that_do_not_match():
    merger = new_merger(1)
    with pytest.raises(ValueError, match="More pages than the 1 expected"):
        merger.append(merger_part("<p>One</p>", "<p>Two</p>"), sections=[Section("All", 0)])
    merger = new_merger(3)
    merger.append(merger_part("<p>One</p>", "<p>Two</p>"), sections=[Section("All", 0)])
    with pytest.raises(ValueError, match="2 pages, 3 expected"):
        merger.finish(io.BytesIO(), title="t", language="en-GB")
    with pytest.raises(ValueError, match="1 links for 0 Link elements on page 0"):
        new_merger(1).append(
            merger_part("<p>No link</p>"),
            sections=[Section("All", 0)],
            links={0: [Link(rectangle=(0, 0, 1, 1), target_page=0)]},
        )


def test_prepared_part_folds_one_line_spans_into_their_parents_and_prefixes_identifiers():
    html = (
        '<html lang="en-GB"><head><title>Part</title></head><body><p>One line</p>'
        "<table><thead><tr><th>Criterion</th></tr></thead><tbody><tr><td>Caring</td></tr></tbody></table></body></html>"
    )
    raw = HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
    with pikepdf.open(io.BytesIO(raw)) as before:
        spans_before = [e for e in elements(before.Root.StructTreeRoot) if e.S == pikepdf.Name.Span]

    with pikepdf.open(io.BytesIO(prepare_part(raw, prefix="chunk0007-"))) as after:
        tree = after.Root.StructTreeRoot
        found = list(elements(tree))
        [paragraph] = [e for e in found if e.S == pikepdf.Name.P]
        [header] = [e for e in found if e.S == pikepdf.Name.TH]
        [cell] = [e for e in found if e.S == pikepdf.Name.TD]
        owners = list(tree.ParentTree.Nums)[1]
        marked = marked_content_ids(after.pages[0].obj)

        assert spans_before and not [e for e in found if e.S == pikepdf.Name.Span]
        # The paragraph owns its text itself, and the parent tree says so.
        [mcid] = [int(kid) for kid in kids(paragraph)]
        assert owners[mcid].objgen == paragraph.objgen
        assert len(owners) == len(marked)
        assert str(header.ID).startswith("chunk0007-")
        assert [str(h) for h in cell.A.Headers] == [str(header.ID)]
        names = list(tree.IDTree.Names)
        assert str(names[0]) == str(header.ID) and names[1].objgen == header.objgen


def test_tagged_pack_merger_writes_a_question_mark_for_a_character_the_sample_lacks():
    out = io.BytesIO()
    merger = new_merger(1)
    # "Z" and "ö" are in neither sample (glyphs() above): the header is kept, not the pack failed.
    merger.append(merger_part("<h1>Zoë</h1>"), sections=[Section("Zoë", 0, "Zoë")])
    merger.finish(out, title="t", language="en-GB")

    out.seek(0)
    [text] = read_pack(out).texts
    assert "???" in text
    assert "Page 1 of 1" in text
