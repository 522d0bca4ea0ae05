"""URL converters with exact ASCII patterns, for every part of a URL that
carries a value.

Django's own `int` converter is `[0-9]+`, which Python's `re` reads as any
Unicode decimal digit (Arabic-Indic ١, for one), and its `str` takes anything
but a slash, NUL bytes included, which PostgreSQL refuses. Either reached the
database and gave a 500. These converters match ASCII only, and a number no
bigger than a PostgreSQL integer, so anything else is simply no such page (404).

The nhsuk app registers them once, when Django starts (NHSUKConfig.ready):
registering a name twice, once per urls.py, is deprecated in Django 5.1 and an
error from 6.0. Any app's urls.py may then write

    path("vacancies/<reference:reference>/applications/<code:code>/", ...)
    path("<id:application_id>/references/<id:referee_id>/", ...)

with the names in CONVERTERS; never Django's own `int`, `str`, `slug` or `path`.
"""

from django.urls import register_converter
from django.urls.converters import get_converters

# The largest value of a PostgreSQL integer (and of Django's AutoField).
MAX_ID = 2_147_483_647


class IdConverter:
    """A row's id: ASCII digits, 1 to 2147483647 ("0" and "007" are no ids).
    The character class is spelt out, and (?a) is not needed: [0-9] is a range
    of ASCII code points, unlike \\d."""

    regex = "[1-9][0-9]{0,9}"

    def to_python(self, value):
        number = int(value)
        if number > MAX_ID:
            # A ValueError here makes the resolver try the next pattern, then 404.
            raise ValueError(f"{value} is too big for an id")
        return number

    def to_url(self, value):
        return str(int(value))


class ReferenceConverter:
    """An NHS Jobs vacancy reference: employer code, year, sequence and an
    optional re-advert suffix, as in C9365-25-0249 and C9365-25-0249-2
    (vacancies.models.REFERENCE_VALIDATOR; a reference is at most 30 characters)."""

    regex = "[A-Z][0-9]{3,5}-[0-9]{2}-[0-9]{4}(?:-[0-9]{1,9})?"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return str(value)


class OdsCodeConverter:
    """A trust's code in the NHS Organisation Data Service, such as RWP or RJ2:
    ASCII letters and digits, at most 10 (organisations.Organisation.ods_code)."""

    regex = "[A-Za-z0-9]{1,10}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return str(value)


class ApplicantCodeConverter:
    """An application's anonymous code as panels see it: A and at least four
    ASCII digits, as in A0007 (candidates.Application.anonymous_code)."""

    regex = "A[0-9]{4,10}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return str(value)


class WordConverter:
    """A lowercase ASCII word, such as a sitemap section's name."""

    regex = "[a-z]{1,30}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return str(value)


class EmailKeyConverter:
    """The key of a kind of e-mail to candidates, "<app>.<name>" in lowercase
    ASCII letters and underscores, as in shortlisting.not_shortlisted
    (organisations.emails.CandidateEmail.key)."""

    regex = "[a-z][a-z_]{0,29}\\.[a-z][a-z_]{0,59}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return str(value)


CONVERTERS = {
    "id": IdConverter,
    "reference": ReferenceConverter,
    "ods": OdsCodeConverter,
    "code": ApplicantCodeConverter,
    "word": WordConverter,
    "emailkey": EmailKeyConverter,
}


def register():
    registered = get_converters()
    for name, converter in CONVERTERS.items():
        if name not in registered:
            register_converter(converter, name)
