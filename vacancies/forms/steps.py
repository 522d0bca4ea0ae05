"""One form per step of writing a vacancy, and the question of which trust a
new vacancy is for."""

from decimal import Decimal

from crispy_forms.layout import HTML
from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy as _

from nhsuk.layout import Field, Fieldset
from nhsuk.widgets import NHSDateField
from organisations.models import Organisation, Site

from ..models import (
    AdvertisingScope,
    Band,
    ContractType,
    DBSLevel,
    PayBandRate,
    PayScheme,
    SalaryPeriod,
    StaffGroup,
    Vacancy,
    WorkingPattern,
    _money,
)
from .common import (
    FORMATTING_HINT,
    MoneyField,
    SiteMultipleChoiceField,
    StaffChoiceField,
    StaffMultipleChoiceField,
    TimeOfDayField,
    form_helper,
    local_datetime,
    split_local,
)

# Creating a vacancy ------------------------------------------------------------


class TrustChoiceForm(forms.Form):
    """Recruiters of several trusts say which one the vacancy is for."""

    organisation = forms.ModelChoiceField(
        label=_("Which trust is the vacancy for?"),
        queryset=Organisation.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Select the trust the vacancy is for")},
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.helper = form_helper(Field("organisation", is_page_heading=True), submit=_("Continue"))


# The steps of a vacancy ----------------------------------------------------------


class VacancyDetailsForm(forms.ModelForm):
    title = forms.CharField(
        label=_("Job title"),
        max_length=200,
        error_messages={
            "required": _("Enter the job title"),
            "max_length": _("Job title must be 200 characters or fewer"),
        },
    )
    directorate = forms.CharField(
        label=_("Directorate or specialty (optional)"),
        required=False,
        max_length=200,
        help_text=_("For example, Emergency Department"),
        error_messages={"max_length": _("Directorate or specialty must be 200 characters or fewer")},
    )
    staff_group = forms.ChoiceField(
        label=_("Staff group"),
        choices=StaffGroup.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select a staff group")},
    )
    advertising_scope = forms.ChoiceField(
        label=_("Who can see and apply for the vacancy?"),
        choices=AdvertisingScope.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who can see and apply for the vacancy")},
    )
    restricted_to = forms.ModelMultipleChoiceField(
        label=_("Which other trusts' staff can apply?"),
        help_text=_("Only for restricted vacancies. Select all that apply."),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    hiring_manager = StaffChoiceField(
        label=_("Hiring manager (optional)"),
        help_text=_("They can see the vacancy and its applications"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("Select the hiring manager"),
        error_messages={"invalid_choice": _("Select a hiring manager from the list")},
    )

    class Meta:
        model = Vacancy
        fields = ["title", "directorate", "staff_group", "advertising_scope", "restricted_to", "hiring_manager"]

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["restricted_to"].queryset = Organisation.objects.exclude(pk=organisation.pk)
        self.fields["hiring_manager"].queryset = organisation.staff()
        self.helper = form_helper(
            Field("title", css_class="nhsuk-u-width-two-thirds"),
            Field("directorate", css_class="nhsuk-u-width-two-thirds"),
            "staff_group",
            "advertising_scope",
            "restricted_to",
            "hiring_manager",
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("advertising_scope") == AdvertisingScope.RESTRICTED:
            if not cleaned.get("restricted_to"):
                self.add_error("restricted_to", _("Select the trusts whose staff can apply"))
        else:
            cleaned["restricted_to"] = Organisation.objects.none()
        return cleaned

    def vacancy_fields(self):
        """The answers as Vacancy fields, for services.create_vacancy."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name != "restricted_to"}


PERIOD_CHOICES = [(value, capfirst(label)) for value, label in SalaryPeriod.choices]


class VacancyPayForm(forms.ModelForm):
    pay_scheme = forms.ChoiceField(
        label=_("Pay scheme"),
        choices=PayScheme.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select a pay scheme")},
    )
    band = forms.ChoiceField(
        label=_("Agenda for Change band"),
        choices=[("", _("Select a band"))] + Band.choices,
        required=False,
        help_text=_("Only for Agenda for Change posts"),
    )
    salary_from = MoneyField(
        label=_("Salary from"),
        required=False,
        min_value=0,
        max_digits=9,
        decimal_places=2,
        error_messages={
            "invalid": _("Salary from must be an amount in pounds, like 31,049"),
            "min_value": _("Salary from must be £0 or more"),
            "max_digits": _("Salary from must be less than £10,000,000"),
            "max_whole_digits": _("Salary from must be less than £10,000,000"),
            "max_decimal_places": _("Salary from can only include pounds and pence"),
        },
    )
    salary_to = MoneyField(
        label=_("Salary to"),
        required=False,
        min_value=0,
        max_digits=9,
        decimal_places=2,
        help_text=_("Leave empty for a single figure"),
        error_messages={
            "invalid": _("Salary to must be an amount in pounds, like 37,796"),
            "min_value": _("Salary to must be £0 or more"),
            "max_digits": _("Salary to must be less than £10,000,000"),
            "max_whole_digits": _("Salary to must be less than £10,000,000"),
            "max_decimal_places": _("Salary to can only include pounds and pence"),
        },
    )
    salary_period = forms.ChoiceField(
        label=_("The salary is paid"),
        choices=PERIOD_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how the salary is paid")},
    )
    salary_outside_band = forms.BooleanField(
        label=_("The salary is outside the band on purpose"),
        help_text=_("For example, it includes a high cost area supplement"),
        required=False,
    )
    salary_text = forms.CharField(
        label=_("Salary text (optional)"),
        required=False,
        max_length=200,
        help_text=_("Shown after the figures, or instead of them. For example, Depending on experience"),
        error_messages={"max_length": _("Salary text must be 200 characters or fewer")},
    )
    contract_type = forms.ChoiceField(
        label=_("Contract"),
        choices=ContractType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the type of contract")},
    )
    contract_length = forms.CharField(
        label=_("Contract length"),
        required=False,
        max_length=100,
        help_text=_("For fixed term contracts and secondments. For example, 12 months"),
        error_messages={"max_length": _("Contract length must be 100 characters or fewer")},
    )
    working_patterns = forms.MultipleChoiceField(
        label=_("Working patterns"),
        choices=WorkingPattern.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Select all that apply"),
        error_messages={"required": _("Select at least one working pattern")},
    )
    hours_per_week = forms.DecimalField(
        label=_("Hours per week (optional)"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        min_value=Decimal("0.5"),
        max_value=Decimal("99.5"),
        max_digits=4,
        decimal_places=1,
        help_text=_("For example, 37.5"),
        error_messages={
            "invalid": _("Hours per week must be a number, like 37.5"),
            "min_value": _("Hours per week must be 0.5 or more"),
            "max_value": _("Hours per week must be less than 100"),
            "max_digits": _("Hours per week must be less than 100"),
            "max_whole_digits": _("Hours per week must be less than 100"),
            "max_decimal_places": _("Hours per week can have only one decimal place, like 37.5"),
        },
    )

    class Meta:
        model = Vacancy
        fields = [
            "pay_scheme", "band", "salary_from", "salary_to", "salary_period", "salary_text",
            "contract_type", "contract_length", "hours_per_week",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("working_patterns", [pattern.value for pattern in self.instance.working_patterns])
        # The current pay year's bands, for the hint and the table under the form.
        self.band_rates = list(PayBandRate.objects.filter(pay_year=_latest_pay_year()).order_by("band"))
        band = self.data.get("band") if self.is_bound else self.instance.band
        rate = next((rate for rate in self.band_rates if rate.band == band), None)
        if rate:
            self.fields["salary_from"].help_text = _(
                "%(band)s in %(year)s: %(entry)s to %(top)s a year, full time. In pounds, for example 31,049"
            ) % {"band": rate.get_band_display(), "year": rate.pay_year, "entry": _money(rate.entry_salary),
                 "top": _money(rate.top_salary)}
        else:
            self.fields["salary_from"].help_text = _("In pounds, for example 31,049")
        money = "nhsuk-input--width-10"
        self.helper = form_helper(
            "pay_scheme",
            Field("band", css_class="nhsuk-u-width-one-third"),
            Fieldset(
                _("Salary"),
                Field("salary_from", css_class=money),
                Field("salary_to", css_class=money),
                "salary_period",
                "salary_outside_band",
                Field("salary_text", css_class="nhsuk-u-width-two-thirds"),
                legend_size="m",
            ),
            Fieldset(
                _("Contract and hours"),
                "contract_type",
                Field("contract_length", css_class="nhsuk-input--width-20"),
                "working_patterns",
                Field("hours_per_week", css_class="nhsuk-input--width-4"),
                legend_size="m",
            ),
        )

    def clean(self):
        cleaned = super().clean()
        scheme = cleaned.get("pay_scheme")
        band = cleaned.get("band")
        salary_from, salary_to = cleaned.get("salary_from"), cleaned.get("salary_to")
        if scheme == PayScheme.AGENDA_FOR_CHANGE and not band and "band" not in self.errors:
            self.add_error("band", _("Select a band for an Agenda for Change post"))
        if scheme and scheme != PayScheme.AGENDA_FOR_CHANGE:
            cleaned["band"] = ""  # Bands belong to Agenda for Change only.
        if salary_from is not None and salary_to is not None and salary_from > salary_to:
            self.add_error("salary_from", _("Salary from must be less than or equal to salary to"))
        elif (
            salary_from is None and salary_to is None and not cleaned.get("salary_text")
            and not {"salary_from", "salary_to", "salary_text"} & self.errors.keys()
        ):
            self.add_error("salary_from", _("Enter the salary, or describe it in the salary text"))
        elif not self.errors.keys() & {"salary_from", "salary_to"}:
            self._check_band(cleaned)
        if cleaned.get("contract_type") in (ContractType.FIXED_TERM, ContractType.SECONDMENT):
            if not cleaned.get("contract_length") and "contract_length" not in self.errors:
                self.add_error("contract_length", _("Enter the length of the contract, for example 12 months"))
        return cleaned

    def _check_band(self, cleaned):
        """Agenda for Change figures given for a full-time year must lie in the
        band's pay for this pay year. Hourly and pro rata figures are not
        comparable with the table, and a recruiter may tick that a figure is
        outside the band on purpose (a high cost area supplement in London)."""
        if cleaned.get("pay_scheme") != PayScheme.AGENDA_FOR_CHANGE or cleaned.get("salary_period") != SalaryPeriod.YEAR:
            return
        if cleaned.get("salary_outside_band"):
            return
        rate = next((rate for rate in self.band_rates if rate.band == cleaned.get("band")), None)
        figures = [amount for amount in (cleaned.get("salary_from"), cleaned.get("salary_to")) if amount is not None]
        if rate and figures and not rate.covers(min(figures), max(figures)):
            self.add_error(
                "salary_from",
                _(
                    "%(band)s pay in %(year)s is %(entry)s to %(top)s a year. Enter a salary within the band, "
                    "or tick the box to say the salary is outside the band on purpose"
                )
                % {"band": rate.get_band_display(), "year": rate.pay_year, "entry": _money(rate.entry_salary),
                   "top": _money(rate.top_salary)},
            )

    def save(self, commit=True):
        chosen = set(self.cleaned_data["working_patterns"])
        for pattern in WorkingPattern:
            setattr(self.instance, pattern.value, pattern.value in chosen)
        return super().save(commit)


def _latest_pay_year():
    return PayBandRate.objects.order_by("-pay_year").values("pay_year")[:1]


class VacancyLocationsForm(forms.ModelForm):
    sites = SiteMultipleChoiceField(
        label=_("Where will the person work?"),
        help_text=_("Select all that apply"),
        queryset=Site.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Select at least one job location")},
    )

    class Meta:
        model = Vacancy
        fields = ["sites"]

    def __init__(self, *args, add_site_url, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sites"].queryset = self.instance.organisation.sites.order_by("name")
        self.helper = form_helper(
            Field("sites", label_size="m"),
            # A link, not a button: the new site's page is a form of its own,
            # and it comes back here with the new site ticked.
            HTML(format_html('<p><a href="{}">{}</a></p>', add_site_url, gettext("Add a new site"))),
        )


class VacancyDescriptionForm(forms.ModelForm):
    job_summary = forms.CharField(
        label=_("Job summary"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=FORMATTING_HINT,
        max_length=2000,
        error_messages={
            "required": _("Enter the job summary"),
            "max_length": _("Job summary must be 2,000 characters or fewer"),
        },
    )
    main_duties = forms.CharField(
        label=_("Main duties of the job"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=FORMATTING_HINT,
        max_length=10000,
        error_messages={
            "required": _("Enter the main duties of the job"),
            "max_length": _("Main duties of the job must be 10,000 characters or fewer"),
        },
    )
    about_us = forms.CharField(
        label=_("Working for our organisation (optional)"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_("What this post or team offers, beyond the trust's own description"),
        max_length=5000,
        error_messages={"max_length": _("Working for our organisation must be 5,000 characters or fewer")},
    )
    additional_information = forms.CharField(
        label=_("Additional information (optional)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=5000,
        error_messages={"max_length": _("Additional information must be 5,000 characters or fewer")},
    )
    applicant_requirements = forms.CharField(
        label=_("Applicant requirements (optional)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("For example, the checks or registration the post needs"),
        max_length=2000,
        error_messages={"max_length": _("Applicant requirements must be 2,000 characters or fewer")},
    )

    class Meta:
        model = Vacancy
        fields = ["job_summary", "main_duties", "about_us", "additional_information", "applicant_requirements"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(*self.Meta.fields)


class VacancyRecruitmentForm(forms.ModelForm):
    closing_date = NHSDateField(
        label=_("Closing date"),
        help_text=_("For example, 27 3 2026"),
        error_messages={"required": _("Enter the closing date")},
    )
    closing_time = TimeOfDayField(
        label=_("Closing time"),
        help_text=_("For example, 23:59 or 5pm"),
        error_messages={"required": _("Enter the closing time")},
    )
    may_close_early = forms.BooleanField(
        label=_("The vacancy may close early if it receives many applications"), required=False
    )
    application_cap = forms.IntegerField(
        label=_("Close after this many applications (optional)"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        min_value=1,
        help_text=_("The vacancy closes as soon as this many people have applied"),
        error_messages={
            "invalid": _("The number of applications must be a whole number, like 100"),
            "min_value": _("The number of applications must be 1 or more"),
        },
    )
    interview_date = NHSDateField(
        label=_("Interview date (optional)"),
        required=False,
        help_text=_("For example, 14 4 2026"),
    )
    send_not_shortlisted_emails = forms.BooleanField(
        label=_("Email candidates who are not shortlisted"),
        help_text=_("Untick this if the advert says you only contact the candidates you invite to interview"),
        required=False,
    )
    dbs_level = forms.ChoiceField(
        label=_("Which criminal record (DBS) check does the post need?"),
        choices=DBSLevel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the DBS check the post needs")},
    )
    sponsorship_offered = forms.BooleanField(label=_("Skilled Worker visa sponsorship is offered"), required=False)
    sponsorship_note = forms.CharField(
        label=_("About sponsorship (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=1000,
        error_messages={"max_length": _("About sponsorship must be 1,000 characters or fewer")},
    )
    offers_disability_confident = forms.BooleanField(
        label=_("Disability Confident"), help_text=_("For disabled candidates"), required=False
    )
    offers_expanded_guaranteed_interview = forms.BooleanField(
        label=_("Expanded guaranteed interview scheme"),
        help_text=_("For BAME, disabled and LGBT+ candidates"),
        required=False,
    )
    guaranteed_interview_note = forms.CharField(
        label=_("About the guaranteed interview schemes (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=1000,
        error_messages={"max_length": _("About the guaranteed interview schemes must be 1,000 characters or fewer")},
    )
    contact_name = forms.CharField(label=_("Name (optional)"), max_length=200, required=False)
    contact_job_title = forms.CharField(label=_("Job title (optional)"), max_length=200, required=False)
    contact_email = forms.EmailField(
        label=_("Email address (optional)"),
        required=False,
        error_messages={"invalid": _("Enter an email address in the correct format, like name@example.org")},
    )
    contact_phone = forms.CharField(
        label=_("Telephone number (optional)"),
        max_length=30,
        required=False,
        error_messages={"max_length": _("Telephone number must be 30 characters or fewer")},
    )
    panel_members = StaffMultipleChoiceField(
        label=_("Who is on the shortlisting panel?"),
        help_text=_("They can see the vacancy and score its applications. Select all that apply."),
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Vacancy
        fields = [
            "may_close_early", "application_cap", "interview_date", "send_not_shortlisted_emails", "dbs_level",
            "sponsorship_offered",
            "sponsorship_note", "offers_disability_confident", "offers_expanded_guaranteed_interview",
            "guaranteed_interview_note", "contact_name", "contact_job_title", "contact_email", "contact_phone",
            "panel_members",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        date, time = split_local(self.instance.closing_at)
        self.initial.setdefault("closing_date", date)
        self.initial.setdefault("closing_time", time)
        self.fields["panel_members"].queryset = self.instance.organisation.staff()
        self.helper = form_helper(
            Fieldset(
                _("Closing"),
                "closing_date",
                Field("closing_time", css_class="nhsuk-input--width-5"),
                "may_close_early",
                Field("application_cap", css_class="nhsuk-input--width-5"),
                legend_size="m",
            ),
            Fieldset(_("Interview"), "interview_date", "send_not_shortlisted_emails", legend_size="m"),
            Fieldset(_("Checks and sponsorship"), "dbs_level", "sponsorship_offered", "sponsorship_note", legend_size="m"),
            Fieldset(
                _("Guaranteed interview schemes offered"),
                HTML(
                    format_html(
                        '<div class="nhsuk-hint">{}</div>',
                        gettext(
                            "Candidates who meet the essential criteria and ask to be considered under a scheme "
                            "are guaranteed an interview. Select all that apply."
                        ),
                    )
                ),
                "offers_disability_confident",
                "offers_expanded_guaranteed_interview",
                "guaranteed_interview_note",
                legend_size="m",
            ),
            Fieldset(
                _("Contact for enquiries"),
                Field("contact_name", css_class="nhsuk-u-width-two-thirds", autocomplete="off"),
                Field("contact_job_title", css_class="nhsuk-u-width-two-thirds"),
                Field("contact_email", css_class="nhsuk-u-width-two-thirds", spellcheck="false", autocomplete="off"),
                Field("contact_phone", css_class="nhsuk-input--width-20", autocomplete="off"),
                legend_size="m",
            ),
            Field("panel_members", label_size="m"),
        )

    def clean(self):
        cleaned = super().clean()
        date, time = cleaned.get("closing_date"), cleaned.get("closing_time")
        if date and time:
            closing_at = local_datetime(date, time)
            if closing_at <= timezone.now():
                self.add_error("closing_date", _("The closing date must be in the future"))
            else:
                cleaned["closing_at"] = closing_at
                interview = cleaned.get("interview_date")
                if interview and interview <= date:
                    self.add_error("interview_date", _("The interview date must be after the closing date"))
        if cleaned.get("application_cap"):
            # A cap closes the vacancy early: candidates must be warned of it.
            cleaned["may_close_early"] = True
        return cleaned

    def save(self, commit=True):
        self.instance.closing_at = self.cleaned_data["closing_at"]
        return super().save(commit)
