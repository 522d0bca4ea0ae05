"""A trust's recruiters reword the e-mails the trust sends to candidates:
/manage/trusts/<ods code>/emails/. Nobody else sees these pages."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from nhsuk.converters import EmailKeyConverter
from organisations.emails import REGISTRY, template_errors
from organisations.models import EmailTemplate, EmailTemplateEvent
from tests.factories import VacancyFactory

pytestmark = pytest.mark.django_db

CONFIRMATION = "candidates.submission_confirmation"  # may not be switched off
NOT_SHORTLISTED = "shortlisting.not_shortlisted"  # may be switched off


def list_url(trust):
    return reverse("organisations:email_template_list", kwargs={"ods_code": trust.ods_code})


def edit_url(trust, key=CONFIRMATION, page="email_template_edit"):
    return reverse(f"organisations:{page}", kwargs={"ods_code": trust.ods_code, "key": key})


@pytest.fixture
def recruiter_client(client, recruiter):
    client.force_login(recruiter)
    return client


GOOD = {
    "subject": "Thank you: ((vacancy_title))",
    "body": "Hello ((candidate_name)),\r\n\r\nWe have your application ((application_reference)).\r\n\r\n((link))",
}


# The list -------------------------------------------------------------------------------


def test_email_list_shows_every_candidate_email_and_which_the_trust_changed(recruiter_client, trust_a, recruiter):
    EmailTemplate.objects.create(
        organisation=trust_a, key=CONFIRMATION, subject="Ours", updated_by=recruiter, updated_at="2026-01-05T10:00Z"
    )
    EmailTemplate.objects.create(organisation=trust_a, key=NOT_SHORTLISTED, enabled=False, updated_at="2026-01-05T10:00Z")

    response = recruiter_client.get(list_url(trust_a))

    page = response.content.decode()
    for key in (CONFIRMATION, NOT_SHORTLISTED, "shortlisting.shortlisted", "candidates.closed_at_cap",
                "candidates.closing_time_changed"):
        assert str(REGISTRY[key].label) in page
        assert edit_url(trust_a, key) in page
    rows = {str(email.label): template for email, template in response.context["rows"]}
    assert rows["Application received"].subject == "Ours"
    assert page.count("Changed by your trust") == 1
    assert page.count("Switched off") == 1


@pytest.mark.parametrize("templates", [0, 6])
def test_email_list_makes_few_queries_however_many_the_trust_changed(
    recruiter_client, trust_a, templates, django_assert_max_num_queries
):
    for key in sorted(REGISTRY)[:templates]:
        EmailTemplate.objects.create(organisation=trust_a, key=key, subject="S", updated_at="2026-01-05T10:00Z")

    with django_assert_max_num_queries(8):
        response = recruiter_client.get(list_url(trust_a))

    assert response.status_code == 200
    assert response.content.decode().count("Changed by your trust") == min(templates, len(REGISTRY))


# Editing --------------------------------------------------------------------------------


def test_email_edit_page_shows_the_default_its_placeholders_and_a_preview(recruiter_client, trust_a):
    response = recruiter_client.get(edit_url(trust_a))

    page = response.content.decode()
    form = response.context["form"]
    assert form["subject"].value() == str(REGISTRY[CONFIRMATION].subject)
    for name in ("((candidate_name))", "((vacancy_title))", "((application_reference))", "((submitted))"):
        assert f"<code>{name}</code>" in page
    assert "Your trust sends the default wording." in page
    # The preview, with example values in place of the placeholders.
    assert "Dear Alex Example," in page
    assert f"at {trust_a.name}" in page
    assert "Send this email" not in page  # a confirmation cannot be switched off


def test_saving_an_email_keeps_the_trust_s_wording_and_an_event(recruiter_client, trust_a, recruiter):
    response = recruiter_client.post(edit_url(trust_a), GOOD)

    assert response.status_code == 302 and response["Location"] == list_url(trust_a)
    template = EmailTemplate.objects.get(organisation=trust_a, key=CONFIRMATION)
    assert (template.subject, template.body, template.enabled, template.updated_by) == (
        "Thank you: ((vacancy_title))",
        "Hello ((candidate_name)),\n\nWe have your application ((application_reference)).\n\n((link))",
        True,
        recruiter,
    )
    event = EmailTemplateEvent.objects.get()
    assert (event.organisation, event.key, event.kind, event.actor) == (trust_a, CONFIRMATION, "saved", recruiter)
    assert event.subject == "Thank you: ((vacancy_title))"
    assert "Changed by your trust" in recruiter_client.get(list_url(trust_a)).content.decode()


def test_saving_the_default_unchanged_stores_it_blank_so_it_follows_the_default(recruiter_client, trust_a):
    email = REGISTRY[CONFIRMATION]

    recruiter_client.post(edit_url(trust_a), {"subject": str(email.subject), "body": str(email.body)})

    template = EmailTemplate.objects.get(organisation=trust_a, key=CONFIRMATION)
    assert (template.subject, template.body, template.reworded) == ("", "", False)


@pytest.mark.parametrize(
    "field, typed, message",
    [
        ("body", "Dear ((candidate_nmae)), ((link))", "Remove or correct ((candidate_nmae))"),
        ("subject", "Your ((salary)) for ((vacancy_title))", "Remove or correct ((salary))"),
        ("body", "Dear ((candidate_name), hello", "Each placeholder must start with (( and end with ))"),
        ("body", "Dear candidate_name)), hello", "Each placeholder must start with (( and end with ))"),
        ("subject", "Thank you\r\nBcc: someone@example.com", "The subject must be one line"),
        ("subject", "", "Enter a subject"),
        ("body", "", "Enter the message"),
    ],
)
def test_bad_wording_is_refused_by_the_field_and_kept_as_typed(recruiter_client, trust_a, field, typed, message):
    response = recruiter_client.post(edit_url(trust_a), {**GOOD, field: typed})

    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    page = response.content.decode()
    assert "There is a problem" in page
    assert "nhsuk-error-message" in page
    assert response.context["form"][field].value() == typed
    assert not EmailTemplate.objects.exists()
    assert not EmailTemplateEvent.objects.exists()


def test_the_unknown_placeholder_message_lists_those_the_email_can_use():
    (message,) = template_errors("((nope)) and ((nope))", ("candidate_name", "link"))

    assert message == "Remove or correct ((nope)): this email can only use ((candidate_name)), ((link))"


def test_brackets_around_a_placeholder_are_allowed():
    assert template_errors("Your application (((reference)))", ("reference",)) == []


def test_preview_shows_the_typed_wording_with_example_values_and_saves_nothing(recruiter_client, trust_a):
    response = recruiter_client.post(edit_url(trust_a, page="email_template_preview"), GOOD)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Preview of your changes (not saved yet)" in page
    assert "Thank you: Staff Nurse, Acute Medicine" in page
    assert "Hello Alex Example," in page
    assert "C9365-26-0001-A0007" in page
    assert response.context["form"]["body"].value() == GOOD["body"]
    assert not EmailTemplate.objects.exists()


def test_preview_of_bad_wording_shows_the_errors_and_no_preview(recruiter_client, trust_a):
    response = recruiter_client.post(edit_url(trust_a, page="email_template_preview"), {**GOOD, "body": "((oops))"})

    assert "Remove or correct ((oops))" in response.context["form"].errors["body"][0]
    assert response.context["preview"] is False
    assert 'id="preview"' not in response.content.decode()


def test_an_email_that_may_be_switched_off_can_be(recruiter_client, trust_a, recruiter):
    email = REGISTRY[NOT_SHORTLISTED]
    assert "Send this email" in recruiter_client.get(edit_url(trust_a, NOT_SHORTLISTED)).content.decode()

    recruiter_client.post(edit_url(trust_a, NOT_SHORTLISTED), {"subject": str(email.subject), "body": str(email.body)})

    assert EmailTemplate.objects.get(key=NOT_SHORTLISTED).enabled is False
    assert EmailTemplateEvent.objects.get().enabled is False


def test_an_email_that_may_not_be_switched_off_stays_on_whatever_is_posted(recruiter_client, trust_a):
    recruiter_client.post(edit_url(trust_a), {**GOOD, "enabled": ""})

    assert EmailTemplate.objects.get(key=CONFIRMATION).enabled is True


def test_reset_goes_back_to_the_default_and_writes_an_event(recruiter_client, trust_a, recruiter):
    recruiter_client.post(edit_url(trust_a, NOT_SHORTLISTED), {**GOOD, "body": "Sorry ((candidate_name))"})

    response = recruiter_client.post(edit_url(trust_a, NOT_SHORTLISTED, page="email_template_reset"))

    assert response["Location"] == edit_url(trust_a, NOT_SHORTLISTED)
    assert not EmailTemplate.objects.exists()
    assert list(EmailTemplateEvent.objects.order_by("pk").values_list("kind", "actor")) == [
        ("saved", recruiter.pk),
        ("reset", recruiter.pk),
    ]


def test_reset_is_a_post_only(recruiter_client, trust_a):
    assert recruiter_client.get(edit_url(trust_a, page="email_template_reset")).status_code == 405


# Who may ---------------------------------------------------------------------------------


PAGES = [
    ("get", "list"),
    ("get", "email_template_edit"),
    ("post", "email_template_edit"),
    ("post", "email_template_preview"),
    ("post", "email_template_reset"),
]


def url_of(trust, page):
    return list_url(trust) if page == "list" else edit_url(trust, page=page)


@pytest.mark.parametrize("method, page", PAGES)
@pytest.mark.parametrize("who", ["other_recruiter", "hiring_manager", "panel_member", "candidate"])
def test_email_pages_are_not_found_for_anyone_but_the_trust_s_recruiters(
    client, request, trust_a, recruiter, method, page, who
):
    EmailTemplate.objects.create(organisation=trust_a, key=CONFIRMATION, subject="Ours", updated_at="2026-01-05T10:00Z")
    client.force_login(request.getfixturevalue(who))

    response = getattr(client, method)(url_of(trust_a, page), GOOD)

    assert response.status_code == 404
    assert EmailTemplate.objects.get().subject == "Ours"
    assert not EmailTemplateEvent.objects.exists()


def test_email_pages_send_a_visitor_to_sign_in(client, trust_a):
    response = client.get(list_url(trust_a))

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_email_that_does_not_exist_is_not_found(recruiter_client, trust_a):
    assert recruiter_client.get(edit_url(trust_a, "candidates.no_such_email")).status_code == 404


def test_the_recruiter_finds_the_emails_from_a_published_vacancy(recruiter_client, trust_a):
    vacancy = VacancyFactory(organisation=trust_a, published_at=timezone.now())

    page = recruiter_client.get(reverse("manage:vacancy_detail", kwargs={"reference": vacancy.reference})).content

    assert list_url(trust_a).encode() in page


@pytest.mark.parametrize("key", ["shortlisting.not_shortlisted", "candidates.submission_confirmation", "a.b"])
def test_email_key_converter_takes_registered_keys(key):
    assert re.fullmatch(EmailKeyConverter.regex, key)


@pytest.mark.parametrize("key", ["shortlisting", "Shortlisting.x", "a.b\x00", "a.b.c", "a.ｂ", ".a", "a./b", ""])
def test_email_key_converter_refuses_anything_else(key):
    assert not re.fullmatch(EmailKeyConverter.regex, key)


def test_every_registered_key_fits_the_converter():
    assert [key for key in REGISTRY if not re.fullmatch(EmailKeyConverter.regex, key)] == []
