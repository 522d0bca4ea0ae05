"""Your experience: jobs and the gaps between them, qualifications, supporting
information, and referees."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from nhsuk.layout import Field, Submit
from nhsuk.widgets import NHSDateField

from ..models import Employment, EmploymentHistory, Qualification, Referee, SupportingInformation, uncovered_periods
from .base import (
    NO_DOUBLE_CLICK,
    ListSectionForm,
    SectionForm,
    WordCountTextarea,
    clean_phone,
    clean_text,
    date_in_past_or_today,
    today,
    word_count,
)


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
