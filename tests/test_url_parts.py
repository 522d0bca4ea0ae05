"""Every URL part that carries a value is checked by a strict converter: a NUL
byte, superscript or Arabic-Indic digits, or a number too big for PostgreSQL
is no such page (404), never a 500 from the database (issue 14, point 18).

The test walks every URL pattern of the project that takes a parameter, so a
pattern added later is tried too."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

from tests.factories import VacancyFactory

pytestmark = pytest.mark.django_db

BAD_PARTS = {
    "NUL byte": "%00",
    "superscript two": "%C2%B2",
    "Arabic-Indic one": "%D9%A1",
    "digits then NUL": "1%00",
    "too big for an integer": "2147483648",
}

# The project's own apps: every parameter must use one of nhsuk.converters.
STRICT_CONVERTERS = {"id", "reference", "ods", "code", "word", "emailkey"}
THIRD_PARTY_PREFIXES = ("admin/", "accounts/")

PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def routes(resolvers=None, prefix=""):
    """(route, pattern) for every route pattern with a parameter, with the
    prefixes of the includes it sits in."""
    for entry in resolvers if resolvers is not None else get_resolver().url_patterns:
        pattern = entry.pattern
        route = pattern._route if isinstance(pattern, RoutePattern) else pattern._regex
        if isinstance(entry, URLResolver):
            yield from routes(entry.url_patterns, prefix + route)
        elif isinstance(entry, URLPattern) and "<" in prefix + route:
            yield prefix + route, entry


def own_routes(regex=False):
    """Our routes written with converters, or (regex=True) as regular expressions."""
    return sorted(
        {
            route
            for route, _entry in routes()
            if not route.startswith(THIRD_PARTY_PREFIXES) and ("(?P<" in route) == regex
        }
    )


def test_url_parts_of_our_apps_all_use_strict_converters():
    loose = [
        route
        for route in own_routes()
        for match in PARAMETER.finditer(route)
        if match["converter"] not in STRICT_CONVERTERS
    ]
    # \w and \d match any Unicode letter or digit.
    regex_parameters = [route for route in own_routes(regex=True) if "\\w" in route or "\\d" in route]

    assert loose == []
    assert regex_parameters == []


def good_values(vacancy):
    return {"reference": vacancy.reference, "ods_code": vacancy.organisation.ods_code, "code": "A0001"}


def urls_with_a_bad_part(route, good, bad):
    """The route with `bad` in each parameter in turn, good values in the others."""
    parameters = [match["name"] for match in PARAMETER.finditer(route)]
    for broken in parameters:

        def fill(match, broken=broken):
            return bad if match["name"] == broken else good.get(match["name"], "1")

        yield "/" + PARAMETER.sub(fill, route)


@pytest.fixture
def signed_in(request, client, recruiter, candidate, trust_a):
    client.force_login({"recruiter": recruiter, "candidate": candidate}[request.param])
    return client


@pytest.mark.parametrize("signed_in", ["recruiter", "candidate"], indirect=True)
@pytest.mark.parametrize("bad", BAD_PARTS.values(), ids=BAD_PARTS.keys())
def test_url_parts_refuse_bad_values_with_not_found(signed_in, trust_a, bad):
    vacancy = VacancyFactory(organisation=trust_a, status="published")
    tried = {}
    for route in own_routes():
        for url in urls_with_a_bad_part(route, good_values(vacancy), bad):
            tried[url] = signed_in.get(url).status_code

    assert len(tried) > 40
    assert {url: status for url, status in tried.items() if status != 404} == {}


REGEX_PARAMETER = re.compile(r"\(\?P<(?P<name>\w+)>(?:[^()]|\([^()]*\))*\)")


def regex_urls_with_a_bad_part(route, bad):
    """A route written as regular expressions ("accounts/^confirm-email/(?P<key>...)/$")
    with `bad` in each group in turn, 1 in the others."""
    for broken in [match["name"] for match in REGEX_PARAMETER.finditer(route)]:

        def fill(match, broken=broken):
            return bad if match["name"] == broken else "1"

        yield "/" + REGEX_PARAMETER.sub(fill, route).replace("^", "").replace("$", "").replace("\\", "")


@pytest.mark.parametrize("bad", BAD_PARTS.values(), ids=BAD_PARTS.keys())
def test_url_parts_of_sign_in_pages_never_give_a_server_error(client, candidate, bad):
    # allauth's own pages (e-mail confirmation keys, password reset keys):
    # whatever they answer, never a server error. The test client raises
    # the exception of a 500, so it would fail here.
    tried = {}
    for route in sorted({route for route, _entry in routes() if route.startswith("accounts/")}):
        for url in regex_urls_with_a_bad_part(route, bad):
            tried[url] = client.get(url).status_code

    assert len(tried) == 3
    assert {url: status for url, status in tried.items() if status >= 500} == {}
