"""Writing a vacancy in steps: creating the draft (asking the trust first when
the recruiter has several), then details, pay and contract, locations (with a
new site on the way), description, recruitment options, and "check your
answers". Every step keeps what was typed and shows NHS.UK errors; only drafts
change."""

import datetime
import re
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from organisations.models import Site, StaffRole
from tests.factories import MembershipFactory, OrganisationFactory, SiteFactory, UserFactory, VacancyFactory
from vacancies import services
from vacancies.models import Vacancy

S = Vacancy.Status
NOW = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def sites(trust_a):
    return [
        SiteFactory(organisation=trust_a, name="Alexandra Hospital", postcode="B98 7UB"),
        SiteFactory(organisation=trust_a, name="Kidderminster Hospital", postcode="DY11 6RJ"),
    ]


@pytest.fixture
def draft(trust_a, recruiter, sites):
    return VacancyFactory(
        organisation=trust_a, status=S.DRAFT, created_by=recruiter, title="Staff Nurse", sites=sites[:1],
        closing_at=NOW + datetime.timedelta(days=21),
    )


@pytest.fixture
def signed_in(client, recruiter):
    client.force_login(recruiter)
    return client


def url(name, vacancy, **kwargs):
    return reverse(f"manage:{name}", kwargs={"reference": vacancy.reference, **kwargs})


def error_summary(response):
    """The lines of the NHS.UK error summary, or [] when there is none."""
    html = response.content.decode()
    match = re.search(r'<div class="nhsuk-error-summary".*?<ul[^>]*>(.*?)</ul>', html, re.S)
    if not match:
        return []
    return [" ".join(re.sub(r"<[^>]+>", "", item).split()) for item in re.findall(r"<li>(.*?)</li>", match.group(1), re.S)]


def inline_errors(response):
    """Each field's NHS.UK error message, by the id of the message."""
    html = response.content.decode()
    return {
        error_id: " ".join(re.sub(r"<[^>]+>", "", text).replace("Error:", "", 1).split())
        for error_id, text in re.findall(r'<span class="nhsuk-error-message" id="([^"]+)">(.*?)</span>\s*(?=<|$)', html, re.S)
    }


def messages_of(response):
    return [str(message) for message in response.wsgi_request._messages]


# Creating ---------------------------------------------------------------------------


DETAILS = {
    "title": "Ward Sister",
    "directorate": "Cardiology",
    "staff_group": "nursing_midwifery",
    "advertising_scope": "external",
}


def test_vacancy_create_goes_straight_to_the_first_step_for_a_recruiter_of_one_trust(signed_in, trust_a):
    response = signed_in.get(reverse("manage:vacancy_create"))

    assert response.status_code == 302
    assert response.url == f"/manage/vacancies/new/{trust_a.ods_code}/"


def test_vacancy_create_asks_which_trust_when_the_recruiter_has_several(signed_in, recruiter, trust_a, trust_b):
    MembershipFactory(user=recruiter, organisation=trust_b, role=StaffRole.RECRUITER)
    form_url = reverse("manage:vacancy_create")

    question = signed_in.get(form_url)
    unanswered = signed_in.post(form_url, {})
    answered = signed_in.post(form_url, {"organisation": trust_b.pk})

    assert "Which trust is the vacancy for?" in question.content.decode()
    assert error_summary(unanswered) == ["Select the trust the vacancy is for"]
    assert answered.url == f"/manage/vacancies/new/{trust_b.ods_code}/"


def test_vacancy_create_offers_only_trusts_where_the_user_recruits(signed_in, recruiter, trust_a, trust_b):
    manager_elsewhere = OrganisationFactory(name="Trust C NHS Trust")
    MembershipFactory(user=recruiter, organisation=manager_elsewhere, role=StaffRole.HIRING_MANAGER)

    response = signed_in.get(reverse("manage:vacancy_create"))
    elsewhere = signed_in.get(reverse("manage:vacancy_create_details", kwargs={"ods_code": manager_elsewhere.ods_code}))

    # One trust to recruit for, so no question: straight on to trust A's first
    # step. Trust C, where the recruiter only manages, has no such page.
    assert response.status_code == 302
    assert response.url == f"/manage/vacancies/new/{trust_a.ods_code}/"
    assert elsewhere.status_code == 404
    assert not Vacancy.objects.exists()


def test_vacancy_create_details_makes_a_draft_with_the_trusts_next_reference(
    signed_in, recruiter, hiring_manager, trust_a
):
    trust_a.employer_code = "C9365"
    trust_a.save()

    response = signed_in.post(
        reverse("manage:vacancy_create_details", kwargs={"ods_code": trust_a.ods_code}),
        {**DETAILS, "hiring_manager": hiring_manager.pk},
    )

    vacancy = Vacancy.objects.get(title="Ward Sister")
    assert vacancy.reference == "C9365-26-0001"
    assert (vacancy.status, vacancy.organisation, vacancy.created_by, vacancy.hiring_manager) == (
        S.DRAFT, trust_a, recruiter, hiring_manager,
    )
    assert (vacancy.directorate, vacancy.staff_group, vacancy.advertising_scope) == (
        "Cardiology", "nursing_midwifery", "external",
    )
    # Pay is the next step's question: unanswered until then, and a provisional
    # closing time four weeks on, which the recruitment options step sets.
    assert (vacancy.pay_scheme, vacancy.band, vacancy.contract_type) == ("", "", "")
    assert vacancy.closing_at == datetime.datetime(2026, 3, 30, 22, 59, tzinfo=datetime.UTC)
    assert response.url == "/manage/vacancies/C9365-26-0001/pay/"
    assert messages_of(response) == [
        "Draft vacancy C9365-26-0001 created. Answer the rest of the questions, then send it for approval."
    ]


def test_vacancy_create_details_shows_errors_keeps_answers_and_creates_nothing(signed_in, trust_a):
    response = signed_in.post(
        reverse("manage:vacancy_create_details", kwargs={"ods_code": trust_a.ods_code}),
        {"title": "", "directorate": "Cardiology", "advertising_scope": "restricted"},
    )

    assert response.status_code == 200
    assert error_summary(response) == [
        "Enter the job title",
        "Select a staff group",
        "Select the trusts whose staff can apply",
    ]
    assert inline_errors(response)["id_title_error"] == "Enter the job title"
    html = response.content.decode()
    assert 'value="Cardiology"' in html
    assert re.search(r'<input[^>]*value="restricted"[^>]*checked', html)
    assert "<title>Error: Job details" in html
    assert not Vacancy.objects.exists()


def test_vacancy_create_details_offers_only_staff_of_the_trust_as_hiring_manager(
    signed_in, trust_a, hiring_manager, other_recruiter, candidate
):
    form_url = reverse("manage:vacancy_create_details", kwargs={"ods_code": trust_a.ods_code})

    page = signed_in.get(form_url)
    response = signed_in.post(form_url, {**DETAILS, "hiring_manager": other_recruiter.pk})

    choices = [user for user in page.context["form"].fields["hiring_manager"].queryset]
    assert hiring_manager in choices and other_recruiter not in choices and candidate not in choices
    assert error_summary(response) == ["Select a hiring manager from the list"]


# Details --------------------------------------------------------------------------------


def test_vacancy_edit_details_saves_a_restricted_scope_with_its_trusts(signed_in, draft, trust_b):
    response = signed_in.post(
        url("vacancy_edit_details", draft), {**DETAILS, "advertising_scope": "restricted", "restricted_to": [trust_b.pk]}
    )

    draft.refresh_from_db()
    assert (draft.title, draft.advertising_scope) == ("Ward Sister", "restricted")
    assert list(draft.restricted_to.all()) == [trust_b]
    assert response.url == url("vacancy_edit_pay", draft)


def test_vacancy_edit_details_forgets_the_trusts_when_no_longer_restricted(signed_in, draft, trust_b):
    draft.advertising_scope = "restricted"
    draft.save()
    draft.restricted_to.add(trust_b)

    signed_in.post(url("vacancy_edit_details", draft), {**DETAILS, "restricted_to": [trust_b.pk]})

    draft.refresh_from_db()
    assert draft.advertising_scope == "external"
    assert list(draft.restricted_to.all()) == []


# Pay and contract ----------------------------------------------------------------------------


PAY = {
    "pay_scheme": "afc",
    "band": "5",
    "salary_from": "31,049",
    "salary_to": "£37,796",
    "salary_period": "year",
    "salary_text": "",
    "contract_type": "permanent",
    "contract_length": "",
    "working_patterns": ["full_time", "flexible_working"],
    "hours_per_week": "37.5",
}


def test_vacancy_edit_pay_saves_pay_contract_and_working_patterns(signed_in, draft):
    draft.part_time = True
    draft.save()

    response = signed_in.post(url("vacancy_edit_pay", draft), PAY)

    draft.refresh_from_db()
    assert (draft.band, draft.salary_from, draft.salary_to, draft.salary_period) == (
        "5", Decimal("31049"), Decimal("37796"), "year",
    )
    assert [pattern.value for pattern in draft.working_patterns] == ["full_time", "flexible_working"]
    assert draft.hours_per_week == Decimal("37.5")
    assert response.url == url("vacancy_edit_locations", draft)


def test_vacancy_edit_pay_refuses_salary_from_above_salary_to_and_keeps_the_answers(signed_in, draft):
    response = signed_in.post(url("vacancy_edit_pay", draft), {**PAY, "salary_from": "40,000", "salary_to": "30000"})

    assert error_summary(response) == ["Salary from must be less than or equal to salary to"]
    assert inline_errors(response)["id_salary_from_error"] == "Salary from must be less than or equal to salary to"
    html = response.content.decode()
    assert 'value="40,000"' in html and 'value="30000"' in html and 'value="37.5"' in html
    assert re.search(r'<input[^>]*value="flexible_working"[^>]*checked', html)
    draft.refresh_from_db()
    assert draft.salary_from == Decimal("31049")  # the factory's, unchanged


def test_vacancy_edit_pay_needs_a_band_for_agenda_for_change(signed_in, draft):
    response = signed_in.post(url("vacancy_edit_pay", draft), {**PAY, "band": ""})

    assert error_summary(response) == ["Select a band for an Agenda for Change post"]


def test_vacancy_edit_pay_drops_the_band_of_another_pay_scheme(signed_in, draft):
    signed_in.post(url("vacancy_edit_pay", draft), {**PAY, "pay_scheme": "medical_dental", "salary_from": "99,000", "salary_to": ""})

    draft.refresh_from_db()
    assert (draft.pay_scheme, draft.band, draft.salary_from, draft.salary_to) == (
        "medical_dental", "", Decimal("99000"), None,
    )


def test_vacancy_edit_pay_flags_a_full_time_salary_outside_the_band(signed_in, draft):
    response = signed_in.post(url("vacancy_edit_pay", draft), {**PAY, "salary_to": "45,000"})

    assert error_summary(response) == [
        "Band 5 pay in 2025/26 is £31,049 to £37,796 a year. Enter a salary within the band, "
        "or tick the box to say the salary is outside the band on purpose"
    ]


def test_vacancy_edit_pay_accepts_a_salary_outside_the_band_on_purpose(signed_in, draft):
    response = signed_in.post(
        url("vacancy_edit_pay", draft), {**PAY, "salary_to": "45,000", "salary_outside_band": "on"}
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.salary_to == Decimal("45000")


@pytest.mark.parametrize("period", ["hour", "year_pro_rata"])
def test_vacancy_edit_pay_does_not_compare_hourly_or_pro_rata_figures_with_the_band(signed_in, draft, period):
    response = signed_in.post(
        url("vacancy_edit_pay", draft), {**PAY, "salary_from": "15.20", "salary_to": "18.50", "salary_period": period}
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.salary_from, draft.salary_period) == (Decimal("15.20"), period)


def test_vacancy_edit_pay_needs_a_length_for_a_fixed_term_contract(signed_in, draft):
    response = signed_in.post(url("vacancy_edit_pay", draft), {**PAY, "contract_type": "fixed_term"})

    assert error_summary(response) == ["Enter the length of the contract, for example 12 months"]


def test_vacancy_edit_pay_needs_some_salary_and_a_working_pattern(signed_in, draft):
    response = signed_in.post(
        url("vacancy_edit_pay", draft),
        {**PAY, "salary_from": "", "salary_to": "", "working_patterns": []},
    )

    assert error_summary(response) == [
        "Enter the salary, or describe it in the salary text",
        "Select at least one working pattern",
    ]


def test_vacancy_edit_pay_suggests_the_bands_range(signed_in, draft):
    response = signed_in.get(url("vacancy_edit_pay", draft))

    html = response.content.decode()
    assert "Band 5 in 2025/26: £31,049 to £37,796 a year, full time." in html
    assert 'id="band-rates"' in html and "£64,455" in html  # band 8b in the table of bands


# Locations ------------------------------------------------------------------------------


def test_vacancy_edit_locations_saves_the_chosen_sites(signed_in, draft, sites):
    response = signed_in.post(url("vacancy_edit_locations", draft), {"sites": [site.pk for site in sites]})

    assert set(draft.sites.all()) == set(sites)
    assert response.url == url("vacancy_edit_description", draft)


def test_vacancy_edit_locations_needs_at_least_one_site(signed_in, draft, sites):
    response = signed_in.post(url("vacancy_edit_locations", draft), {})

    assert error_summary(response) == ["Select at least one job location"]
    assert 'href="#id_sites"' in response.content.decode()
    assert list(draft.sites.all()) == sites[:1]


def test_vacancy_edit_locations_refuses_another_trusts_site(signed_in, draft, trust_b):
    elsewhere = SiteFactory(organisation=trust_b)

    response = signed_in.post(url("vacancy_edit_locations", draft), {"sites": [elsewhere.pk]})

    assert response.status_code == 200
    assert elsewhere not in draft.sites.all()


def test_site_create_adds_a_site_to_the_trust_and_ticks_it(signed_in, draft, trust_a, sites):
    response = signed_in.post(
        url("site_create", draft),
        {"name": "Evesham Community Hospital", "address_line_1": "Waterside", "town": "Evesham", "postcode": "wr111jt"},
    )

    site = Site.objects.get(name="Evesham Community Hospital")
    assert (site.organisation, site.postcode) == (trust_a, "WR11 1JT")
    assert set(draft.sites.all()) == {sites[0], site}
    assert response.url == url("vacancy_edit_locations", draft)
    page = signed_in.get(response.url).content.decode()
    assert re.search(rf'<input[^>]*value="{site.pk}"[^>]*checked', page)
    assert "Evesham Community Hospital added to your trust&#x27;s sites" in page


def test_site_create_shows_errors_and_keeps_answers(signed_in, draft, sites):
    response = signed_in.post(
        url("site_create", draft),
        {"name": "alexandra hospital", "address_line_1": "", "town": "Redditch", "postcode": "not a postcode"},
    )

    assert error_summary(response) == [
        "Your trust already has a site called alexandra hospital",
        "Enter address line 1, typically the building and street",
        "Enter a full UK postcode, like WR5 1DD",
    ]
    assert 'value="Redditch"' in response.content.decode()
    assert Site.objects.filter(organisation=draft.organisation).count() == 2


# Description -------------------------------------------------------------------------------


def test_vacancy_edit_description_saves_the_advert_text(signed_in, draft):
    response = signed_in.post(
        url("vacancy_edit_description", draft),
        {"job_summary": "Lead the ward.", "main_duties": "* Lead\n* Care", "about_us": "A great team."},
    )

    draft.refresh_from_db()
    assert (draft.job_summary, draft.main_duties, draft.about_us, draft.additional_information) == (
        "Lead the ward.", "* Lead\n* Care", "A great team.", "",
    )
    assert response.url == url("responsibility_list", draft)


def test_vacancy_edit_description_needs_the_summary_and_duties(signed_in, draft):
    response = signed_in.post(url("vacancy_edit_description", draft), {"job_summary": "", "about_us": "Kept"})

    assert error_summary(response) == ["Enter the job summary", "Enter the main duties of the job"]
    assert "Kept</textarea>" in response.content.decode()


# Recruitment options -------------------------------------------------------------------------


RECRUITMENT = {
    "closing_date_day": "30",
    "closing_date_month": "3",
    "closing_date_year": "2026",
    "closing_time": "23:59",
    "application_cap": "",
    "interview_date_day": "14",
    "interview_date_month": "4",
    "interview_date_year": "2026",
    "dbs_level": "enhanced",
    "sponsorship_offered": "on",
    "offers_disability_confident": "on",
    "contact_name": "Helen Marsh",
    "contact_email": "helen.marsh@example.org",
}


def test_vacancy_edit_recruitment_saves_the_options_and_the_panel(signed_in, draft, panel_member):
    response = signed_in.post(
        url("vacancy_edit_recruitment", draft), {**RECRUITMENT, "panel_members": [panel_member.pk], "application_cap": "100"}
    )

    draft.refresh_from_db()
    # 23:59 in London on 30 March 2026 is 22:59 UTC: summer time started the day before.
    assert draft.closing_at == datetime.datetime(2026, 3, 30, 22, 59, tzinfo=datetime.UTC)
    assert draft.interview_date == datetime.date(2026, 4, 14)
    assert (draft.dbs_level, draft.sponsorship_offered, draft.offers_disability_confident) == ("enhanced", True, True)
    assert (draft.application_cap, draft.may_close_early) == (100, True)
    assert list(draft.panel_members.all()) == [panel_member]
    assert response.url == url("vacancy_check", draft)


def test_vacancy_edit_recruitment_refuses_a_closing_time_in_the_past_and_keeps_the_answers(signed_in, draft):
    before = draft.closing_at

    response = signed_in.post(
        url("vacancy_edit_recruitment", draft),
        {**RECRUITMENT, "closing_date_day": "1", "closing_date_month": "3", "closing_time": "5pm"},
    )

    assert error_summary(response) == ["The closing date must be in the future"]
    assert inline_errors(response)["id_closing_date_error"] == "The closing date must be in the future"
    html = response.content.decode()
    assert 'name="closing_date_day" value="1"' in html
    assert 'value="5pm"' in html and 'value="Helen Marsh"' in html
    draft.refresh_from_db()
    assert draft.closing_at == before


def test_vacancy_edit_recruitment_needs_the_interview_after_the_closing_date(signed_in, draft):
    response = signed_in.post(
        url("vacancy_edit_recruitment", draft), {**RECRUITMENT, "interview_date_day": "29", "interview_date_month": "3"}
    )

    assert error_summary(response) == ["The interview date must be after the closing date"]


def test_vacancy_edit_recruitment_explains_a_time_it_cannot_read(signed_in, draft):
    response = signed_in.post(url("vacancy_edit_recruitment", draft), {**RECRUITMENT, "closing_time": "teatime"})

    assert error_summary(response) == ["Enter a real time, for example 17:30 or 5:30pm"]


def test_vacancy_edit_recruitment_offers_only_staff_of_the_trust_for_the_panel(signed_in, draft, other_recruiter):
    response = signed_in.post(url("vacancy_edit_recruitment", draft), {**RECRUITMENT, "panel_members": [other_recruiter.pk]})

    assert response.status_code == 200
    assert list(draft.panel_members.all()) == []


# Check your answers ----------------------------------------------------------------------------


def test_vacancy_check_shows_every_answer_with_a_change_link(signed_in, draft):
    response = signed_in.get(url("vacancy_check", draft))

    html = response.content.decode()
    assert "Staff Nurse" in html and "£31,049 to £37,796 a year" in html and "Alexandra Hospital, B98 7UB" in html
    for step in ["details", "pay", "locations", "description", "responsibilities", "person-specification", "recruitment"]:
        assert f'href="/manage/vacancies/{draft.reference}/{step}/?from=check"' in html


def test_vacancy_check_lists_what_stops_sending_it(signed_in, draft):
    draft.job_summary = ""
    draft.save()

    response = signed_in.get(url("vacancy_check", draft))

    assert [problem["text"] for problem in response.context["problems"]] == [
        "Write the job summary and the main duties of the job.",
        "Add at least one essential criterion to the person specification.",
    ]
    assert "Send for approval</button>" not in response.content.decode()


def test_step_reached_from_check_your_answers_goes_back_there(signed_in, draft):
    response = signed_in.post(url("vacancy_edit_pay", draft) + "?from=check", PAY)

    assert response.url == url("vacancy_check", draft)


# Only drafts change -------------------------------------------------------------------------------


PAST_DRAFT = [S.AWAITING_APPROVAL, S.APPROVED, S.PUBLISHED, S.CLOSED, S.WITHDRAWN]


@pytest.mark.parametrize("status", PAST_DRAFT)
def test_vacancy_step_of_a_vacancy_past_draft_answers_with_a_message(signed_in, draft, status):
    Vacancy.objects.filter(pk=draft.pk).update(status=status)

    response = signed_in.get(url("vacancy_edit_details", draft))

    assert response.url == url("vacancy_detail", draft)
    assert messages_of(response) == [
        f"{draft.reference} is {S(status).label.lower()}, so it cannot be changed. Only draft vacancies can be changed."
    ]


@pytest.mark.parametrize("status", PAST_DRAFT)
@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("vacancy_edit_details", {**DETAILS, "title": "Changed"}),
        ("vacancy_edit_pay", {**PAY, "band": "6", "salary_from": "40,000", "salary_to": "45,000"}),
        ("vacancy_edit_description", {"job_summary": "Changed", "main_duties": "Changed"}),
        ("vacancy_edit_recruitment", {**RECRUITMENT, "contact_name": "Changed"}),
    ],
)
def test_vacancy_step_of_a_vacancy_past_draft_changes_nothing(signed_in, draft, status, name, data):
    Vacancy.objects.filter(pk=draft.pk).update(status=status)
    before = Vacancy.objects.filter(pk=draft.pk).values().get()

    response = signed_in.post(url(name, draft), data)

    assert response.url == url("vacancy_detail", draft)
    assert Vacancy.objects.filter(pk=draft.pk).values().get() == before
    assert "Only draft vacancies can be changed." in signed_in.get(response.url).content.decode()


def test_vacancy_sent_back_to_draft_can_be_changed_again(signed_in, draft, recruiter):
    second = UserFactory()
    MembershipFactory(user=second, organisation=draft.organisation, role=StaffRole.RECRUITER)
    Vacancy.objects.filter(pk=draft.pk).update(status=S.AWAITING_APPROVAL)
    services.reject_vacancy(vacancy_id=draft.pk, actor=second, reason="Fix the pay")

    response = signed_in.post(url("vacancy_edit_details", draft), {**DETAILS, "title": "Changed"})

    draft.refresh_from_db()
    assert (response.status_code, draft.title) == (302, "Changed")
