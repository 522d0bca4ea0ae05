"""Kinds of pack the chunked pipeline makes (ShortlistPack.kind): what a pack
holds, in what order, and the HTML of its pages; the pipeline itself (claims,
chunks, the merge, progress, "Try again", the sweeps) is the same for all.

A kind is an object with the methods of PackContent, registered under its
name. shortlisting.rendering registers the shortlisting pack. An app higher
up registers its own kind in its AppConfig.ready() (interviews: the interview
pack of a round), so that shortlisting never imports it (DESIGN.md, layers):
a pack names its kind and, for a kind about one thing of a vacancy, that
thing's id (ShortlistPack.subject_id), and nothing more.

The staff pages of every kind are shortlisting.views, at URLs of the kind's
app that name the kind; what differs between kinds (who may see them, their
URLs, their words) is the kind's too.
"""

from typing import Protocol

SHORTLISTING = "shortlisting"

_kinds = {}


class PackContent(Protocol):
    """What a kind of pack provides. Every HTML is a whole document, laid out
    by shortlisting.rendering with WeasyPrint (tagged, when packs are).

    The page structure the merge relies on:
    - applications_html: each applicant in an element whose id is its
      "anchor" (starting "applicant-"), from a new page, with its label as H1;
    - front_matter_html: elements with the ids "cover", "person-specification"
      and "contents", in that order; a link to "#<anchor>" of an entry goes
      to that applicant's first page in the merged pack.
    """

    def application_ids(self, *, vacancy, subject_id, seed):
        """The ids of the applications the pack holds, in the pack's order
        (`seed` for a kind that shuffles); empty if there are none."""

    def nothing_to_pack(self):
        """The message shown when application_ids is empty."""

    def title(self, pack):
        """The PDF's title."""

    def subject(self, pack):
        """The PDF's subject: who it is for."""

    def applications_html(self, chunk, *, criteria):
        """(html, applicants) of a chunk: applicants in the chunk's order, each a
        dict that can be stored as JSON with "code" (the label the merge gives
        the applicant's section, bookmark and running header) and "anchor"."""

    def front_matter_html(self, pack, *, criteria, entries, produced_at):
        """The cover, person specification and contents. `entries`: every
        applicant of the pack, in order, as applications_html gave them, with
        "position" and "page_number" (in the merged pack, from 1)."""

    # The staff pages (shortlisting.views) ------------------------------------

    # Their templates: shortlisting's (templates/shortlisting/pack_list.html,
    # pack_detail.html and includes/pack_status.html), or templates that extend
    # them and fill their blocks with the kind's own words.
    list_template: str
    detail_template: str
    status_template: str

    def subject_for_user(self, user, **where):
        """(vacancy, subject) if the user may see the kind's packs of what the
        URL's `where` names (its arguments but `pk`); 404 otherwise. The subject
        is the thing of the vacancy that the packs are about (its id is
        ShortlistPack.subject_id), or None for a kind about the whole vacancy."""

    def page_url(self, name, *, vacancy, subject_id, **kwargs):
        """The URL of the kind's page `name`: "pack_list" and "pack_create";
        with pk=, "pack_detail", "pack_status", "pack_download" and "pack_retry"."""

    def subject_url(self, *, vacancy, subject_id):
        """The page the list of packs goes back to: the vacancy's, or its subject's."""

    def download_name(self, pack):
        """The name of the PDF when it is downloaded."""

    def already_being_made(self):
        """The message when someone asks for a pack while one is being made."""

    def newer_being_made(self):
        """The message when someone tries a failed pack again while a newer one is being made."""


def register(kind, content):
    """Make packs of `kind` with `content` (a PackContent). Registering a kind
    again replaces it (apps are made ready once, tests may do it again)."""
    _kinds[kind] = content


def get(kind):
    try:
        return _kinds[kind]
    except KeyError:
        raise LookupError(f"No kind of pack is registered as {kind!r} (shortlisting.pack_kinds)") from None
