"""The packs pages: asking for a pack, following it, downloading it, trying a
failed one again. Every URL is tried by the whole cast: those who may see the
vacancy's applications (its trust's recruiter, its hiring manager, its panel)
and those who may not (a recruiter of another trust, a hiring manager of
another vacancy, a candidate, someone signed out)."""

import io

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from pypdf import PdfWriter

from organisations.models import Membership
from shortlisting import services, tasks, urls
from shortlisting.models import ShortlistPack
from tests.factories import MembershipFactory, ShortlistPackFactory, VacancyFactory

from .reading import read_pack

pytestmark = pytest.mark.django_db
Status = ShortlistPack.Status

# URL name, method, and whether it names a pack.
PACK_URLS = [
    ("pack_list", "get", False),
    ("pack_create", "post", False),
    ("pack_detail", "get", True),
    ("pack_status", "get", True),
    ("pack_download", "get", True),
    ("pack_retry", "post", True),
]


def _id(entry):
    return entry[0]


@pytest.fixture
def manager_of_another_vacancy(trust_a):
    user = MembershipFactory(
        organisation=trust_a, role=Membership.Role.HIRING_MANAGER, user__full_name="Hana Elsewhere"
    ).user
    VacancyFactory(organisation=trust_a, hiring_manager=user)
    return user


@pytest.fixture
def rendered_pack(vacancy, applications, recruiter):
    """A pack made by the task functions, as a worker would."""
    pack, _ = services.request_pack(vacancy=vacancy, requested_by=recruiter, seed=3)
    for chunk_id in pack.chunks.values_list("pk", flat=True):
        tasks.render_pack_chunk(chunk_id=chunk_id)
    tasks.merge_pack(pack_id=pack.pk)
    pack.refresh_from_db()
    return pack


@pytest.fixture
def ready_pack(vacancy, applications, recruiter):
    """A ready pack's row and a one-page PDF, quicker than rendering one."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    content = io.BytesIO()
    writer.write(content)
    name = default_storage.save("shortlisting/packs/pack-test.pdf", ContentFile(content.getvalue()))
    return ShortlistPackFactory(
        vacancy=vacancy, status=Status.READY, file=name, page_count=1, applicant_count=5, requested_by=recruiter
    )


@pytest.fixture
def failed_pack(vacancy, applications):
    return ShortlistPackFactory(vacancy=vacancy, status=Status.FAILED, error="Applicants 1 to 2 could not be put in the pack: boom")


def _url(name, vacancy, pack=None):
    kwargs = {"reference": vacancy.reference}
    if pack is not None:
        kwargs["pk"] = pack.pk
    return reverse(f"shortlisting:{name}", kwargs=kwargs)


def _request(client, method, url):
    return client.post(url) if method == "post" else client.get(url)


def test_every_pack_url_is_tried_here():
    pack_names = {pattern.name for pattern in urls.urlpatterns if pattern.name.startswith("pack_")}
    assert pack_names == {entry[0] for entry in PACK_URLS}


@pytest.mark.parametrize("entry", PACK_URLS, ids=_id)
def test_pack_pages_send_anonymous_visitors_to_sign_in(client, ready_pack, vacancy, entry):
    name, method, names_pack = entry
    url = _url(name, vacancy, ready_pack if names_pack else None)

    response = _request(client, method, url)

    assert response.status_code == 302
    assert response.url.startswith(reverse(settings.LOGIN_URL))
    assert ShortlistPack.objects.count() == 1


@pytest.mark.parametrize("entry", PACK_URLS, ids=_id)
@pytest.mark.parametrize("who", ["other_recruiter", "manager_of_another_vacancy", "candidate"])
def test_pack_pages_are_not_found_for_anyone_who_may_not_see_the_applications(
    client, request, ready_pack, failed_pack, vacancy, entry, who
):
    name, method, names_pack = entry
    client.force_login(request.getfixturevalue(who))

    for pack in (ready_pack, failed_pack) if names_pack else (None,):
        response = _request(client, method, _url(name, vacancy, pack))
        assert response.status_code == 404

    assert ShortlistPack.objects.count() == 2
    assert ShortlistPack.objects.get(pk=failed_pack.pk).status == Status.FAILED


@pytest.mark.parametrize("who", ["recruiter", "hiring_manager", "panel_member"])
def test_pack_download_gives_the_pdf_to_the_vacancys_recruiter_hiring_manager_and_panel(
    client, request, ready_pack, vacancy, who
):
    client.force_login(request.getfixturevalue(who))

    response = client.get(_url("pack_download", vacancy, ready_pack))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == default_storage.open(ready_pack.file.name).read()


def test_pack_download_gives_the_whole_rendered_pack_privately(client, recruiter, rendered_pack, vacancy):
    client.force_login(recruiter)

    response = client.get(_url("pack_download", vacancy, rendered_pack))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="shortlisting-pack-{vacancy.reference}-{rendered_pack.pk}.pdf"'
    )
    assert response["Cache-Control"] == "private, no-store"
    body = b"".join(response.streaming_content)
    assert body == default_storage.open(rendered_pack.file.name).read()
    assert len(read_pack(default_storage.open(rendered_pack.file.name)).texts) == rendered_pack.page_count


def test_pack_download_of_another_vacancys_pack_is_not_found(client, recruiter, ready_pack, trust_a):
    other_vacancy = VacancyFactory(organisation=trust_a)
    client.force_login(recruiter)

    response = client.get(_url("pack_download", other_vacancy, ready_pack))

    assert response.status_code == 404


@pytest.mark.parametrize("status", [Status.QUEUED, Status.RENDERING, Status.FAILED])
def test_pack_download_of_a_pack_not_ready_is_not_found(client, recruiter, vacancy, status):
    pack = ShortlistPackFactory(vacancy=vacancy, status=status)
    client.force_login(recruiter)

    assert client.get(_url("pack_download", vacancy, pack)).status_code == 404


def test_pack_create_makes_a_pack_and_sends_its_chunks_once_committed(
    client, panel_member, vacancy, applications, django_capture_on_commit_callbacks, sent_tasks
):
    client.force_login(panel_member)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("pack_create", vacancy))

    pack = ShortlistPack.objects.get()
    assert response.status_code == 302
    assert response.url == _url("pack_detail", vacancy, pack)
    assert (pack.status, pack.requested_by, pack.applicant_count) == (Status.QUEUED, panel_member, 5)
    assert sorted(kwargs["chunk_id"] for _name, kwargs in sent_tasks.drain()) == sorted(
        pack.chunks.values_list("pk", flat=True)
    )


def test_pack_create_while_one_is_in_progress_shows_that_one(client, recruiter, hiring_manager, vacancy, applications):
    first, _ = services.request_pack(vacancy=vacancy, requested_by=hiring_manager)
    client.force_login(recruiter)

    response = client.post(_url("pack_create", vacancy), follow=True)

    assert response.redirect_chain == [(_url("pack_detail", vacancy, first), 302)]
    assert ShortlistPack.objects.count() == 1
    assert "A pack for this vacancy is already being made" in response.content.decode()


def test_pack_create_without_applications_says_so(client, recruiter, vacancy):
    client.force_login(recruiter)

    response = client.post(_url("pack_create", vacancy), follow=True)

    assert response.redirect_chain == [(_url("pack_list", vacancy), 302)]
    assert "There are no applications to put in a pack yet." in response.content.decode()
    assert not ShortlistPack.objects.exists()


def test_pack_create_refuses_a_get(client, recruiter, vacancy, applications):
    client.force_login(recruiter)

    assert client.get(_url("pack_create", vacancy)).status_code == 405
    assert not ShortlistPack.objects.exists()


def test_pack_list_shows_each_pack_and_the_button(client, hiring_manager, vacancy, applications, ready_pack, failed_pack):
    client.force_login(hiring_manager)

    response = client.get(_url("pack_list", vacancy))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Make a pack of 5 applications" in page
    assert _url("pack_download", vacancy, ready_pack) in page
    assert _url("pack_detail", vacancy, failed_pack) in page
    assert "See what went wrong" in page


def test_pack_list_points_to_the_pack_in_progress_instead_of_the_button(client, recruiter, vacancy, applications):
    pack, _ = services.request_pack(vacancy=vacancy, requested_by=recruiter)
    client.force_login(recruiter)

    page = client.get(_url("pack_list", vacancy)).content.decode()

    assert "A pack is being made." in page
    assert _url("pack_detail", vacancy, pack) in page
    assert _url("pack_create", vacancy) not in page


@pytest.mark.parametrize("count", [1, 8])
def test_pack_list_queries_do_not_grow_with_packs(client, recruiter, vacancy, django_assert_num_queries, count):
    for n in range(count):
        ShortlistPackFactory(vacancy=vacancy, status=Status.FAILED, requested_by=recruiter)
    client.force_login(recruiter)

    # Session and user, membership check, vacancy, packs, applications count.
    with django_assert_num_queries(6):
        assert client.get(_url("pack_list", vacancy)).status_code == 200


def test_pack_detail_shows_progress_while_the_pack_is_made(client, recruiter, vacancy, applications):
    pack, _ = services.request_pack(vacancy=vacancy, requested_by=recruiter)
    tasks.render_pack_chunk(chunk_id=pack.chunks.get(index=0).pk)
    client.force_login(recruiter)

    page = client.get(_url("pack_detail", vacancy, pack)).content.decode()

    assert "Being made" in page
    assert "1 of 3 parts done. 30% done." in " ".join(page.split())
    assert 'value="30"' in page
    assert f'href="{_url("pack_detail", vacancy, pack)}"' in page  # "Check progress", without JavaScript
    assert _url("pack_status", vacancy, pack) in page


def test_pack_detail_of_a_ready_pack_offers_the_download(client, recruiter, vacancy, rendered_pack):
    client.force_login(recruiter)

    page = client.get(_url("pack_detail", vacancy, rendered_pack)).content.decode()

    assert f"The pack is ready: {rendered_pack.page_count} pages, 5 applicants." in page
    assert _url("pack_download", vacancy, rendered_pack) in page


def test_pack_detail_of_a_failed_pack_shows_the_error_and_try_again(client, recruiter, vacancy, failed_pack):
    client.force_login(recruiter)

    page = client.get(_url("pack_detail", vacancy, failed_pack)).content.decode()

    assert "Applicants 1 to 2 could not be put in the pack: boom" in page
    assert f'action="{_url("pack_retry", vacancy, failed_pack)}"' in page
    assert "Try again" in page


def test_pack_status_gives_the_status_and_the_fragment_as_json(client, panel_member, vacancy, applications):
    pack, _ = services.request_pack(vacancy=vacancy, requested_by=panel_member)
    client.force_login(panel_member)

    response = client.get(_url("pack_status", vacancy, pack))

    data = response.json()
    assert response["Cache-Control"] == "no-store"
    assert (data["status"], data["progress"]) == ("queued", 0)
    assert "Waiting for a worker to start on it." in data["html"]


def test_pack_retry_puts_a_failed_pack_back_in_the_queue(
    client, recruiter, vacancy, applications, monkeypatch, django_capture_on_commit_callbacks, sent_tasks
):
    pack, _ = services.request_pack(vacancy=vacancy, requested_by=recruiter)
    chunk = pack.chunks.get(index=0)
    services.fail_chunk(chunk=chunk, error=ValueError("boom"))
    client.force_login(recruiter)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("pack_retry", vacancy, pack))

    assert response.status_code == 302
    assert response.url == _url("pack_detail", vacancy, pack)
    pack.refresh_from_db()
    assert (pack.status, pack.error) == (Status.QUEUED, "")
    assert ("shortlisting.render_pack_chunk", {"chunk_id": chunk.pk}) in sent_tasks.drain()


def test_pack_retry_of_a_pack_not_failed_changes_nothing(client, recruiter, vacancy, ready_pack):
    client.force_login(recruiter)

    response = client.post(_url("pack_retry", vacancy, ready_pack))

    assert response.url == _url("pack_detail", vacancy, ready_pack)
    assert ShortlistPack.objects.get(pk=ready_pack.pk).status == Status.READY
