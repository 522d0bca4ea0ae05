"""About you: personal details, and the right to work in the UK."""

from django import forms
from django.utils.translation import gettext_lazy as _

from nhsuk.layout import Field, Fieldset
from nhsuk.postcodes import INVALID_MESSAGE as INVALID_POSTCODE, normalise_postcode
from nhsuk.widgets import NHSDateField

from ..models import PersonalDetails, RightToWork
from .base import SectionForm, clean_phone, clean_text, today, yes_no_field


class PersonalDetailsForm(SectionForm):
    required_when_complete = {
        "first_name": _("Enter your first name"),
        "last_name": _("Enter your last name"),
        "email": _("Enter your email address"),
        "phone": _("Enter your telephone number"),
        "address_line_1": _("Enter the first line of your address"),
        "town": _("Enter your town or city"),
        "country": _("Enter your country"),
    }

    class Meta:
        model = PersonalDetails
        fields = [
            "first_name", "last_name", "email", "phone", "address_line_1", "address_line_2", "town", "postcode",
            "country",
        ]
        labels = {
            "first_name": _("First name"),
            "last_name": _("Last name"),
            "email": _("Email address"),
            "phone": _("Telephone number"),
            "address_line_1": _("Address line 1"),
            "address_line_2": _("Address line 2 (optional)"),
            "town": _("Town or city"),
            "postcode": _("Postcode"),
            "country": _("Country"),
        }
        help_texts = {
            "email": _("We will use this to contact you about this application"),
            "phone": _("For international numbers include the country code"),
            "postcode": _("Not needed outside the UK"),
        }
        error_messages = {
            "first_name": {"max_length": _("First name must be 100 characters or fewer")},
            "last_name": {"max_length": _("Last name must be 100 characters or fewer")},
            "email": {"invalid": _("Enter an email address in the correct format, like name@example.com")},
            "phone": {"max_length": _("Telephone number must be 30 characters or fewer")},
            "address_line_1": {"max_length": _("Address line 1 must be 200 characters or fewer")},
            "address_line_2": {"max_length": _("Address line 2 must be 200 characters or fewer")},
            "town": {"max_length": _("Town or city must be 100 characters or fewer")},
            "postcode": {"max_length": _("Enter a real postcode")},
            "country": {"max_length": _("Country must be 100 characters or fewer")},
        }
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name", "spellcheck": "false"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name", "spellcheck": "false"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel", "class": "nhsuk-input--width-20"}),
            "address_line_1": forms.TextInput(attrs={"autocomplete": "address-line1"}),
            "address_line_2": forms.TextInput(attrs={"autocomplete": "address-line2"}),
            "town": forms.TextInput(attrs={"autocomplete": "address-level2", "class": "nhsuk-u-width-two-thirds"}),
            "postcode": forms.TextInput(attrs={"autocomplete": "postal-code", "class": "nhsuk-input--width-10"}),
            "country": forms.TextInput(attrs={"autocomplete": "country-name", "class": "nhsuk-u-width-two-thirds"}),
        }

    def layout(self):
        return [
            Fieldset(_("Your name"), "first_name", "last_name", legend_size="m"),
            Fieldset(_("How we contact you"), "email", "phone", legend_size="m"),
            Fieldset(
                _("Your address"), "address_line_1", "address_line_2", "town", "postcode", "country", legend_size="m"
            ),
        ]

    def clean_first_name(self):
        return clean_text(self.cleaned_data["first_name"])

    def clean_last_name(self):
        return clean_text(self.cleaned_data["last_name"])

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        return clean_phone(phone) if phone else ""

    def clean_postcode(self):
        return clean_text(self.cleaned_data["postcode"]).upper()

    def clean(self):
        cleaned_data = super().clean()
        country = (cleaned_data.get("country") or "").strip().lower()
        in_uk = country in ("united kingdom", "uk", "england", "scotland", "wales", "northern ireland", "great britain")
        postcode = cleaned_data.get("postcode") or ""
        if in_uk:
            self.require(cleaned_data, "postcode", _("Enter your postcode"))
        if in_uk and postcode:
            normalised = normalise_postcode(postcode)
            if normalised:
                cleaned_data["postcode"] = normalised
            else:
                self.add_error("postcode", INVALID_POSTCODE)
        for name in ("address_line_1", "address_line_2", "town", "country"):
            if name in cleaned_data:
                cleaned_data[name] = clean_text(cleaned_data[name])
        return cleaned_data


class RightToWorkForm(SectionForm):
    required_when_complete = {
        "status": _("Select whether you have the right to work in the UK"),
        "needs_sponsorship": _("Select yes if you will need a Skilled Worker visa sponsored by us"),
    }

    needs_sponsorship = yes_no_field(
        _("Will you need us to sponsor a Skilled Worker visa for you, now or in the future?"),
        required_message=_("Select yes if you will need a Skilled Worker visa sponsored by us"),
    )
    visa_expires_on = NHSDateField(
        label=_("When does your visa end? (if you have a visa)"),
        help_text=_("For example, 31 8 2027"),
        required=False,
    )

    class Meta:
        model = RightToWork
        fields = ["status", "visa_type", "visa_expires_on", "needs_sponsorship"]
        labels = {
            "status": _("Do you have the right to work in the UK?"),
            "visa_type": _("What type of visa do you have? (if you have a visa)"),
        }
        help_texts = {"visa_type": _("For example, Skilled Worker, Graduate or Health and Care Worker visa")}
        widgets = {"status": forms.RadioSelect}
        error_messages = {"visa_type": {"max_length": _("Visa type must be 200 characters or fewer")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = RightToWork.Status.choices

    def layout(self):
        return [
            Field("status", label_size="m"),
            "visa_type",
            "visa_expires_on",
            Field("needs_sponsorship", label_size="m"),
        ]

    def clean_visa_type(self):
        return clean_text(self.cleaned_data["visa_type"])

    def clean(self):
        cleaned_data = super().clean()
        status = cleaned_data.get("status")
        if status == RightToWork.Status.VISA:
            self.require(cleaned_data, "visa_type", _("Enter the type of visa you have"))
            self.require(cleaned_data, "visa_expires_on", _("Enter the date your visa ends"))
            expires = cleaned_data.get("visa_expires_on")
            if expires and expires < today():
                self.add_error("visa_expires_on", _("The date your visa ends must be today or in the future"))
        elif status:
            # The visa questions are for visa holders only: drop any answers left from before.
            cleaned_data["visa_type"] = ""
            cleaned_data["visa_expires_on"] = None
        needs = cleaned_data.get("needs_sponsorship")
        if status in (RightToWork.Status.BRITISH_OR_IRISH, RightToWork.Status.SETTLED) and needs:
            self.add_error(
                "needs_sponsorship",
                _("Select no: British and Irish citizens and people with settled status do not need sponsorship"),
            )
        if status == RightToWork.Status.NONE and needs is False:
            self.add_error(
                "needs_sponsorship", _("Select yes: without the right to work in the UK you will need sponsorship")
            )
        return cleaned_data
