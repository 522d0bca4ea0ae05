"""As the demo recruiter, I ask for a shortlisting pack for the Worcestershire
vacancy, watch it being made by a real worker, and download the PDF. Every
page on the way passes axe-core's WCAG 2.2 AA rules."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import expect

from accounts.models import User
from shortlisting.models import ShortlistPack
from tests.browser_support import assert_accessible
from tests.shortlisting.applicants import make_applications
from tests.shortlisting.reading import read_pack
from vacancies.models import Vacancy

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.django_db(transaction=True)]

RECRUITER = "recruiter@example.org"
REFERENCE = "C9365-25-0249-2"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    # Before the worker starts, so that it writes where the site reads.
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SHORTLIST_PACK_CHUNK_SIZE = 2


@pytest.fixture
def seeded(transactional_db):
    call_command("seed_demo", force=True, stdout=io.StringIO())
    vacancy = Vacancy.objects.get(reference=REFERENCE)
    make_applications(vacancy, 5)
    return vacancy


def sign_in_as(page, live_server, email):
    """A signed-in session for the user, put in the browser as a cookie."""
    client = Client()
    client.force_login(User.objects.get(email=email))
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value, "url": live_server.url}]
    )


def test_recruiter_requests_a_pack_waits_and_downloads_it(page, live_server, seeded, celery_worker_process):
    sign_in_as(page, live_server, RECRUITER)

    page.goto(f"/manage/vacancies/{REFERENCE}/packs/")
    expect(page.locator("h1")).to_contain_text("Shortlisting packs")
    assert_accessible(page)
    page.get_by_role("button", name="Make a pack of 5 applications").click()

    # The pack's page follows the workers without a reload.
    expect(page.locator("h1")).to_contain_text("Shortlisting pack")
    pack = ShortlistPack.objects.get()
    assert page.url.endswith(f"/manage/vacancies/{REFERENCE}/packs/{pack.pk}/")
    assert_accessible(page)
    download_button = page.get_by_role("button", name="Download the pack (PDF)")
    expect(download_button).to_be_visible(timeout=90_000)
    expect(page.locator("#pack-status")).to_contain_text("The pack is ready")
    assert_accessible(page)

    with page.expect_download() as download:
        download_button.click()
    assert download.value.suggested_filename == f"shortlisting-pack-{REFERENCE}-{pack.pk}.pdf"
    read = read_pack(download.value.path())
    pack.refresh_from_db()
    assert len(read.texts) == pack.page_count
    assert len(read.applicant_bookmarks) == 5
    assert f"Page 1 of {pack.page_count}" in read.texts[0]

    page.goto(f"/manage/vacancies/{REFERENCE}/packs/")
    expect(page.locator("#packs")).to_contain_text("Ready")
    assert_accessible(page)
