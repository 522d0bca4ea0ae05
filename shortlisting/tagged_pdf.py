"""Merging a pack's tagged parts into one tagged PDF (PDF/UA-1) with pikepdf.

WeasyPrint lays out each part (the front matter, each chunk of applicants) as
a tagged PDF of its own: a structure tree under a Document element, each
page's marked content numbered from 0 and found through the part's parent
tree. No library merges structure trees, so this does, on pikepdf's (qpdf's)
object model:

- every page is copied with pikepdf, and the part's structure elements with
  the same copier, so that their /Pg and the parent tree point at the copies;
- each page gets the next free /StructParents, and the parent tree of the
  whole pack gets that page's array of elements under the new number;
- the part's top-level elements go, in order, under one element per section
  of the pack (the cover, the person specification, the contents, one per
  applicant), which go under one Document element;
- element identifiers (WeasyPrint gives table header cells one, made from an
  object number, so two parts can give the same) are prefixed with the part,
  the cells' /Headers with them, and collected in the IDTree.

Running headers and "Page X of Y" are laid out by WeasyPrint too, on pages of
their own (the stamp sheet), and drawn on each pack page as a form XObject
inside an /Artifact sequence: real text in the same embedded font as the
body, which a screen reader skips. The parts themselves are laid out without
margin boxes, whose text WeasyPrint 70 tags as content of no element.

qpdf copies stream data only when the pack is written, so every part stays
open until `finish` has written it, and qpdf keeps every object it has read or
copied in memory: a worker's memory grows with the pack (make bench BENCH=pack:
225 MB at 50 applicants, 363 MB at 200, 622 MB at 500), unlike the untagged
merge (shortlisting.pdf), which writes object by object. That is why
settings.SHORTLIST_PACK_TAGGED is off by default.
"""

from dataclasses import dataclass, field

import pikepdf
from pikepdf import Array, Dictionary, Name, String

STAMP = Name("/PackStamp")


@dataclass
class Section:
    """A section of the pack: its title and the first page (from 0 in its
    part) that belongs to it; it runs to the next section's first page."""

    title: str
    first_page: int


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


class TaggedPackMerger:
    """Parts appended in order, then `finish` writes the pack.

    merger = TaggedPackMerger()
    merger.append(front_matter_path, sections=[Section("Cover", 0), ...])
    for path, sections in chunks:
        merger.append(path, sections=sections)
    merger.finish(out, title=..., language="en-GB", stamps=[stamp_pdf_path, ...], bookmarks=[...])
    """

    def __init__(self):
        self.pdf = pikepdf.new()
        self.parts = []
        self.struct_root = self.pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        self.document = self.pdf.make_indirect(
            Dictionary(Type=Name.StructElem, S=Name.Document, P=self.struct_root, K=Array())
        )
        self.struct_root.K = Array([self.document])
        self.parent_tree = Array()
        self.next_parent = 0
        self.role_map = Dictionary()
        self.identifiers = {}
        self.pending_links = []  # (page, Link structure element, Link)

    @property
    def page_count(self):
        return len(self.pdf.pages)

    def append(self, source, *, sections, links=None):
        """Copy every page of the tagged PDF at `source` (a path or a binary
        file) and its structure, the top-level elements grouped by `sections`
        (the first starting at page 0). Returns the element made for each
        section, in order.

        `links`: {page index in this part: [Link, ...]}, in the order of the
        page's Link structure elements (WeasyPrint tags an <a> whose link it
        did not make as a Link element all the same); made in `finish`."""
        part = pikepdf.open(source)
        self.parts.append(part)
        prefix = f"p{len(self.parts)}-"
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
        identified = self._prefix_identifiers(top_level, prefix)

        first = self.page_count
        for page in part.pages:
            self.pdf.pages.append(page)
        nums = _flat_nums(root.ParentTree)
        copied_nums = self.pdf.copy_foreign(part.make_indirect(Array(nums)))
        copied_top = self.pdf.copy_foreign(part.make_indirect(Array(top_level)))
        # The copier maps each object once: these are the copies made above.
        for identifier, element in identified.items():
            self.identifiers[identifier] = self.pdf.copy_foreign(element)

        # Parent tree: each page's marked content under its new number; the
        # part's annotations (none in a chunk) likewise.
        renumbered = {}
        for key, value in zip(copied_nums[::2], copied_nums[1::2], strict=True):
            renumbered[int(key)] = self.next_parent
            self.parent_tree.append(self.next_parent)
            self.parent_tree.append(value)
            self.next_parent += 1
        for index in range(len(part.pages)):
            page = self.pdf.pages[first + index].obj
            if "/StructParents" in page:
                page.StructParents = renumbered[int(page.StructParents)]
            for annotation in page.get("/Annots", ()):
                if "/StructParent" in annotation:
                    annotation.StructParent = renumbered[int(annotation.StructParent)]

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
        for index, page_links in (links or {}).items():
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
            self.parent_tree.append(self.next_parent)
            self.parent_tree.append(element)
            self.next_parent += 1
            if "/Annots" not in page:
                page.Annots = Array()
            page.Annots.append(annotation)

    def _prefix_identifiers(self, elements, prefix):
        """Make the part's element identifiers unique in the pack, and note
        them for the IDTree. Walks the part's tree once, depth first."""
        identified = {}
        stack = list(elements)
        while stack:
            element = stack.pop()
            if "/ID" in element:
                identifier = prefix + str(element.ID)
                element.ID = String(identifier)
                identified[identifier] = element
            attributes = element.get("/A")
            if isinstance(attributes, Dictionary) and "/Headers" in attributes:
                attributes.Headers = Array(String(prefix + str(header)) for header in attributes.Headers)
            kids = element.get("/K")
            if isinstance(kids, Dictionary):
                kids = [kids]
            if isinstance(kids, Array):
                stack.extend(
                    kid for kid in kids if isinstance(kid, Dictionary) and kid.get("/Type") != Name.OBJR
                )
        return identified

    def finish(self, file, *, title, language, stamps, bookmarks=(), author="", subject=""):
        """Stamp every page, write the catalogue, outline, metadata and the
        file. `stamps`: PDFs (paths or files) with, between them, one page
        per pack page, whose content is drawn on that page as a pagination
        artefact (several, so that no one of them need be laid out whole)."""
        stamp_pdfs = [pikepdf.open(source) for source in stamps]
        stamp_pages = [page for stamp_pdf in stamp_pdfs for page in stamp_pdf.pages]
        if len(stamp_pages) != self.page_count:
            raise ValueError(f"{len(stamp_pages)} stamps for {self.page_count} pages")
        self._make_links()
        save_state = self.pdf.make_stream(b"q\n")
        for page, stamp in zip(self.pdf.pages, stamp_pages, strict=True):
            form = self.pdf.copy_foreign(stamp.as_form_xobject())
            # WeasyPrint shares one Resources dictionary among a part's pages:
            # each page gets its own, with its own stamp.
            resources = Dictionary(page.obj.get("/Resources", Dictionary()))
            xobjects = Dictionary(resources.get("/XObject", Dictionary()))
            xobjects[STAMP] = form
            resources.XObject = xobjects
            page.obj.Resources = resources
            contents = page.obj.get("/Contents")
            contents = list(contents) if isinstance(contents, Array) else ([contents] if contents is not None else [])
            stamp_it = self.pdf.make_stream(b"Q\n/Artifact <</Type /Pagination>> BDC\nq\n/PackStamp Do\nQ\nEMC\n")
            page.obj.Contents = Array([save_state, *contents, stamp_it])

        self.struct_root.ParentTree = self.pdf.make_indirect(Dictionary(Nums=self.parent_tree))
        self.struct_root.ParentTreeNextKey = self.next_parent
        if self.role_map:
            self.struct_root.RoleMap = self.role_map
        if self.identifiers:
            names = Array()
            for identifier in sorted(self.identifiers):
                names.append(String(identifier))
                names.append(self.identifiers[identifier])
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

        self.pdf.save(file, fix_metadata_version=False, min_version="1.7")
        for stamp_pdf in stamp_pdfs:
            stamp_pdf.close()
        for part in self.parts:
            part.close()
        self.pdf.close()


def _outline_item(bookmark):
    item = pikepdf.OutlineItem(bookmark.title, bookmark.page, "FitH")
    item.children.extend(_outline_item(child) for child in bookmark.children)
    return item


def _walk(elements):
    """Structure elements, depth first, in reading order."""
    for element in elements:
        if not isinstance(element, Dictionary) or element.get("/Type") == Name.OBJR:
            continue
        yield element
        kids = element.get("/K")
        if isinstance(kids, Dictionary):
            kids = [kids]
        if isinstance(kids, Array):
            yield from _walk(kids)


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
