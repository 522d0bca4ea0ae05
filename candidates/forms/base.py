"""What every form of the application shares: yes or no questions, cleaning
typed text and telephone numbers, dates not in the future, the word-counting
textarea, and the "Have you completed this section?" that ends each section."""

import re
import unicodedata

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nhsuk.layout import Field, Submit

YES_NO = [(True, _("Yes")), (False, _("No"))]
# The NHS.UK button ignores a second click within a second: no job added twice.
NO_DOUBLE_CLICK = {"data-prevent-double-click": "true"}
_PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ()\-]+$")


def yes_no_field(label, *, required_message, help_text=""):
    """A yes or no question as NHS.UK radios, stored as True or False."""
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda value: value in (True, "True"),
        empty_value=None,
        widget=forms.RadioSelect,
        help_text=help_text,
        required=False,
        error_messages={"required": required_message},
    )


def clean_text(value):
    """Text as typed, in Unicode's composed form, without spaces around it.
    Markup is kept as typed and escaped wherever it is shown."""
    return unicodedata.normalize("NFC", value or "").strip()


def clean_phone(value):
    value = clean_text(value)
    digits = re.sub(r"\D", "", value)
    if not _PHONE_CHARACTERS.match(value) or not 10 <= len(digits) <= 15:
        raise forms.ValidationError(
            _("Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"), code="invalid"
        )
    return value


def word_count(text):
    return len(text.split())


def today():
    return timezone.localdate()


def date_in_past_or_today(value, message):
    if value and value > today():
        raise forms.ValidationError(message, code="future")


class WordCountTextarea(forms.Textarea):
    """A textarea for the NHS.UK character count in its word-counting mode:
    described first by its count message, as the component expects."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        info_id = f"{widget_attrs['id']}-info"
        described = [part for part in widget_attrs.get("aria-describedby", "").split() if part != info_id]
        widget_attrs["aria-describedby"] = " ".join([info_id, *described])
        return context


class SectionFormMixin:
    """A section of the application: its answers, then "Have you completed this section?".

    Subclasses list `required_when_complete`: {field name: error message}, and
    check conditional answers in clean() with self.require(), which asks for
    them only when the candidate says the section is complete.
    """

    required_when_complete = {}

    def __init__(self, *args, application, completed=None, **kwargs):
        self.application = application
        super().__init__(*args, **kwargs)
        self.fields["section_complete"] = forms.TypedChoiceField(
            label=_("Have you completed this section?"),
            choices=[(True, _("Yes, I've completed this section")), (False, _("No, I'll come back to it later"))],
            coerce=lambda value: value in (True, "True"),
            empty_value=None,
            widget=forms.RadioSelect,
            initial=completed,
            error_messages={"required": _("Select whether you have completed this section")},
        )
        # Unanswered counts as "Yes": every required answer is checked too.
        self.completing = not self.is_bound or self.data.get(self.add_prefix("section_complete")) != "False"
        for name, field in self.fields.items():
            if isinstance(field, forms.ChoiceField):
                field.error_messages["invalid_choice"] = _("Select one of the options")
            if name == "section_complete":
                continue
            if name in self.required_when_complete:
                field.error_messages["required"] = self.required_when_complete[name]
                field.required = self.completing
            else:
                field.required = False
        self.helper = FormHelper()
        self.helper.add_input(Submit(_("Save and continue"), **NO_DOUBLE_CLICK))
        self.build_layout()

    def build_layout(self):
        """Lay the form out again; call it after adding or removing fields."""
        self.helper.layout = Layout(*self.layout(), Field("section_complete", label_size="m"))

    def layout(self):
        return [name for name in self.fields if name != "section_complete"]

    def require(self, cleaned_data, name, message):
        """A conditional answer needed to complete the section."""
        if self.completing and name in self.fields and cleaned_data.get(name) in (None, "", []):
            if name not in self.errors:
                self.add_error(name, message)


class SectionForm(SectionFormMixin, forms.ModelForm):
    """A section whose answers are one row (PersonalDetails, Declarations...)."""


class ListSectionForm(SectionFormMixin, forms.Form):
    """The end of a section of rows (qualifications, referees): complete or not."""
