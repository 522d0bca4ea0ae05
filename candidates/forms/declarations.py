"""Declarations: the criminal record questions and relationships to staff,
adjustments for interview, and the guaranteed interview schemes."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from nhsuk.layout import Field, Fieldset

from ..models import Adjustments, Declarations, GuaranteedInterview
from .base import SectionForm, clean_text, yes_no_field


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
