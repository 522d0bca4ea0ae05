"""The pack's pages, from Django templates and print CSS, laid out by WeasyPrint.

Two kinds of part: a chunk's applications (templates/shortlisting/pdf/applications.html)
and the front matter (front_matter.html: cover, person specification,
contents), which the merge renders last because the contents needs every
applicant's page. Each part is a tagged PDF (PDF/UA-1), made ready for the
merge as it is rendered (shortlisting.tagged_pdf.prepare_part). Running
headers, page numbers and bookmarks are not WeasyPrint's: the merge adds them
for the whole document (shortlisting.tagged_pdf), writing with the glyphs of
the body font laid out here once a pack (render_glyphs).

The HTML of both comes from the pack's kind (shortlisting.pack_kinds): the
shortlisting pack's is ShortlistingPackContent below; other apps register
kinds of their own (the interview pack, interviews.packs) and this module lays
them out the same way.

What a shortlisting pack's applicant part shows is what a panel may see before the shortlist is
decided, exactly as the score page shows it: shortlisting.anonymised decides
for both, and words the 0–3 scale for both. It never reads personal details,
referees, declarations, adjustments or equality monitoring.
"""

import logging
import random
import unicodedata
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from candidates.models import Application, GuaranteedInterview

from . import pack_kinds
from .anonymised import SCORE_SCALE, score_label, what_panels_see
from .stamps import MISSING
from .tagged_pdf import Link, prepare_part

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
    """The chunk's applications in the pack's order: [{"position",
    "application_id", "code", "seen"}], "seen" being what a panel may see
    (anonymised.PanelApplication)."""
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
        applicants.append(
            {"position": position, "application_id": application_id, "code": application.code, "seen": application}
        )
    return applicants


def criteria_of(vacancy):
    return list(vacancy.criteria.order_by("order"))


def pack_context(pack):
    """What every part's template is given, whatever the pack's kind."""
    vacancy = pack.vacancy
    return {
        "pack": pack,
        "vacancy": vacancy,
        "organisation": vacancy.organisation,
        "language": LANGUAGE,
    }


def _layout(html):
    # Imported here, not at the top: web processes import this module (through
    # services) but never lay anything out, and WeasyPrint is heavy to load.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # The pack's templates need nothing from outside: no images, fonts or style
    # sheets. Refusing every URL keeps an applicant's text from making a worker
    # fetch anything, whatever it contains.
    no_fetching = URLFetcher(allowed_protocols=())
    return HTML(string=html, url_fetcher=no_fetching, base_url="about:blank").render()


def _write(document, *, prefix):
    # PDF/UA-1: a structure tree from the HTML (headings, lists, tables with
    # header cells), marked content, /MarkInfo and the language, which the
    # merge keeps (shortlisting.tagged_pdf). `prefix` makes the part's
    # element identifiers its own in the pack.
    return prepare_part(document.write_pdf(pdf_variant="pdf/ua-1"), prefix=prefix)


def render_applications(chunk, *, criteria):
    """A chunk's applicants, each from a new page: the PDF (tagged, made ready
    for the merge), its page count, and the page where each applicant starts.
    What they hold is the pack's kind's (shortlisting.pack_kinds)."""
    with translation.override(LANGUAGE):
        html, applicants = pack_kinds.get(chunk.pack.kind).applications_html(chunk, criteria=criteria)
    document = _layout(html)
    starts = {}
    for page_index, page in enumerate(document.pages):
        for anchor in page.anchors:
            if anchor.startswith("applicant-") and anchor not in starts:
                starts[anchor] = page_index
    found = [{**applicant, "page": starts[applicant["anchor"]]} for applicant in applicants]
    pdf = _write(document, prefix=f"chunk{chunk.index:04d}-")
    return RenderedPart(pdf=pdf, page_count=len(document.pages), applicants=found)


def render_front_matter(pack, *, criteria, entries, produced_at=None):
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
        document = _layout_front_matter(pack, criteria, entries, front_pages, produced_at)
        if len(document.pages) == front_pages:
            break
        front_pages = len(document.pages)
    else:
        raise RuntimeError("The front matter's page count did not settle")

    first_page_of = {_anchor(entry): entry["page"] for entry in entries}
    label_of = {_anchor(entry): entry["code"] for entry in entries}
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
                code = label_of[target]
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
    pdf = _write(document, prefix="front-")
    return RenderedPart(pdf=pdf, page_count=front_pages, sections=sections, links=links)


def _layout_front_matter(pack, criteria, entries, front_pages, produced_at):
    with translation.override(LANGUAGE):
        html = pack_kinds.get(pack.kind).front_matter_html(
            pack,
            criteria=criteria,
            entries=[{**entry, "page_number": front_pages + entry["page"] + 1} for entry in entries],
            produced_at=produced_at,
        )
    return _layout(html)


def _anchor(entry):
    # Chunks rendered before applicants had an "anchor" were shortlisting's.
    return entry.get("anchor") or f"applicant-{entry['code']}"


def render_glyphs(*, regular, bold):
    """A PDF of two pages: every character of `regular`, then of `bold`, in
    the body font, which WeasyPrint embeds (the glyphs used, and their
    widths). The merge writes each page's running header and "Page X of Y"
    with them (shortlisting.tagged_pdf.StampFont)."""
    with translation.override(LANGUAGE):
        html = render_to_string(
            "shortlisting/pdf/glyphs.html",
            {"language": LANGUAGE, "regular": _each_once(regular), "bold": _each_once(bold)},
        )
    return _layout(html).write_pdf()


def _each_once(text):
    # With the character the merge writes for any it cannot find (tagged_pdf.MISSING).
    return " ".join(sorted(set(unicodedata.normalize("NFC", text + MISSING))))


def running_title(pack):
    """The header of every page but the cover."""
    vacancy = pack.vacancy
    with translation.override(LANGUAGE):
        return translation.gettext("Confidential · %(title)s · %(reference)s") % {
            "title": vacancy.title,
            "reference": vacancy.reference,
        }


def page_label():
    with translation.override(LANGUAGE):
        return translation.gettext("Page %(page)s of %(pages)s")


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
    with translation.override(LANGUAGE):
        return str(pack_kinds.get(pack.kind).title(pack))


def pdf_subject(pack):
    with translation.override(LANGUAGE):
        return str(pack_kinds.get(pack.kind).subject(pack))


class ShortlistingPackContent:
    """The shortlisting pack (shortlisting.pack_kinds.PackContent): every
    application received, anonymised, in an order shuffled by the pack's seed."""

    def application_ids(self, *, vacancy, subject_id, seed):
        ids = list(Application.objects.received().filter(vacancy=vacancy).order_by("pk").values_list("pk", flat=True))
        random.Random(seed).shuffle(ids)
        return ids

    def nothing_to_pack(self):
        return translation.gettext("There are no applications to put in a pack yet.")

    def title(self, pack):
        vacancy = pack.vacancy
        return translation.gettext("Shortlisting pack: %(title)s (%(reference)s)") % {
            "title": vacancy.title,
            "reference": vacancy.reference,
        }

    def subject(self, pack):
        return translation.gettext("Confidential: for the shortlisting panel only")

    def applications_html(self, chunk, *, criteria):
        pack = chunk.pack
        applicants = [{**applicant, "anchor": f"applicant-{applicant['code']}"} for applicant in applicants_of(chunk)]
        html = render_to_string(
            "shortlisting/pdf/applications.html",
            {
                **pack_context(pack),
                "applicants": applicants,
                "grid_criteria": [criterion for criterion in criteria if criterion.assessed_at_application],
                "guaranteed_interview_offered": bool(GuaranteedInterview.schemes_offered(pack.vacancy)),
                "score_scale": [score_label(value) for value, _words in SCORE_SCALE],
            },
        )
        return html, [
            {
                "code": applicant["code"],
                "anchor": applicant["anchor"],
                "guaranteed_interview": applicant["seen"].guaranteed_interview.requested,
            }
            for applicant in applicants
        ]

    def front_matter_html(self, pack, *, criteria, entries, produced_at):
        return render_to_string(
            "shortlisting/pdf/front_matter.html",
            {
                **pack_context(pack),
                "criteria_groups": group_criteria(criteria),
                "entries": entries,
                "produced_at": produced_at,
                "guaranteed_interview_offered": bool(GuaranteedInterview.schemes_offered(pack.vacancy)),
            },
        )

    # The staff pages (shortlisting.views): shortlisting's templates as they are.
    list_template = "shortlisting/pack_list.html"
    detail_template = "shortlisting/pack_detail.html"
    status_template = "shortlisting/includes/pack_status.html"

    def subject_for_user(self, user, *, reference):
        # Those who may see the vacancy's applications, as on the panel's pages.
        # Imported here: views imports this module (through services).
        from .views import get_vacancy_for_user

        return get_vacancy_for_user(user, reference), None

    def page_url(self, name, *, vacancy, subject_id, **kwargs):
        return reverse(f"shortlisting:{name}", kwargs={"reference": vacancy.reference, **kwargs})

    def subject_url(self, *, vacancy, subject_id):
        return reverse("manage:vacancy_detail", kwargs={"reference": vacancy.reference})

    def download_name(self, pack):
        return f"shortlisting-pack-{pack.vacancy.reference}-{pack.pk}.pdf"

    def already_being_made(self):
        return translation.gettext("A pack for this vacancy is already being made. This is its progress.")

    def newer_being_made(self):
        return translation.gettext("A newer pack for this vacancy is already being made. This is its progress.")


pack_kinds.register(pack_kinds.SHORTLISTING, ShortlistingPackContent())
