"""The NHS.UK date input: one question answered in three boxes, day, month and year.

In a form:

    date_of_birth = NHSDateField(label="Date of birth", widget=NHSDateInput(autocomplete="bday"))

The `nhsuk` crispy template pack draws it as the NHS.UK date input component in
a fieldset; the error messages follow the NHS.UK and GOV.UK date input pattern
(https://service-manual.nhs.uk/design-system/components/date-input).

Part of the nhsuk UI kit: any app's forms may use it.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_lazy as _

DATE_PARTS = ("day", "month", "year")

# The attribute the template pack passes to say which boxes to mark as wrong.
# The widget takes it out before anything is drawn.
ERROR_PARTS_ATTR = "nhsuk-error-parts"

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}


class NHSDateInput(forms.MultiWidget):
    """Three text boxes named <name>_day, <name>_month and <name>_year, with ids
    <id>_day and so on. `autocomplete="bday"` gives the boxes bday-day,
    bday-month and bday-year, so browsers can fill in a date of birth."""

    template_name = "nhsuk/widgets/date_input.html"
    part_labels = {"day": _("Day"), "month": _("Month"), "year": _("Year")}
    part_widths = {"day": 2, "month": 2, "year": 4}

    def __init__(self, attrs=None, autocomplete=None):
        self.autocomplete = autocomplete
        super().__init__({part: forms.TextInput for part in DATE_PARTS}, attrs)

    def decompress(self, value):
        if isinstance(value, str):
            try:
                value = datetime.date.fromisoformat(value)
            except ValueError:
                value = None
        if value:
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]

    def id_for_label(self, id_, part="day"):
        return f"{id_}_{part}" if id_ else ""

    def get_context(self, name, value, attrs):
        attrs = dict(attrs or {})
        error_parts = attrs.pop(ERROR_PARTS_ATTR, None)
        context = super().get_context(name, value, attrs)
        date_input = context["widget"]
        # Django marks a field with errors aria-invalid="true"; unless told which
        # boxes are wrong, mark all three.
        if error_parts is None:
            error_parts = DATE_PARTS if date_input["attrs"].get("aria-invalid") == "true" else ()
        id_ = date_input["attrs"].get("id")
        for part, box in zip(DATE_PARTS, date_input["subwidgets"], strict=True):
            box_attrs = box["attrs"]
            has_error = part in error_parts
            classes = ["nhsuk-input", "nhsuk-date-input__input", f"nhsuk-input--width-{self.part_widths[part]}"]
            if has_error:
                classes.append("nhsuk-input--error")
                box_attrs["aria-invalid"] = "true"
            else:
                box_attrs.pop("aria-invalid", None)
            classes += [c for c in box_attrs.get("class", "").split() if c not in classes]
            box_attrs["class"] = " ".join(classes)
            box_attrs["inputmode"] = "numeric"
            if id_:
                box_attrs["id"] = self.id_for_label(id_, part)
            if self.autocomplete:
                box_attrs["autocomplete"] = f"{self.autocomplete}-{part}"
            box["part"] = part
            box["label"] = self.part_labels[part]
            box["has_error"] = has_error
        return context

    def render(self, name, value, attrs=None, renderer=None):
        # Django's default form renderer searches only the apps and its own
        # folder; our template lives in the project's templates/ folder.
        return mark_safe(render_to_string(self.template_name, self.get_context(name, value, attrs)))


class NHSDateField(forms.Field):
    """A date typed as day, month and year. The month may be a number or a name
    ("3", "Mar", "March"). Errors say what to fix, in the pattern's words, and
    name the boxes to mark (ValidationError params["parts"])."""

    widget = NHSDateInput
    default_error_messages = {
        "required": _("Enter a date"),
        # %(missing)s is "day", "month", "year", or two of them joined with "and".
        "incomplete": _("The date must include a %(missing)s"),
        "invalid": _("Enter a real date"),
        "year_digits": _("Year must include 4 numbers"),
    }

    def to_python(self, value):
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if value in self.empty_values:
            return None
        given = dict(zip(DATE_PARTS, (str(part or "").strip() for part in value), strict=True))
        missing = [part for part in DATE_PARTS if not given[part]]
        if len(missing) == len(DATE_PARTS):
            return None
        if missing:
            raise ValidationError(
                self.error_messages["incomplete"],
                code="incomplete",
                params={"missing": _join_parts(missing), "parts": tuple(missing)},
            )

        day = _whole_number(given["day"])
        month = _whole_number(given["month"]) or MONTHS.get(given["month"].lower().rstrip("."))
        year = _whole_number(given["year"])
        not_numbers = tuple(part for part, number in zip(DATE_PARTS, (day, month, year), strict=True) if number is None)
        if not_numbers:
            raise ValidationError(self.error_messages["invalid"], code="invalid", params={"parts": not_numbers})
        if len(given["year"]) != 4:
            raise ValidationError(self.error_messages["year_digits"], code="year_digits", params={"parts": ("year",)})
        # Each part in its range before datetime.date sees it: a day of 2**31 or
        # more raises OverflowError there, not ValueError, and year 0 would
        # be blamed on the day.
        if not 1 <= month <= 12:
            raise ValidationError(self.error_messages["invalid"], code="invalid", params={"parts": ("month",)})
        if year < datetime.MINYEAR:
            raise ValidationError(self.error_messages["invalid"], code="invalid", params={"parts": ("year",)})
        if not 1 <= day <= 31:
            raise ValidationError(self.error_messages["invalid"], code="invalid", params={"parts": ("day",)})
        try:
            return datetime.date(year, month, day)
        except (ValueError, OverflowError):
            # The month and year are fine, so the day does not exist in that month (31 February).
            raise ValidationError(self.error_messages["invalid"], code="invalid", params={"parts": ("day",)}) from None


def _whole_number(text):
    return int(text) if text.isascii() and text.isdigit() else None


def _join_parts(parts):
    names = {"day": gettext("day"), "month": gettext("month"), "year": gettext("year")}
    if len(parts) == 1:
        return names[parts[0]]
    return gettext("%(first)s and %(second)s") % {"first": names[parts[0]], "second": names[parts[1]]}
