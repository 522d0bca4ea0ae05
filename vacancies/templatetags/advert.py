"""Turn an advert's plain text into NHS.UK paragraphs and lists.

Recruiters write adverts as plain text, never HTML: a blank line starts a new
paragraph, lines starting "* " or "- " make a bulleted list, and lines starting
"1. " make a numbered list. Everything is escaped.
"""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

register = template.Library()

_BULLET = re.compile(r"^\s*[*\-•·]\s*(.+)$")
_NUMBER = re.compile(r"^\s*\d+[.)]\s*(.+)$")


def _blocks(text):
    """Yield (kind, lines): kind is 'p', 'ul' or 'ol'."""
    kind, lines = None, []
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            if lines:
                yield kind, lines
            kind, lines = None, []
            continue
        bullet, number = _BULLET.match(line), _NUMBER.match(line)
        this_kind, content = ("ul", bullet.group(1)) if bullet else ("ol", number.group(1)) if number else ("p", line)
        if lines and (this_kind != kind or kind == "p"):
            yield kind, lines
            lines = []
        kind = this_kind
        lines.append(content)
    if lines:
        yield kind, lines


@register.filter(is_safe=True)
def advert_text(text):
    if not text:
        return ""
    html = []
    for kind, lines in _blocks(text):
        if kind == "p":
            html.append(f"<p>{escape(lines[0])}</p>")
        else:
            css = "nhsuk-list nhsuk-list--bullet" if kind == "ul" else "nhsuk-list nhsuk-list--number"
            items = "".join(f"<li>{escape(line)}</li>" for line in lines)
            html.append(f'<{kind} class="{css}">{items}</{kind}>')
    return mark_safe("\n".join(html))


# Search engines show about this much of a page's description.
DESCRIPTION_LENGTH = 160


@register.filter
def advert_description(vacancy):
    """The advert in a line, for <meta name="description">: the job, the trust,
    and the job summary as sentences (a list's items each become one)."""
    sentences = [_("%(title)s at %(trust)s.") % {"title": vacancy.title, "trust": vacancy.organisation.name}]
    for _kind, lines in _blocks(vacancy.job_summary or ""):
        sentences.extend(line if line[-1] in ".!?" else f"{line}." for line in lines)
    return Truncator(" ".join(sentences)).chars(DESCRIPTION_LENGTH)
