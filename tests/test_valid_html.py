"""Pages are valid HTML: the Nu HTML Checker (vnu-jar, from npm, run on the
system's Java) finds no errors on a few rendered pages, and no template uses
role="text", which no HTML standard has (it is a proposal Safari alone reads)."""

import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from tests.candidates.factories import DraftApplicationFactory
from tests.factories import ApplicationFactory, VacancyFactory
from vacancies.models import Vacancy

VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
TEMPLATE_DIRS = [Path(settings.BASE_DIR) / "templates"]
# The one message let pass: the ARIA roles of the NHS.UK responsive table
# (its own Nunjucks macro writes them). When CSS draws a table's rows as
# blocks on a small screen, some browsers stop telling screen readers it is a
# table; the roles keep it one. The checker calls them redundant, as ARIA in
# HTML says authors "should not" repeat a role, which is not a parsing error.
RESPONSIVE_TABLE_ROLES = re.compile(
    r"^The “role” attribute must not be used on a “(tr|th|td)” element which has a “table” ancestor"
)


def test_templates_have_no_role_text():
    offenders = [
        str(path.relative_to(settings.BASE_DIR))
        for folder in TEMPLATE_DIRS
        for path in sorted(folder.rglob("*.html"))
        if 'role="text"' in path.read_text()
    ]

    assert offenders == []


def nu_errors(pages, folder):
    """The checker's errors, as "path: message", for {name: html}."""
    java = shutil.which("java")
    if not java:
        pytest.skip("Java is not installed (apt-get install default-jre-headless)")
    if not VNU_JAR.exists():
        pytest.skip("vnu-jar is not installed (npm ci)")
    files = []
    for name, html in pages.items():
        path = folder / f"{name}.html"
        path.write_text(html)
        files.append(str(path))
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files],
        capture_output=True, text=True, timeout=120,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [
        f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']} – {m.get('extract', '')!r}"
        for m in messages
        if not RESPONSIVE_TABLE_ROLES.match(m["message"])
    ]


@pytest.mark.django_db
def test_public_and_candidate_pages_are_valid_html(client, candidate, tmp_path):
    call_command("seed_demo", force=True, stdout=io.StringIO())
    closed = VacancyFactory(status=Vacancy.Status.CLOSED, title="Porter")
    DraftApplicationFactory(vacancy=Vacancy.objects.get(reference="C9365-25-0249-2"), candidate=candidate)
    ApplicationFactory(vacancy=closed, candidate=candidate)
    pages = {
        "home": client.get("/"),
        "search": client.get("/jobs/", {"keywords": "manager", "band": ["8b", "8c"], "trust": "RWP", "sponsorship": "on"}),
        "advert": client.get("/jobs/C9365-25-0249-2/"),
        "closed-advert": client.get(closed.get_absolute_url()),
        "sign-in": client.get(reverse("account_login")),
    }
    client.force_login(candidate)
    pages["applications"] = client.get(reverse("candidates:application_list"))
    assert {name: response.status_code for name, response in pages.items()} == dict.fromkeys(pages, 200)

    assert nu_errors({name: response.content.decode() for name, response in pages.items()}, tmp_path) == []
