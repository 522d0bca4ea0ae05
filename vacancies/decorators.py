from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404


def staff_member_required(view):
    """For /manage/ pages: sign in first; then only members of a trust's staff
    (accounts.Membership) get in. Anyone else, candidates included, gets 404,
    as if the staff pages did not exist."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.memberships.exists():
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper
