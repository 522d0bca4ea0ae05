"""The e-mails a trust sends to candidates: each kind declared once in code,
with its default wording in ((placeholders)), the way GOV.UK Notify writes
them, and worded again by any trust that wants to (EmailTemplate).

The kinds live here, below the apps that send them, so that a trust's pages
(organisations.views) can list and check them; each app declares its own with
`register(CandidateEmail(...))` in the module that sends them, and sends one
with candidates.emails.send_to_candidate.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _, gettext_lazy

from .models import EmailTemplate

# Every e-mail can use these; an e-mail may declare more (its `placeholders`).
COMMON_PLACEHOLDERS = ("candidate_name", "vacancy_title", "reference", "trust", "link")

PLACEHOLDER = re.compile(r"\(\(\s*([a-z_]+)\s*\)\)")
# Anything between (( and )) that is not a bracket: a placeholder, or a mistake.
_BRACKETED = re.compile(r"\(\(([^()]*)\)\)")

# What the preview of an e-mail fills its placeholders with.
EXAMPLE_VALUES = {
    "candidate_name": gettext_lazy("Alex Example"),
    "vacancy_title": gettext_lazy("Staff Nurse, Acute Medicine"),
    "reference": "C9365-26-0001",
    "link": "https://jobs.example.org/applications/",
}


@dataclass(frozen=True)
class CandidateEmail:
    """One kind of e-mail to candidates and its default wording.

    `key` is "<app>.<name>", `label` names it to the recruiters who edit it,
    `subject` and `body` are the default text with ((placeholders)), and
    `placeholders` adds to COMMON_PLACEHOLDERS the ones this e-mail fills in,
    `examples` gives the preview a value for each of those. A trust may stop
    sending the e-mails that declare `can_switch_off` (news a candidate can
    do without, like being on a reserve list); never the others."""

    key: str
    label: str
    subject: str
    body: str
    placeholders: tuple = ()
    can_switch_off: bool = False
    examples: tuple = ()

    @property
    def all_placeholders(self):
        return COMMON_PLACEHOLDERS + tuple(self.placeholders)

    def example_values(self, *, trust):
        """Values for a preview: the common ones, the trust's name, and the
        e-mail's own `examples` ((name, value) pairs); a placeholder without
        one shows its name."""
        values = {name: f"[{name}]" for name in self.placeholders}
        return {**values, **{k: str(v) for k, v in EXAMPLE_VALUES.items()}, "trust": trust, **dict(self.examples)}


REGISTRY = {}


def register(email):
    """Declare an e-mail (once per key); returns it, to keep as a module constant."""
    existing = REGISTRY.get(email.key)
    if existing is not None and existing != email:
        raise ValueError(f"Two different e-mails registered as {email.key!r}")
    REGISTRY[email.key] = email
    return email


def registered_emails():
    """Every e-mail declared so far, by label. The apps that send them declare
    them when their modules are imported, which the web process does on its
    first request (the URLconf imports every app's views)."""
    return sorted(REGISTRY.values(), key=lambda email: str(email.label))


def fill(text, values):
    """Put the values in the ((placeholders)); an unknown one is left as written,
    so a typing mistake in a trust's template shows, rather than vanishing."""
    return PLACEHOLDER.sub(lambda match: str(values.get(match.group(1), match.group(0))), str(text))


def template_errors(text, allowed):
    """What is wrong with a trust's wording, for the message by the field:
    a ((placeholder)) this e-mail does not fill in, or brackets that do not
    pair up (which would reach the candidate as written). [] when it is right."""
    errors = []
    unknown = [
        f"(({inner.strip()}))"
        for inner in _BRACKETED.findall(text)
        if not PLACEHOLDER.fullmatch(f"(({inner}))") or inner.strip() not in allowed
    ]
    if unknown:
        errors.append(
            _("Remove or correct %(unknown)s: this email can only use %(allowed)s")
            % {"unknown": ", ".join(dict.fromkeys(unknown)), "allowed": ", ".join(f"(({name}))" for name in allowed)}
        )
    rest = _BRACKETED.sub("", text)
    if "((" in rest or "))" in rest:
        errors.append(_("Each placeholder must start with (( and end with )), like ((candidate_name))"))
    return errors


@dataclass(frozen=True)
class Wording:
    """What a trust sends for one e-mail: its subject and body with
    ((placeholders)), whether it sends it at all, and its row if it has one."""

    subject: str
    body: str
    enabled: bool
    template: object = None


def wording_for(*, organisation, email):
    """The trust's wording of the e-mail, else the default (organisation: a trust or its id)."""
    template = EmailTemplate.objects.filter(organisation=organisation, key=email.key).first()
    if template is None:
        return Wording(str(email.subject), str(email.body), True)
    return Wording(
        template.subject or str(email.subject),
        template.body or str(email.body),
        template.enabled or not email.can_switch_off,
        template,
    )
