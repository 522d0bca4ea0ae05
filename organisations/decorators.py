from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.two_factor import two_factor_redirect

from .models import is_staff_member


def staff_member_required(view):
    """For /manage/ pages: sign in first; then only members of a trust's staff
    (organisations.Membership) get in. Anyone else, candidates included, gets 404,
    as if the staff pages did not exist.

    With settings.STAFF_REQUIRE_2FA on, a member of staff without an
    authenticator app is sent to set one up first, one who has not used it in
    this session is asked for a code, and then comes back here
    (accounts.two_factor, the same rule as the admin's)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_staff_member(request.user):
            raise Http404
        two_factor_first = two_factor_redirect(
            request, why=_("Your trust requires two-factor authentication for staff pages. Set it up to continue.")
        )
        if two_factor_first:
            return two_factor_first
        return view(request, *args, **kwargs)

    return wrapper
