from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation, Site

from .choices import (  # noqa: F401  (re-exported: the models' own vocabulary)
    AdvertisingScope,
    Band,
    ContractType,
    DBSLevel,
    PayScheme,
    SalaryPeriod,
    StaffGroup,
    VacancyStatus,
    WorkingPattern,
)
from .querysets import VacancyQuerySet

REFERENCE_VALIDATOR = RegexValidator(
    r"^[A-Z][0-9]{3,5}-[0-9]{2}-[0-9]{4}(-[0-9]+)?$",
    _("Enter a reference like C9365-25-0249 or C9365-25-0249-2"),
)


def _money(amount):
    """£64,455 for whole pounds, £12.45 when there are pence."""
    if amount == amount.to_integral_value():
        return f"£{int(amount):,}"
    return f"£{amount:,.2f}"


# Agenda for Change turns an annual salary into an hourly rate over 52.143 weeks
# of 37.5 hours; hourly pay is compared with annual pay the same way.
HOURS_A_YEAR = Decimal("1955.36")


def annual_salary_from():
    """The starting salary in pounds a year, hourly pay counted as full time,
    and 0 for a salary given only in words: what the public search filters and
    sorts on. vacancy_public_salary_idx indexes this very expression; the search
    must use it unchanged for the index to serve."""
    return Coalesce(
        Case(
            When(salary_period=SalaryPeriod.HOUR, then=F("salary_from") * Value(HOURS_A_YEAR)),
            default=F("salary_from"),
        ),
        Value(Decimal("0")),
        output_field=models.DecimalField(max_digits=12, decimal_places=2),
    )


class PayBandRate(models.Model):
    """Agenda for Change pay for one band in one pay year: its entry and top points.

    Loaded from vacancies/data/afc-pay-<year>.csv by a data migration each pay
    year; used to suggest a salary when a recruiter picks a band and to flag a
    range outside it.
    """

    pay_year = models.CharField(max_length=7, help_text=_("For example 2025/26"))
    band = models.CharField(max_length=2, choices=Band.choices)
    entry_salary = models.DecimalField(max_digits=9, decimal_places=2)
    top_salary = models.DecimalField(max_digits=9, decimal_places=2)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-pay_year", "band"]
        constraints = [
            models.UniqueConstraint(fields=["pay_year", "band"], name="paybandrate_year_band_unique"),
            models.CheckConstraint(condition=Q(entry_salary__lte=F("top_salary")), name="paybandrate_entry_lte_top"),
        ]

    def __str__(self):
        return f"{self.get_band_display()} {self.pay_year}: {_money(self.entry_salary)} to {_money(self.top_salary)}"

    @classmethod
    def current(cls, band):
        """The latest pay year's rate for a band, or None."""
        return cls.objects.filter(band=band).order_by("-pay_year").first()

    def covers(self, salary_from, salary_to):
        """Whether an annual full-time range lies within this band."""
        return self.entry_salary <= salary_from and salary_to <= self.top_salary


class Vacancy(models.Model):
    Status = VacancyStatus

    # The lifecycle of DESIGN.md: every allowed move, and nothing else.
    # vacancies.services.change_vacancy_status is the one place that moves.
    TRANSITIONS = {
        Status.DRAFT: {Status.AWAITING_APPROVAL, Status.WITHDRAWN},
        Status.AWAITING_APPROVAL: {Status.APPROVED, Status.DRAFT, Status.WITHDRAWN},
        Status.APPROVED: {Status.PUBLISHED, Status.DRAFT, Status.WITHDRAWN},
        Status.PUBLISHED: {Status.CLOSED, Status.WITHDRAWN},
        Status.CLOSED: {Status.SHORTLISTING, Status.PUBLISHED, Status.WITHDRAWN},
        Status.SHORTLISTING: {Status.INTERVIEWING, Status.WITHDRAWN},
        Status.INTERVIEWING: {Status.OFFER_MADE, Status.WITHDRAWN},
        Status.OFFER_MADE: {Status.FILLED, Status.INTERVIEWING, Status.WITHDRAWN},
        Status.FILLED: set(),
        Status.WITHDRAWN: set(),
    }
    # The statuses each staff action (manage:vacancy_<action>) starts from; the
    # pages offer and allow it from no other. Narrower than TRANSITIONS where
    # one move serves two actions: approved → published is publishing, so
    # reopening starts from closed only.
    ACTIONS_FROM = {
        "submit": {Status.DRAFT},
        "approve": {Status.AWAITING_APPROVAL},
        "reject": {Status.AWAITING_APPROVAL, Status.APPROVED},
        "publish": {Status.APPROVED},
        "close": {Status.PUBLISHED},
        "reopen": {Status.CLOSED},
        "withdraw": set(Status) - {Status.FILLED, Status.WITHDRAWN},  # as TRANSITIONS: all but the ends
        # Once a vacancy has been out; a draft is copied instead.
        "readvert": {*Status.public_values(), Status.WITHDRAWN},
    }

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="vacancies")
    reference = models.CharField(
        _("reference number"), max_length=30, unique=True, validators=[REFERENCE_VALIDATOR]
    )
    title = models.CharField(_("job title"), max_length=200)
    advertising_scope = models.CharField(
        max_length=20, choices=AdvertisingScope.choices, default=AdvertisingScope.EXTERNAL
    )
    restricted_to = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="restricted_vacancies",
        help_text=_("For restricted vacancies: the other trusts whose staff may apply"),
    )
    directorate = models.CharField(_("directorate or specialty"), max_length=200, blank=True)
    staff_group = models.CharField(max_length=30, choices=StaffGroup.choices)

    # Pay
    pay_scheme = models.CharField(max_length=20, choices=PayScheme.choices, default=PayScheme.AGENDA_FOR_CHANGE)
    band = models.CharField(max_length=2, choices=Band.choices, blank=True)
    salary_from = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    salary_to = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    salary_period = models.CharField(max_length=20, choices=SalaryPeriod.choices, default=SalaryPeriod.YEAR)
    salary_text = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Shown instead of figures, or after them: for example 'Depending on experience'"),
    )

    # Contract and hours
    contract_type = models.CharField(max_length=20, choices=ContractType.choices)
    contract_length = models.CharField(
        max_length=100, blank=True, help_text=_("For fixed term and secondment: for example 12 months")
    )
    full_time = models.BooleanField(_("full time"), default=False)
    part_time = models.BooleanField(_("part time"), default=False)
    flexible_working = models.BooleanField(_("flexible working"), default=False)
    job_share = models.BooleanField(_("job share"), default=False)
    home_or_hybrid = models.BooleanField(_("home or hybrid working"), default=False)
    hours_per_week = models.DecimalField(
        max_digits=4, decimal_places=1, null=True, blank=True, validators=[MinValueValidator(0)]
    )

    sites = models.ManyToManyField(Site, related_name="vacancies", verbose_name=_("job locations"))

    # The advert
    job_summary = models.TextField()
    main_duties = models.TextField(_("main duties of the job"))
    about_us = models.TextField(
        _("working for our organisation"),
        blank=True,
        help_text=_("What this post or team offers beyond the trust's own about text"),
    )
    additional_information = models.TextField(blank=True)
    applicant_requirements = models.TextField(blank=True)

    # Dates
    date_posted = models.DateField(null=True, blank=True)
    publish_at = models.DateTimeField(null=True, blank=True, help_text=_("Publish at this time, once approved"))
    closing_at = models.DateTimeField(_("closing time"))
    may_close_early = models.BooleanField(default=False)
    application_cap = models.PositiveIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1)], help_text=_("Close once this many have applied")
    )
    interview_date = models.DateField(null=True, blank=True)
    # Some trusts tell only those they invite (the Lewisham advert: "We do not
    # contact applicants with the outcome of the shortlisting").
    send_not_shortlisted_emails = models.BooleanField(
        _("e-mail candidates who are not shortlisted"), default=True
    )

    # Recruitment options
    dbs_level = models.CharField(_("DBS check"), max_length=20, choices=DBSLevel.choices, default=DBSLevel.NONE)
    sponsorship_offered = models.BooleanField(_("Skilled Worker sponsorship offered"), default=False)
    sponsorship_note = models.TextField(blank=True)
    offers_disability_confident = models.BooleanField(
        _("Disability Confident guaranteed interview scheme"), default=False
    )
    offers_expanded_guaranteed_interview = models.BooleanField(
        _("expanded guaranteed interview scheme (BAME, disabled and LGBT+ candidates)"), default=False
    )
    guaranteed_interview_note = models.TextField(blank=True)

    # Contact for enquiries
    contact_name = models.CharField(max_length=200, blank=True)
    contact_job_title = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=30, blank=True)

    hiring_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed_vacancies",
    )
    panel_members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="panel_vacancies"
    )

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Who last sent it for approval: they may not approve it"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status_changed_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # The keyword search's documents on PostgreSQL, written by database triggers,
    # never by Django (migration 0004), on every insert or change of the columns
    # they are made of and when a trust is renamed, so bulk_create and .update()
    # keep them right too. Always empty on SQLite, where vacancies/search.py falls
    # back to icontains.
    # What a keyword must be found in: title and reference (weight A), trust name
    # and directorate (B), job summary (C), main duties (D).
    search_vector = SearchVectorField(null=True, editable=False)
    # What a vacancy is called: title, reference, trust name, directorate. Small,
    # so it stays in the row: a match here ranks first.
    title_vector = SearchVectorField(null=True, editable=False)

    objects = VacancyQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "vacancies"
        ordering = ["closing_at", "reference"]
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_from__isnull=True) | Q(salary_to__isnull=True) | Q(salary_from__lte=F("salary_to")),
                name="vacancy_salary_from_lte_to",
            ),
            models.CheckConstraint(
                condition=Q(salary_from__isnull=True) | Q(salary_from__gte=0),
                name="vacancy_salary_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(pay_scheme="afc") | ~Q(band=""),
                name="vacancy_afc_has_band",
            ),
            models.CheckConstraint(
                condition=~Q(contract_type__in=["fixed_term", "secondment"]) | ~Q(contract_length=""),
                name="vacancy_fixed_term_has_length",
            ),
            models.CheckConstraint(
                condition=Q(application_cap__isnull=True) | Q(application_cap__gte=1),
                name="vacancy_application_cap_positive",
            ),
            models.CheckConstraint(
                condition=Q(status__in=VacancyStatus.values),
                name="vacancy_status_valid",
            ),
        ]
        indexes = [
            # The beat task's "published and past its closing time" and the
            # public list of open vacancies by closing date.
            models.Index(fields=["status", "closing_at"], name="vacancy_status_closing_idx"),
            # A trust's vacancies by status, for the staff dashboard.
            models.Index(fields=["organisation", "status"], name="vacancy_org_status_idx"),
            # The public search's default order, newest first (vacancies/search.py):
            # a page is read off the index, however many vacancies are open.
            models.Index(
                fields=["-date_posted", "-published_at", "-id"],
                condition=Q(status=VacancyStatus.PUBLISHED, advertising_scope=AdvertisingScope.EXTERNAL),
                name="vacancy_public_newest_idx",
            ),
            # The public search by salary, highest first.
            models.Index(
                annual_salary_from().desc(),
                F("closing_at"),
                F("id"),
                condition=Q(status=VacancyStatus.PUBLISHED, advertising_scope=AdvertisingScope.EXTERNAL),
                name="vacancy_public_salary_idx",
            ),
            # The public search's band filter, the one candidates use most: with
            # the keyword's GIN index, PostgreSQL reads only rows that match both.
            models.Index(
                fields=["band"],
                condition=Q(status=VacancyStatus.PUBLISHED, advertising_scope=AdvertisingScope.EXTERNAL),
                name="vacancy_public_band_idx",
            ),
            # The keyword search's GIN index, vacancy_search_vector_gin, is made
            # in migration 0004 on PostgreSQL only: SQLite has no GIN.
        ]

    def __str__(self):
        return f"{self.title} ({self.reference})"

    def get_absolute_url(self):
        return reverse("vacancies:vacancy_detail", kwargs={"reference": self.reference})

    @property
    def working_patterns(self):
        """The working patterns offered, as WorkingPattern members in a fixed order."""
        return [pattern for pattern in WorkingPattern if getattr(self, pattern.value)]

    @property
    def guaranteed_interview_schemes(self):
        schemes = []
        if self.offers_disability_confident:
            schemes.append(Vacancy._meta.get_field("offers_disability_confident").verbose_name)
        if self.offers_expanded_guaranteed_interview:
            schemes.append(Vacancy._meta.get_field("offers_expanded_guaranteed_interview").verbose_name)
        return schemes

    @property
    def salary_display(self):
        """As adverts say it: '£64,455 to £74,896 a year', or the salary text."""
        amounts = [amount for amount in (self.salary_from, self.salary_to) if amount is not None]
        parts = []
        if amounts:
            figures = " to ".join(_money(amount) for amount in dict.fromkeys(amounts))
            parts.append(f"{figures} {self.get_salary_period_display()}")
        if self.salary_text:
            parts.append(self.salary_text)
        return ", ".join(parts)

    def is_open(self, now=None):
        now = now or timezone.now()
        return self.status == self.Status.PUBLISHED and self.closing_at > now

    @property
    def actual_closing_at(self):
        """When the vacancy stops (or stopped) taking applications, as candidates
        are told it: the time it closed if that was before its closing time (closed
        early by hand, or at its cap), otherwise the closing time. closing_at keeps
        the time it was advertised with, and the beat task closes a vacancy a
        little after it, so the earlier of the two is the one that happened."""
        if self.closed_at is not None and self.closed_at < self.closing_at:
            return self.closed_at
        return self.closing_at

    def can_move_to(self, status):
        return status in self.TRANSITIONS[self.Status(self.status)]

    def allows(self, action):
        """Whether the status lets staff take this action (of ACTIONS_FROM) now."""
        return self.status in self.ACTIONS_FROM[action]

    def may_be_approved_by(self, user):
        """Four eyes on every advert: nobody approves a vacancy they wrote or
        last sent for approval. The service, the page and the dashboard ask here."""
        return user.pk not in {self.created_by_id, self.submitted_by_id}


class ReferenceSequence(models.Model):
    """The last sequence number a trust used for references in one year.

    Taken under a row lock (vacancies.services.next_reference), so two vacancies
    created at once never share a number.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(help_text=_("Two digits, as in the reference: 25 for 2025"))
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="referencesequence_org_year_unique"),
        ]

    def __str__(self):
        return f"{self.organisation.employer_code}-{self.year:02d}: {self.last_number}"


class ResponsibilitySection(models.Model):
    """A headed section of the detailed job description, in the advert's order."""

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="responsibility_sections")
    heading = models.CharField(max_length=200)
    body = models.TextField()
    order = models.PositiveIntegerField()

    class Meta:
        ordering = ["vacancy", "order"]
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "order"], name="responsibility_vacancy_order_unique"),
        ]

    def __str__(self):
        return self.heading


class Criterion(models.Model):
    """One line of the person specification."""

    class Category(models.TextChoices):
        QUALIFICATIONS = "qualifications", _("Qualifications")
        EXPERIENCE = "experience", _("Experience")
        SKILLS_KNOWLEDGE = "skills_knowledge", _("Skills and knowledge")
        PERSONAL_QUALITIES = "personal_qualities", _("Personal qualities")
        OTHER = "other", _("Other")

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="criteria")
    category = models.CharField(max_length=20, choices=Category.choices)
    heading = models.CharField(
        max_length=100,
        blank=True,
        help_text=_("The advert's own heading when it differs from the category, e.g. 'Working with others'"),
    )
    text = models.TextField()
    is_essential = models.BooleanField(_("essential"), default=True)
    assessed_at_application = models.BooleanField(_("assessed at application"), default=True)
    assessed_at_interview = models.BooleanField(_("assessed at interview"), default=False)
    assessed_by_test = models.BooleanField(_("assessed by test"), default=False)
    order = models.PositiveIntegerField()

    class Meta:
        verbose_name_plural = "criteria"
        ordering = ["vacancy", "order"]
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "order"], name="criterion_vacancy_order_unique"),
            models.CheckConstraint(
                condition=Q(assessed_at_application=True) | Q(assessed_at_interview=True) | Q(assessed_by_test=True),
                name="criterion_assessed_somehow",
            ),
        ]

    def __str__(self):
        return self.text

    @property
    def group_title(self):
        return self.heading or self.get_category_display()

    @property
    def assessment_labels(self):
        labels = []
        if self.assessed_at_application:
            labels.append(_("Application"))
        if self.assessed_at_interview:
            labels.append(_("Interview"))
        if self.assessed_by_test:
            labels.append(_("Test"))
        return labels


class VacancyEvent(models.Model):
    """One change of a vacancy's status: who, when, from, to and why."""

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the system made the change, e.g. closing at the closing time"),
    )
    from_status = models.CharField(max_length=20, choices=VacancyStatus.choices)
    to_status = models.CharField(max_length=20, choices=VacancyStatus.choices)
    note = models.TextField(blank=True)
    # A change to a live advert (vacancies.advert_changes): what changed, as the
    # history shows it, [{"field", "label", "before", "after"}]; empty otherwise.
    changes = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["vacancy", "created_at", "id"]
        indexes = [
            # A vacancy's history, oldest first, on its staff page.
            models.Index(fields=["vacancy", "created_at"], name="vacancyevent_vacancy_time_idx"),
        ]

    def __str__(self):
        return f"{self.vacancy.reference}: {self.from_status} → {self.to_status}"


class ProposedChange(models.Model):
    """A change to the pay and contract of a live advert, held until another
    recruiter approves it (vacancies.advert_changes); the advert stays as it is."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="proposed_changes")
    # The new values of the vacancy's fields, as JSON: {"salary_from": "31049.00", ...}.
    values = models.JSONField()
    # As the history shows them: [{"field", "label", "before", "after"}].
    changes = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    proposed_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True, help_text=_("Why it was rejected, for the recruiter who proposed it"))

    class Meta:
        constraints = [
            # One change waits at a time: a second would be decided against a stale "before".
            models.UniqueConstraint(
                fields=["vacancy"], condition=Q(status="proposed"), name="proposedchange_one_waiting_per_vacancy"
            ),
        ]

    def __str__(self):
        return f"{self.vacancy.reference}: {self.get_status_display()}"

    def may_be_approved_by(self, user):
        """Four eyes, as for the vacancy itself: not the one who proposed it."""
        return user.pk != self.proposed_by_id
