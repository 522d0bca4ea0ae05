"""How django-allauth behaves here: where people land after signing in, and
its messages in plain English (settings.ACCOUNT_ADAPTER, settings.MFA_ADAPTER)."""

from urllib.parse import urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from nhsuk.formats import public_url

# Where staff land when they sign in without asking for a page: the /manage/
# dashboard, under this name once it exists.
STAFF_HOME_URL_NAME = "manage:dashboard"
STAFF_HOME_PATH = "/manage/"


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": _("Your email address or password is not correct"),
        "enter_current_password": _("Your current password is not correct"),
        "incorrect_password": _("Your password is not correct"),
        "invalid_password_reset": _("This link to reset your password has expired or has already been used"),
        "too_many_login_attempts": _(
            "You have tried to sign in too many times. Wait 5 minutes and try again, or reset your password."
        ),
        "unverified_primary_email": _("You need to confirm your email address first"),
        "same_as_current": _("Enter an email address that is different from your current one"),
        "rate_limited": _("You have tried this too many times. Wait a few minutes and try again."),
    }

    def send_mail(self, template_prefix, email, context):
        """Every link in allauth's e-mails on SITE_URL. allauth builds them from
        the request (confirm-email, reset, sign-up and reset-again links), whose
        Host header the client chooses: a forged one would send the reset key to
        someone else's server. The notifications' own reset link is added here."""
        context = {
            **context,
            **{name: on_public_site(value) for name, value in context.items() if name.endswith("_url") and value},
        }
        context.setdefault("reset_url", public_url(reverse("account_reset_password")))
        super().send_mail(template_prefix, email, context)

    def get_login_redirect_url(self, request):
        """Staff (members of a trust) go to their dashboard, candidates to the
        home page. A `next` page the person asked for comes first (allauth)."""
        if request.user.memberships.exists():
            try:
                return reverse(STAFF_HOME_URL_NAME)
            except NoReverseMatch:  # the dashboard is not built yet
                return STAFF_HOME_PATH
        return super().get_login_redirect_url(request)


def on_public_site(url):
    """The same path, query and fragment, on SITE_URL."""
    _scheme, _host, path, query, fragment = urlsplit(str(url))
    return public_url(urlunsplit(("", "", path, query, fragment)))


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": _("The code is not correct. Check it and try again."),
        "unverified_email": _("Confirm your email address before you set up two-factor authentication"),
    }
