"""Your account: what it holds, deleting it, and setting up two-factor
authentication so that a member of staff gets back to the page they asked for.

Signing in, signing up and the rest are django-allauth's views
(accounts/urls.py includes them), in NHS.UK templates (templates/account/,
templates/mfa/, templates/allauth/).
"""

from allauth.account.internal.flows.login import record_authentication
from allauth.account.models import EmailAddress
from allauth.account.utils import get_next_redirect_url
from allauth.decorators import rate_limit
from allauth.mfa.models import Authenticator
from allauth.mfa.totp import views as totp_views
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import services
from .forms import DeleteAccountForm


@login_required
def account_detail(request):
    user = request.user
    memberships = list(user.memberships.select_related("organisation").order_by("organisation__name"))
    return render(
        request,
        "accounts/account_detail.html",
        {
            "memberships": memberships,
            "can_delete": not memberships and not user.is_staff,
            "pending_email": EmailAddress.objects.filter(user=user, verified=False).first(),
            "has_totp": is_mfa_enabled(user, [Authenticator.Type.TOTP]),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@rate_limit(action="reauthenticate")
def account_delete(request):
    # Staff accounts belong to their trust, which closes them; only people
    # who signed up themselves (candidates) delete their own.
    if request.user.is_staff or request.user.memberships.exists():
        raise Http404
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.delete_account(user=request.user)
        logout(request)
        messages.success(request, _("Your account has been deleted"))
        return redirect("/")
    return render(request, "accounts/account_delete.html", {"form": form})


class ActivateTOTPView(totp_views.ActivateTOTPView):
    """allauth's view, which afterwards shows the new recovery codes, and then
    offers a way on to the `next` page: staff_member_required sends a member of
    staff here with the staff page they asked for."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["next_url"] = get_next_redirect_url(self.request)
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        # The code just typed from the app is a use of it in this session, as
        # at sign-in: accounts.two_factor need not ask for another at once.
        authenticator = Authenticator.objects.get(user=self.request.user, type=Authenticator.Type.TOTP)
        record_authentication(self.request, self.request.user, "mfa", id=authenticator.pk, type=authenticator.type)
        return response

    def get_success_url(self):
        url = super().get_success_url()
        next_url = get_next_redirect_url(self.request)
        if not next_url:
            return url
        if not self.did_generate_recovery_codes:
            return next_url
        return f"{url}?{urlencode({'next': next_url})}"


activate_totp = ActivateTOTPView.as_view()
