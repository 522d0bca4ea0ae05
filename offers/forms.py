"""Forms of the offer pages: they validate and normalise; the views save
through offers.services and offers.references, whose refusals come back to
the fields."""

import re

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from candidates.forms.base import YES_NO, clean_text, yes_no_field
from nhsuk.widgets import NHSDateField
from vacancies.models import ContractType

from .models import Check, Document

TEXT = {"rows": 3}


class OfferForm(forms.Form):
    salary = forms.DecimalField(
        label=_("Salary, in pounds a year (full time)"), max_digits=9, decimal_places=2, min_value=0,
        help_text=_("The pay point in the vacancy's band, for example 31049"),
        error_messages={"required": _("Enter the salary"), "invalid": _("Enter the salary as a number, like 31049"),
                        "min_value": _("Enter a salary of 0 or more"),
                        "max_digits": _("Enter a salary under £10,000,000"),
                        "max_decimal_places": _("Enter the salary in pounds and pence at most")},
    )
    outside_band_reason = forms.CharField(
        label=_("Reason for a salary outside the band (if it is)"), required=False,
        widget=forms.Textarea(attrs=TEXT),
    )
    hours_per_week = forms.DecimalField(
        label=_("Hours a week"), max_digits=4, decimal_places=1, min_value=1, max_value=48,
        error_messages={"required": _("Enter the hours a week"),
                        "invalid": _("Enter the hours a week as a number, like 37.5"),
                        "min_value": _("Enter between 1 and 48 hours a week"),
                        "max_value": _("Enter between 1 and 48 hours a week"),
                        "max_digits": _("Enter between 1 and 48 hours a week"),
                        "max_decimal_places": _("Enter the hours to one decimal place, like 37.5")},
    )
    contract_type = forms.ChoiceField(
        label=_("Contract"), choices=ContractType.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Choose the contract")},
    )
    base_site = forms.ModelChoiceField(
        label=_("Base site"), queryset=None, empty_label=None,
        error_messages={"required": _("Choose the base site"),
                        "invalid_choice": _("Choose one of the vacancy's sites")},
    )
    proposed_start_date = NHSDateField(label=_("Proposed start date"), help_text=_("For example, 15 3 2027"))

    def __init__(self, *args, vacancy, **kwargs):
        kwargs.setdefault("initial", {
            "salary": vacancy.salary_from, "hours_per_week": vacancy.hours_per_week,
            "contract_type": vacancy.contract_type,
        })
        super().__init__(*args, **kwargs)
        self.fields["base_site"].queryset = vacancy.sites.order_by("name")
        self.fields["proposed_start_date"].error_messages["required"] = _("Enter the proposed start date")

    def clean_outside_band_reason(self):
        return clean_text(self.cleaned_data["outside_band_reason"])

    def clean_proposed_start_date(self):
        date = self.cleaned_data["proposed_start_date"]
        if date and date < timezone.localdate():
            raise forms.ValidationError(_("The proposed start date must be today or later"))
        return date


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you declining? (optional)"), required=False, max_length=2000,
        widget=forms.Textarea(attrs=TEXT), help_text=_("This helps the trust, and is not shared with anyone else."),
    )

    def clean_reason(self):
        return clean_text(self.cleaned_data["reason"])


class ReferenceRequestForm(forms.Form):
    referees = forms.TypedMultipleChoiceField(
        label=_("Referees to ask"), coerce=int, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one referee")},
    )

    def __init__(self, *args, referees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referees"].choices = [
            (referee.pk, f"{referee.name}, {referee.job_title}, {referee.organisation} ({referee.email})")
            for referee in referees
        ]
        self.fields["referees"].initial = [referee.pk for referee in referees]


class ReferenceForm(forms.Form):
    """The referee's structured reference."""

    employed_from = NHSDateField(label=_("Employed from"), help_text=_("For example, 1 9 2021"))
    employed_to = NHSDateField(
        label=_("Employed until (leave empty if still employed)"), required=False,
        help_text=_("For example, 31 8 2024"),
    )
    role = forms.CharField(label=_("Their job title"), max_length=200,
                           error_messages={"required": _("Enter their job title")})
    sickness_absence_days = forms.IntegerField(
        label=_("Days of sickness absence in the last 2 years"), min_value=0, max_value=730,
        error_messages={"required": _("Enter the days of sickness absence, or 0"),
                        "invalid": _("Enter the days as a whole number"),
                        "min_value": _("Enter between 0 and 730 days"),
                        "max_value": _("Enter between 0 and 730 days")},
    )
    disciplinary = yes_no_field(
        _("Have they been subject to any disciplinary action, current or past?"),
        required_message=_("Say whether they have been subject to disciplinary action"),
    )
    disciplinary_details = forms.CharField(
        label=_("Details of the disciplinary action (if any)"), required=False, widget=forms.Textarea(attrs=TEXT),
    )
    would_reemploy = yes_no_field(
        _("Would you employ them again?"), required_message=_("Say whether you would employ them again"),
    )
    comments = forms.CharField(
        label=_("Anything else about their suitability for the job (optional)"), required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employed_from"].error_messages["required"] = _("Enter the date their employment started")
        self.fields["disciplinary"].choices = YES_NO

    def clean(self):
        data = super().clean()
        for field in ("disciplinary", "would_reemploy"):
            if data.get(field) is None and field not in self.errors:
                self.add_error(field, self.fields[field].error_messages["required"])
        start, end = data.get("employed_from"), data.get("employed_to")
        if start and end and end < start:
            self.add_error("employed_to", _("The end date must be on or after the start date"))
        if data.get("disciplinary") and not data.get("disciplinary_details"):
            self.add_error("disciplinary_details", _("Give the details of the disciplinary action"))
        for field in ("role", "disciplinary_details", "comments"):
            if field in data:
                data[field] = clean_text(data[field])
        return data


class ReviewForm(forms.Form):
    decision = forms.TypedChoiceField(
        label=_("Do you accept this reference?"), widget=forms.RadioSelect, coerce=lambda value: value == "accept",
        choices=[("accept", _("Accept the reference")), ("reject", _("Reject the reference"))],
        error_messages={"required": _("Choose whether you accept the reference")},
    )
    note = forms.CharField(label=_("Note (optional)"), required=False, widget=forms.Textarea(attrs=TEXT))

    def clean_note(self):
        return clean_text(self.cleaned_data["note"])


class CheckForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), widget=forms.RadioSelect,
        choices=[choice for choice in Check.Status.choices if choice[0] != Check.Status.NOT_REQUIRED],
        error_messages={"required": _("Choose the status of the check")},
    )
    note = forms.CharField(label=_("Note (optional)"), required=False, widget=forms.Textarea(attrs=TEXT))

    def clean_note(self):
        return clean_text(self.cleaned_data["note"])


class UnconditionalForm(forms.Form):
    start_date = NHSDateField(label=_("Start date"), help_text=_("For example, 15 3 2027"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start_date"].error_messages["required"] = _("Enter the start date")

    def clean_start_date(self):
        date = self.cleaned_data["start_date"]
        if date and date < timezone.localdate():
            raise forms.ValidationError(_("The start date must be today or later"))
        return date


SHARE_CODE = re.compile(r"^[A-Z0-9]{9}$")


class ShareCodeForm(forms.Form):
    share_code = forms.CharField(
        label=_("Your share code"), max_length=20, help_text=_("9 letters and numbers, for example W12 3AB 45C"),
        error_messages={"required": _("Enter your share code")},
    )

    def clean_share_code(self):
        code = re.sub(r"[\s-]", "", self.cleaned_data["share_code"]).upper()
        if not SHARE_CODE.match(code):
            raise forms.ValidationError(_("Enter a share code of 9 letters and numbers, like W12 3AB 45C"))
        return code


# What each type's file starts with. The browser's content type and the
# file's name say nothing reliable: an HTML or SVG page named .pdf is refused.
MAGIC = [
    (b"%PDF-", Document.ContentType.PDF),
    (b"\xff\xd8\xff", Document.ContentType.JPEG),
    (b"\x89PNG\r\n\x1a\n", Document.ContentType.PNG),
]


def sniff(upload):
    """The content type of an upload by its first bytes, or None."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for magic, content_type in MAGIC:
        if head.startswith(magic):
            return content_type
    return None


class DocumentForm(forms.Form):
    file = forms.FileField(
        label=_("Upload a document"), help_text=_("A PDF, JPEG or PNG file"),
        error_messages={"required": _("Choose a file to upload"), "empty": _("The file you chose is empty")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = filesizeformat(settings.DOCUMENT_MAX_BYTES)
        self.fields["file"].help_text = _("A PDF, JPEG or PNG file, up to %(limit)s") % {"limit": limit}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.DOCUMENT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file must be smaller than %(limit)s") % {"limit": filesizeformat(settings.DOCUMENT_MAX_BYTES)}
            )
        self.content_type = sniff(upload)
        if self.content_type is None:
            raise forms.ValidationError(
                _("The file must be a PDF, JPEG or PNG. This file is not one of those, whatever its name.")
            )
        return upload
