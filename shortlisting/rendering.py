"""The pack's pages, from Django templates and print CSS, laid out by WeasyPrint.

Two kinds of part: a chunk's applications (templates/shortlisting/pdf/applications.html)
and the front matter (front_matter.html: cover, person specification,
contents), which the merge renders last because the contents needs every
applicant's page. Page numbers and bookmarks are not WeasyPrint's: the merge
adds them for the whole document (shortlisting.pdf). With
settings.SHORTLIST_PACK_TAGGED each part is a tagged PDF (PDF/UA-1) and the
running headers and page numbers are laid out here too, on pages of their own
(render_stamps), for the tagged merge (shortlisting.tagged_pdf).

What an applicant's part shows is what a panel may see before the shortlist is
decided, exactly as the score page shows it: shortlisting.anonymised decides
for both, and words the 0–3 scale for both. It never reads personal details,
referees, declarations, adjustments or equality monitoring.
"""

import logging
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import timezone, translation

from candidates.models import Application, GuaranteedInterview

from .anonymised import SCORE_SCALE, score_label, what_panels_see
from .tagged_pdf import Link

logger = logging.getLogger(__name__)

LANGUAGE = "en-GB"


@dataclass
class RenderedPart:
    pdf: bytes
    page_count: int
    # Applicant parts: [{"code", "page" (from 0 in this part), "guaranteed_interview"}].
    applicants: list = field(default_factory=list)
    # Front matter: {"cover": page, "person-specification": page, "contents": page}.
    sections: dict = field(default_factory=dict)
    # Front matter: {page index: [Link, ...]} from the contents to applicants.
    links: dict = field(default_factory=dict)


def applicants_of(chunk):
    """The chunk's applications in the pack's order: [{"position", "code",
    "seen"}], "seen" being what a panel may see (anonymised.PanelApplication)."""
    ids = chunk.application_ids
    seen = what_panels_see(Application.objects.filter(pk__in=ids, vacancy_id=chunk.pack.vacancy_id))
    applicants = []
    for position, application_id in enumerate(ids, start=chunk.first_position):
        application = seen.get(application_id)
        if application is None:
            # Deleted since the pack was asked for (the candidate closed their
            # account): leave it out rather than fail the pack.
            logger.warning("Application %s of pack %s is gone", application_id, chunk.pack_id)
            continue
        applicants.append({"position": position, "code": application.code, "seen": application})
    return applicants


def criteria_of(vacancy):
    return list(vacancy.criteria.order_by("order"))


def _common_context(pack):
    vacancy = pack.vacancy
    return {
        "pack": pack,
        "vacancy": vacancy,
        "organisation": vacancy.organisation,
        "language": LANGUAGE,
    }


# A tagged part leaves its margins empty: the tagged merge draws the running
# header and "Page X of Y" there as artefacts (render_stamps,
# shortlisting.tagged_pdf), because WeasyPrint 70 tags a margin box's text as
# content of no structure element.
NO_MARGIN_BOXES = "@page { @top-left { content: none } @top-right { content: none } }"


def _layout(html, *, tagged=False):
    # Imported here, not at the top: web processes import this module (through
    # services) but never lay anything out, and WeasyPrint is heavy to load.
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    # The pack's templates need nothing from outside: no images, fonts or style
    # sheets. Refusing every URL keeps an applicant's text from making a worker
    # fetch anything, whatever it contains.
    no_fetching = URLFetcher(allowed_protocols=())
    stylesheets = [CSS(string=NO_MARGIN_BOXES)] if tagged else None
    return HTML(string=html, url_fetcher=no_fetching, base_url="about:blank").render(stylesheets=stylesheets)


def _write(document, *, tagged):
    # PDF/UA-1: a structure tree from the HTML (headings, lists, tables with
    # header cells), marked content, /MarkInfo and the language, which the
    # tagged merge keeps (shortlisting.tagged_pdf).
    return document.write_pdf(pdf_variant="pdf/ua-1") if tagged else document.write_pdf()


def render_applications(chunk, *, criteria, tagged=False):
    """A chunk's applicants, each from a new page: the PDF, its page count, and
    the page where each applicant starts. `tagged`: a PDF/UA-1 part without
    running headers, for the tagged merge (settings.SHORTLIST_PACK_TAGGED)."""
    pack = chunk.pack
    applicants = applicants_of(chunk)
    with translation.override(LANGUAGE):
        html = render_to_string(
            "shortlisting/pdf/applications.html",
            {
                **_common_context(pack),
                "applicants": applicants,
                "grid_criteria": [criterion for criterion in criteria if criterion.assessed_at_application],
                "guaranteed_interview_offered": bool(GuaranteedInterview.schemes_offered(pack.vacancy)),
                "score_scale": [score_label(value) for value, _words in SCORE_SCALE],
            },
        )
    document = _layout(html, tagged=tagged)
    starts = {}
    for page_index, page in enumerate(document.pages):
        for anchor in page.anchors:
            if anchor.startswith("applicant-") and anchor not in starts:
                starts[anchor] = page_index
    found = [
        {
            "code": applicant["code"],
            "page": starts[f"applicant-{applicant['code']}"],
            "guaranteed_interview": applicant["seen"].guaranteed_interview.requested,
        }
        for applicant in applicants
    ]
    pdf = _write(document, tagged=tagged)
    return RenderedPart(pdf=pdf, page_count=len(document.pages), applicants=found)


def render_front_matter(pack, *, criteria, entries, produced_at=None, tagged=False):
    """The cover, the person specification and the contents.

    `entries`: the applicants in pack order, each {"position", "code",
    "guaranteed_interview", "page"} with "page" counted from the first
    applicant page (0). Their page numbers in the contents depend on how many
    pages the front matter itself takes, which depends on the contents: lay
    it out with a guess, and again with the count it came to, until the two
    agree (the second time, in practice; the contents' rows are one line each,
    so the numbers in them never change its length by more than a page).
    """
    produced_at = produced_at or timezone.now()
    front_pages = 3
    for _attempt in range(5):
        document = _layout_front_matter(pack, criteria, entries, front_pages, produced_at, tagged)
        if len(document.pages) == front_pages:
            break
        front_pages = len(document.pages)
    else:
        raise RuntimeError("The front matter's page count did not settle")

    first_page_of = {f"applicant-{entry['code']}": entry["page"] for entry in entries}
    sections = {}
    links = {}
    for page_index, page in enumerate(document.pages):
        for anchor in page.anchors:
            if anchor in ("cover", "person-specification", "contents") and anchor not in sections:
                sections[anchor] = page_index
        kept = []
        for link in page.links:
            link_type, target, rectangle, _box = link
            if link_type == "internal" and target.startswith("applicant-"):
                # The applicant is in another part: the merge makes this link.
                code = target.removeprefix("applicant-")
                with translation.override(LANGUAGE):
                    description = translation.gettext("Application %(code)s") % {"code": code}
                links.setdefault(page_index, []).append(
                    Link(
                        rectangle=rectangle,
                        target_page=front_pages + first_page_of[target],
                        description=description,
                    )
                )
            else:
                kept.append(link)
        page.links[:] = kept
    pdf = _write(document, tagged=tagged)
    return RenderedPart(pdf=pdf, page_count=front_pages, sections=sections, links=links)


def _layout_front_matter(pack, criteria, entries, front_pages, produced_at, tagged):
    with translation.override(LANGUAGE):
        html = render_to_string(
            "shortlisting/pdf/front_matter.html",
            {
                **_common_context(pack),
                "criteria_groups": group_criteria(criteria),
                "entries": [{**entry, "page_number": front_pages + entry["page"] + 1} for entry in entries],
                "produced_at": produced_at,
                "guaranteed_interview_offered": bool(GuaranteedInterview.schemes_offered(pack.vacancy)),
            },
        )
    return _layout(html, tagged=tagged)


def render_stamps(pack, *, headings, first_page, total_pages):
    """The running header and "Page X of Y" of pack pages first_page + 1
    onwards, one page each, laid out like the parts' own margins and drawn on
    them by the merge as artefacts. `headings`: each page's applicant code,
    or "" (the front matter); None for the cover, which has no header."""
    with translation.override(LANGUAGE):
        html = render_to_string(
            "shortlisting/pdf/stamps.html",
            {
                **_common_context(pack),
                "stamps": [
                    {"heading": heading, "number": first_page + offset + 1}
                    for offset, heading in enumerate(headings)
                ],
                "total_pages": total_pages,
            },
        )
    return _layout(html).write_pdf()


def group_criteria(criteria):
    """The person specification as the advert has it: one table per heading,
    in order, essential criteria first."""
    groups = {}
    for criterion in criteria:
        group = groups.setdefault(criterion.group_title, {"title": criterion.group_title, "criteria": []})
        group["criteria"].append(criterion)
    for group in groups.values():
        group["criteria"].sort(key=lambda criterion: (not criterion.is_essential, criterion.order))
    return list(groups.values())


def pdf_title(pack):
    vacancy = pack.vacancy
    with translation.override(LANGUAGE):
        return translation.gettext("Shortlisting pack: %(title)s (%(reference)s)") % {
            "title": vacancy.title,
            "reference": vacancy.reference,
        }
