from functools import wraps

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .models import is_staff_member


def staff_member_required(view):
    """For /manage/ pages: sign in first; then only members of a trust's staff
    (organisations.Membership) get in. Anyone else, candidates included, gets 404,
    as if the staff pages did not exist.

    With settings.STAFF_REQUIRE_2FA on, a member of staff without an
    authenticator app is sent to set one up first, and then comes back here."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_staff_member(request.user):
            raise Http404
        if settings.STAFF_REQUIRE_2FA and not is_mfa_enabled(request.user, [Authenticator.Type.TOTP]):
            messages.info(
                request,
                _("Your trust requires two-factor authentication for staff pages. Set it up to continue."),
            )
            return redirect(f"{reverse('mfa_activate_totp')}?{urlencode({'next': request.get_full_path()})}")
        return view(request, *args, **kwargs)

    return wrapper
