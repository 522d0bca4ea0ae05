"""The interview pack's pages: the vacancy's hiring manager, the trust's
recruiters and the round's panel members ask for it, follow it and download
it; everyone else gets 404, tried the other way in. "Try again" on a failed
pack, and the round page's link to its packs."""

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from interviews import packs
from interviews.models import Slot
from organisations.models import Membership
from shortlisting import services as pack_services, tasks
from shortlisting.models import ShortlistPack
from tests.factories import MembershipFactory

from .conftest import make_round
from .test_interview_pack import invited_to, make_pack

pytestmark = pytest.mark.django_db

Status = ShortlistPack.Status


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SHORTLIST_PACK_CHUNK_SIZE = 2


@pytest.fixture
def candidates(interview_round, recruiter):
    return invited_to(interview_round, recruiter, 3)


def url(name, interview_round, **kwargs):
    return reverse(
        f"interviews:{name}",
        kwargs={"reference": interview_round.vacancy.reference, "round_id": interview_round.pk, **kwargs},
    )


@pytest.fixture
def shortlisting_panel_member(trust_a, vacancy):
    """On the vacancy's shortlisting panel, not on the round's."""
    user = MembershipFactory(organisation=trust_a, role=Membership.Role.HIRING_MANAGER, user__full_name="Sam Short").user
    vacancy.panel_members.add(user)
    return user


@pytest.fixture
def other_round_panel_member(trust_a, vacancy, recruiter, interview_day):
    """On the panel of another round of the same vacancy."""
    user = MembershipFactory(organisation=trust_a, role=Membership.Role.HIRING_MANAGER, user__full_name="Olu Other").user
    make_round(vacancy, recruiter, interview_day, start=(14, 0), end=(15, 0), panel=[user])
    return user


@pytest.mark.parametrize("who", ["recruiter", "hiring_manager", "panel_member"])
def test_those_who_may_see_the_round_ask_for_follow_and_download_its_pack(client, request, interview_round, candidates, who):
    user = request.getfixturevalue(who)
    assert Slot.objects.filter(round=interview_round, panel=request.getfixturevalue("panel_member")).exists()
    client.force_login(user)

    listing = client.get(url("pack_list", interview_round))
    assert listing.status_code == 200
    assert "Make a pack of 3 candidates" in listing.content.decode()

    response = client.post(url("pack_create", interview_round))
    pack = ShortlistPack.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("pack_detail", interview_round, pk=pack.pk)
    assert (pack.kind, pack.subject_id, pack.requested_by) == ("interview", interview_round.pk, user)
    assert pack.chunks.count() == 2

    again = client.post(url("pack_create", interview_round))
    assert again["Location"] == url("pack_detail", interview_round, pk=pack.pk)
    assert ShortlistPack.objects.count() == 1

    detail = client.get(url("pack_detail", interview_round, pk=pack.pk))
    assert detail.status_code == 200
    assert "Waiting for a worker to start on it." in detail.content.decode()
    status = client.get(url("pack_status", interview_round, pk=pack.pk))
    assert status.json()["status"] == "queued" and status["Cache-Control"] == "no-store"
    assert client.get(url("pack_download", interview_round, pk=pack.pk)).status_code == 404

    for pk in pack.chunks.values_list("pk", flat=True):
        tasks.render_pack_chunk(chunk_id=pk)
    tasks.merge_pack(pack_id=pack.pk)

    ready = client.get(url("pack_detail", interview_round, pk=pack.pk)).content.decode()
    assert "The pack is ready" in ready and url("pack_download", interview_round, pk=pack.pk) in ready
    download = client.get(url("pack_download", interview_round, pk=pack.pk))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Cache-Control"] == "private, no-store"
    assert f'filename="interview-pack-{interview_round.vacancy.reference}-{pack.pk}.pdf"' in download["Content-Disposition"]
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


@pytest.mark.parametrize(
    "who", ["other_recruiter", "candidate", "shortlisting_panel_member", "other_round_panel_member"]
)
def test_interview_pack_pages_are_404_to_everyone_else(client, request, interview_round, candidates, recruiter, who):
    pack = make_pack(interview_round, recruiter)
    client.force_login(request.getfixturevalue(who))

    for name in ["pack_list", "pack_detail", "pack_status", "pack_download"]:
        kwargs = {} if name == "pack_list" else {"pk": pack.pk}
        assert client.get(url(name, interview_round, **kwargs)).status_code == 404, name
    assert client.post(url("pack_create", interview_round)).status_code == 404
    assert client.post(url("pack_retry", interview_round, pk=pack.pk)).status_code == 404
    assert ShortlistPack.objects.count() == 1


def test_a_pack_of_another_round_is_404_under_this_one(client, vacancy, interview_round, candidates, recruiter, interview_day):
    other_round = make_round(vacancy, recruiter, interview_day, start=(14, 0), end=(15, 0))
    invited_to(other_round, recruiter, 1, start=7)
    other_pack, _ = packs.request_interview_pack(interview_round=other_round, requested_by=recruiter)
    client.force_login(recruiter)

    assert client.get(url("pack_detail", interview_round, pk=other_pack.pk)).status_code == 404
    assert client.get(url("pack_detail", other_round, pk=other_pack.pk)).status_code == 200


def test_a_shortlisting_pack_is_404_under_the_rounds_pack_urls(client, vacancy, interview_round, candidates, recruiter):
    shortlisting_pack, _ = pack_services.request_pack(vacancy=vacancy, requested_by=recruiter)
    pack_services.fail_chunk(chunk=shortlisting_pack.chunks.first(), error=RuntimeError("stopped"))
    client.force_login(recruiter)

    for name in ["pack_detail", "pack_status", "pack_download"]:
        assert client.get(url(name, interview_round, pk=shortlisting_pack.pk)).status_code == 404, name
    assert client.post(url("pack_retry", interview_round, pk=shortlisting_pack.pk)).status_code == 404
    assert client.get(url("pack_list", interview_round)).context["packs"] == []
    assert ShortlistPack.objects.get().status == Status.FAILED


def test_asking_for_a_pack_of_a_round_nobody_is_invited_to_says_so(client, interview_round, recruiter):
    client.force_login(recruiter)

    assert "Nobody has been invited to this round yet" in client.get(url("pack_list", interview_round)).content.decode()
    response = client.post(url("pack_create", interview_round), follow=True)

    assert response.redirect_chain[-1][0] == url("pack_list", interview_round)
    assert "Nobody has been invited to this round yet, so there is nothing to put in a pack." in response.content.decode()
    assert not ShortlistPack.objects.exists()


def test_a_failed_pack_is_tried_again(client, interview_round, candidates, panel_member, recruiter):
    pack, _ = packs.request_interview_pack(interview_round=interview_round, requested_by=recruiter)
    chunk = pack.chunks.get(index=1)
    pack_services.fail_chunk(chunk=chunk, error=RuntimeError("the font was missing"))
    client.force_login(panel_member)

    failed = client.get(url("pack_detail", interview_round, pk=pack.pk)).content.decode()
    assert "The pack could not be made" in failed and "the font was missing" in failed
    response = client.post(url("pack_retry", interview_round, pk=pack.pk))

    assert response["Location"] == url("pack_detail", interview_round, pk=pack.pk)
    pack.refresh_from_db()
    chunk.refresh_from_db()
    assert pack.status == Status.QUEUED and chunk.status == Status.QUEUED


def test_old_interview_packs_go_with_the_retention_sweep(interview_round, candidates, recruiter, settings):
    settings.SHORTLIST_PACK_RETENTION_DAYS = 30
    pack = make_pack(interview_round, recruiter)
    name = pack.file.name
    ShortlistPack.objects.filter(pk=pack.pk).update(
        created_at=pack.created_at.replace(year=pack.created_at.year - 1)
    )

    assert tasks.delete_old_packs() == 1
    assert not default_storage.exists(name)
    assert not ShortlistPack.objects.exists()


def test_the_round_page_links_to_its_packs_and_the_list_runs_a_fixed_number_of_queries(
    client, interview_round, candidates, recruiter, django_assert_max_num_queries
):
    for _ in range(3):
        pack, _ = packs.request_interview_pack(interview_round=interview_round, requested_by=recruiter)
        pack_services.fail_chunk(chunk=pack.chunks.first(), error=RuntimeError("stopped"))
    client.force_login(recruiter)

    page = client.get(url("round_detail", interview_round)).content.decode()
    assert url("pack_list", interview_round) in page

    with django_assert_max_num_queries(14):
        listing = client.get(url("pack_list", interview_round))
    assert listing.status_code == 200
    assert len(listing.context["packs"]) == 3
    assert listing.content.decode().count("See what went wrong") == 3
