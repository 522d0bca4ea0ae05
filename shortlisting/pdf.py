"""Merging a pack's parts into one PDF, streamed, with page numbers and bookmarks.

pypdf's PdfWriter keeps every page of the result in memory until it writes it,
so a merge of 2,000 pages would hold all of them at once and a worker's memory
would grow with the number of applicants. PackWriter writes the result object
by object instead: it reads one part (a chunk's PDF) with PdfReader, copies each
page and what it uses (content streams, fonts, resources) to the output with
new object numbers, and lets the part go before it opens the next. What stays
in memory is a byte offset per object and a number per page.

Page numbers ("Page 3 of 412") cannot come from WeasyPrint: each chunk is laid
out on its own and knows neither its first page's number nor the total. They
are known before the merge starts (every chunk stored its page count), so the
merge stamps each page with a small content stream of its own that draws the
number in Helvetica, one of the PDF standard fonts every reader has: real text,
selectable and searchable, that costs a few dozen bytes a page and no layout.
Each page's own content is wrapped in q/Q first, so whatever graphics state it
leaves behind cannot move or recolour the number.
"""

import hashlib
import os
from dataclasses import dataclass, field

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    StreamObject,
    create_string_object,
)

# Page attributes copied from a part's pages. Annotations are left behind: a
# chunk has no links, and front-matter links are made again here (Link).
PAGE_KEYS = ("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox", "/Rotate", "/Group", "/UserUnit")
PAGE_NUMBER_FONT = NameObject("/PackPageNumber")
PAGE_NUMBER_SIZE = 9
# From the bottom edge of the page, in points: inside the 20 mm bottom margin
# the print CSS leaves free for it.
PAGE_NUMBER_BASELINE = 28
# NHS secondary text colour (#4c6272), as PDF RGB fractions.
PAGE_NUMBER_COLOUR = b"0.298 0.384 0.447 rg"
# Helvetica's advance widths (thousandths of the font size) for the characters
# of "Page 12 of 340", to centre the number; others count as a digit.
HELVETICA_WIDTHS = {" ": 278, "P": 667, "a": 556, "g": 556, "e": 556, "o": 556, "f": 278, "/": 278}
HELVETICA_DEFAULT_WIDTH = 556


@dataclass
class Bookmark:
    """An outline entry: its title, the page (from 0) it opens, and children."""

    title: str
    page: int
    children: list = field(default_factory=list)


@dataclass
class Link:
    """A link area on a page of a part (in CSS pixels from the top left, as
    WeasyPrint gives it) that goes to another page of the merged document."""

    rectangle: tuple
    target_page: int


class _CountingFile:
    """Writes to a binary file and counts the bytes, for the cross-reference table."""

    def __init__(self, file):
        self.file = file
        self.position = 0

    def write(self, data):
        self.file.write(data)
        self.position += len(data)
        return len(data)


class PackWriter:
    """Writes one PDF to `file` from parts appended in order.

    `total_pages` is known in advance, so that every page's object number is
    reserved at the start: links and bookmarks may point at pages not yet
    written, and each page can be stamped "Page X of Y" as it is copied.

        writer = PackWriter(file, total_pages=412, page_label="Page %(page)s of %(pages)s")
        writer.append(front_matter_file, links={2: [Link(...), ...]})
        for path in chunk_files:
            writer.append(path)
        writer.finish(title=..., language="en-GB", bookmarks=[...])
    """

    def __init__(self, file, *, total_pages, page_label):
        self.out = _CountingFile(file)
        self.offsets = {}
        self.next_number = 1
        self.total_pages = total_pages
        self.page_label = page_label
        self.pages_written = 0
        self.out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        self.catalog = self._reserve()
        self.pages_root = self._reserve()
        self.page_numbers = [self._reserve() for _ in range(total_pages)]
        self.page_heights = {}
        self.font = self._add(
            DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/Font"),
                    NameObject("/Subtype"): NameObject("/Type1"),
                    NameObject("/BaseFont"): NameObject("/Helvetica"),
                    NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
                }
            )
        )
        # Every page's own content is wrapped in q ... Q: one shared "q" stream.
        save_state = DecodedStreamObject()
        save_state.set_data(b"q\n")
        self.save_state = self._add(save_state)

    # Objects --------------------------------------------------------------------

    def _reserve(self):
        number = self.next_number
        self.next_number += 1
        return number

    def _write(self, number, obj):
        self.offsets[number] = self.out.position
        self.out.write(b"%d 0 obj\n" % number)
        obj.write_to_stream(self.out)
        self.out.write(b"\nendobj\n")

    def _add(self, obj):
        number = self._reserve()
        self._write(number, obj)
        return _ref(number)

    # Parts ----------------------------------------------------------------------

    def append(self, source, *, links=None):
        """Copy every page of the PDF at `source` (a path or a binary file).

        `links`: {page index within this part: [Link, ...]}.
        Returns the number of pages copied.
        """
        reader = PdfReader(source)
        copier = _Copier(self)
        count = 0
        for index, page in enumerate(reader.pages):
            if self.pages_written >= self.total_pages:
                raise ValueError(f"More pages than the {self.total_pages} expected")
            number = self.page_numbers[self.pages_written]
            self._write(number, self._page(page, copier, (links or {}).get(index, [])))
            copier.drain()
            self.pages_written += 1
            count += 1
        # The reader, its parsed objects and the copier's map go now: one part
        # in memory at a time.
        del reader, copier
        return count

    def _page(self, page, copier, links):
        new = DictionaryObject()
        new[NameObject("/Type")] = NameObject("/Page")
        new[NameObject("/Parent")] = _ref(self.pages_root)
        for key in PAGE_KEYS:
            if key in page:
                new[NameObject(key)] = copier.convert(dict.__getitem__(page, key))
        media_box = [float(value) for value in page.mediabox]
        left, bottom, right, top = media_box
        self.page_heights[self.pages_written] = top

        # Resources, with the page-number font added. Small dictionaries made
        # direct per page; what they point at (fonts, images) is copied once.
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else DictionaryObject()
        new_resources = DictionaryObject()
        for key, value in dict.items(resources):
            if key != "/Font":
                new_resources[NameObject(key)] = copier.convert(value)
        fonts = DictionaryObject()
        if "/Font" in resources:
            for key, value in dict.items(resources["/Font"]):
                fonts[NameObject(key)] = copier.convert(value)
        fonts[PAGE_NUMBER_FONT] = self.font
        new_resources[NameObject("/Font")] = fonts
        new[NameObject("/Resources")] = new_resources

        contents = ArrayObject([self.save_state])
        original = page.get("/Contents")
        if original is not None:
            raw = dict.__getitem__(page, "/Contents")
            if isinstance(raw, IndirectObject) and isinstance(raw.get_object(), ArrayObject):
                raw = raw.get_object()
            if isinstance(raw, ArrayObject):
                contents.extend(copier.convert(item) for item in list.__iter__(raw))
            else:
                contents.append(copier.convert(raw))
        contents.append(self._add(self._page_number_stream(left, right, bottom)))
        new[NameObject("/Contents")] = contents

        if links:
            new[NameObject("/Annots")] = ArrayObject(self._add(self._link(link, top)) for link in links)
        return new

    def _page_number_stream(self, left, right, bottom):
        text = self.page_label % {"page": self.pages_written + 1, "pages": self.total_pages}
        width = sum(HELVETICA_WIDTHS.get(char, HELVETICA_DEFAULT_WIDTH) for char in text) * PAGE_NUMBER_SIZE / 1000
        x = left + (right - left - width) / 2
        y = bottom + PAGE_NUMBER_BASELINE
        encoded = text.encode("cp1252", errors="replace")
        escaped = encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        stream = DecodedStreamObject()
        stream.set_data(
            b"Q\nq\nBT\n%s\n/PackPageNumber %d Tf\n%.2f %.2f Td\n(%s) Tj\nET\nQ\n"
            % (PAGE_NUMBER_COLOUR, PAGE_NUMBER_SIZE, x, y, escaped)
        )
        return stream

    def _link(self, link, page_top):
        # WeasyPrint's rectangles are CSS pixels from the top left; PDF's are
        # points from the bottom left (0.75 points to the pixel).
        x1, y1, x2, y2 = link.rectangle
        return DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Link"),
                NameObject("/Rect"): ArrayObject(
                    FloatObject(round(value, 2))
                    for value in (x1 * 0.75, page_top - y2 * 0.75, x2 * 0.75, page_top - y1 * 0.75)
                ),
                NameObject("/Border"): ArrayObject([NumberObject(0), NumberObject(0), NumberObject(0)]),
                NameObject("/Dest"): self._destination(link.target_page),
            }
        )

    def _destination(self, page_index):
        # Open the page at its top, fitted to the window's width.
        top = self.page_heights.get(page_index, 841.89)
        return ArrayObject([_ref(self.page_numbers[page_index]), NameObject("/FitH"), FloatObject(round(top, 2))])

    # The end --------------------------------------------------------------------

    def finish(self, *, title, language, bookmarks=(), author="", subject=""):
        """Write the page tree, outline, catalogue, information and trailer."""
        if self.pages_written != self.total_pages:
            raise ValueError(f"{self.pages_written} pages written, {self.total_pages} expected")
        self._write(
            self.pages_root,
            DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/Pages"),
                    NameObject("/Kids"): ArrayObject(_ref(number) for number in self.page_numbers),
                    NameObject("/Count"): NumberObject(self.total_pages),
                }
            ),
        )
        catalog = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Catalog"),
                NameObject("/Pages"): _ref(self.pages_root),
                NameObject("/Lang"): create_string_object(language),
                # Readers show the title, not the file name, in their title bar.
                NameObject("/ViewerPreferences"): DictionaryObject(
                    {NameObject("/DisplayDocTitle"): BooleanObject(True)}
                ),
            }
        )
        if bookmarks:
            catalog[NameObject("/Outlines")] = self._outline(bookmarks)
            catalog[NameObject("/PageMode")] = NameObject("/UseOutlines")
        self._write(self.catalog, catalog)
        info = {
            NameObject("/Title"): create_string_object(title),
            NameObject("/Producer"): create_string_object("WeasyPrint and pypdf"),
        }
        if author:
            info[NameObject("/Author")] = create_string_object(author)
        if subject:
            info[NameObject("/Subject")] = create_string_object(subject)
        info_ref = self._add(DictionaryObject(info))

        xref_at = self.out.position
        size = self.next_number
        lines = [b"xref\n0 %d\n" % size, b"0000000000 65535 f \n"]
        for number in range(1, size):
            offset = self.offsets.get(number)
            # A number reserved and never written (none should be) is marked free.
            lines.append(b"%010d 00000 n \n" % offset if offset is not None else b"0000000000 65535 f \n")
        self.out.write(b"".join(lines))
        identifier = hashlib.md5(os.urandom(16) + title.encode(), usedforsecurity=False).hexdigest().encode()
        self.out.write(
            b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n"
            % (size, self.catalog, info_ref.idnum, identifier, identifier, xref_at)
        )

    def _outline(self, bookmarks):
        root = self._reserve()
        first, last, count = self._outline_items(bookmarks, root)
        self._write(
            root,
            DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/Outlines"),
                    NameObject("/First"): _ref(first),
                    NameObject("/Last"): _ref(last),
                    NameObject("/Count"): NumberObject(count),
                }
            ),
        )
        return _ref(root)

    def _outline_items(self, bookmarks, parent):
        """Write a level of the outline; returns its first and last object
        numbers and how many entries it shows (every level is open)."""
        numbers = [self._reserve() for _ in bookmarks]
        shown = len(bookmarks)
        for position, (number, bookmark) in enumerate(zip(numbers, bookmarks, strict=True)):
            item = DictionaryObject(
                {
                    NameObject("/Title"): create_string_object(bookmark.title),
                    NameObject("/Parent"): _ref(parent),
                    NameObject("/Dest"): self._destination(bookmark.page),
                }
            )
            if position > 0:
                item[NameObject("/Prev")] = _ref(numbers[position - 1])
            if position < len(numbers) - 1:
                item[NameObject("/Next")] = _ref(numbers[position + 1])
            if bookmark.children:
                first, last, count = self._outline_items(bookmark.children, number)
                item[NameObject("/First")] = _ref(first)
                item[NameObject("/Last")] = _ref(last)
                item[NameObject("/Count")] = NumberObject(count)
                shown += count
            self._write(number, item)
        return numbers[0], numbers[-1], shown


class _Copier:
    """Copies the objects one part's pages use into the writer, each once."""

    def __init__(self, writer):
        self.writer = writer
        self.numbers = {}  # (object number, generation) in the part → number in the result
        self.pending = []

    def ref(self, indirect):
        key = (indirect.idnum, indirect.generation)
        if key not in self.numbers:
            self.numbers[key] = self.writer._reserve()
            self.pending.append(indirect)
        return _ref(self.numbers[key])

    def convert(self, obj):
        """The object with its references renumbered; streams keep their
        encoded bytes as they are (no decoding, no recompression)."""
        if isinstance(obj, IndirectObject):
            return self.ref(obj)
        if isinstance(obj, StreamObject):
            new = DecodedStreamObject()
            for key, value in dict.items(obj):
                if key != "/Length":
                    new[NameObject(key)] = self.convert(value)
            # _data is the stream's bytes as stored (still Flate-encoded when
            # /Filter says so); pypdf has no public accessor for them.
            new.set_data(obj._data)
            return new
        if isinstance(obj, DictionaryObject):
            new = DictionaryObject()
            for key, value in dict.items(obj):
                new[NameObject(key)] = self.convert(value)
            return new
        if isinstance(obj, ArrayObject):
            return ArrayObject(self.convert(item) for item in list.__iter__(obj))
        return obj

    def drain(self):
        while self.pending:
            indirect = self.pending.pop()
            number = self.numbers[(indirect.idnum, indirect.generation)]
            self.writer._write(number, self.convert(indirect.get_object()))


def _ref(number):
    return IndirectObject(number, 0, None)
