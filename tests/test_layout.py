"""The page layout (templates/base.html), the error pages, the footer's content
pages and the NHS.UK assets: NHS.UK v10 markup, under a strict
Content-Security-Policy (no inline script, no style attribute)."""

import re
from html.parser import HTMLParser

import pytest
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template import engines
from django.urls import include, path, set_urlconf

from recruitment.urls import urlpatterns as project_urlpatterns
from tests.browser_support import assert_accessible

SERVICE_NAME = "Apply for an NHS job"


@pytest.fixture(autouse=True)
def _service_name(settings):
    settings.SITE_NAME = SERVICE_NAME


# Tests marked @pytest.mark.urls(__name__) use these: the project's pages,
# the footer's content pages, and a few views that only tests need.


def boom(request):
    raise RuntimeError("the database is down")


def forbidden(request):
    raise PermissionDenied


def with_messages(request):
    messages.success(request, "Your application has been submitted")
    messages.info(request, "This vacancy closes tomorrow")
    messages.warning(request, "Your session will end in 5 minutes")
    return render_page(request, "<h1>Your applications</h1>")


class ReferenceForm(forms.Form):
    reference = forms.CharField(label="Job reference", error_messages={"required": "Enter the job reference"})


def with_form(request):
    form = ReferenceForm(data=request.GET) if request.GET else ReferenceForm()
    if request.GET:
        form.is_valid()
    return render_page(request, "{% load crispy_forms_tags %}<h1>Find a job</h1>{% crispy form %}", {"form": form})


def with_navigation(request):
    return render_page(
        request,
        "<h1>Your applications</h1>",
        block_navigation=(
            '{% nhsuk_nav_items "pages:contact" "Contact us" "no_such:page" "Not built yet" as nav_items %}'
            '{% include "components/header_navigation.html" %}'
        ),
    )


def render_page(request, content, context=None, block_navigation=None):
    source = '{% extends "base.html" %}{% load nhsuk_tags %}{% block title %}Test page{% endblock %}'
    if block_navigation:
        source += "{% block navigation %}" + block_navigation + "{% endblock %}"
    source += "{% block content %}" + content + "{% endblock %}"
    return HttpResponse(engines["django"].from_string(source).render(context or {}, request))


urlpatterns = [
    path("", include("recruitment.pages_urls")),
    *project_urlpatterns,
    path("test/boom/", boom),
    path("test/forbidden/", forbidden),
    path("test/messages/", with_messages),
    path("test/form/", with_form),
    path("test/navigation/", with_navigation),
]
handler403 = "recruitment.errors.permission_denied"
handler404 = "recruitment.errors.page_not_found"
handler500 = "recruitment.errors.server_error"


class Tags(HTMLParser):
    """Every start tag of a page, with its attributes, and the text inside each
    <h1>, <script> and the page's <title> (not the logo's)."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.texts = {}
        self._open = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "svg" or (tag in ("h1", "title", "script") and "svg" not in self._open):
            self._open.append(tag)
            self.texts.setdefault(tag, []).append("")

    def handle_endtag(self, tag):
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data):
        if self._open:
            self.texts[self._open[-1]][-1] += data

    def all(self, tag, **attrs):
        wanted = {key.rstrip("_").replace("_", "-"): value for key, value in attrs.items()}
        return [found for name, found in self.tags if name == tag and all(found.get(k) == v for k, v in wanted.items())]

    def text(self, tag):
        return [" ".join(text.split()) for text in self.texts.get(tag, [])]


# Error pages


def test_unknown_url_answers_the_styled_page_not_found(client):
    response = client.get("/no-such-page/")
    html = response.content.decode()
    page = Tags(html)

    assert response.status_code == 404
    assert page.text("title") == [f"Page not found – {SERVICE_NAME}"]
    assert page.text("h1") == ["Page not found"]
    assert "If you typed the web address, check it was correct." in html
    assert f'<span class="nhsuk-header__service-name">{SERVICE_NAME}</span>' in html


@pytest.mark.urls(__name__)
def test_server_error_page_renders_without_touching_the_database(client, candidate, django_assert_num_queries):
    # Signed in, so the page would query the session and the user if it read them.
    client.force_login(candidate)
    client.raise_request_exception = False

    with django_assert_num_queries(0):
        response = client.get("/test/boom/")

    page = Tags(response.content.decode())
    assert response.status_code == 500
    assert page.text("h1") == ["Sorry, there is a problem with the service"]
    assert b"Try again later." in response.content


@pytest.mark.urls(__name__)
def test_permission_denied_answers_the_styled_403_page(client):
    response = client.get("/test/forbidden/")

    assert response.status_code == 403
    assert Tags(response.content.decode()).text("h1") == ["You do not have permission to see this page"]


@pytest.mark.urls(__name__)
def test_page_not_found_offers_the_contact_page_when_it_exists(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert Tags(response.content.decode()).all("a", href="/contact/")


# The layout


@pytest.mark.parametrize(
    "url", ["/no-such-page/", "/test/messages/", "/test/form/?reference=", "/accessibility-statement/"]
)
@pytest.mark.urls(__name__)
def test_pages_have_no_inline_script_and_no_style_attribute(client, url):
    html = client.get(url).content.decode()
    page = Tags(html)

    assert page.all("script"), "the page loads its scripts"
    assert all("src" in script for script in page.all("script"))
    assert page.text("script") == [""] * len(page.all("script"))
    assert not page.all("style")
    assert not [attrs for _, attrs in page.tags if "style" in attrs]
    assert not re.search(r"\son[a-z]+=", html), "no inline event handlers"


def test_layout_has_skip_link_header_main_and_footer_landmarks(client):
    page = Tags(client.get("/no-such-page/").content.decode())

    assert page.all("html") == [{"lang": "en-GB"}]
    skip_link = page.all("a", class_="nhsuk-skip-link")
    assert skip_link == [{"class": "nhsuk-skip-link", "data-module": "nhsuk-skip-link", "href": "#maincontent"}]
    assert page.all("header", role="banner")[0]["class"] == "nhsuk-header"
    assert page.all("main", id="maincontent") == [{"class": "nhsuk-main-wrapper", "id": "maincontent"}]
    assert page.all("footer", role="contentinfo")[0]["class"] == "nhsuk-footer"
    home_link = page.all("a", class_="nhsuk-header__service-logo")[0]
    assert home_link["href"] == "/"
    assert home_link["aria-label"] == f"NHS {SERVICE_NAME} homepage"


def test_layout_loads_nhsuk_frontend_from_static_files(client):
    page = Tags(client.get("/no-such-page/").content.decode())

    assert page.all("link", rel="stylesheet") == [
        {"rel": "stylesheet", "href": "/static/nhsuk/nhsuk-frontend-10.6.1.min.css"},
        # The service's own few styles, after the design system's.
        {"rel": "stylesheet", "href": "/static/css/recruitment.css"},
    ]
    assert page.all("script") == [
        {"type": "module", "src": "/static/nhsuk/nhsuk-frontend-10.6.1.min.js"},
        {
            "type": "module",
            "src": "/static/js/init.js",
            "data-nhsuk-frontend": "/static/nhsuk/nhsuk-frontend-10.6.1.min.js",
        },
        {"src": "/static/js/js-enabled.js"},
    ]


@pytest.mark.urls(__name__)
def test_messages_are_shown_as_a_success_banner_and_an_important_banner(client):
    page = Tags(client.get("/test/messages/").content.decode())

    banners = page.all("div", data_module="nhsuk-notification-banner")
    titles = page.all("h2", class_="nhsuk-notification-banner__title")

    assert [(banner["class"], banner["role"], banner["aria-labelledby"]) for banner in banners] == [
        ("nhsuk-notification-banner nhsuk-notification-banner--success", "alert", "notification-banner-success-title"),
        ("nhsuk-notification-banner", "region", "notification-banner-important-title"),
    ]
    assert [title["id"] for title in titles] == [
        "notification-banner-success-title",
        "notification-banner-important-title",
    ]


@pytest.mark.urls(__name__)
def test_messages_text_appears_inside_the_banners(client):
    html = client.get("/test/messages/").content.decode()

    success, important = html.split('class="nhsuk-notification-banner__header"')[1:]
    assert "Your application has been submitted" in success
    assert "This vacancy closes tomorrow" in important
    assert "Your session will end in 5 minutes" in important


@pytest.mark.urls(__name__)
def test_title_starts_with_error_when_the_form_has_errors(client):
    with_errors = Tags(client.get("/test/form/?reference=").content.decode())
    without = Tags(client.get("/test/form/").content.decode())

    assert with_errors.text("title") == [f"Error: Test page – {SERVICE_NAME}"]
    assert without.text("title") == [f"Test page – {SERVICE_NAME}"]


@pytest.mark.urls(__name__)
def test_header_navigation_shows_only_links_whose_pages_exist(client):
    page = Tags(client.get("/test/navigation/").content.decode())

    assert page.all("nav", class_="nhsuk-header__navigation") == [
        {"class": "nhsuk-header__navigation", "aria-label": "Menu"}
    ]
    assert page.all("a", class_="nhsuk-header__navigation-link") == [
        {"class": "nhsuk-header__navigation-link", "href": "/contact/"}
    ]


def header_links(html):
    navigation = html.split('<nav class="nhsuk-header__navigation"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'class="nhsuk-header__navigation-link" href="([^"]+)"[^>]*>(?:<strong[^>]*>)?([^<]+)', navigation)


def test_header_offers_finding_a_job_and_signing_in_to_a_visitor(client):
    links = header_links(client.get("/no-such-page/").content.decode())

    assert links == [
        ("/jobs/", "Find a job"),
        ("/accounts/login/", "Sign in"),
    ]


def test_header_offers_a_signed_in_candidate_their_applications_and_signing_out(client, candidate):
    client.force_login(candidate)

    links = header_links(client.get("/no-such-page/").content.decode())

    assert links == [
        ("/jobs/", "Find a job"),
        ("/applications/", "Your applications"),
        ("/accounts/", "Your account"),
        ("/accounts/logout/", "Sign out"),
    ]


# Footer and content pages


@pytest.mark.urls(__name__)
def test_footer_links_to_the_content_pages(client):
    page = Tags(client.get("/no-such-page/").content.decode())

    assert [link["href"] for link in page.all("a", class_="nhsuk-footer__list-item-link")] == [
        "/accessibility-statement/",
        "/privacy/",
        "/contact/",
    ]


def test_footer_has_no_links_until_their_pages_exist():
    class URLconfWithoutPages:
        urlpatterns = [pattern for pattern in project_urlpatterns if getattr(pattern, "namespace", None) != "pages"]

    set_urlconf(URLconfWithoutPages)
    try:
        html = engines["django"].get_template("components/footer.html").render({"service_name": SERVICE_NAME})
    finally:
        set_urlconf(None)
    page = Tags(html)

    assert page.all("a") == []
    assert page.all("ul") == []
    assert f"© {SERVICE_NAME}" in html


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/accessibility-statement/", f"Accessibility statement for {SERVICE_NAME}"),
        ("/privacy/", "Privacy notice"),
        ("/contact/", "Contact us"),
    ],
)
@pytest.mark.urls(__name__)
def test_content_page_has_one_heading(client, url, heading):
    response = client.get(url)

    assert response.status_code == 200
    assert Tags(response.content.decode()).text("h1") == [heading]


# The NHS.UK stylesheet's icons


@pytest.mark.urls(__name__)
def test_stylesheet_icon_url_redirects_to_the_static_file(client):
    response = client.get("/assets/images/nhsuk-icon-cross.svg")

    assert response.status_code == 302
    assert response["Location"] == "/static/nhsuk/assets/images/nhsuk-icon-cross.svg"
    assert response["Cache-Control"] == "public, max-age=86400"


@pytest.mark.urls(__name__)
def test_stylesheet_icon_url_serves_only_images(client):
    response = client.get("/assets/manifest.json")

    assert response.status_code == 404


def test_every_absolute_url_in_the_stylesheet_is_an_image_the_redirect_serves():
    from django.contrib.staticfiles import finders

    css = open(finders.find("nhsuk/nhsuk-frontend-10.6.1.min.css"), encoding="utf-8").read()
    paths = set(re.findall(r"url\((/[^)]*)\)", css))

    assert paths  # the stylesheet still names its icons this way
    for css_path in paths:
        assert re.fullmatch(r"/assets/images/[\w.-]+\.(?:svg|png|ico)", css_path)
        assert finders.find("nhsuk" + css_path), css_path


# In a real browser: axe-core finds no WCAG 2.2 AA failure, and the NHS.UK
# scripts run under our Content-Security-Policy.



@pytest.mark.browser
@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    "url", ["/no-such-page/", "/test/form/?reference=", "/test/messages/", "/test/boom/", "/privacy/"]
)
def test_page_passes_axe_and_runs_the_nhsuk_scripts(page, url):
    page.goto(url)
    page.wait_for_function("document.body.classList.contains('nhsuk-frontend-supported')")
    page.wait_for_function("document.querySelector('.nhsuk-header').hasAttribute('data-nhsuk-header-init')")

    assert_accessible(page)
