"""Changing a live advert (vacancies.advert_changes and its pages): text,
contact, a new location and a later closing time at once, each an event with
the before and after; pay and contract only with another recruiter's approval;
the person specification not at all; candidates with drafts told when the
closing time moves; every page 404 to those who may not change the vacancy."""

import datetime
import re
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from accounts.models import OutgoingEmail
from organisations.models import StaffRole
from tests.candidates.factories import DraftApplicationFactory, PersonalDetailsFactory
from tests.factories import ApplicationFactory, CriterionFactory, MembershipFactory, SiteFactory, VacancyFactory
from vacancies import advert_changes
from vacancies.models import ProposedChange, Vacancy, VacancyEvent

S = Vacancy.Status
NOW = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
# 23 March 2026, 11:59pm in London (GMT until 29 March).
CLOSING = datetime.datetime(2026, 3, 23, 23, 59, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def second_recruiter(trust_a):
    return MembershipFactory(organisation=trust_a, role=StaffRole.RECRUITER, user__full_name="Sam Second").user


@pytest.fixture
def vacancy(trust_a, recruiter, hiring_manager, panel_member):
    site = SiteFactory(organisation=trust_a, name="Alexandra Hospital")
    vacancy = VacancyFactory(
        organisation=trust_a, reference="C9365-26-0700", title="Ward Sister", created_by=recruiter,
        closing_at=CLOSING, sites=[site], hiring_manager=hiring_manager, job_summary="Join our frendly team.",
        band="6", salary_from=Decimal("38682"), salary_to=Decimal("46580"),
    )
    vacancy.panel_members.set([panel_member])
    CriterionFactory(vacancy=vacancy, text="Registered nurse", order=1)
    return vacancy


def url(name, vacancy, **kwargs):
    return reverse(f"manage:{name}", kwargs={"reference": vacancy.reference, **kwargs})


def error_summary(response):
    html = response.content.decode()
    match = re.search(r'<div class="nhsuk-error-summary".*?<ul[^>]*>(.*?)</ul>', html, re.S)
    if not match:
        return []
    return [" ".join(re.sub(r"<[^>]+>", "", item).split()) for item in re.findall(r"<li>(.*?)</li>", match.group(1), re.S)]


def field_error(response, field):
    html = response.content.decode()
    match = re.search(rf'id="id_{field}_error"><span[^>]*>Error: </span>([^<]*)</span>', html)
    return " ".join(match.group(1).split()) if match else None


def change_events(vacancy):
    return list(VacancyEvent.objects.filter(vacancy=vacancy).exclude(changes=[]).values_list("note", "changes"))


# At once ---------------------------------------------------------------------------


def test_live_advert_text_correction_shows_at_once_with_an_event(client, recruiter, vacancy):
    client.force_login(recruiter)

    response = client.post(url("vacancy_change_description", vacancy), {
        "job_summary": "Join our friendly team.", "main_duties": "Care for patients.", "about_us": "",
        "additional_information": "",
    })

    assert response.status_code == 302
    vacancy.refresh_from_db()
    assert (vacancy.status, vacancy.job_summary) == (S.PUBLISHED, "Join our friendly team.")
    assert change_events(vacancy) == [("Changed the live advert", [
        {"field": "job_summary", "label": "Job summary", "before": "Join our frendly team.",
         "after": "Join our friendly team."},
    ])]
    html = client.get(url("vacancy_detail", vacancy)).content.decode()
    assert "Job summary: from Join our frendly team. to Join our friendly team." in html


def test_live_advert_contact_change_is_recorded(client, recruiter, vacancy):
    client.force_login(recruiter)

    client.post(url("vacancy_change_contact", vacancy), {
        "contact_name": "Jo Lead", "contact_job_title": "Matron", "contact_email": "jo@example.org", "contact_phone": "",
    })

    vacancy.refresh_from_db()
    assert (vacancy.contact_name, vacancy.contact_email) == ("Jo Lead", "jo@example.org")
    assert [c["field"] for _note, changes in change_events(vacancy) for c in changes] == [
        "contact_name", "contact_job_title", "contact_email",
    ]


def test_live_advert_contact_bad_email_is_refused_beside_the_field(client, recruiter, vacancy):
    client.force_login(recruiter)

    response = client.post(url("vacancy_change_contact", vacancy), {"contact_email": "not an address"})

    assert response.status_code == 200
    assert field_error(response, "contact_email") == "Enter an email address in the correct format, like name@example.org"
    assert change_events(vacancy) == []


def test_live_advert_gains_a_site_but_cannot_lose_one(client, recruiter, vacancy, trust_a):
    client.force_login(recruiter)
    old_site = vacancy.sites.get()
    new_site = SiteFactory(organisation=trust_a, name="Kidderminster Hospital")

    refused = client.post(url("vacancy_change_locations", vacancy), {"sites": [new_site.pk]})
    added = client.post(url("vacancy_change_locations", vacancy), {"sites": [old_site.pk, new_site.pk]})

    assert field_error(refused, "sites") == (
        "You cannot remove Alexandra Hospital from a live advert: candidates may have applied for it"
    )
    assert added.status_code == 302
    assert set(vacancy.sites.all()) == {old_site, new_site}
    assert change_events(vacancy) == [("Added a job location", [
        {"field": "sites", "label": "Job locations", "before": "Alexandra Hospital",
         "after": "Alexandra Hospital, Kidderminster Hospital"},
    ])]


def test_live_advert_closing_time_moves_later_and_tells_candidates_with_drafts(
    client, settings, recruiter, vacancy, candidate, other_candidate, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "accounts.mail.QueuedEmailBackend"  # the project's path: a row per e-mail
    draft = DraftApplicationFactory(vacancy=vacancy, candidate=candidate)
    PersonalDetailsFactory(application=draft, first_name="Cara", last_name="Nurse", email="cara@example.org")
    DraftApplicationFactory(vacancy=vacancy, candidate=other_candidate)
    ApplicationFactory(vacancy=vacancy)  # submitted: has nothing left to do
    DraftApplicationFactory(candidate=candidate)  # a draft for another vacancy
    client.force_login(recruiter)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("vacancy_change_closing", vacancy), {
            "closing_date_day": "30", "closing_date_month": "3", "closing_date_year": "2026", "closing_time": "5pm",
        })

    assert response.status_code == 302
    vacancy.refresh_from_db()
    assert vacancy.closing_at == datetime.datetime(2026, 3, 30, 16, 0, tzinfo=datetime.UTC)  # 5pm BST
    assert change_events(vacancy) == [("Moved the closing time", [
        {"field": "closing_at", "label": "Closing time", "before": "23 March 2026 at 11:59pm",
         "after": "30 March 2026 at 5pm"},
    ])]
    emails = sorted(OutgoingEmail.objects.values_list("to", "subject", "body"))
    assert [(to, subject) for to, subject, _body in emails] == [
        (["cara@example.org"], "More time to apply: Ward Sister"),
        ([other_candidate.email], "More time to apply: Ward Sister"),
    ]
    assert "Dear Cara Nurse," in emails[0][2]
    assert "You now have until 5pm on 30 March 2026 to submit your application." in emails[0][2]


def test_live_advert_closing_time_cannot_move_earlier(client, settings, recruiter, vacancy, candidate):
    settings.EMAIL_BACKEND = "accounts.mail.QueuedEmailBackend"
    DraftApplicationFactory(vacancy=vacancy, candidate=candidate)
    client.force_login(recruiter)

    response = client.post(url("vacancy_change_closing", vacancy), {
        "closing_date_day": "20", "closing_date_month": "3", "closing_date_year": "2026", "closing_time": "23:59",
    })

    assert response.status_code == 200
    assert field_error(response, "closing_date") == (
        "The new closing time must be later than 23 March 2026 at 11:59pm. To close the vacancy sooner, close it early."
    )
    vacancy.refresh_from_db()
    assert vacancy.closing_at == CLOSING
    assert OutgoingEmail.objects.count() == 0


def test_closing_time_change_sends_nothing_before_commit(
    settings, recruiter, vacancy, candidate, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "accounts.mail.QueuedEmailBackend"
    DraftApplicationFactory(vacancy=vacancy, candidate=candidate)

    with django_capture_on_commit_callbacks() as callbacks:
        advert_changes.change_closing_time(vacancy_id=vacancy.pk, actor=recruiter, closing_at=CLOSING + datetime.timedelta(days=1))

    assert len(callbacks) == 1  # the signal waits for the commit
    assert OutgoingEmail.objects.count() == 0


# With approval -------------------------------------------------------------------------

PAY = {
    "pay_scheme": "afc", "band": "6", "salary_from": "39,000", "salary_to": "46,580", "salary_period": "year",
    "salary_text": "", "contract_type": "permanent", "contract_length": "", "working_patterns": ["full_time"],
    "hours_per_week": "37.5",
}


def test_live_advert_pay_change_waits_for_another_recruiter(client, recruiter, second_recruiter, vacancy):
    client.force_login(recruiter)
    client.post(url("vacancy_change_pay", vacancy), PAY)

    vacancy.refresh_from_db()
    proposal = ProposedChange.objects.get()
    assert (vacancy.salary_from, proposal.status, proposal.proposed_by) == (Decimal("38682"), "proposed", recruiter)
    assert proposal.changes == [{"field": "salary_from", "label": "Salary from", "before": "38682", "after": "39000"}]

    own = client.post(url("proposed_change_approve", vacancy, change_id=proposal.pk))
    assert error_summary(own) == ["You cannot approve a change you proposed. Ask another recruiter at your trust."]
    vacancy.refresh_from_db()
    assert vacancy.salary_from == Decimal("38682")

    client.force_login(second_recruiter)
    approved = client.post(url("proposed_change_approve", vacancy, change_id=proposal.pk))

    assert approved.status_code == 302
    vacancy.refresh_from_db()
    proposal.refresh_from_db()
    assert (vacancy.salary_from, proposal.status, proposal.decided_by) == (Decimal("39000"), "approved", second_recruiter)
    assert [note for note, _changes in change_events(vacancy)] == [
        "Proposed a change to pay and contract, for approval", "Approved the change to pay and contract",
    ]


def test_live_advert_pay_change_rejected_with_a_reason_leaves_the_advert(client, recruiter, second_recruiter, vacancy):
    client.force_login(recruiter)
    client.post(url("vacancy_change_pay", vacancy), {**PAY, "band": "7", "salary_from": "47,810", "salary_to": "54,710"})
    proposal = ProposedChange.objects.get()
    client.force_login(second_recruiter)

    no_reason = client.post(url("proposed_change_reject", vacancy, change_id=proposal.pk), {"reason": " "})
    rejected = client.post(url("proposed_change_reject", vacancy, change_id=proposal.pk), {"reason": "Band 7 needs a panel"})

    assert field_error(no_reason, "reason") == "Enter why you are rejecting the change"
    assert rejected.status_code == 302
    vacancy.refresh_from_db()
    proposal.refresh_from_db()
    assert (vacancy.band, vacancy.salary_from) == ("6", Decimal("38682"))
    assert (proposal.status, proposal.reason) == ("rejected", "Band 7 needs a panel")


def test_live_advert_second_pay_proposal_is_refused_while_one_waits(client, recruiter, vacancy):
    client.force_login(recruiter)
    client.post(url("vacancy_change_pay", vacancy), PAY)

    response = client.post(url("vacancy_change_pay", vacancy), {**PAY, "salary_text": "Plus high cost area supplement"})

    assert error_summary(response) == [
        "A change to this vacancy is already waiting for approval. Approve or reject it first."
    ]
    assert ProposedChange.objects.count() == 1


def test_live_advert_pay_proposal_that_changes_nothing_is_refused(client, recruiter, vacancy):
    client.force_login(recruiter)

    response = client.post(url("vacancy_change_pay", vacancy), {**PAY, "salary_from": "38,682"})

    assert error_summary(response) == ["You have not changed anything. Change the pay or contract, or cancel."]
    assert ProposedChange.objects.count() == 0


def test_live_advert_page_says_the_person_specification_cannot_change(client, recruiter, vacancy):
    client.force_login(recruiter)

    html = client.get(url("vacancy_change", vacancy)).content.decode()
    builder = client.post(url("criterion_create", vacancy), {"category": "experience", "text": "New", "essential": "yes"})

    assert "The job title, the person specification and the applicant requirements cannot change" in html
    assert "withdraw the vacancy and advertise it again" in html
    assert builder.status_code == 302
    assert list(vacancy.criteria.values_list("text", flat=True)) == ["Registered nurse"]


def test_live_advert_change_pages_refuse_a_vacancy_that_is_not_published(client, recruiter, vacancy):
    Vacancy.objects.filter(pk=vacancy.pk).update(status=S.CLOSED)
    client.force_login(recruiter)

    response = client.post(url("vacancy_change_description", vacancy), {"job_summary": "New", "main_duties": "New"})

    assert "This vacancy is closed. Only a published advert can be changed this way." in response.content.decode()
    vacancy.refresh_from_db()
    assert vacancy.job_summary == "Join our frendly team."
    assert change_events(vacancy) == []


# Who may -------------------------------------------------------------------------------

PAGES = [
    "vacancy_change", "vacancy_change_description", "vacancy_change_contact", "vacancy_change_locations",
    "vacancy_change_closing", "vacancy_change_pay",
]


@pytest.mark.parametrize("who", ["hiring_manager", "panel_member", "other_recruiter", "candidate"])
@pytest.mark.parametrize("page", PAGES)
def test_live_advert_change_pages_are_not_found_to_others(client, request, vacancy, who, page):
    client.force_login(request.getfixturevalue(who))

    got = client.get(url(page, vacancy))
    # The overview is read-only (GET and HEAD); every other page takes a POST.
    posted = client.post(url(page, vacancy), {"job_summary": "Hacked", "main_duties": "Hacked"})

    assert got.status_code == 404
    assert posted.status_code in ({404, 405} if page == "vacancy_change" else {404})
    vacancy.refresh_from_db()
    assert vacancy.job_summary == "Join our frendly team."


@pytest.mark.parametrize("who", ["hiring_manager", "panel_member", "other_recruiter", "candidate"])
def test_proposed_change_decisions_are_not_found_to_others(client, request, recruiter, vacancy, who):
    proposal = advert_changes.propose_change(vacancy_id=vacancy.pk, actor=recruiter, values={"band": "7"})
    client.force_login(request.getfixturevalue(who))

    approve = client.post(url("proposed_change_approve", vacancy, change_id=proposal.pk))
    reject = client.post(url("proposed_change_reject", vacancy, change_id=proposal.pk), {"reason": "No"})

    assert (approve.status_code, reject.status_code) == (404, 404)
    proposal.refresh_from_db()
    assert proposal.status == "proposed"


def test_new_site_for_a_live_advert_joins_the_trust_and_waits_to_be_ticked(client, recruiter, vacancy, trust_a):
    client.force_login(recruiter)

    response = client.post(reverse("manage:site_create", kwargs={"reference": vacancy.reference}), {
        "name": "Evesham Community Hospital", "address_line_1": "Waterside", "town": "Evesham", "postcode": "WR11 1JT",
    })

    assert response.url == url("vacancy_change_locations", vacancy)
    assert trust_a.sites.filter(name="Evesham Community Hospital").exists()
    assert list(vacancy.sites.values_list("name", flat=True)) == ["Alexandra Hospital"]  # ticked on the live page
    assert change_events(vacancy) == []
