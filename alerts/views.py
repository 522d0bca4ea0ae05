from allauth.core.ratelimit import consume_or_429
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from vacancies.search import VacancySearchForm

from . import services
from .forms import AlertChangeForm, AlertForm
from .models import JobAlert

# A visitor's alert sends a confirmation e-mail to the address they type, so
# without a limit the form would send mail to anyone: a few per address, and a
# ceiling per client address (TRUSTED_PROXY_COUNT decides what that is).
VISITOR_ALERT_RATES = {"job_alert_visitor": "20/h/ip,3/h/key"}


def get_alert_for_user(user, alert_id):
    """A candidate's own alert, or 404: nobody else's alert exists for them."""
    return get_object_or_404(JobAlert, pk=alert_id, user=user)


@require_http_methods(["GET", "POST"])
def alert_create(request):
    """"Get job alerts for this search": the search comes in the query string,
    as on /jobs/. A signed-in candidate saves it in one step; a visitor gives
    an address and confirms it from an e-mail."""
    search_form = VacancySearchForm(request.GET)
    query = services.saved_query(search_form)
    name = services.describe_search(search_form)
    visitor = not request.user.is_authenticated
    form = AlertForm(request.POST if request.method == "POST" else None, visitor=visitor)
    if request.method == "POST" and form.is_valid():
        if visitor and (
            too_many := consume_or_429(
                request, action="job_alert_visitor", key=form.cleaned_data["email"], config=VISITOR_ALERT_RATES
            )
        ):
            return too_many
        try:
            services.create_alert(
                query=query,
                name=name,
                frequency=form.cleaned_data["frequency"],
                user=None if visitor else request.user,
                email=form.cleaned_data.get("email", ""),
            )
        except services.AlertExists as exists:
            if visitor:
                # The same page as a new alert: it must not tell anyone which
                # addresses have alerts.
                return redirect("alerts:alert_check_email")
            messages.info(request, str(exists))
            return redirect("alerts:alert_list")
        if visitor:
            return redirect("alerts:alert_check_email")
        messages.success(request, _("Job alert saved: %(name)s") % {"name": name})
        return redirect("alerts:alert_list")
    search_url = reverse("vacancies:search") + (f"?{query}" if query else "")
    return render(
        request,
        "alerts/alert_create.html",
        {"form": form, "name": name, "search_url": search_url, "query": request.GET.urlencode(), "visitor": visitor},
    )


@require_safe
def alert_check_email(request):
    return render(request, "alerts/alert_check_email.html")


@require_http_methods(["GET", "POST"])
def alert_confirm(request, token):
    """The link in the visitor's confirmation e-mail: a page with a button,
    so that a mail scanner following links confirms nothing."""
    alert = services.alert_for_token(token, purpose="confirm")
    if alert is None:
        raise Http404
    if request.method == "POST":
        services.confirm_alert(alert=alert)
        return render(request, "alerts/alert_confirmed.html", {"alert": alert})
    return render(request, "alerts/alert_confirm.html", {"alert": alert})


# RFC 8058 one-click unsubscribe: the mail client POSTs without a session or a
# CSRF token; the signed token in the link is the only authority.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def alert_unsubscribe(request, token):
    alert = services.alert_for_token(token, purpose="unsubscribe")
    if alert is None:
        if services.token_is_genuine(token):
            return render(request, "alerts/alert_unsubscribed.html", {"already": True})
        raise Http404
    if request.method == "POST":
        services.unsubscribe(alert=alert)
        return render(request, "alerts/alert_unsubscribed.html", {"alert": alert})
    return render(request, "alerts/alert_unsubscribe.html", {"alert": alert})


@login_required
@require_safe
def alert_list(request):
    alerts = JobAlert.objects.filter(user=request.user).order_by("name", "pk")
    return render(request, "alerts/alert_list.html", {"alerts": alerts})


@login_required
@require_http_methods(["GET", "POST"])
def alert_change(request, alert_id):
    alert = get_alert_for_user(request.user, alert_id)
    form = AlertChangeForm(request.POST if request.method == "POST" else None, instance=alert)
    if request.method == "POST" and form.is_valid():
        services.change_alert(alert=alert, name=form.cleaned_data["name"], frequency=form.cleaned_data["frequency"])
        messages.success(request, _("Job alert changed: %(name)s") % {"name": alert.name})
        return redirect("alerts:alert_list")
    return render(request, "alerts/alert_change.html", {"alert": alert, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def alert_delete(request, alert_id):
    alert = get_alert_for_user(request.user, alert_id)
    if request.method == "POST":
        services.unsubscribe(alert=alert)
        messages.success(request, _("Job alert deleted: %(name)s") % {"name": alert.name})
        return redirect("alerts:alert_list")
    return render(request, "alerts/alert_delete.html", {"alert": alert})
