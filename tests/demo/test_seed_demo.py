"""manage.py seed_demo: two real adverts, their trusts and demo users, the same however often it runs."""

import datetime
import re
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db import models

from accounts.models import User
from demo.management.commands.seed_demo import DEFAULT_PASSWORD, shift_into_open_window
from organisations.models import Membership, Organisation, Site
from vacancies.models import Criterion, ResponsibilitySection, Vacancy, VacancyEvent

LONDON = ZoneInfo("Europe/London")
WORCESTERSHIRE = "C9365-25-0249-2"
LEWISHAM = "C9472-26-0031"

# Both adverts' closing times are still ahead, so no date moves.
ADVERT_TIME = datetime.datetime(2026, 1, 12, 10, 0, tzinfo=LONDON)
# Both closing times have passed.
LATE_NOVEMBER = datetime.datetime(2026, 11, 27, 12, 0, tzinfo=LONDON)

SEEDED_MODELS = [
    Organisation,
    Site,
    Vacancy,
    Vacancy.sites.through,
    Vacancy.panel_members.through,
    ResponsibilitySection,
    Criterion,
    VacancyEvent,
    User,
    Membership,
]
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")


@pytest.fixture(autouse=True)
def debug_on(settings):
    # pytest-django turns DEBUG off, and seed_demo refuses to run without it.
    settings.DEBUG = True


@pytest.fixture
def at_advert_time():
    with time_machine.travel(ADVERT_TIME, tick=False):
        yield


def seed(*args):
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def sign_ins(output):
    """The (role, email, password) rows printed after 'Demo sign-ins:'."""
    table = output.split("Demo sign-ins:\n", 1)[1]
    return [tuple(re.split(r" {2,}", line)) for line in table.splitlines() if line.strip()]


def snapshot():
    """Every seeded row's fields, except those that change on every run by design."""
    changing = {"password", "updated_at"}
    return {
        model._meta.label: [
            {key: value for key, value in row.items() if key not in changing}
            for row in model.objects.order_by("pk").values()
        ]
        for model in SEEDED_MODELS
    }


def text_values(instance):
    for field in instance._meta.concrete_fields:
        if isinstance(field, (models.CharField, models.TextField)):
            yield f"{instance._meta.label}.{field.name}", getattr(instance, field.name)


def test_seed_demo_second_run_leaves_the_same_rows(db, at_advert_time):
    seed()
    first = snapshot()

    seed()

    assert snapshot() == first
    counts = {label: len(rows) for label, rows in first.items()}
    assert counts == {
        "organisations.Organisation": 2,
        "organisations.Site": 5,
        "vacancies.Vacancy": 2,
        "vacancies.Vacancy_sites": 5,
        "vacancies.Vacancy_panel_members": 1,
        "vacancies.ResponsibilitySection": 12,
        "vacancies.Criterion": 29 + 34,
        "vacancies.VacancyEvent": 6,
        "accounts.User": 7,
        "organisations.Membership": 5,
    }


def test_seed_demo_second_run_restores_edited_demo_rows(db, at_advert_time):
    seed()
    vacancy = Vacancy.objects.get(reference=WORCESTERSHIRE)
    first_criterion = vacancy.criteria.get(order=1)
    first_criterion.text = "Edited in the demo"
    first_criterion.save()
    Criterion.objects.create(vacancy=vacancy, category="other", text="Added in the demo", order=99)
    Vacancy.objects.filter(pk=vacancy.pk).update(status=Vacancy.Status.CLOSED)
    Membership.objects.filter(user__email="recruiter@example.org").delete()

    seed()

    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.PUBLISHED
    assert vacancy.criteria.get(order=1).pk == first_criterion.pk
    assert vacancy.criteria.get(order=1).text == "First degree or professional academic qualification."
    assert not vacancy.criteria.filter(order=99).exists()
    assert Membership.objects.get(user__email="recruiter@example.org").role == Membership.Role.RECRUITER


def test_seed_demo_worcestershire_trust_and_sites(db, at_advert_time):
    seed()

    trust = Organisation.objects.get(ods_code="RWP")
    assert trust.name == "Worcestershire Acute Hospitals NHS Trust"
    assert trust.employer_code == "C9365"
    assert trust.address_lines == ["Charles Hastings Way", "Worcester", "Worcestershire", "WR5 1DD"]
    assert trust.website == "https://www.worcsacute.nhs.uk/"
    assert trust.values.splitlines() == [
        "* Best services for local people",
        "* Best experience of care and best outcomes for our patients",
        "* Best use of resources",
        "* Best people",
    ]
    assert {(site.name, site.postcode) for site in trust.sites.all()} == {
        ("Worcestershire Royal Hospital", "WR5 1DD"),
        ("The Alexandra Hospital", "B98 7UB"),
        ("Kidderminster General Hospital", "DY11 6RJ"),
    }
    assert all(site.latitude and site.longitude for site in trust.sites.all())


def test_seed_demo_worcestershire_vacancy_matches_advert(db, at_advert_time):
    seed()

    vacancy = Vacancy.objects.get(reference=WORCESTERSHIRE)
    assert vacancy.title == "Directorate Manager"
    assert vacancy.organisation.ods_code == "RWP"
    assert vacancy.status == Vacancy.Status.PUBLISHED
    assert (vacancy.pay_scheme, vacancy.band) == ("afc", "8b")
    assert (vacancy.salary_from, vacancy.salary_to, vacancy.salary_period) == (
        Decimal("64455"),
        Decimal("74896"),
        "year",
    )
    assert vacancy.contract_type == "permanent"
    assert [pattern.value for pattern in vacancy.working_patterns] == ["full_time", "flexible_working"]
    assert vacancy.hours_per_week == Decimal("37.5")
    assert sorted(vacancy.sites.values_list("postcode", flat=True)) == ["B98 7UB", "DY11 6RJ", "WR5 1DD"]
    assert vacancy.date_posted == datetime.date(2025, 12, 30)
    assert vacancy.closing_at == datetime.datetime(2026, 1, 19, 23, 59, tzinfo=LONDON)
    assert vacancy.interview_date is None
    assert vacancy.dbs_level == "standard"
    assert vacancy.offers_expanded_guaranteed_interview
    assert "robert.saunders@example.org" in vacancy.guaranteed_interview_note
    assert vacancy.hiring_manager.email == "hiring.manager@example.org"
    assert [user.email for user in vacancy.panel_members.all()] == ["panel.member@example.org"]
    assert vacancy.about_us == ""
    assert vacancy.organisation.values.count("* ") == 4
    assert [event.to_status for event in vacancy.events.all()] == ["awaiting_approval", "approved", "published"]
    assert vacancy.events.get(to_status="approved").actor.email == "approver@example.org"


def test_seed_demo_worcestershire_responsibilities_in_seven_sections(db, at_advert_time):
    seed()

    sections = list(Vacancy.objects.get(reference=WORCESTERSHIRE).responsibility_sections.all())
    assert [section.heading for section in sections] == [
        "General Duties – Performance",
        "Financial Management",
        "Business / Policy / Planning",
        "Service Transformation and Development",
        "People Management",
        "Governance",
        "Corporate & On Call Duties",
    ]
    assert [section.order for section in sections] == [1, 2, 3, 4, 5, 6, 7]
    assert [len(section.body.splitlines()) for section in sections] == [9, 5, 7, 6, 7, 6, 2]
    assert all(line.startswith("* ") for section in sections for line in section.body.splitlines())


def test_seed_demo_worcestershire_person_specification(db, at_advert_time):
    seed()

    criteria = Vacancy.objects.get(reference=WORCESTERSHIRE).criteria.all()
    counts = {}
    for criterion in criteria:
        key = (criterion.category, criterion.is_essential)
        counts[key] = counts.get(key, 0) + 1
    assert counts == {
        ("qualifications", True): 3,
        ("qualifications", False): 1,
        ("personal_qualities", True): 4,
        ("experience", True): 5,
        ("experience", False): 1,
        ("skills_knowledge", True): 15,
    }
    assert criteria.filter(is_essential=True).count() == 27
    assert criteria.filter(is_essential=False).count() == 2
    assert [criterion.order for criterion in criteria] == list(range(1, 30))
    assert criteria.get(order=4).text == "Experience in Ophthalmology or/and Rheumatology services."
    assert criteria.get(order=14).text == "Experience and knowledge of National Peer Review."
    assert not criteria.exclude(heading="").exists()
    # The guaranteed interview scheme statement is not something to score.
    assert not criteria.filter(text__icontains="Guaranteed Interview").exists()
    assert all(c.assessed_at_application and c.assessed_at_interview for c in criteria)


def test_seed_demo_lewisham_vacancy_matches_advert(db, at_advert_time):
    seed()

    vacancy = Vacancy.objects.get(reference=LEWISHAM)
    assert vacancy.title == "Imaging Directorate Manager"
    assert vacancy.directorate == "Imaging"
    assert vacancy.organisation.short_name == "LGT"
    assert vacancy.organisation.ods_code == "RJ2"
    assert vacancy.status == Vacancy.Status.PUBLISHED
    assert (vacancy.band, vacancy.salary_from, vacancy.salary_to) == ("8c", Decimal("76965"), Decimal("88682"))
    assert sorted(vacancy.sites.values_list("postcode", flat=True)) == ["SE13 6LH", "SE18 4QH"]
    assert vacancy.date_posted == datetime.date(2026, 1, 26)
    assert vacancy.closing_at == datetime.datetime(2026, 2, 9, 23, 59, tzinfo=LONDON)
    assert vacancy.interview_date == datetime.date(2026, 2, 24)
    assert vacancy.may_close_early
    assert vacancy.sponsorship_offered
    assert vacancy.sponsorship_note.startswith("Please note that sponsorship under the Skilled Worker route")
    assert vacancy.dbs_level == "enhanced"
    assert [line.split(".")[0] for line in vacancy.main_duties.splitlines()] == [str(n) for n in range(1, 10)]
    assert vacancy.about_us.endswith("\n5. Making equalities mainstream")
    assert vacancy.organisation.values == (
        "Respect, Compassion, and Inclusion; Being accountable over staying comfortable; "
        "Listening over always knowing best; and Succeeding together over achieving alone."
    )


def test_seed_demo_lewisham_responsibilities_and_person_specification(db, at_advert_time):
    seed()

    vacancy = Vacancy.objects.get(reference=LEWISHAM)
    sections = list(vacancy.responsibility_sections.all())
    assert [section.heading for section in sections] == [
        "Performance management",
        "People management",
        "Financial management",
        "Risk and clinical governance",
        "Strategy and service improvement",
    ]
    assert [len(section.body.splitlines()) for section in sections] == [9, 8, 7, 7, 4]
    assert "* Ensure that the Directorate is achieving" in sections[2].body
    assert not any("thatthe" in section.body for section in sections)

    criteria = list(vacancy.criteria.all())
    groups = {}
    for criterion in criteria:
        key = (criterion.group_title, criterion.category)
        groups[key] = groups.get(key, 0) + 1
    assert groups == {
        ("Qualifications and knowledge", "qualifications"): 4,
        ("Experience", "experience"): 6,
        ("Working with others", "skills_knowledge"): 6,
        ("Managing services", "skills_knowledge"): 8,
        ("Skills and knowledge", "skills_knowledge"): 4,
        ("Personal qualities", "personal_qualities"): 6,
    }
    assert sum(criterion.is_essential for criterion in criteria) == 34
    assert [criterion.order for criterion in criteria] == list(range(1, 35))
    # The scrape's numbering (15. to 48.) is gone.
    assert criteria[0].text == "First degree or equivalent"
    assert not any(re.match(r"\d", criterion.text) for criterion in criteria)


def test_seed_demo_every_email_address_is_at_example_org(db, at_advert_time):
    seed()

    addresses = []
    for model in SEEDED_MODELS:
        if model._meta.auto_created:
            continue  # many-to-many tables hold ids only
        for instance in model.objects.all():
            for name, value in text_values(instance):
                assert "nhs.net" not in value.lower(), name
                addresses += [(name, match.group(0), match.group(1)) for match in EMAIL.finditer(value)]

    assert {domain for _, _, domain in addresses} == {"example.org"}
    assert ("vacancies.Vacancy.guaranteed_interview_note", "robert.saunders@example.org", "example.org") in addresses
    assert {address for name, address, _ in addresses if name == "vacancies.Vacancy.contact_email"} == {
        "hiring.manager@example.org",
        "daniel.okafor@example.org",
    }
    assert sum(name == "accounts.User.email" for name, _, _ in addresses) == 7


def test_seed_demo_rows_pass_model_validation(db, at_advert_time):
    seed()

    for model in SEEDED_MODELS:
        if model._meta.auto_created:
            continue
        for instance in model.objects.all():
            instance.full_clean()


def test_seed_demo_users_sign_in_with_the_printed_password(db, at_advert_time):
    output = seed()

    rows = sign_ins(output)
    assert [email for _, email, _ in rows] == [
        "recruiter@example.org",
        "approver@example.org",
        "hiring.manager@example.org",
        "panel.member@example.org",
        "lgt.recruiter@example.org",
        "candidate@example.org",
        "admin@example.org",
    ]
    assert {password for _, _, password in rows} == {DEFAULT_PASSWORD}
    for _, email, password in rows:
        assert authenticate(username=email, password=password) == User.objects.get(email=email)


def test_seed_demo_users_have_their_roles(db, at_advert_time):
    seed()

    memberships = {
        (m.user.email, m.organisation.ods_code, m.role) for m in Membership.objects.select_related("user", "organisation")
    }
    assert memberships == {
        ("recruiter@example.org", "RWP", "recruiter"),
        ("approver@example.org", "RWP", "recruiter"),
        ("hiring.manager@example.org", "RWP", "hiring_manager"),
        ("panel.member@example.org", "RWP", "hiring_manager"),
        ("lgt.recruiter@example.org", "RJ2", "recruiter"),
    }
    staff = User.objects.filter(is_staff=True)
    assert [(u.email, u.is_superuser) for u in staff] == [("admin@example.org", True)]
    assert not User.objects.filter(is_superuser=True).exclude(email="admin@example.org").exists()


def test_seed_demo_password_option_resets_every_password(db, at_advert_time):
    seed()

    output = seed("--password", "another-demo-password")

    assert {password for _, _, password in sign_ins(output)} == {"another-demo-password"}
    assert authenticate(username="candidate@example.org", password="another-demo-password") is not None
    assert authenticate(username="candidate@example.org", password=DEFAULT_PASSWORD) is None


def test_seed_demo_refuses_without_debug(db, settings, at_advert_time):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="--force"):
        seed()

    assert not Organisation.objects.exists()
    assert not User.objects.exists()


def test_seed_demo_runs_without_debug_when_forced(db, settings, at_advert_time):
    settings.DEBUG = False

    seed("--force")

    assert Vacancy.objects.count() == 2


def test_seed_demo_past_closing_dates_move_forward_by_whole_weeks(db):
    with time_machine.travel(LATE_NOVEMBER, tick=False):
        output = seed()

    worcestershire = Vacancy.objects.get(reference=WORCESTERSHIRE)
    assert worcestershire.date_posted == datetime.date(2026, 11, 24)  # 47 weeks on, still a Tuesday
    assert worcestershire.closing_at == datetime.datetime(2026, 12, 14, 23, 59, tzinfo=LONDON)
    assert worcestershire.interview_date is None
    lewisham = Vacancy.objects.get(reference=LEWISHAM)
    assert lewisham.date_posted == datetime.date(2026, 11, 23)  # 43 weeks on
    assert lewisham.closing_at == datetime.datetime(2026, 12, 7, 23, 59, tzinfo=LONDON)
    assert lewisham.interview_date == datetime.date(2026, 12, 22)  # still 15 days after closing
    assert set(Vacancy.objects.open_for_applications(LATE_NOVEMBER)) == {worcestershire, lewisham}
    assert "dates moved forward 47 weeks" in output
    assert lewisham.published_at == datetime.datetime(2026, 11, 23, 9, 0, tzinfo=LONDON)


def test_seed_demo_keep_dates_leaves_the_adverts_dates(db):
    with time_machine.travel(LATE_NOVEMBER, tick=False):
        seed("--keep-dates")

    lewisham = Vacancy.objects.get(reference=LEWISHAM)
    assert lewisham.date_posted == datetime.date(2026, 1, 26)
    assert lewisham.closing_at == datetime.datetime(2026, 2, 9, 23, 59, tzinfo=LONDON)
    assert lewisham.interview_date == datetime.date(2026, 2, 24)
    assert not Vacancy.objects.open_for_applications(LATE_NOVEMBER).exists()


def test_shift_into_open_window_leaves_an_open_advert_alone():
    dates = shift_into_open_window(
        date_posted=datetime.date(2026, 1, 26),
        closing_at=datetime.datetime(2026, 2, 9, 23, 59),
        interview_date=datetime.date(2026, 2, 24),
        now=datetime.datetime(2026, 2, 9, 23, 58, tzinfo=LONDON),
    )

    assert dates == (datetime.date(2026, 1, 26), datetime.datetime(2026, 2, 9, 23, 59), datetime.date(2026, 2, 24), 0)


def test_shift_into_open_window_keeps_london_closing_time_across_clock_change():
    # A winter closing time moved into British Summer Time is still 23:59 in London.
    posted, closing, interview, weeks = shift_into_open_window(
        date_posted=datetime.date(2026, 1, 26),
        closing_at=datetime.datetime(2026, 2, 9, 23, 59),
        interview_date=None,
        now=datetime.datetime(2026, 7, 1, 12, 0, tzinfo=LONDON),
    )

    assert (posted, closing, interview, weeks) == (
        datetime.date(2026, 6, 29),
        datetime.datetime(2026, 7, 13, 23, 59),
        None,
        22,
    )


def test_shift_into_open_window_moves_a_short_advert_past_now():
    # Open Monday to Wednesday; on the Friday after, one week back is not enough.
    posted, closing, _, weeks = shift_into_open_window(
        date_posted=datetime.date(2026, 3, 2),
        closing_at=datetime.datetime(2026, 3, 4, 12, 0),
        interview_date=None,
        now=datetime.datetime(2026, 3, 13, 12, 0, tzinfo=LONDON),
    )

    assert (posted, closing, weeks) == (datetime.date(2026, 3, 16), datetime.datetime(2026, 3, 18, 12, 0), 2)
