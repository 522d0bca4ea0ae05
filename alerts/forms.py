from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Frequency, JobAlert


class AlertForm(forms.Form):
    """Save a search as an alert: how often, and for a visitor the address."""

    frequency = forms.ChoiceField(
        label=_("How often do you want to get emails?"),
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how often you want to get emails")},
    )

    def __init__(self, *args, visitor=False, **kwargs):
        super().__init__(*args, **kwargs)
        if visitor:
            self.fields["email"] = forms.EmailField(
                label=_("Email address"),
                help_text=_("We will send you an email to confirm it"),
                max_length=254,
                error_messages={
                    "required": _("Enter your email address"),
                    "invalid": _("Enter an email address in the correct format, like name@example.com"),
                },
            )
            self.order_fields(["email", "frequency"])


class AlertChangeForm(forms.ModelForm):
    class Meta:
        model = JobAlert
        fields = ["name", "frequency"]
        widgets = {"frequency": forms.RadioSelect}
        error_messages = {
            "name": {"required": _("Enter a name for the alert")},
            "frequency": {"required": _("Select how often you want to get emails")},
        }

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())
