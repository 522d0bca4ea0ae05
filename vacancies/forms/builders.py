"""The builders' forms: one responsibility section, one criterion of the person
specification, and continuing from the person specification."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from nhsuk.layout import Field

from ..models import Criterion, ResponsibilitySection
from .common import FORMATTING_HINT, form_helper


class ResponsibilitySectionForm(forms.ModelForm):
    heading = forms.CharField(
        label=_("Heading"),
        max_length=200,
        help_text=_("For example, Financial management"),
        error_messages={"required": _("Enter a heading"), "max_length": _("Heading must be 200 characters or fewer")},
    )
    body = forms.CharField(
        label=_("Responsibilities"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=FORMATTING_HINT,
        error_messages={"required": _("Enter the responsibilities under this heading")},
    )

    class Meta:
        model = ResponsibilitySection
        fields = ["heading", "body"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(Field("heading", css_class="nhsuk-u-width-two-thirds"), "body", submit=_("Save section"))


ESSENTIAL_CHOICES = [("essential", _("Essential")), ("desirable", _("Desirable"))]
ASSESSMENT_CHOICES = [
    ("assessed_at_application", _("Application")),
    ("assessed_at_interview", _("Interview")),
    ("assessed_by_test", _("Test")),
]


class CriterionForm(forms.ModelForm):
    category = forms.ChoiceField(
        label=_("Category"),
        choices=Criterion.Category.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select a category")},
    )
    heading = forms.CharField(
        label=_("Heading (optional)"),
        max_length=100,
        required=False,
        help_text=_("Only if the advert uses its own heading for this group, for example Working with others"),
        error_messages={"max_length": _("Heading must be 100 characters or fewer")},
    )
    text = forms.CharField(
        label=_("Criterion"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example, Registered nurse on the NMC register"),
        error_messages={"required": _("Enter the criterion")},
    )
    importance = forms.ChoiceField(
        label=_("Is it essential or desirable?"),
        choices=ESSENTIAL_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether the criterion is essential or desirable")},
    )
    assessed_by = forms.MultipleChoiceField(
        label=_("How is it assessed?"),
        choices=ASSESSMENT_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Select all that apply"),
        error_messages={"required": _("Select how the criterion is assessed")},
    )

    class Meta:
        model = Criterion
        fields = ["category", "heading", "text"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("importance", "essential" if self.instance.is_essential else "desirable")
            self.initial.setdefault(
                "assessed_by", [name for name, _label in ASSESSMENT_CHOICES if getattr(self.instance, name)]
            )
        self.helper = form_helper(
            "category",
            Field("heading", css_class="nhsuk-u-width-two-thirds"),
            "text",
            Field("importance", inline=True),
            Field("assessed_by", inline=True),
            submit=_("Save criterion"),
        )

    def save(self, commit=True):
        self.instance.is_essential = self.cleaned_data["importance"] == "essential"
        for name, _label in ASSESSMENT_CHOICES:
            setattr(self.instance, name, name in self.cleaned_data["assessed_by"])
        return super().save(commit)


class PersonSpecificationForm(forms.Form):
    """Continuing from the builder: a vacancy cannot be assessed fairly
    without at least one essential criterion."""

    def __init__(self, *args, vacancy, **kwargs):
        super().__init__(*args, **kwargs)
        self.vacancy = vacancy

    def clean(self):
        if not self.vacancy.criteria.filter(is_essential=True).exists():
            raise ValidationError(_("Add at least one essential criterion"))
        return super().clean()
