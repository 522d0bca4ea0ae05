"""Reading a pack back with pypdf, as a panel member's PDF reader would."""

import re
from dataclasses import dataclass

from pypdf import PdfReader


@dataclass
class ReadPack:
    reader: PdfReader
    texts: list  # each page's text
    bookmarks: list  # [(title, page index)] at the top level
    applicant_bookmarks: list  # [(title, page index)] under "Applications"

    @property
    def text(self):
        return "\n".join(self.texts)

    def applicant_order(self):
        return [title for title, _page in self.applicant_bookmarks]


def read_pack(source):
    reader = PdfReader(source, strict=True)
    texts = [page.extract_text() for page in reader.pages]
    bookmarks = []
    applicants = []
    outline = reader.outline
    for index, item in enumerate(outline):
        if isinstance(item, list):
            continue
        bookmarks.append((item.title, reader.get_destination_page_number(item)))
        if item.title == "Applications":
            children = outline[index + 1]
            applicants = [(child.title, reader.get_destination_page_number(child)) for child in children]
    return ReadPack(reader=reader, texts=texts, bookmarks=bookmarks, applicant_bookmarks=applicants)


def normalise(text):
    """Text as pypdf extracts it, with runs of white space as one space."""
    return re.sub(r"\s+", " ", text)
