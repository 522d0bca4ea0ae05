"""One form per page of the application. Forms validate and normalise; views save.

Section forms end with "Have you completed this section?". Answering "No, I'll
come back to it later" saves whatever is there, checking only that each answer
given is valid; answering "Yes" requires every answer the section needs.
"""

import re
import unicodedata

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from vacancies.layout import Field, Fieldset, Submit
from vacancies.widgets import NHSDateField

from .models import (
    Adjustments,
    Declarations,
    Employment,
    EmploymentHistory,
    EqualityMonitoring,
    GuaranteedInterview,
    PersonalDetails,
    Qualification,
    Referee,
    RightToWork,
    SupportingInformation,
    uncovered_periods,
)

YES_NO = [(True, _("Yes")), (False, _("No"))]
# The NHS.UK button ignores a second click within a second: no job added twice.
NO_DOUBLE_CLICK = {"data-prevent-double-click": "true"}
_UK_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")
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
            match = _UK_POSTCODE.match(postcode)
            if match:
                cleaned_data["postcode"] = f"{match.group(1)} {match.group(2)}"
            else:
                self.add_error("postcode", _("Enter a full UK postcode, like WR5 1DD"))
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


class EmploymentForm(forms.ModelForm):
    """A job in the employment history. Always complete: a job is added whole."""

    started_on = NHSDateField(
        label=_("When did you start this job?"),
        help_text=_("For example, 1 9 2021. If you do not know the day, enter 1"),
        error_messages={"required": _("Enter the date you started this job")},
    )
    ended_on = NHSDateField(
        label=_("When did you leave this job?"),
        help_text=_("Leave this empty if it is your current job"),
        required=False,
    )

    class Meta:
        model = Employment
        fields = ["employer", "job_title", "started_on", "is_current", "ended_on", "reason_for_leaving", "duties"]
        labels = {
            "employer": _("Employer"),
            "job_title": _("Job title"),
            "is_current": _("This is my current job"),
            "reason_for_leaving": _("Why did you leave?"),
            "duties": _("Main duties (optional)"),
        }
        help_texts = {"reason_for_leaving": _("Not needed for your current job")}
        error_messages = {
            "employer": {
                "required": _("Enter the name of the employer"),
                "max_length": _("Employer must be 200 characters or fewer"),
            },
            "job_title": {
                "required": _("Enter your job title"),
                "max_length": _("Job title must be 200 characters or fewer"),
            },
            "reason_for_leaving": {"max_length": _("Reason for leaving must be 500 characters or fewer")},
        }
        widgets = {"reason_for_leaving": forms.Textarea(attrs={"rows": 3}), "duties": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duties"].validators.append(
            MaxLengthValidator(2000, _("Main duties must be 2,000 characters or fewer"))
        )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "employer", "job_title", "started_on", "is_current", "ended_on", "reason_for_leaving", "duties"
        )
        self.helper.add_input(Submit(_("Save job"), **NO_DOUBLE_CLICK))

    def clean_employer(self):
        return clean_text(self.cleaned_data["employer"])

    def clean_job_title(self):
        return clean_text(self.cleaned_data["job_title"])

    def clean_started_on(self):
        started_on = self.cleaned_data["started_on"]
        date_in_past_or_today(started_on, _("The date you started must be today or in the past"))
        return started_on

    def clean_ended_on(self):
        ended_on = self.cleaned_data["ended_on"]
        date_in_past_or_today(ended_on, _("The date you left must be today or in the past"))
        return ended_on

    def clean(self):
        cleaned_data = super().clean()
        started_on, ended_on = cleaned_data.get("started_on"), cleaned_data.get("ended_on")
        is_current = cleaned_data.get("is_current")
        cleaned_data["reason_for_leaving"] = clean_text(cleaned_data.get("reason_for_leaving"))
        cleaned_data["duties"] = clean_text(cleaned_data.get("duties"))
        if is_current and ended_on:
            self.add_error("ended_on", _("Leave the date you left empty if this is your current job"))
        if not is_current and "ended_on" in cleaned_data and not ended_on:
            self.add_error("ended_on", _("Enter the date you left this job, or tick that it is your current job"))
        if not is_current and not cleaned_data["reason_for_leaving"]:
            self.add_error("reason_for_leaving", _("Enter why you left this job"))
        if started_on and ended_on and ended_on < started_on:
            self.add_error("ended_on", _("The date you left must be the same as or after the date you started"))
        return cleaned_data


class EmploymentHistoryForm(SectionForm):
    """The end of the employment history: gaps explained, and complete or not."""

    class Meta:
        model = EmploymentHistory
        fields = ["gaps_explanation"]
        labels = {"gaps_explanation": _("Tell us what you were doing during the gaps in your employment")}
        help_texts = {
            "gaps_explanation": _(
                "For example, studying, caring for someone, travelling or looking for work. "
                "Gaps of more than 3 months in the last 3 years must be explained."
            )
        }
        widgets = {"gaps_explanation": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, gaps=(), **kwargs):
        self.gaps = gaps
        super().__init__(*args, **kwargs)
        self.fields["gaps_explanation"].validators.append(
            MaxLengthValidator(2000, _("Your explanation must be 2,000 characters or fewer"))
        )

    def layout(self):
        return ["gaps_explanation"] if self.gaps or self.instance.gaps_explanation else []

    def clean_gaps_explanation(self):
        return clean_text(self.cleaned_data["gaps_explanation"])

    def clean(self):
        cleaned_data = super().clean()
        if self.completing and self.gaps and not cleaned_data.get("gaps_explanation"):
            self.add_error("gaps_explanation", _("Explain the gaps in your employment history"))
        return cleaned_data


class QualificationForm(forms.ModelForm):
    class Meta:
        model = Qualification
        fields = ["title", "institution", "grade", "year_awarded"]
        labels = {
            "title": _("Qualification"),
            "institution": _("School, college, university or awarding body"),
            "grade": _("Grade or result (optional)"),
            "year_awarded": _("Year awarded"),
        }
        help_texts = {
            "title": _("For example, BSc (Hons) Adult Nursing or GCSE English"),
            "year_awarded": _("For example, 2019"),
        }
        error_messages = {
            "title": {
                "required": _("Enter the name of the qualification"),
                "max_length": _("Qualification must be 200 characters or fewer"),
            },
            "institution": {
                "required": _("Enter where you studied or who awarded it"),
                "max_length": _("School, college, university or awarding body must be 200 characters or fewer"),
            },
            "grade": {"max_length": _("Grade must be 100 characters or fewer")},
            "year_awarded": {
                "required": _("Enter the year the qualification was awarded"),
                "invalid": _("Year awarded must be a year, like 2019"),
                "min_value": _("Year awarded must be 1940 or later"),
                "max_value": _("Year awarded must be this year or earlier"),
            },
        }
        widgets = {"year_awarded": forms.TextInput(attrs={"inputmode": "numeric", "class": "nhsuk-input--width-4"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit(_("Save qualification"), **NO_DOUBLE_CLICK))

    def clean_title(self):
        return clean_text(self.cleaned_data["title"])

    def clean_institution(self):
        return clean_text(self.cleaned_data["institution"])

    def clean_grade(self):
        return clean_text(self.cleaned_data["grade"])

    def clean_year_awarded(self):
        year = self.cleaned_data["year_awarded"]
        if year and year > today().year:
            raise forms.ValidationError(_("Year awarded must be this year or earlier"), code="future")
        return year


class SupportingInformationForm(SectionForm):
    required_when_complete = {"text": _("Enter your supporting information")}

    class Meta:
        model = SupportingInformation
        fields = ["text"]
        labels = {"text": _("Supporting information")}
        widgets = {"text": WordCountTextarea(attrs={"rows": 15, "class": "nhsuk-js-character-count"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = SupportingInformation.WORD_LIMIT
        self.fields["text"].word_limit = limit  # for candidates/includes/word_count_field.html
        self.fields["text"].help_text = _(
            "Say how your skills, knowledge and experience meet the criteria the panel will assess "
            "from your application."
        )
        self.fields["text"].validators.append(
            MaxLengthValidator(
                SupportingInformation.MAX_CHARACTERS,
                _("Supporting information must be {limit:,} characters or fewer").format(
                    limit=SupportingInformation.MAX_CHARACTERS
                ),
            )
        )

    def layout(self):
        return [Field("text", label_size="m", template="candidates/includes/word_count_field.html")]

    def clean_text(self):
        text = clean_text(self.cleaned_data["text"])
        words = word_count(text)
        if words > SupportingInformation.WORD_LIMIT:
            raise forms.ValidationError(
                _("Supporting information must be {limit:,} words or fewer. You have {words:,} words").format(
                    limit=SupportingInformation.WORD_LIMIT, words=words
                ),
                code="too_many_words",
            )
        return text


class RefereeForm(forms.ModelForm):
    known_from = NHSDateField(
        label=_("Since when have they known you?"),
        help_text=_("For example, 1 9 2021. If you do not know the day, enter 1"),
        error_messages={"required": _("Enter the date they have known you since")},
    )
    known_to = NHSDateField(
        label=_("Until when did they know you in this role?"),
        help_text=_("Leave this empty if they still do"),
        required=False,
    )

    class Meta:
        model = Referee
        fields = ["name", "job_title", "organisation", "email", "phone", "relationship", "known_from", "known_to"]
        labels = {
            "name": _("Full name"),
            "job_title": _("Job title"),
            "organisation": _("Organisation"),
            "email": _("Email address"),
            "phone": _("Telephone number"),
            "relationship": _("How do they know you?"),
        }
        help_texts = {"relationship": _("For example, my line manager at the Royal Infirmary")}
        error_messages = {
            "name": {
                "required": _("Enter your referee's full name"),
                "max_length": _("Full name must be 200 characters or fewer"),
            },
            "job_title": {
                "required": _("Enter your referee's job title"),
                "max_length": _("Job title must be 200 characters or fewer"),
            },
            "organisation": {
                "required": _("Enter your referee's organisation"),
                "max_length": _("Organisation must be 200 characters or fewer"),
            },
            "email": {
                "required": _("Enter your referee's email address"),
                "invalid": _("Enter an email address in the correct format, like name@example.com"),
            },
            "phone": {
                "required": _("Enter your referee's telephone number"),
                "max_length": _("Telephone number must be 30 characters or fewer"),
            },
            "relationship": {
                "required": _("Enter how your referee knows you"),
                "max_length": _("How they know you must be 200 characters or fewer"),
            },
        }
        widgets = {
            "email": forms.EmailInput(attrs={"spellcheck": "false"}),
            "phone": forms.TextInput(attrs={"type": "tel", "class": "nhsuk-input--width-20"}),
        }

    def __init__(self, *args, candidate_email="", **kwargs):
        self.candidate_email = candidate_email.lower()
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit(_("Save referee"), **NO_DOUBLE_CLICK))

    def clean_name(self):
        return clean_text(self.cleaned_data["name"])

    def clean_job_title(self):
        return clean_text(self.cleaned_data["job_title"])

    def clean_organisation(self):
        return clean_text(self.cleaned_data["organisation"])

    def clean_relationship(self):
        return clean_text(self.cleaned_data["relationship"])

    def clean_email(self):
        email = self.cleaned_data["email"]
        if email.lower() == self.candidate_email:
            raise forms.ValidationError(_("Enter your referee's email address, not your own"), code="own_email")
        return email

    def clean_phone(self):
        return clean_phone(self.cleaned_data["phone"])

    def clean_known_from(self):
        known_from = self.cleaned_data["known_from"]
        date_in_past_or_today(known_from, _("The date they have known you since must be today or in the past"))
        return known_from

    def clean_known_to(self):
        known_to = self.cleaned_data["known_to"]
        date_in_past_or_today(known_to, _("The date they knew you until must be today or in the past"))
        return known_to

    def clean(self):
        cleaned_data = super().clean()
        known_from, known_to = cleaned_data.get("known_from"), cleaned_data.get("known_to")
        if known_from and known_to and known_to < known_from:
            self.add_error("known_to", _("The date they knew you until must be the same as or after the date since"))
        return cleaned_data


class RefereesForm(ListSectionForm):
    """The end of the references section: at least two referees who between
    them have known the candidate throughout the last three years."""

    MINIMUM = 2

    def __init__(self, *args, referees=(), **kwargs):
        self.referees = list(referees)
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned_data = super().clean()
        if not self.completing or not cleaned_data.get("section_complete"):
            return cleaned_data
        if len(self.referees) < self.MINIMUM:
            self.add_error(
                "section_complete",
                _("Add at least 2 referees before you complete this section. You have added %(count)s")
                % {"count": len(self.referees)},
            )
            return cleaned_data
        gaps = uncovered_periods([(r.known_from, r.known_to) for r in self.referees], today=today())
        for first, last in gaps:
            self.add_error(
                "section_complete",
                _(
                    "Your referees must cover the last 3 years. "
                    "Add a referee who knew you between %(first)s and %(last)s"
                )
                % {"first": date_format(first, "j F Y"), "last": date_format(last, "j F Y")},
            )
        return cleaned_data


class DeclarationsForm(SectionForm):
    """The criminal record questions the vacancy's DBS level allows (see
    Declarations), then relationships to staff."""

    required_when_complete = {
        "has_unspent_convictions": _("Select yes if you have any unspent convictions"),
        "has_unfiltered_spent_convictions": _(
            "Select yes if you have any spent convictions or cautions that are not protected"
        ),
        "is_barred": _("Select yes if you are on a children's or adults' barred list"),
        "is_related_to_staff": _("Select yes if you are related to anyone who works for this trust"),
    }

    has_unspent_convictions = yes_no_field(
        _("Do you have any unspent convictions?"),
        required_message=_("Select yes if you have any unspent convictions"),
        help_text=_("Under the Rehabilitation of Offenders Act 1974. Spent convictions need not be declared here."),
    )
    has_unfiltered_spent_convictions = yes_no_field(
        _("Do you have any spent convictions, cautions, reprimands or final warnings that are not protected?"),
        required_message=_("Select yes if you have any spent convictions or cautions that are not protected"),
        help_text=_(
            "This job needs a standard or enhanced DBS check. Protected (filtered) convictions and cautions "
            "are removed from DBS certificates and you need not tell us about them."
        ),
    )
    is_barred = yes_no_field(
        _("Are you barred from working with children or adults?"),
        required_message=_("Select yes if you are on a children's or adults' barred list"),
        help_text=_("The Disclosure and Barring Service's children's or adults' barred lists"),
    )
    is_related_to_staff = yes_no_field(
        _("Are you related to, or in a close relationship with, anyone who works for this trust?"),
        required_message=_("Select yes if you are related to anyone who works for this trust"),
        help_text=_("Including anyone on the interview panel. Saying yes will not count against you."),
    )

    class Meta:
        model = Declarations
        fields = [
            "has_unspent_convictions", "has_unfiltered_spent_convictions", "is_barred", "criminal_record_details",
            "is_related_to_staff", "relationship_details",
        ]
        labels = {
            "criminal_record_details": _("If you answered yes, give details"),
            "relationship_details": _("If you answered yes, who are they and how are you related?"),
        }
        help_texts = {
            "criminal_record_details": _("The offence, the date and the sentence or outcome"),
        }
        widgets = {
            "criminal_record_details": forms.Textarea(attrs={"rows": 4}),
            "relationship_details": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.dbs_level = self.application.vacancy.dbs_level
        self.questions = Declarations.questions_for(self.dbs_level)
        for name in ("has_unspent_convictions", "has_unfiltered_spent_convictions", "is_barred"):
            if name not in self.questions:
                del self.fields[name]
        for name in ("criminal_record_details", "relationship_details"):
            self.fields[name].validators.append(
                MaxLengthValidator(2000, _("Details must be 2,000 characters or fewer"))
            )
        self.build_layout()

    def layout(self):
        if not hasattr(self, "questions"):
            return []
        return [
            Fieldset(
                _("Criminal record"),
                *[Field(name, label_size="s") for name in self.questions],
                "criminal_record_details",
                legend_size="m",
            ),
            Fieldset(
                _("Relationships to staff"),
                Field("is_related_to_staff", label_size="s"),
                "relationship_details",
                legend_size="m",
            ),
        ]

    def clean(self):
        cleaned_data = super().clean()
        for name in ("criminal_record_details", "relationship_details"):
            cleaned_data[name] = clean_text(cleaned_data.get(name))
        answers = [cleaned_data.get(name) for name in self.questions]
        if any(answers):
            self.require(cleaned_data, "criminal_record_details", _("Give details of your criminal record"))
        elif all(answer is False for answer in answers):
            cleaned_data["criminal_record_details"] = ""
        if cleaned_data.get("is_related_to_staff"):
            self.require(cleaned_data, "relationship_details", _("Say who you are related to and how"))
        elif cleaned_data.get("is_related_to_staff") is False:
            cleaned_data["relationship_details"] = ""
        return cleaned_data

    def save(self, commit=True):
        self.instance.dbs_level = self.dbs_level
        # Questions this DBS level may not ask are never kept.
        for name in ("has_unspent_convictions", "has_unfiltered_spent_convictions", "is_barred"):
            if name not in self.questions:
                setattr(self.instance, name, None)
        return super().save(commit)


class AdjustmentsForm(SectionForm):
    required_when_complete = {
        "needs_adjustments": _("Select yes if you need any adjustments for your interview"),
    }

    needs_adjustments = yes_no_field(
        _("Do you need any adjustments for your interview?"),
        required_message=_("Select yes if you need any adjustments for your interview"),
        help_text=_(
            "For example, an accessible room, extra time, a sign language interpreter or the questions in advance."
        ),
    )

    class Meta:
        model = Adjustments
        fields = ["needs_adjustments", "details"]
        labels = {"details": _("If you answered yes, what adjustments do you need?")}
        widgets = {"details": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["details"].validators.append(
            MaxLengthValidator(2000, _("Adjustments must be 2,000 characters or fewer"))
        )

    def layout(self):
        return [Field("needs_adjustments", label_size="m"), "details"]

    def clean(self):
        cleaned_data = super().clean()
        cleaned_data["details"] = clean_text(cleaned_data.get("details"))
        if cleaned_data.get("needs_adjustments"):
            self.require(cleaned_data, "details", _("Say what adjustments you need"))
        elif cleaned_data.get("needs_adjustments") is False:
            cleaned_data["details"] = ""
        return cleaned_data


GROUNDS = [
    ("is_disabled", _("I consider myself to have a disability")),
    ("is_bame", _("I am from a Black, Asian or minority ethnic background")),
    ("is_lgbt", _("I am lesbian, gay, bisexual or trans (LGBT+)")),
]


class GuaranteedInterviewForm(SectionForm):
    """Only the schemes the vacancy offers, and for each who may ask:
    Disability Confident for disabled candidates; the expanded scheme also for
    BAME and LGBT+ candidates."""

    required_when_complete = {
        "requested": _("Select yes if you want to apply under the guaranteed interview scheme"),
    }

    requested = yes_no_field(
        _("Do you want to apply under the guaranteed interview scheme?"),
        required_message=_("Select yes if you want to apply under the guaranteed interview scheme"),
    )
    scheme = forms.ChoiceField(
        label=_("Which scheme?"), widget=forms.RadioSelect, required=False,
        error_messages={"required": _("Select the scheme you want to apply under")},
    )
    grounds = forms.MultipleChoiceField(
        label=_("Which of these apply to you?"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Select all that apply"),
    )

    class Meta:
        model = GuaranteedInterview
        fields = ["requested", "scheme"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.schemes = GuaranteedInterview.schemes_offered(self.application.vacancy)
        self.fields["requested"].help_text = _(
            "You will be offered an interview if you meet the essential criteria of the person specification."
        )
        if len(self.schemes) == 1:
            scheme = self.schemes[0]
            del self.fields["scheme"]
            self.fields["requested"].label = _("Do you want to apply under the %(scheme)s scheme?") % {
                "scheme": scheme.label
            }
        else:
            self.fields["scheme"].choices = [(scheme.value, scheme.label) for scheme in self.schemes]
        allowed = {"is_disabled"}
        if GuaranteedInterview.Scheme.EXPANDED in self.schemes:
            allowed = {"is_disabled", "is_bame", "is_lgbt"}
        self.fields["grounds"].choices = [(name, label) for name, label in GROUNDS if name in allowed]
        self.fields["grounds"].label = _("If you answered yes, which of these apply to you?")
        self.initial.setdefault("grounds", [name for name, _label in GROUNDS if getattr(self.instance, name)])
        self.build_layout()

    def layout(self):
        return [Field("requested", label_size="m"), *(["scheme"] if "scheme" in self.fields else []), "grounds"]

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("requested"):
            cleaned_data["scheme"], cleaned_data["grounds"] = "", []
            return cleaned_data
        if "scheme" not in self.fields:
            cleaned_data["scheme"] = self.schemes[0]
        self.require(cleaned_data, "scheme", _("Select the scheme you want to apply under"))
        scheme, grounds = cleaned_data.get("scheme"), cleaned_data.get("grounds") or []
        self.require(cleaned_data, "grounds", _("Select which of these apply to you"))
        if scheme == GuaranteedInterview.Scheme.DISABILITY_CONFIDENT and grounds and "is_disabled" not in grounds:
            self.add_error("grounds", _("The Disability Confident scheme is for disabled candidates only"))
        return cleaned_data

    def save(self, commit=True):
        grounds = self.cleaned_data.get("grounds") or []
        self.instance.scheme = self.cleaned_data.get("scheme") or ""
        for name, _label in GROUNDS:
            setattr(self.instance, name, name in grounds)
        return super().save(commit)


class EqualityMonitoringForm(SectionForm):
    """Optional as a whole; when the candidate completes it, every question
    needs an answer, and each has "Prefer not to say"."""

    required_when_complete = {
        "age_band": _("Select your age group, or prefer not to say"),
        "sex": _("Select your sex, or prefer not to say"),
        "gender_same_as_birth": _(
            "Select whether your gender is the same as the sex you were registered at birth, or prefer not to say"
        ),
        "sexual_orientation": _("Select your sexual orientation, or prefer not to say"),
        "ethnicity": _("Select your ethnic group, or prefer not to say"),
        "disability": _("Select whether you consider yourself to have a disability, or prefer not to say"),
        "religion": _("Select your religion or belief, or prefer not to say"),
        "marital_status": _("Select your marital or civil partnership status, or prefer not to say"),
        "pregnancy": _(
            "Select whether you are pregnant or have given birth in the last 26 weeks, or prefer not to say"
        ),
    }

    class Meta:
        model = EqualityMonitoring
        fields = [
            "age_band", "sex", "gender_same_as_birth", "sexual_orientation", "ethnicity", "disability", "religion",
            "marital_status", "pregnancy",
        ]
        labels = {
            "age_band": _("What is your age group?"),
            "sex": _("What is your sex?"),
            "gender_same_as_birth": _("Is the gender you identify with the same as your sex registered at birth?"),
            "sexual_orientation": _("Which of these best describes your sexual orientation?"),
            "ethnicity": _("What is your ethnic group?"),
            "disability": _("Do you consider yourself to have a disability as defined by the Equality Act 2010?"),
            "religion": _("What is your religion or belief?"),
            "marital_status": _("What is your marital or civil partnership status?"),
            "pregnancy": _("Are you pregnant, or have you given birth in the last 26 weeks?"),
        }
        widgets = {
            "age_band": forms.RadioSelect,
            "sex": forms.RadioSelect,
            "gender_same_as_birth": forms.RadioSelect,
            "sexual_orientation": forms.RadioSelect,
            "disability": forms.RadioSelect,
            "religion": forms.RadioSelect,
            "marital_status": forms.RadioSelect,
            "pregnancy": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name == "section_complete":
                continue
            model_field = EqualityMonitoring._meta.get_field(name)
            if isinstance(field.widget, forms.RadioSelect):
                field.choices = model_field.choices  # no blank "---------" radio
            else:
                field.choices = [("", _("Select your ethnic group")), *model_field.choices]

    def layout(self):
        return [Field(name, label_size="s") for name in self.Meta.fields]


class SubmitForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I confirm that the information I have given is true and complete"),
        help_text=_(
            "Giving false information, or leaving out something relevant, may mean your application is rejected "
            "or any offer withdrawn."
        ),
        error_messages={"required": _("Confirm that the information you have given is true and complete")},
    )

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_action = action
        self.helper.add_input(Submit(_("Submit application"), **NO_DOUBLE_CLICK))


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you withdrawing? (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Your reason must be 500 characters or fewer")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit(_("Withdraw application"), warning=True))

    def clean_reason(self):
        return clean_text(self.cleaned_data["reason"])
