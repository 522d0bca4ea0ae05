"""What a panel sees of an application, and the words of the 0–3 scale: one
rule for the score page (shortlisting.panel_views) and the shortlisting pack
(shortlisting.rendering), so that screen and paper always say the same.

Until the shortlist is decided the panel judges the evidence against the
person specification, not the person (DESIGN.md: the anonymous code, never
the name, contact details, date of birth or equality data). The two used to
differ; where they did, the stricter side won (issue #14):

Shown:
- the anonymous code;
- whether a guaranteed interview was asked for, and under which scheme
  (never the grounds: they are special category data);
- each job's title, dates and main duties, newest first;
- each qualification's title, grade and year;
- the supporting information.

Left out, and why:
- name, contact details and address; there is no date of birth to leave out
  (PersonalDetails); equality monitoring: the rule of anonymised shortlisting.
- Employers, and where each qualification was taken: a named ward, practice
  or college narrows down who the candidate is, above all to a panel from
  the same trust, and invites bias by prestige or familiarity. The evidence
  the criteria ask for is in the job titles, dates and duties.
- Reasons for leaving and the explanation of gaps: they are often health,
  pregnancy, caring or a dismissal, which a panel must not weigh at
  shortlisting. They belong to the employment history check after an offer
  (NHS Employment Check Standards).
- Referees, even their job titles and how they know the candidate: references
  are taken after an offer, and "Chief Nurse, Alexandra Hospital" says who
  the candidate worked for, if not who they are.
- Right to work, declarations and adjustments: the recruiter checks them; a
  panel does not score them.

Free text goes to the panel as the candidate wrote it: their pages ask them
to leave out their name and personal details, but some will not. On screen,
what_panels_see(mark_personal_details=True) marks any of the candidate's own
names, e-mail addresses and telephone numbers found in it, so the panel knows
to look past them; the names are never shown anywhere else. The pack prints
the text unmarked: the full redaction, on screen and on paper, is a later step.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.utils.html import escape, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_lazy as _

from candidates.models import GuaranteedInterview

# The 0–3 scale, Score.MIN_SCORE to Score.MAX_SCORE: the words the score form
# and the pack both use. A criterion is met from a mean of 1 (scoring.MET_MEAN).
SCORE_SCALE = (
    (0, _("not met")),
    (1, _("partly met")),
    (2, _("met")),
    (3, _("exceeded")),
)


def score_label(value):
    """ "2 – met": a score with its words."""
    return gettext("%(score)s – %(words)s") % {"score": value, "words": dict(SCORE_SCALE)[value]}


def score_choices():
    """The scale as the choices of a form field: [("0", "0 – not met"), ...]."""
    return [(str(value), score_label(value)) for value, _words in SCORE_SCALE]


# Free text, with the candidate's own details found ----------------------------------------

# Between the digits of a telephone number, as people write them: spaces,
# hyphens, full stops and brackets (never a line break: a mark stays in its paragraph).
_PHONE_SEPARATORS = r"[ \t.()\-]*"


def _normalised(text):
    return unicodedata.normalize("NFC", text or "").strip()


def _phone_pattern(phone):
    """07700 900001 however it is written: 07700900001, 07700-900-001,
    (07700) 900001, +44 7700 900001, +44 (0)7700 900001, 447700900001."""
    digits = re.sub(r"\D", "", phone)
    if digits.startswith("44"):
        digits = "0" + digits[2:]
    if len(digits) < 6:  # Too short to tell from any other number.
        return None
    national = _PHONE_SEPARATORS.join(digits)
    forms = [r"\(?" + national]
    if digits.startswith("0"):
        forms.append(
            r"(?:\+|00)?44" + _PHONE_SEPARATORS + r"(?:\(0\))?" + _PHONE_SEPARATORS + _PHONE_SEPARATORS.join(digits[1:])
        )
    return r"(?<![\w+])(?:" + "|".join(forms) + r")(?!\d)"


class PersonalDetailFinder:
    """Finds a candidate's names, e-mail addresses and telephone numbers in
    text: case-insensitively, whole words only ("Ann", not "Annual")."""

    def __init__(self, *, names=(), emails=(), phones=()):
        alternatives = []
        for email in sorted({_normalised(email).lower() for email in emails} - {""}, key=len, reverse=True):
            # Not inside a longer address: x.ann@example.org, ann@example.org.uk.
            alternatives.append(r"(?<![\w.+\-])" + re.escape(email) + r"(?![\w\-]|\.\w)")
        for phone in phones:
            pattern = _phone_pattern(phone or "")
            if pattern:
                alternatives.append(pattern)
        words = set()
        for name in names:
            name = _normalised(name)
            words.add(name)
            # Each part of a name on its own: "Mary", "Ann" and "Mary Ann";
            # "Dúnlaing" and "Nguyễn" of "Dúnlaing-Nguyễn". Initials are left out.
            words.update(re.split(r"[\s\-]+", name))
        words = sorted((word for word in words if len(word) > 1), key=len, reverse=True)
        if words:
            alternatives.append(r"(?<!\w)(?:" + "|".join(re.escape(word) for word in words) + r")(?!\w)")
        # Longest first at any place: an address before the name in it.
        self.pattern = re.compile("|".join(alternatives), re.IGNORECASE) if alternatives else None

    def spans(self, text):
        if self.pattern is None:
            return ()
        return tuple(match.span() for match in self.pattern.finditer(text) if match.group())


NO_FINDER = PersonalDetailFinder()


@dataclass(frozen=True)
class FreeText:
    """Something the candidate typed, with the places of any of their own
    details found in it. In a template {{ text }} shows it with those places
    marked, {{ text.paragraphs }} as paragraphs too."""

    text: str
    spans: tuple = ()

    @classmethod
    def of(cls, text, finder=NO_FINDER):
        text = unicodedata.normalize("NFC", text or "")
        return cls(text=text, spans=finder.spans(text))

    def __str__(self):
        return self.text

    def __bool__(self):
        return bool(self.text.strip())

    def __html__(self):
        hidden = f" ({escape(gettext('possible personal detail'))})"
        parts, last = [], 0
        for start, end in self.spans:
            parts.append(escape(self.text[last:start]))
            parts.append(
                f'<mark class="app-personal-detail">{escape(self.text[start:end])}'
                f'<span class="nhsuk-u-visually-hidden">{hidden}</span></mark>'
            )
            last = end
        parts.append(escape(self.text[last:]))
        return mark_safe("".join(parts))

    def paragraphs(self):
        """The text as HTML paragraphs, as Django's linebreaks filter makes them."""
        return mark_safe(linebreaks(self.__html__(), autoescape=False))


# What a panel sees ------------------------------------------------------------------------


@dataclass(frozen=True)
class GuaranteedInterviewSeen:
    requested: bool
    scheme: str  # the scheme's name, or "" if none was named


@dataclass(frozen=True)
class JobSeen:
    job_title: FreeText
    started_on: object  # date
    ended_on: object  # date or None
    is_current: bool
    duties: FreeText


@dataclass(frozen=True)
class QualificationSeen:
    title: FreeText
    grade: FreeText
    year_awarded: int


@dataclass(frozen=True)
class PanelApplication:
    """Everything a panel may see of one application before the shortlist is decided."""

    code: str
    guaranteed_interview: GuaranteedInterviewSeen
    jobs: tuple
    qualifications: tuple
    supporting_information: FreeText

    @property
    def mentions_personal_details(self):
        """Whether any of the candidate's own details were found in their free text."""
        texts = [self.supporting_information]
        texts += [text for job in self.jobs for text in (job.job_title, job.duties)]
        texts += [text for qualification in self.qualifications for text in (qualification.title, qualification.grade)]
        return any(text.spans for text in texts)


def _one_to_one(instance, name):
    try:
        return getattr(instance, name)
    except ObjectDoesNotExist:  # The candidate never opened that section.
        return None


def guaranteed_interview_seen(request):
    """Whether an interview was asked for and under which scheme, never the grounds."""
    if request is None or not request.requested:
        return GuaranteedInterviewSeen(requested=False, scheme="")
    scheme = GuaranteedInterview.Scheme(request.scheme).label if request.scheme else ""
    return GuaranteedInterviewSeen(requested=True, scheme=str(scheme))


def _finder(application):
    """The candidate's own details: from their personal details, and their
    account's name and e-mail in case those differ."""
    details = _one_to_one(application, "personal_details")
    account = application.candidate
    names, emails, phones = [], [], []
    if details is not None:
        names += [details.full_name, details.first_name, details.last_name]
        emails.append(details.email)
        phones.append(details.phone)
    if account is not None:
        names.append(account.full_name)
        emails.append(account.email)
    return PersonalDetailFinder(names=names, emails=emails, phones=phones)


def what_panels_see(applications, *, mark_personal_details=False):
    """{application id: PanelApplication} of a queryset of applications.

    `mark_personal_details`: find the candidate's own names, e-mail and
    telephone in their free text (the score page); the pack leaves it off.
    Three queries, whatever the number of applications."""
    related = ["supporting_information", "guaranteed_interview"]
    if mark_personal_details:
        related += ["personal_details", "candidate"]
    found = {}
    for application in applications.select_related(*related).prefetch_related("employments", "qualifications"):
        finder = _finder(application) if mark_personal_details else NO_FINDER
        supporting = _one_to_one(application, "supporting_information")
        found[application.pk] = PanelApplication(
            code=application.anonymous_code,
            guaranteed_interview=guaranteed_interview_seen(_one_to_one(application, "guaranteed_interview")),
            # Newest first, as Employment and Qualification order themselves.
            jobs=tuple(
                JobSeen(
                    job_title=FreeText.of(job.job_title, finder),
                    started_on=job.started_on,
                    ended_on=job.ended_on,
                    is_current=job.is_current,
                    duties=FreeText.of(job.duties, finder),
                )
                for job in application.employments.all()
            ),
            qualifications=tuple(
                QualificationSeen(
                    title=FreeText.of(qualification.title, finder),
                    grade=FreeText.of(qualification.grade, finder),
                    year_awarded=qualification.year_awarded,
                )
                for qualification in application.qualifications.all()
            ),
            supporting_information=FreeText.of(supporting.text if supporting else "", finder),
        )
    return found
