"""Submitting the application, and withdrawing it."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from nhsuk.layout import Submit

from .base import NO_DOUBLE_CLICK, clean_text


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
