"""How the service writes what people read outside a form: times in the NHS.UK
style, and links that must work away from the page (e-mails, feeds, sitemaps,
structured data)."""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _


def nhs_time(value):
    """A time as the NHS.UK content style guide writes it: 9am, 11:59pm, with
    "midday" and "midnight" rather than 12pm and 12am, which people misread.
    An aware datetime is read in the service's time zone (Europe/London)."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.time()
    if value.minute == 0 and value.hour == 0:
        return _("midnight")
    if value.minute == 0 and value.hour == 12:
        return _("midday")
    hour = value.hour % 12 or 12
    minutes = f":{value.minute:02d}" if value.minute else ""
    return f"{hour}{minutes}{'am' if value.hour < 12 else 'pm'}"


def nhs_datetime(value):
    """A moment as the NHS.UK style writes it: 5 March 2026 at 9am, read in the
    service's time zone."""
    local = timezone.localtime(value)
    return _("%(date)s at %(time)s") % {"date": f"{local.day} {local:%B %Y}", "time": nhs_time(local)}


def public_url(path):
    """An absolute link on the service's public address, settings.SITE_URL.

    Never built from the request: its Host header is whatever the client sent,
    and a link in an e-mail or a sitemap must not point wherever that says."""
    return settings.SITE_URL.rstrip("/") + path
