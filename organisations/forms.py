"""Forms for a trust's own settings."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from nhsuk.layout import Field

from .emails import template_errors


class EmailTemplateForm(forms.Form):
    """A trust's wording of one e-mail to candidates: subject and body with the
    ((placeholders)) the e-mail fills in, and, for an e-mail that may be
    switched off, whether the trust sends it."""

    subject = forms.CharField(
        label=_("Subject"),
        max_length=200,
        # A subject is one line; strip=False so a line break is refused, not trimmed away.
        strip=False,
        error_messages={
            "required": _("Enter a subject"),
            "max_length": _("The subject must be 200 characters or fewer"),
        },
    )
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 16}),
        max_length=10000,
        error_messages={
            "required": _("Enter the message"),
            "max_length": _("The message must be 10,000 characters or fewer"),
        },
    )
    enabled = forms.BooleanField(label=_("Send this email"), required=False)

    def __init__(self, *args, email, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email
        fields = [Field("subject", css_class="nhsuk-u-width-full"), Field("body", css_class="nhsuk-u-width-full")]
        if email.can_switch_off:
            self.fields["enabled"].help_text = _("Untick this to stop sending this email to your candidates")
            fields.append("enabled")
        else:
            del self.fields["enabled"]
        # The page writes the <form> and its two buttons: save, and preview
        # (formaction), which needs no JavaScript.
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(*fields)

    def clean_subject(self):
        subject = self.cleaned_data["subject"]
        if "\n" in subject or "\r" in subject:
            raise forms.ValidationError(_("The subject must be one line"))
        subject = subject.strip()
        if not subject:
            raise forms.ValidationError(_("Enter a subject"))
        return self._placeholders_checked(subject)

    def clean_body(self):
        return self._placeholders_checked(self.cleaned_data["body"].replace("\r\n", "\n"))

    def _placeholders_checked(self, text):
        errors = template_errors(text, self.email.all_placeholders)
        if errors:
            raise forms.ValidationError(errors)
        return text

    @property
    def sends(self):
        return self.cleaned_data.get("enabled", True) if self.email.can_switch_off else True
