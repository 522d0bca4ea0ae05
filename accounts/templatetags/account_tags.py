"""Template helpers for the account pages and the header's account links."""

from allauth.account.utils import get_next_redirect_url
from django import template
from django.utils.translation import gettext_lazy as _

from nhsuk.templatetags.nhsuk_tags import nhsuk_nav_items

register = template.Library()


@register.simple_tag(takes_context=True)
def account_nav_items(context, nav_items=None):
    """The header links a page already has, then "Your account" and "Sign out"
    for someone signed in, or "Sign in" for anyone else."""
    user = context.get("user")
    if user is not None and user.is_authenticated:
        names_and_texts = ["accounts:account_detail", _("Your account"), "account_logout", _("Sign out")]
    else:
        names_and_texts = ["account_login", _("Sign in")]
    return [*(nav_items or []), *nhsuk_nav_items(context, *names_and_texts)]


@register.simple_tag(takes_context=True)
def safe_next_url(context):
    """The page to go on to (?next=), only when it is on this site."""
    request = context.get("request")
    return (request and get_next_redirect_url(request)) or ""
