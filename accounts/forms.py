"""django-allauth's forms in our words (settings.ACCOUNT_FORMS, settings.MFA_FORMS),
and the form that confirms deleting an account.

allauth's fields come with placeholders instead of labels; the NHS.UK design
system uses a visible label for every field and no placeholders, so each form
here removes them and names its fields as the NHS.UK sign-in patterns do.
"""

from allauth.account import forms as account_forms
from allauth.account.adapter import get_adapter
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.totp import forms as totp_forms
from django import forms
from django.utils.translation import gettext_lazy as _

PASSWORD_HINT = _(
    "Your password must be at least 10 characters long. Do not use a password that is easy to guess, "
    "or only numbers."
)


class NHSFieldsMixin:
    """Relabel allauth's fields and drop its placeholders and hints.

    field_text maps a field name to (label, hint, message when left empty).
    """

    field_text: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs.pop("placeholder", None)
            if name not in self.field_text:
                continue
            label, hint, required = self.field_text[name]
            field.label = label
            field.help_text = hint
            if required:
                field.error_messages["required"] = required
            if isinstance(field, forms.EmailField):
                field.error_messages["invalid"] = _(
                    "Enter an email address in the correct format, like name@example.com"
                )
                # Addresses are not words: no spelling marks under them.
                field.widget.attrs["spellcheck"] = "false"


EMAIL_TEXT = (_("Email address"), "", _("Enter your email address"))


class LoginForm(NHSFieldsMixin, account_forms.LoginForm):
    field_text = {
        "login": EMAIL_TEXT,
        "password": (_("Password"), "", _("Enter your password")),
    }

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError as error:
            if error.code != "email_password_mismatch":
                raise
            # Shown at the email address, so the error summary links to a
            # field; which of the two was wrong is not said, on purpose.
            self.add_error("login", error)
            return self.cleaned_data


class SignupForm(NHSFieldsMixin, account_forms.SignupForm):
    field_text = {
        "email": (
            _("Email address"),
            _("We will send you a link to confirm it, and tell you about your applications here."),
            _("Enter your email address"),
        ),
        "password1": (_("Create a password"), PASSWORD_HINT, _("Create a password")),
        "password2": (_("Type your password again"), "", _("Type your password again")),
    }


class ResetPasswordForm(NHSFieldsMixin, account_forms.ResetPasswordForm):
    field_text = {"email": EMAIL_TEXT}


NEW_PASSWORD_TEXT = {
    "password1": (_("New password"), PASSWORD_HINT, _("Enter a new password")),
    "password2": (_("Type your new password again"), "", _("Type your new password again")),
}


class ResetPasswordKeyForm(NHSFieldsMixin, account_forms.ResetPasswordKeyForm):
    field_text = NEW_PASSWORD_TEXT


class ChangePasswordForm(NHSFieldsMixin, account_forms.ChangePasswordForm):
    field_text = {
        "oldpassword": (_("Current password"), "", _("Enter your current password")),
        **NEW_PASSWORD_TEXT,
    }


class SetPasswordForm(NHSFieldsMixin, account_forms.SetPasswordForm):
    field_text = NEW_PASSWORD_TEXT


class AddEmailForm(NHSFieldsMixin, account_forms.AddEmailForm):
    field_text = {
        "email": (
            _("New email address"),
            _("We will send a link to this address. Your address changes when you select the link."),
            _("Enter your new email address"),
        )
    }


class ReauthenticateForm(NHSFieldsMixin, account_forms.ReauthenticateForm):
    field_text = {"password": (_("Password"), "", _("Enter your password"))}


CODE_TEXT = (
    _("Security code"),
    _("The 6-digit code your authenticator app shows now, or one of your recovery codes"),
    _("Enter the security code"),
)


class CodeWidthMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(
            {"class": "nhsuk-input--width-10", "inputmode": "numeric", "spellcheck": "false"}
        )


class MFAAuthenticateForm(CodeWidthMixin, NHSFieldsMixin, mfa_forms.AuthenticateForm):
    field_text = {"code": CODE_TEXT}


class MFAReauthenticateForm(CodeWidthMixin, NHSFieldsMixin, mfa_forms.ReauthenticateForm):
    field_text = {"code": CODE_TEXT}


class ActivateTOTPForm(CodeWidthMixin, NHSFieldsMixin, totp_forms.ActivateTOTPForm):
    field_text = {
        "code": (
            _("Security code"),
            _("The 6-digit code your authenticator app shows for this account"),
            _("Enter the security code from your authenticator app"),
        )
    }


class DeleteAccountForm(forms.Form):
    """Deleting an account cannot be undone, so the person types their
    password again. (The view limits how often they can try.)"""

    password = forms.CharField(
        label=_("Enter your password to confirm"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your password")},
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise get_adapter().validation_error("incorrect_password")
        return password
