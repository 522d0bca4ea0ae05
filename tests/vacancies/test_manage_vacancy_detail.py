"""A vacancy's page in /manage/ (summary, the moves the user may make now, links
to each step of a draft, the history) and the preview of its advert."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from organisations.models import StaffRole
from tests.factories import ApplicationFactory, CriterionFactory, MembershipFactory, VacancyFactory
from vacancies.models import Criterion, ResponsibilitySection, Vacancy, VacancyEvent

S = Vacancy.Status
NOW = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def second_recruiter(trust_a):
    return MembershipFactory(organisation=trust_a, role=StaffRole.RECRUITER, user__full_name="Sam Second").user


def url(name, vacancy):
    return reverse(f"manage:{name}", kwargs={"reference": vacancy.reference})


def action_buttons(response):
    html = response.content.decode()
    group = re.search(r'<div class="nhsuk-button-group" id="actions">(.*?)</div>', html, re.S)
    return re.findall(r'role="button"[^>]*>([^<]+)</a>', group.group(1)) if group else []


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (S.DRAFT, ["Check and send for approval", "Copy", "Withdraw"]),
        (S.AWAITING_APPROVAL, ["Approve", "Send back to draft", "Copy", "Withdraw"]),
        (S.APPROVED, ["Send back to draft", "Publish", "Copy", "Withdraw"]),
        (S.PUBLISHED, ["Close early", "Advertise again", "Copy", "Withdraw"]),
        (S.CLOSED, ["Reopen", "Advertise again", "Copy", "Withdraw"]),
        (S.FILLED, ["Advertise again", "Copy"]),
        (S.WITHDRAWN, ["Advertise again", "Copy"]),
    ],
)
def test_vacancy_detail_offers_a_recruiter_the_moves_allowed_now(client, second_recruiter, recruiter, trust_a, status, expected):
    vacancy = VacancyFactory(organisation=trust_a, status=status, created_by=recruiter)
    client.force_login(second_recruiter)

    response = client.get(url("vacancy_detail", vacancy))

    assert action_buttons(response) == expected


def test_vacancy_detail_never_offers_approval_to_who_wrote_or_sent_it(client, recruiter, second_recruiter, trust_a):
    written = VacancyFactory(organisation=trust_a, status=S.AWAITING_APPROVAL, created_by=recruiter)
    sent = VacancyFactory(organisation=trust_a, status=S.AWAITING_APPROVAL, created_by=second_recruiter,
                          submitted_by=recruiter)
    client.force_login(recruiter)

    assert "Approve" not in action_buttons(client.get(url("vacancy_detail", written)))
    assert "Approve" not in action_buttons(client.get(url("vacancy_detail", sent)))


def test_vacancy_detail_links_each_step_of_a_draft(client, recruiter, trust_a):
    vacancy = VacancyFactory(organisation=trust_a, status=S.DRAFT)
    client.force_login(recruiter)

    html = client.get(url("vacancy_detail", vacancy)).content.decode()

    for name in ["vacancy_edit_details", "vacancy_edit_pay", "vacancy_edit_locations", "vacancy_edit_description",
                 "responsibility_list", "criterion_list", "vacancy_edit_recruitment"]:
        assert f'href="{url(name, vacancy)}"' in html


def test_vacancy_detail_shows_a_hiring_manager_the_summary_and_history_but_no_actions(
    client, hiring_manager, recruiter, trust_a
):
    vacancy = VacancyFactory(organisation=trust_a, status=S.PUBLISHED, hiring_manager=hiring_manager, title="Ward Sister")
    VacancyEvent.objects.create(vacancy=vacancy, actor=recruiter, from_status=S.APPROVED, to_status=S.PUBLISHED,
                                created_at=NOW)
    ApplicationFactory.create_batch(2, vacancy=vacancy)
    client.force_login(hiring_manager)

    response = client.get(url("vacancy_detail", vacancy))

    html = response.content.decode()
    assert action_buttons(response) == []
    assert url("vacancy_edit_details", vacancy) not in html
    assert 'id="history-table"' in html and "Rita Recruiter" in html
    assert response.context["vacancy"].application_count == 2
    assert f'href="{url("vacancy_preview", vacancy)}"' in html


def test_vacancy_detail_says_when_the_status_never_changed(client, recruiter, trust_a):
    vacancy = VacancyFactory(organisation=trust_a, status=S.DRAFT)
    client.force_login(recruiter)

    html = client.get(url("vacancy_detail", vacancy)).content.decode()

    assert "The status has not changed since the vacancy was created." in html


@pytest.mark.parametrize("count", [5, 50])
def test_vacancy_detail_runs_a_fixed_number_of_queries(
    client, recruiter, trust_a, panel_member, count, django_assert_max_num_queries
):
    vacancy = VacancyFactory(organisation=trust_a, status=S.PUBLISHED)
    vacancy.panel_members.add(panel_member)
    VacancyEvent.objects.bulk_create(
        VacancyEvent(vacancy=vacancy, actor=recruiter, from_status=S.CLOSED, to_status=S.PUBLISHED,
                     created_at=NOW - datetime.timedelta(hours=n))
        for n in range(count)
    )
    ApplicationFactory.create_batch(3, vacancy=vacancy)
    client.force_login(recruiter)

    # Session, user, staff membership, the vacancy by role, the vacancy with its
    # counts, its sites, panel and events, whether the user may change it; one
    # more for the staff decorator's two-factor check when it is required.
    with django_assert_max_num_queries(10):
        response = client.get(url("vacancy_detail", vacancy))

    assert len(response.context["vacancy"].events.all()) == count


# Preview --------------------------------------------------------------------------------------------


def test_vacancy_preview_shows_a_draft_as_candidates_will_see_it(client, recruiter, trust_a):
    vacancy = VacancyFactory(organisation=trust_a, status=S.DRAFT, title="Ward Sister", job_summary="Lead the ward.")
    CriterionFactory(vacancy=vacancy, category=Criterion.Category.QUALIFICATIONS, text="Registered nurse", order=1)
    ResponsibilitySection.objects.create(vacancy=vacancy, heading="Leadership", body="Lead the team.", order=1)
    client.force_login(recruiter)

    response = client.get(url("vacancy_preview", vacancy))

    html = response.content.decode()
    assert 'id="preview-notice"' in html
    assert "This is how candidates will see the advert once it is published. It is not on the website yet." in html
    assert "Ward Sister" in html and "Lead the ward." in html and "Registered nurse" in html and "Leadership" in html
    assert 'id="vacancy-closed"' not in html  # shown as it will be while open
    assert client.get(vacancy.get_absolute_url()).status_code == 404  # and still not public


def test_vacancy_preview_of_a_closed_vacancy_shows_it_closed(client, hiring_manager, trust_a):
    vacancy = VacancyFactory(organisation=trust_a, status=S.CLOSED, hiring_manager=hiring_manager,
                             closing_at=NOW - datetime.timedelta(days=1))
    client.force_login(hiring_manager)

    html = client.get(url("vacancy_preview", vacancy)).content.decode()

    assert "This is how candidates see the advert. The vacancy is closed." in html
    assert 'id="vacancy-closed"' in html


def test_public_page_and_preview_share_the_advert(client, recruiter, trust_a):
    vacancy = VacancyFactory(organisation=trust_a, status=S.PUBLISHED, title="Ward Sister")
    client.force_login(recruiter)

    public = client.get(vacancy.get_absolute_url()).content.decode()
    preview = client.get(url("vacancy_preview", vacancy)).content.decode()

    def advert(html):
        return " ".join(re.search(r'<h1 class="nhsuk-heading-xl">.*?id="employer"', html, re.S).group(0).split())

    # Only the public page has "Apply for this job" under the closing date.
    apply_button = re.compile(r'<form method="post" action="/applications/start/[^"]+/" novalidate>.*?</form>', re.S)
    assert advert(apply_button.sub("", public, count=1)) == advert(preview)


def test_vacancy_detail_links_to_shortlisting_packs_once_published(client, recruiter, trust_a):
    draft = VacancyFactory(organisation=trust_a, status=Vacancy.Status.DRAFT)
    closed = VacancyFactory(organisation=trust_a, status=Vacancy.Status.CLOSED, published_at=NOW)
    client.force_login(recruiter)

    draft_html = client.get(url("vacancy_detail", draft)).content.decode()
    closed_html = client.get(url("vacancy_detail", closed)).content.decode()

    packs = f'href="/manage/vacancies/{closed.reference}/packs/"'
    assert packs in closed_html
    assert "/packs/" not in draft_html
