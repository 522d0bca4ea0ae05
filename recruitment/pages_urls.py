"""The footer's content pages, robots.txt, and the icons the NHS.UK stylesheet asks for.

Include at the root of recruitment/urls.py:

    path("", include("recruitment.pages_urls")),
"""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import path, re_path, reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from nhsuk.formats import public_url

app_name = "pages"


@require_safe
@cache_control(public=True, max_age=24 * 60 * 60)
def nhsuk_asset(request, path):
    """The NHS.UK stylesheet names its icons by absolute URL, /assets/images/...
    (the search box's clear button, sortable table arrows). Send the browser to
    the same file among our static files, which come from node_modules, so the
    design system is never copied into the repository. A redirect rather than
    the file itself: WhiteNoise serves it, under its hashed name in production.
    """
    try:
        url = static(f"nhsuk/assets/{path}")
    except ValueError:  # not in the production manifest: no such file
        raise Http404 from None
    return redirect(url)


# Signed-in pages: nothing in them for a search engine, and crawling them only
# fills the logs with sign-in redirects.
ROBOTS_DISALLOWED = ["/manage/", "/applications/", "/accounts/", "/admin/"]


@require_safe
@cache_control(public=True, max_age=24 * 60 * 60)
def robots_txt(request):
    """/robots.txt: crawl the public pages, find them through the sitemap (on
    SITE_URL, as every address we give out)."""
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOWED), ""]
    lines.append(f"Sitemap: {public_url(reverse('sitemap_index'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


urlpatterns = [
    path("robots.txt", robots_txt, name="robots_txt"),
    path(
        "accessibility-statement/",
        TemplateView.as_view(template_name="pages/accessibility_statement.html"),
        name="accessibility_statement",
    ),
    path("privacy/", TemplateView.as_view(template_name="pages/privacy_notice.html"), name="privacy_notice"),
    path("contact/", TemplateView.as_view(template_name="pages/contact.html"), name="contact"),
    re_path(r"^assets/(?P<path>images/[A-Za-z0-9_.-]+\.(?:svg|png|ico))$", nhsuk_asset, name="nhsuk_asset"),
]
