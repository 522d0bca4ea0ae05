"""As the recruiter, I open a round, go to its interview packs, ask for one,
follow it until it is ready and download the PDF. Every page on the way
passes axe-core's WCAG 2.2 AA rules. (The pack is made here, chunk by chunk,
rather than by a worker: test_interview_pack_worker.py covers the workers.)"""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from shortlisting import tasks
from shortlisting.models import ShortlistPack
from tests.browser_support import assert_accessible
from tests.shortlisting.reading import read_pack

from .test_interview_pack import invited_to, name_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SHORTLIST_PACK_CHUNK_SIZE = 2


def sign_in_as(page, live_server, user):
    """A signed-in session for the user, put in the browser as a cookie."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value, "url": live_server.url}]
    )


def test_recruiter_asks_for_an_interview_pack_follows_it_and_downloads_it(page, live_server, interview_round, recruiter):
    candidates = invited_to(interview_round, recruiter, 3)
    reference = interview_round.vacancy.reference
    sign_in_as(page, live_server, recruiter)

    page.goto(f"/manage/vacancies/{reference}/interviews/{interview_round.pk}/")
    page.get_by_role("link", name="Interview packs (PDF)").click()
    expect(page.locator("h1")).to_contain_text("Interview packs: Interviews")
    assert_accessible(page)
    page.get_by_role("button", name="Make a pack of 3 candidates").click()

    expect(page.locator("h1")).to_contain_text("Interview pack: Interviews")
    pack = ShortlistPack.objects.get(kind="interview")
    assert page.url.endswith(f"/interviews/{interview_round.pk}/packs/{pack.pk}/")
    expect(page.locator("#pack-status")).to_contain_text("Waiting for a worker to start on it.")
    assert_accessible(page)

    for pk in pack.chunks.order_by("index").values_list("pk", flat=True):
        tasks.render_pack_chunk(chunk_id=pk)
    tasks.merge_pack(pack_id=pack.pk)
    # The page's script follows the pack without a reload.
    download_button = page.get_by_role("button", name="Download the pack (PDF)")
    expect(download_button).to_be_visible(timeout=30_000)
    expect(page.locator("#pack-status")).to_contain_text("The pack is ready")
    assert_accessible(page)

    with page.expect_download() as download:
        download_button.click()
    assert download.value.suggested_filename == f"interview-pack-{reference}-{pack.pk}.pdf"
    read = read_pack(download.value.path())
    assert sorted(read.applicant_order()) == sorted(name_of(application) for application in candidates)

    page.goto(f"/manage/vacancies/{reference}/interviews/{interview_round.pk}/packs/")
    expect(page.locator("#packs")).to_contain_text("Ready")
    assert_accessible(page)
