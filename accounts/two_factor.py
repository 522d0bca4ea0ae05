"""The rule for two-factor authentication on pages for staff: the staff pages
under /manage/ (organisations.decorators.staff_member_required) and the Django
admin (accounts.admin) both ask here, so they always agree.

With settings.STAFF_REQUIRE_2FA on, a person who may see those pages must
1. have an authenticator app (TOTP) set up: if not, they are sent to set one up;
2. have used it in this session, as allauth's sign-in asks after the password:
   if not (signed in before they set it up, say), they are asked for a code.
Either way they come back to the page they asked for.
"""

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode


def used_authenticator_app(request):
    """Whether the signed-in user gave a code from their authenticator app in
    this session: at sign-in, when asked again, or when setting it up."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def two_factor_redirect(request, *, why):
    """None if the signed-in user may go on; otherwise where to send them
    first, with `why` as a message the first time. The caller has already
    checked that the user may see the page at all."""
    if not settings.STAFF_REQUIRE_2FA:
        return None
    next_query = urlencode({"next": request.get_full_path()})
    if not is_mfa_enabled(request.user, [Authenticator.Type.TOTP]):
        messages.info(request, why)
        return redirect(f"{reverse('mfa_activate_totp')}?{next_query}")
    if not used_authenticator_app(request):
        return redirect(f"{reverse('mfa_reauthenticate')}?{next_query}")
    return None
