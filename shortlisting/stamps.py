"""A pack's page furniture: the running header and "Page X of Y", drawn by
the merge (shortlisting.tagged_pdf) on every page as pagination artefacts, in
the body's font.

Each part is laid out on its own and knows neither its first page's number
nor the pack's length, so WeasyPrint cannot lay these out with the parts.
It lays out once, per pack, a sample of every character they need
(rendering.render_glyphs), in the body's font, regular and bold; the text is
then written with that embedded font's own codes (its ToUnicode map) and
measured with its own widths (/W): real text, that a reader can select and
search, and a screen reader skips.
"""

import re
import unicodedata

from pikepdf import Array, Name

# Where the stamps go, in points on an A4 page (print.css: margins of 20 mm
# top and bottom, 18 mm either side): the header's baseline 4 mm above the
# top margin, the page number's in the middle of the bottom margin.
PAGE_MARGIN_X = 51.02
HEADER_BASELINE_FROM_TOP = 45.4
NUMBER_BASELINE = 25.5
TITLE_SIZE = 8
HEADING_SIZE = 11
NUMBER_SIZE = 9
# NHS secondary text (#4c6272) and text (#212b32) colours, as PDF RGB fractions.
SECONDARY_COLOUR = "0.298 0.384 0.447"
TEXT_COLOUR = "0.129 0.169 0.196"
ELLIPSIS = "…"
# Written for a character the sample lacks (it always has this one).
MISSING = "?"


class StampFont:
    """The body font as WeasyPrint embedded it in a page of sample text
    (rendering.render_glyphs): text in it is written as the font's own codes,
    read from its ToUnicode map, and measured with its own widths (/W)."""

    def __init__(self, fonts):
        # {character: (resource name, code, width in thousandths of the size)}
        self.glyphs = {}
        self.fonts = {}
        for name, font in fonts.items():
            if font.get("/Subtype") != Name.Type0 or font.get("/Encoding") != Name("/Identity-H"):
                continue
            self.fonts[name] = font
            widths = _cid_widths(font.DescendantFonts[0])
            default = int(font.DescendantFonts[0].get("/DW", 1000))
            for code, character in _to_unicode(font.ToUnicode.read_bytes()).items():
                self.glyphs.setdefault(character, (name, code, widths.get(code, default)))

    def runs(self, text):
        """[(resource name, codes as bytes)], a run per font, and the width.
        A character the sample lacks (one the shaping there made part of
        another glyph) is written as MISSING: a header is not worth failing
        a pack for."""
        runs = []
        width = 0
        for character in unicodedata.normalize("NFC", text):
            found = self.glyphs.get(character) or self.glyphs.get(MISSING)
            if found is None:
                continue
            name, code, advance = found
            width += advance
            if runs and runs[-1][0] == name:
                runs[-1][1].extend(code.to_bytes(2, "big"))
            else:
                runs.append((name, bytearray(code.to_bytes(2, "big"))))
        return runs, width

    def fit(self, text, size, room):
        """`text`, shortened with an ellipsis if it would be wider than `room` points."""
        if self.runs(text)[1] * size / 1000 <= room:
            return text
        while text and self.runs(text + ELLIPSIS)[1] * size / 1000 > room:
            text = text[:-1]
        return text.rstrip() + ELLIPSIS


def _to_unicode(cmap):
    """{code: character} from a ToUnicode CMap's bfchar and bfrange entries."""
    text = cmap.decode("latin-1")
    mapping = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for code, unicode in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            mapping[int(code, 16)] = bytes.fromhex(unicode).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for first, last, unicode in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            start = int(unicode, 16)
            for offset, code in enumerate(range(int(first, 16), int(last, 16) + 1)):
                mapping[code] = chr(start + offset)
    # A code that stands for several characters (a ligature) cannot write one.
    return {code: character for code, character in mapping.items() if len(character) == 1}


def _cid_widths(font):
    widths = {}
    entries = list(font.get("/W", ()))
    index = 0
    while index < len(entries):
        first = int(entries[index])
        if isinstance(entries[index + 1], Array):
            for offset, width in enumerate(entries[index + 1]):
                widths[first + offset] = float(width)
            index += 2
        else:
            for code in range(first, int(entries[index + 1]) + 1):
                widths[code] = float(entries[index + 2])
            index += 3
    return widths


class PageStamps:
    """Writes a page's running header and "Page X of Y" in StampFonts: the
    pack's title and the number in `font`, the applicant's code in `bold`."""

    def __init__(self, font, bold, *, running_title, page_label, total_pages):
        self.font = font
        self.bold = bold
        self.running_title = running_title
        self.page_label = page_label
        self.total_pages = total_pages
        self.headers = {}

    def content(self, *, number, running_head, width, height):
        """The content stream that draws page `number`'s stamps, as artefacts."""
        parts = []
        if running_head is not None:
            key = (running_head, width, height)
            if key not in self.headers:
                self.headers[key] = self._header(running_head, width, height)
            parts.append(self.headers[key])
        label = self.page_label % {"page": number, "pages": self.total_pages}
        runs, advance = self.font.runs(label)
        x = (width - advance * NUMBER_SIZE / 1000) / 2
        parts.append(_artifact("Footer", [self._text(runs, NUMBER_SIZE, x, NUMBER_BASELINE, SECONDARY_COLOUR)]))
        return ("Q\n" + "".join(parts)).encode("ascii")

    def _header(self, running_head, width, height):
        """The pack's title on the left and the running head (the applicant's
        code) on the right, the title shortened if the two would meet."""
        top = height - HEADER_BASELINE_FROM_TOP
        drawn = []
        room = width - 2 * PAGE_MARGIN_X
        if running_head:
            runs, advance = self.bold.runs(running_head)
            head_width = advance * HEADING_SIZE / 1000
            drawn.append(self._text(runs, HEADING_SIZE, width - PAGE_MARGIN_X - head_width, top, TEXT_COLOUR))
            room -= head_width + 12  # a gap of 12 points between the two
        title = self.font.fit(self.running_title, TITLE_SIZE, room)
        drawn.insert(0, self._text(self.font.runs(title)[0], TITLE_SIZE, PAGE_MARGIN_X, top, SECONDARY_COLOUR))
        return _artifact("Header", drawn)

    @staticmethod
    def _text(runs, size, x, y, colour):
        shown = "".join(f"{name} {size} Tf <{codes.hex()}> Tj " for name, codes in runs)
        return f"{colour} rg BT {x:.2f} {y:.2f} Td {shown}ET\n"


def _artifact(subtype, drawn):
    # Pagination artefacts: outside the structure tree, skipped by screen readers.
    return f"/Artifact <</Type /Pagination /Subtype /{subtype}>> BDC q\n{''.join(drawn)}Q EMC\n"
