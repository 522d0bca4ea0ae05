"""Equality monitoring: optional, and never shown to staff case by case."""

from django import forms
from django.utils.translation import gettext_lazy as _

from nhsuk.layout import Field

from ..models import EqualityMonitoring
from .base import SectionForm


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
