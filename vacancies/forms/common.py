"""What the staff forms share: the NHS.UK form layout, fields that read money
and times as people type them, and local dates and times."""

import datetime
import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Layout
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nhsuk.layout import Submit

FORMATTING_HINT = _("Leave a blank line between paragraphs. Start a line with * for a bullet point.")


def form_helper(*layout, submit=_("Save and continue")):
    helper = FormHelper()
    helper.layout = Layout(*layout, Submit(submit) if submit else HTML(""))
    return helper


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return f"{user.get_full_name()} ({user.email})" if user.full_name else user.email


class StaffMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user):
        return f"{user.get_full_name()} ({user.email})" if user.full_name else user.email


class SiteMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, site):
        return f"{site.name}, {site.town}, {site.postcode}"


class MoneyField(forms.DecimalField):
    """Pounds as people type them: 31049, 31,049 or £31,049.50. A text box, as
    the NHS.UK design system advises for numbers: type="number" refuses commas
    and changes the value when people scroll."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"})

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", "").removeprefix("£").strip()
        return super().to_python(value)


class TimeOfDayField(forms.TimeField):
    """A time typed as 17:30, 17.30, 5:30pm or 5pm (the NHS.UK content guide
    writes times as 5:30pm; people type either)."""

    default_error_messages = {"invalid": _("Enter a real time, for example 17:30 or 5:30pm")}
    input_formats = ["%H:%M", "%H.%M", "%I:%M%p", "%I.%M%p", "%I%p"]

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"\s+", "", value).upper().replace("NOON", "12:00PM").replace("MIDNIGHT", "12:00AM")
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, datetime.time):
            return value.strftime("%H:%M")
        return value


def local_datetime(date, time):
    """A date and wall-clock time in the service's time zone (Europe/London)."""
    return timezone.make_aware(datetime.datetime.combine(date, time))


def split_local(moment):
    if moment is None:
        return None, None
    local = timezone.localtime(moment)
    return local.date(), local.time().replace(second=0, microsecond=0)
