"""A pack's tagged parts (PDF/UA-1) made ready and merged into one tagged PDF, with pikepdf.

WeasyPrint lays out each part (the front matter, each chunk of applicants) as a
tagged PDF of its own: a structure tree under a Document element, each page's
marked content numbered from 0 and found through the part's parent tree. No
library merges structure trees, so this does, on pikepdf's (qpdf's) object
model; pikepdf writes the file.

Each part is made ready when it is rendered, on the worker that renders it
(prepare_part), so that the merge, the one serial step, only copies:
- a Span that holds nothing but one piece of marked content is folded into its
  parent (the parent tree then names the parent): WeasyPrint makes one per
  line of text, half the structure elements of a part, and every element is an
  object the merge holds in memory until the pack is written;
- element identifiers (WeasyPrint gives table header cells one, made from an
  object number, so two parts can give the same) are prefixed with the part,
  the cells' /Headers with them, and listed in the part's IDTree.

The merge (TaggedPackMerger) then copies part after part, and closes each
before it opens the next: qpdf copies a page's streams when the pack is
written, from the part's file, which the caller keeps open until then, not
from memory. For each part it
- gives each page the next /StructParents, and adds the part's parent tree, so
  renumbered, as one leaf of the pack's parent tree (a number tree with a kid
  per part, built as the parts come);
- puts the part's top-level elements, in order, under one Sect per section of
  the pack (the cover, the person specification, the contents, one per
  applicant) under one Document element;
- draws the running header and "Page X of Y" on each page, inside an
  /Artifact sequence a screen reader skips: text in the body's font, embedded,
  whose glyphs WeasyPrint laid out once for the whole pack (shortlisting.stamps).

What stays in memory is the pack's own objects (pages, structure elements,
outline), not the parts'. qpdf writes a file only from objects it holds, so
that is about 0.2 MB an applicant (some 110 MB at 500). The merge therefore
runs in a Python process of its own (merge_in_child), which needs neither
Django nor WeasyPrint and gives all of it back when it ends: the worker that
asks for it stays as small as rendering a chunk leaves it, whatever the size
of the pack (make bench BENCH=pack measures both).
"""

import contextlib
import io
import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from .stamps import PageStamps, StampFont

# Keys that make a Span more than a run of text: such a Span is kept.
MEANINGFUL_SPAN_KEYS = ("/A", "/C", "/ID", "/Alt", "/ActualText", "/E", "/Lang", "/T", "/R")


@dataclass
class Section:
    """A section of the pack: its title and the first page (from 0 in its
    part) that belongs to it; it runs to the next section's first page.
    `running_head` is what its pages' header shows beside the pack's title:
    "" nothing more, None no header at all (the cover)."""

    title: str
    first_page: int
    running_head: str | None = ""


@dataclass
class Link:
    """A link area on a page of a part (in CSS pixels from the top left, as
    WeasyPrint gives it) that goes to another page of the pack: WeasyPrint
    cannot make it, the target being in another part. `description` is what
    a screen reader says for it."""

    rectangle: tuple
    target_page: int
    description: str = ""


@dataclass
class Bookmark:
    title: str
    page: int
    children: list = field(default_factory=list)


# Parts ----------------------------------------------------------------------------------


def prepare_part(data, *, prefix):
    """A tagged part (PDF bytes from WeasyPrint) made ready for the merge:
    single-line Spans folded into their parents, identifiers prefixed with
    `prefix` and listed in an IDTree. Returns the PDF's bytes."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root.StructTreeRoot
        _fold_spans(root)
        identified = _prefix_identifiers(root, prefix)
        if identified:
            names = Array()
            for identifier in sorted(identified):
                names.append(String(identifier))
                names.append(identified[identifier])
            root.IDTree = pdf.make_indirect(Dictionary(Names=names))
        out = io.BytesIO()
        pdf.save(out, fix_metadata_version=False)
    return out.getvalue()


def _fold_spans(root):
    """Fold each Span that marks one piece of content and nothing else into
    its parent, in the parent's place for it, and name the parent in the
    parent tree: what a reader reads is the same, in the same order."""
    nums = _flat_nums(root.ParentTree)
    for owners in nums[1::2]:
        if not isinstance(owners, Array):
            continue
        for mcid in range(len(owners)):
            span = owners[mcid]
            if span.get("/S") != Name.Span or any(key in span for key in MEANINGFUL_SPAN_KEYS):
                continue
            kids = span.get("/K")
            if isinstance(kids, Array) and len(kids) == 1:
                kids = kids[0]
            parent = span.get("/P")
            if not isinstance(kids, int) or int(kids) != mcid or parent is None:
                continue
            # An integer kid is content of the element's own page (/Pg).
            if parent.get("/S") == Name.Document or "/Pg" not in parent or parent.Pg.objgen != span.Pg.objgen:
                continue
            siblings = parent.K
            if isinstance(siblings, Dictionary):
                siblings = parent.K = Array([siblings])
            for index in range(len(siblings)):
                if isinstance(siblings[index], Dictionary) and siblings[index].objgen == span.objgen:
                    siblings[index] = mcid
                    owners[mcid] = parent
                    break


def _prefix_identifiers(root, prefix):
    """Make the part's element identifiers unique in the pack; returns
    {identifier: element}. Walks the part's tree once, depth first, and
    leaves out on the way what a reader does without: /Type (optional for a
    structure element) and /Pg where no content of the element's own needs
    it. Each entry is memory the merge holds for every element of the pack
    (kept on the elements a section is made from: the Document's children)."""
    identified = {}
    stack = _kids(root)
    while stack:
        element = stack.pop()
        if "/Type" in element:
            del element["/Type"]
        kids = element.get("/K")
        owns_content = isinstance(kids, int) or (
            isinstance(kids, Array) and any(isinstance(kid, int) for kid in kids)
        )
        parent = element.get("/P")
        if "/Pg" in element and not owns_content and parent is not None and parent.get("/S") != Name.Document:
            del element["/Pg"]
        if "/ID" in element:
            identifier = prefix + str(element.ID)
            element.ID = String(identifier)
            identified[identifier] = element
        attributes = element.get("/A")
        if isinstance(attributes, Dictionary) and "/Headers" in attributes:
            attributes.Headers = Array(String(prefix + str(header)) for header in attributes.Headers)
        stack.extend(_kids(element))
    return identified


# The merge -------------------------------------------------------------------------------


class TaggedPackMerger:
    """Parts appended in order, then `finish` writes the pack.

    merger = TaggedPackMerger(glyphs=sample_pdf_file, running_title=..., page_label="Page %(page)s of %(pages)s",
                              total_pages=412)
    merger.append(front_matter_file, sections=[Section("Cover", 0, None), ...], links={...})
    for file, sections in chunks:
        merger.append(file, sections=sections)
    merger.finish(out, title=..., language="en-GB", bookmarks=[...])

    Every file appended must stay open until `finish` has written the pack.
    """

    def __init__(self, *, glyphs, running_title, page_label, total_pages):
        self.pdf = pikepdf.new()
        self.total_pages = total_pages
        self.struct_root = self.pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        self.document = self.pdf.make_indirect(
            Dictionary(Type=Name.StructElem, S=Name.Document, P=self.struct_root, K=Array())
        )
        self.struct_root.K = Array([self.document])
        self.parent_leaves = Array()
        self.next_parent = 0
        self.role_map = Dictionary()
        self.identifiers = []  # [(identifier, element)]
        self.pending_links = []  # (page, Link structure element, Link)
        self.parts = 0
        self.save_state = self.pdf.make_stream(b"q\n")
        self.resources_stamped = set()
        # The sample's first page is in the regular weight, its second in bold.
        with pikepdf.open(glyphs) as sample:
            fonts = Dictionary()
            weights = []
            for page in sample.pages:
                # The fonts the page uses (WeasyPrint gives every page all of them).
                instructions = pikepdf.parse_content_stream(page)
                used = {str(operands[0]) for operands, operator in instructions if str(operator) == "Tf"}
                names = []
                for name in sorted(used):
                    names.append(f"/PackStamp{len(fonts)}")
                    fonts[names[-1]] = page.Resources.Font[name]
                weights.append(names)
            fonts = self.pdf.copy_foreign(sample.make_indirect(fonts))
        self.stamp_fonts = fonts
        regular, bold = ({name: fonts[name] for name in names} for names in weights)
        self.stamps = PageStamps(
            StampFont(regular),
            StampFont(bold),
            running_title=running_title,
            page_label=page_label,
            total_pages=total_pages,
        )

    @property
    def page_count(self):
        return len(self.pdf.pages)

    def append(self, source, *, sections, links=None):
        """Copy every page of the tagged part in `source` (a binary file, kept
        open until `finish`), made ready by prepare_part, and its structure,
        the top-level elements grouped by `sections` (the first starting at
        page 0). Returns the element made for each section, in order.

        `links`: {page index in this part: [Link, ...]}, in the order of the
        page's Link structure elements (WeasyPrint tags an <a> whose link it
        did not make as a Link element all the same); made in `finish`."""
        self.parts += 1
        with pikepdf.open(source) as part:
            made = self._copy(part, sections, links or {})
        # The part is closed: its objects leave memory. Its pages' streams are
        # read again from `source` when the pack is written.
        return made

    def _copy(self, part, sections, links):
        root = part.Root.StructTreeRoot
        document = root.K if isinstance(root.K, Dictionary) else root.K[0]
        pages = {page.objgen: index for index, page in enumerate(part.pages)}
        if "/RoleMap" in root:
            for key, value in root.RoleMap.items():
                self.role_map[key] = value

        # Cut the top-level elements from the part's Document, so that copying
        # them does not copy the part's tree root and everything under it.
        top_level = [element for element in document.K if isinstance(element, Dictionary)]
        for element in top_level:
            del element["/P"]

        first = self.page_count
        if first + len(part.pages) > self.total_pages:
            raise ValueError(f"More pages than the {self.total_pages} expected")
        for page in part.pages:
            self.pdf.pages.append(page)
        nums = _flat_nums(root.ParentTree)
        identifiers = _flat_names(root.IDTree) if "/IDTree" in root else []
        copied = self.pdf.copy_foreign(part.make_indirect(Array([Array(nums), Array(top_level), Array(identifiers)])))
        copied_nums, copied_top, copied_identifiers = copied
        self.identifiers.extend(
            (str(key), value) for key, value in zip(copied_identifiers[::2], copied_identifiers[1::2], strict=True)
        )

        # The parent tree: each page's marked content under its new number
        # (and the part's annotations', though WeasyPrint gives them none), as
        # one leaf of the pack's tree.
        renumbered = {}
        leaf = Array()
        for key, value in zip(copied_nums[::2], copied_nums[1::2], strict=True):
            renumbered[int(key)] = self.next_parent
            leaf.append(self.next_parent)
            leaf.append(value)
            self.next_parent += 1
        if len(leaf):
            self.parent_leaves.append(
                self.pdf.make_indirect(Dictionary(Nums=leaf, Limits=Array([leaf[0], leaf[len(leaf) - 2]])))
            )

        # One element per section, holding the part's elements from its pages.
        starts = [section.first_page for section in sections]
        made = []
        for section in sections:
            element = self.pdf.make_indirect(
                Dictionary(
                    Type=Name.StructElem,
                    S=Name.Sect,
                    P=self.document,
                    T=String(section.title),
                    K=Array(),
                    Pg=self.pdf.pages[first + section.first_page].obj,
                )
            )
            self.document.K.append(element)
            made.append(element)
        for original, copy in zip(top_level, copied_top, strict=True):
            page_index = pages.get(original.Pg.objgen, 0) if "/Pg" in original else 0
            # A part of no section (a chunk whose applicants were all deleted
            # since the pack was asked for) hangs from the Document itself.
            owner = made[_section_of(starts, page_index)] if made else self.document
            copy.P = owner
            owner.K.append(copy)

        for index in range(len(part.pages)):
            page = self.pdf.pages[first + index]
            if "/StructParents" in page.obj:
                page.obj.StructParents = renumbered[int(page.obj.StructParents)]
            for annotation in page.obj.get("/Annots", ()):
                if "/StructParent" in annotation:
                    annotation.StructParent = renumbered[int(annotation.StructParent)]
            running_head = sections[_section_of(starts, index)].running_head if sections else ""
            self._stamp(page, first + index + 1, running_head)

        for index, page_links in links.items():
            page = self.pdf.pages[first + index].obj
            found = [
                element
                for element in _walk(copied_top)
                if element.S == Name.Link and element.Pg.objgen == page.objgen
            ]
            if len(found) != len(page_links):
                raise ValueError(f"{len(page_links)} links for {len(found)} Link elements on page {index}")
            self.pending_links.extend((page, element, link) for element, link in zip(found, page_links, strict=True))
        return made

    def _stamp(self, page, number, running_head):
        """Draw the page's header and number after its own content, which is
        wrapped in q ... Q so that no graphics state it leaves can move them."""
        resources = page.obj.get("/Resources")
        if resources is None:
            resources = page.obj.Resources = Dictionary()
        # WeasyPrint gives a part's pages one Resources: the fonts go in once.
        if not resources.is_indirect or resources.objgen not in self.resources_stamped:
            fonts = resources.get("/Font")
            if fonts is None:
                fonts = resources.Font = Dictionary()
            for name, font in self.stamp_fonts.items():
                fonts[name] = font
            if resources.is_indirect:
                self.resources_stamped.add(resources.objgen)
        box = [float(value) for value in page.obj.MediaBox]
        stamp = self.stamps.content(
            number=number, running_head=running_head, width=box[2] - box[0], height=box[3] - box[1]
        )
        contents = page.obj.get("/Contents")
        contents = list(contents) if isinstance(contents, Array) else ([contents] if contents is not None else [])
        page.obj.Contents = Array([self.save_state, *contents, self.pdf.make_stream(stamp)])

    def _make_links(self):
        for page, element, link in self.pending_links:
            target = self.pdf.pages[link.target_page].obj
            top = float(page.MediaBox[3])
            x1, y1, x2, y2 = link.rectangle
            annotation = self.pdf.make_indirect(
                Dictionary(
                    Type=Name.Annot,
                    Subtype=Name.Link,
                    # WeasyPrint's rectangles are CSS pixels from the top left;
                    # PDF's are points from the bottom left (0.75 to the pixel).
                    Rect=Array([round(value, 2) for value in (x1 * 0.75, top - y2 * 0.75, x2 * 0.75, top - y1 * 0.75)]),
                    Border=Array([0, 0, 0]),
                    Dest=Array([target, Name.FitH, round(float(target.MediaBox[3]), 2)]),
                    Contents=String(link.description),
                    StructParent=self.next_parent,
                )
            )
            element.K.append(Dictionary(Type=Name.OBJR, Obj=annotation, Pg=page))
            self.parent_leaves.append(
                self.pdf.make_indirect(
                    Dictionary(Nums=Array([self.next_parent, element]), Limits=Array([self.next_parent] * 2))
                )
            )
            self.next_parent += 1
            if "/Annots" not in page:
                page.Annots = Array()
            page.Annots.append(annotation)

    def finish(self, file, *, title, language, bookmarks=(), author="", subject=""):
        """Write the catalogue, outline, metadata and the pack to `file`."""
        if self.page_count != self.total_pages:
            raise ValueError(f"{self.page_count} pages, {self.total_pages} expected")
        self._make_links()
        self.struct_root.ParentTree = self.pdf.make_indirect(Dictionary(Kids=self.parent_leaves))
        self.struct_root.ParentTreeNextKey = self.next_parent
        if self.role_map:
            self.struct_root.RoleMap = self.role_map
        if self.identifiers:
            names = Array()
            for identifier, element in sorted(self.identifiers, key=lambda pair: pair[0]):
                names.append(String(identifier))
                names.append(element)
            self.struct_root.IDTree = self.pdf.make_indirect(Dictionary(Names=names))

        root = self.pdf.Root
        root.StructTreeRoot = self.struct_root
        root.MarkInfo = Dictionary(Marked=True)
        root.Lang = String(language)
        root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
        root.PageLabels = Dictionary(Nums=Array([0, Dictionary(S=Name.D)]))
        self.pdf.docinfo.Title = String(title)
        if author:
            self.pdf.docinfo.Author = String(author)
        if subject:
            self.pdf.docinfo.Subject = String(subject)
        self.pdf.docinfo.Producer = String("WeasyPrint and pikepdf")
        with self.pdf.open_metadata(set_pikepdf_as_editor=False) as metadata:
            metadata["dc:title"] = title
            metadata["dc:language"] = [language]
            if author:
                metadata["dc:creator"] = [author]
            metadata["pdfuaid:part"] = "1"
        if bookmarks:
            with self.pdf.open_outline() as outline:
                outline.root.extend(_outline_item(bookmark) for bookmark in bookmarks)
            root.PageMode = Name.UseOutlines

        # Object streams: the structure tree's many small objects, compressed.
        self.pdf.save(
            file, fix_metadata_version=False, min_version="1.7", object_stream_mode=pikepdf.ObjectStreamMode.generate
        )
        self.pdf.close()


def _outline_item(bookmark):
    item = pikepdf.OutlineItem(bookmark.title, bookmark.page, "FitH")
    item.children.extend(_outline_item(child) for child in bookmark.children)
    return item


def _kids(element):
    """An element's child elements (not marked content or object references)."""
    kids = element.get("/K")
    if isinstance(kids, Dictionary):
        kids = [kids]
    if not isinstance(kids, Array):
        return []
    return [kid for kid in kids if isinstance(kid, Dictionary) and kid.get("/Type") not in (Name.OBJR, Name.MCR)]


def _walk(elements):
    """Structure elements, depth first, in reading order."""
    for element in elements:
        if not isinstance(element, Dictionary) or element.get("/Type") in (Name.OBJR, Name.MCR):
            continue
        yield element
        yield from _walk(_kids(element))


def _section_of(starts, page_index):
    found = 0
    for position, start in enumerate(starts):
        if start <= page_index:
            found = position
    return found


def _flat_nums(number_tree):
    """A number tree's [key, value, ...], leaves in order (WeasyPrint writes
    one flat /Nums; a tree with /Kids is read too)."""
    if "/Nums" in number_tree:
        return list(number_tree.Nums)
    nums = []
    for kid in number_tree.get("/Kids", ()):
        nums.extend(_flat_nums(kid))
    return nums


def _flat_names(name_tree):
    if "/Names" in name_tree:
        return list(name_tree.Names)
    names = []
    for kid in name_tree.get("/Kids", ()):
        names.extend(_flat_names(kid))
    return names


# A merge in a process of its own ----------------------------------------------------------


class MergeError(RuntimeError):
    """The merge's process failed; the message is its last line of error."""


def merge_in_child(job, *, timeout=None):
    """Merge the pack `job` describes (merge_files) in a new Python process,
    so that the pack's objects never sit in the worker's memory. Raises
    MergeError if it fails; if the task is stopped meanwhile (its time limit),
    subprocess.run stops the process too."""
    completed = subprocess.run(
        [sys.executable, "-m", "shortlisting.tagged_pdf"],
        input=json.dumps(job),
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=Path(__file__).resolve().parent.parent,
    )
    if completed.returncode != 0:
        lines = completed.stderr.strip().splitlines() or [f"exit status {completed.returncode}"]
        raise MergeError(lines[-1])


def merge_files(job):
    """Merge the parts of a pack from files, as `job` (plain data) says:
    {"glyphs", "out": paths; "running_title", "page_label", "total_pages";
    "parts": [{"path", "sections": [[title, first_page, running_head]],
    "links": {page: [[rectangle, target_page, description]]}}];
    "title", "language", "author", "subject"; "bookmarks": [[title, page, [...]]]}."""
    with contextlib.ExitStack() as files:
        merger = TaggedPackMerger(
            glyphs=files.enter_context(open(job["glyphs"], "rb")),
            running_title=job["running_title"],
            page_label=job["page_label"],
            total_pages=job["total_pages"],
        )
        for part in job["parts"]:
            merger.append(
                # Open until the pack is written: qpdf reads the pages' streams then.
                files.enter_context(open(part["path"], "rb")),
                sections=[Section(*section) for section in part["sections"]],
                links={
                    int(page): [Link(tuple(rectangle), target, description) for rectangle, target, description in links]
                    for page, links in part.get("links", {}).items()
                },
            )
        with open(job["out"], "wb") as out:
            merger.finish(
                out,
                title=job["title"],
                language=job["language"],
                author=job.get("author", ""),
                subject=job.get("subject", ""),
                bookmarks=[_bookmark(mark) for mark in job.get("bookmarks", ())],
            )


def _bookmark(mark):
    title, page, children = mark
    return Bookmark(title, page, [_bookmark(child) for child in children])


if __name__ == "__main__":
    merge_files(json.load(sys.stdin))
