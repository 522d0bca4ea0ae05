"""Fill the database with two real NHS adverts, their trusts and a cast of demo users.

Run it as often as you like: every row is found by its natural key and brought back
to the demo state, so a second run changes nothing but passwords and dates.
"""

import datetime
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from demo import demo_data
from nhsuk.formats import nhs_datetime
from organisations.models import Membership, Organisation, Site
from vacancies.models import Criterion, ResponsibilitySection, Vacancy, VacancyEvent

# Closing times in NHS adverts are UK times, whatever the server's own zone.
LONDON = ZoneInfo("Europe/London")
DEFAULT_PASSWORD = "nhs-demo-password-2026"


def shift_into_open_window(*, date_posted, closing_at, interview_date, now):
    """Move an advert's dates forward by whole weeks so it is open at `now`.

    closing_at is a naive wall-clock time in London, so 23:59 stays 23:59 across
    a change of clock. Nothing moves while the closing time is still ahead.
    Otherwise the dates move by the whole weeks that bring date_posted into the
    last seven days, which leaves the vacancy open for (nearly) its original
    duration. An advert open for under a week may need one week more, which
    puts its date posted a few days ahead.
    The weekday and the gaps from posting to closing to interview stay the same.

    Returns (date_posted, closing_at, interview_date, weeks moved).
    """
    if timezone.make_aware(closing_at, LONDON) > now:
        return date_posted, closing_at, interview_date, 0
    today = now.astimezone(LONDON).date()
    weeks = max((today - date_posted).days // 7, 0)
    while timezone.make_aware(closing_at + datetime.timedelta(weeks=weeks), LONDON) <= now:
        weeks += 1
    shift = datetime.timedelta(weeks=weeks)
    return (
        date_posted + shift,
        closing_at + shift,
        interview_date + shift if interview_date else None,
        weeks,
    )


class Command(BaseCommand):
    help = (
        "Create or refresh the demo: Worcestershire Acute and Lewisham and Greenwich NHS trusts, "
        "their sites, two published vacancies from real adverts, and demo users (all @example.org) "
        "who sign in with one shared password. Safe to run again: rows are matched on natural keys. "
        "By default, a vacancy whose closing time has passed has its date posted, closing time and "
        "interview date moved forward by whole weeks, so that it is open now for about its original "
        "duration; --keep-dates keeps the adverts' own dates. Runs only with DEBUG on, unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            default=DEFAULT_PASSWORD,
            help=f"The password every demo user signs in with (default: {DEFAULT_PASSWORD}).",
        )
        parser.add_argument(
            "--keep-dates",
            action="store_true",
            help="Keep the adverts' own dates even when the closing time has passed.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even when DEBUG is off. The demo users' password is printed and known to all.",
        )

    def handle(self, *args, password, keep_dates, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off, so this looks like a live service. seed_demo creates users whose password "
                "is known to anyone who reads it; use --force if you really mean to run it here."
            )
        if not password:
            raise CommandError("The demo password cannot be empty.")

        now = timezone.now()
        with transaction.atomic():
            organisations = {spec["ods_code"]: seed_organisation(spec) for spec in demo_data.ORGANISATIONS}
            users = {spec["email"]: seed_user(spec, organisations, password) for spec in demo_data.USERS}
            seeded = [
                seed_vacancy(spec, organisations, users, now=now, keep_dates=keep_dates)
                for spec in demo_data.VACANCIES
            ]

        site_count = sum(len(spec["sites"]) for spec in demo_data.ORGANISATIONS)
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {len(organisations)} trusts, {site_count} sites, {len(seeded)} vacancies "
                f"and {len(users)} demo users."
            )
        )
        for vacancy, weeks in seeded:
            closing = timezone.localtime(vacancy.closing_at, LONDON)
            moved = f" (dates moved forward {weeks} week{'s' if weeks != 1 else ''})" if weeks else ""
            self.stdout.write(
                f"{vacancy.reference}  {vacancy.title}: closes on {nhs_datetime(closing)}{moved}"
            )

        rows = [(spec["label"], spec["email"], password) for spec in demo_data.USERS]
        role_width = max(len(role) for role, _, _ in rows)
        email_width = max(len(email) for _, email, _ in rows)
        self.stdout.write("")
        self.stdout.write("Demo sign-ins:")
        for role, email, pw in rows:
            self.stdout.write(f"{role:<{role_width}}  {email:<{email_width}}  {pw}")


def seed_organisation(spec):
    fields = {key: value for key, value in spec.items() if key not in ("ods_code", "sites")}
    organisation, _ = Organisation.objects.update_or_create(ods_code=spec["ods_code"], defaults=fields)
    for site in spec["sites"]:
        Site.objects.update_or_create(
            organisation=organisation,
            name=site["name"],
            defaults={key: value for key, value in site.items() if key != "name"},
        )
    return organisation


def seed_user(spec, organisations, password):
    user, _ = User.objects.update_or_create(
        email=spec["email"],
        defaults={
            "full_name": spec["full_name"],
            "is_active": True,
            "is_staff": spec.get("is_staff", False),
            "is_superuser": spec.get("is_superuser", False),
        },
    )
    # Set on every run, so the password printed at the end is always the one that works.
    user.set_password(password)
    user.save(update_fields=["password"])
    # Sign-in needs a confirmed address (allauth's mandatory verification); no
    # demo address reaches anyone, so each is marked confirmed here.
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"primary": True, "verified": True}
    )

    kept = []
    for membership in spec["memberships"]:
        row, _ = Membership.objects.update_or_create(
            user=user,
            organisation=organisations[membership["organisation"]],
            defaults={"role": membership["role"]},
        )
        kept.append(row.pk)
    user.memberships.exclude(pk__in=kept).delete()
    return user


def seed_vacancy(spec, organisations, users, *, now, keep_dates):
    """Write one vacancy and everything hanging from it; returns (vacancy, weeks its dates moved)."""
    organisation = organisations[spec["organisation"]]
    if keep_dates:
        date_posted, closing_at, interview_date, weeks = (
            spec["date_posted"], spec["closing_at"], spec["interview_date"], 0
        )
    else:
        date_posted, closing_at, interview_date, weeks = shift_into_open_window(
            date_posted=spec["date_posted"],
            closing_at=spec["closing_at"],
            interview_date=spec["interview_date"],
            now=now,
        )
    # Published at nine on the day posted, but never in the future: an advert
    # whose date posted is still ahead counts as published now.
    published_at = min(
        timezone.make_aware(datetime.datetime.combine(date_posted, datetime.time(9, 0)), LONDON), now
    )
    hiring_manager = spec["hiring_manager"]

    vacancy, _ = Vacancy.objects.update_or_create(
        reference=spec["reference"],
        defaults={
            **spec["fields"],
            "organisation": organisation,
            "date_posted": date_posted,
            "closing_at": timezone.make_aware(closing_at, LONDON),
            "interview_date": interview_date,
            "publish_at": None,
            # Seeding sets a known state rather than walking the lifecycle through
            # change_vacancy_status; the events below tell the same story.
            "status": Vacancy.Status.PUBLISHED,
            "status_changed_at": published_at,
            "published_at": published_at,
            "closed_at": None,
            "hiring_manager": users[hiring_manager] if hiring_manager else None,
            "created_by": users[spec["created_by"]],
        },
    )
    vacancy.sites.set(Site.objects.filter(organisation=organisation, name__in=spec["sites"]))
    vacancy.panel_members.set([users[email] for email in spec["panel_members"]])

    # Sections and criteria are matched on their place in the advert, so their
    # primary keys (and anything that will point at them, like panel scores)
    # survive a second run; rows beyond the advert's are removed.
    for order, section in enumerate(spec["responsibility_sections"], start=1):
        ResponsibilitySection.objects.update_or_create(
            vacancy=vacancy,
            order=order,
            defaults={"heading": section["heading"], "body": "\n".join(f"* {item}" for item in section["items"])},
        )
    vacancy.responsibility_sections.filter(order__gt=len(spec["responsibility_sections"])).delete()

    order = 0
    for group in spec["criteria"]:
        for text in group["items"]:
            order += 1
            Criterion.objects.update_or_create(
                vacancy=vacancy,
                order=order,
                defaults={
                    "category": group["category"],
                    "heading": group["heading"],
                    "text": text,
                    "is_essential": group["is_essential"],
                    # The adverts do not say how each criterion is assessed.
                    "assessed_at_application": True,
                    "assessed_at_interview": True,
                    "assessed_by_test": False,
                },
            )
    vacancy.criteria.filter(order__gt=order).delete()

    # The history a published vacancy has: sent for approval, approved (by a
    # second recruiter where the trust has one), published.
    history = [
        (Vacancy.Status.DRAFT, Vacancy.Status.AWAITING_APPROVAL, spec["created_by"], datetime.timedelta(days=3)),
        (Vacancy.Status.AWAITING_APPROVAL, Vacancy.Status.APPROVED, spec["approved_by"], datetime.timedelta(days=1)),
        (Vacancy.Status.APPROVED, Vacancy.Status.PUBLISHED, spec["created_by"], datetime.timedelta(0)),
    ]
    kept = []
    for from_status, to_status, actor, before in history:
        # A demo vacancy someone closed and reopened has this move twice: keep the first.
        event = vacancy.events.filter(from_status=from_status, to_status=to_status).order_by("pk").first()
        event = event or VacancyEvent(vacancy=vacancy, from_status=from_status, to_status=to_status)
        event.actor = users[actor]
        event.note = "Demo data"
        event.created_at = published_at - before
        event.save()
        kept.append(event.pk)
    vacancy.events.exclude(pk__in=kept).delete()
    return vacancy, weeks
