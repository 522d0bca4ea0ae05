"""Applications: one candidate for one vacancy, filled in sections.

An application is a draft until the candidate submits it; each section is a
model of its own (one-to-one with the application, or child rows for jobs,
qualifications and referees), and SectionProgress records which sections the
candidate has said are complete. Equality monitoring has its own model, read
only by the candidate and by aggregate reports: no staff page shows it.
"""

import datetime
import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vacancies.models import DBSLevel


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    NOT_SHORTLISTED = "not_shortlisted", _("Not shortlisted")
    INVITED_TO_INTERVIEW = "invited_to_interview", _("Invited to interview")
    OFFERED = "offered", _("Offered")
    APPOINTED = "appointed", _("Appointed")
    UNSUCCESSFUL = "unsuccessful", _("Unsuccessful")
    WITHDRAWN = "withdrawn", _("Withdrawn")

    @classmethod
    def received(cls):
        """Statuses of applications that reached the trust: not drafts, not withdrawn."""
        return [s for s in cls if s not in (cls.DRAFT, cls.WITHDRAWN)]


class Section(models.TextChoices):
    """The sections of the application form, in the order of the task list."""

    PERSONAL_DETAILS = "personal_details", _("Personal details")
    RIGHT_TO_WORK = "right_to_work", _("Right to work and sponsorship")
    EMPLOYMENT_HISTORY = "employment_history", _("Employment history")
    QUALIFICATIONS = "qualifications", _("Education and qualifications")
    SUPPORTING_INFORMATION = "supporting_information", _("Supporting information")
    REFERENCES = "references", _("References")
    DECLARATIONS = "declarations", _("Criminal record and relationships")
    ADJUSTMENTS = "adjustments", _("Adjustments for interview")
    GUARANTEED_INTERVIEW = "guaranteed_interview", _("Guaranteed interview scheme")
    EQUALITY_MONITORING = "equality_monitoring", _("Equality monitoring")


class SectionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    INCOMPLETE = "incomplete", _("Incomplete")
    COMPLETED = "completed", _("Completed")


# Sections copied from the candidate's last application into a new one. The
# others belong to one vacancy (supporting information, criminal record
# questions at its DBS level, its guaranteed interview schemes) or are asked
# afresh each time (equality monitoring).
COPIED_SECTIONS = (
    Section.PERSONAL_DETAILS,
    Section.RIGHT_TO_WORK,
    Section.EMPLOYMENT_HISTORY,
    Section.QUALIFICATIONS,
    Section.REFERENCES,
    Section.ADJUSTMENTS,
)


class ApplicationQuerySet(models.QuerySet):
    def received(self):
        return self.filter(status__in=ApplicationStatus.received())


class Application(models.Model):
    """One candidate's application for one vacancy."""

    Status = ApplicationStatus

    # The lifecycle of DESIGN.md: every allowed move, and nothing else.
    # candidates.services.change_application_status is the one place that moves.
    # A candidate withdraws before an outcome: not after not shortlisted,
    # unsuccessful or appointed.
    TRANSITIONS = {
        Status.DRAFT: {Status.SUBMITTED},
        Status.SUBMITTED: {Status.SHORTLISTED, Status.NOT_SHORTLISTED, Status.WITHDRAWN},
        Status.SHORTLISTED: {Status.INVITED_TO_INTERVIEW, Status.UNSUCCESSFUL, Status.WITHDRAWN},
        Status.NOT_SHORTLISTED: set(),
        Status.INVITED_TO_INTERVIEW: {Status.OFFERED, Status.UNSUCCESSFUL, Status.WITHDRAWN},
        Status.OFFERED: {Status.APPOINTED, Status.UNSUCCESSFUL, Status.WITHDRAWN},
        Status.APPOINTED: set(),
        Status.UNSUCCESSFUL: set(),
        Status.WITHDRAWN: set(),
    }

    # NHS.UK tag colours for the candidate's list of applications.
    STATUS_TAG_CLASSES = {
        Status.DRAFT: "nhsuk-tag--grey",
        Status.SUBMITTED: "nhsuk-tag--blue",
        Status.SHORTLISTED: "nhsuk-tag--aqua-green",
        Status.NOT_SHORTLISTED: "nhsuk-tag--red",
        Status.INVITED_TO_INTERVIEW: "nhsuk-tag--purple",
        Status.OFFERED: "nhsuk-tag--green",
        Status.APPOINTED: "nhsuk-tag--green",
        Status.UNSUCCESSFUL: "nhsuk-tag--red",
        Status.WITHDRAWN: "nhsuk-tag--white",
    }

    vacancy = models.ForeignKey("vacancies.Vacancy", on_delete=models.PROTECT, related_name="applications")
    # Empty once the candidate deleted their account: a submitted application
    # stays with the trust until its retention ends (services.forget_candidate).
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="applications"
    )
    status = models.CharField(max_length=30, choices=Status.choices, default=Status.DRAFT)
    anonymised_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("When its personal information was removed at the end of its retention"),
    )
    anonymous_number = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text=_("Given at submission, in order, per vacancy: 7 is shown to panels as A0007"),
    )
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The candidate's earlier application whose answers started this one"),
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    status_changed_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the e-mail confirming the submission was sent")
    )

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "candidate"], name="application_one_per_candidate"),
            models.UniqueConstraint(
                fields=["vacancy", "anonymous_number"], name="application_anonymous_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="application_submitted_has_time",
            ),
        ]
        indexes = [
            # Counting a vacancy's applications by status (dashboard, the cap).
            models.Index(fields=["vacancy", "status"], name="application_vacancy_status_idx"),
            # A candidate's applications, newest first (/applications/, and the
            # last application that prefills a new one).
            models.Index(fields=["candidate", "-created_at"], name="application_candidate_idx"),
        ]

    def __str__(self):
        return f"{self.anonymous_code or f'Draft {self.pk}'} for {self.vacancy.reference}"

    @property
    def anonymous_code(self):
        """What panels see instead of the candidate's name: A0007."""
        return f"A{self.anonymous_number:04d}" if self.anonymous_number else ""

    @property
    def reference(self):
        """The reference the candidate quotes: it does not reveal the anonymous code."""
        return f"APP-{self.pk:07d}"

    @property
    def status_tag_class(self):
        return self.STATUS_TAG_CLASSES[self.Status(self.status)]

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    def can_move_to(self, status):
        return status in self.TRANSITIONS[self.Status(self.status)]

    @property
    def can_be_withdrawn(self):
        return self.can_move_to(self.Status.WITHDRAWN)

    # Sections -----------------------------------------------------------------

    def sections(self):
        """The sections this vacancy asks for, in task-list order: the guaranteed
        interview scheme only when the vacancy offers one."""
        offers_scheme = self.vacancy.offers_disability_confident or self.vacancy.offers_expanded_guaranteed_interview
        return [section for section in Section if section != Section.GUARANTEED_INTERVIEW or offers_scheme]

    def required_sections(self):
        return [section for section in self.sections() if section != Section.EQUALITY_MONITORING]

    def section_statuses(self, progress=None):
        """{Section: SectionStatus} for the sections of this application.

        `progress` is this application's SectionProgress rows (prefetch them as
        `progress` to avoid a query). A section answered for other questions
        than the vacancy now asks (its DBS level or schemes changed) is
        incomplete again.
        """
        if progress is None:
            progress = self.progress.all()
        rows = {row.section: row for row in progress}
        statuses = {}
        for section in self.sections():
            row = rows.get(section)
            if row is None:
                statuses[section] = SectionStatus.NOT_STARTED
            elif row.completed_at and self._answers_still_fit(section):
                statuses[section] = SectionStatus.COMPLETED
            else:
                statuses[section] = SectionStatus.INCOMPLETE
        return statuses

    def _answers_still_fit(self, section):
        if section == Section.DECLARATIONS:
            declarations = _one_to_one(self, "declarations")
            return declarations is not None and declarations.dbs_level == self.vacancy.dbs_level
        if section == Section.GUARANTEED_INTERVIEW:
            request = _one_to_one(self, "guaranteed_interview")
            return request is not None and request.fits(self.vacancy)
        return True

    def incomplete_sections(self, progress=None):
        statuses = self.section_statuses(progress)
        return [section for section in self.required_sections() if statuses[section] != SectionStatus.COMPLETED]


def _one_to_one(instance, name):
    try:
        return getattr(instance, name)
    except models.ObjectDoesNotExist:
        return None


class ApplicationEvent(models.Model):
    """One change of an application's status: who, when, from, to and why."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the system made the change"),
    )
    from_status = models.CharField(max_length=30, choices=ApplicationStatus.choices)
    to_status = models.CharField(max_length=30, choices=ApplicationStatus.choices)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["application", "created_at", "id"]
        indexes = [
            # An application's history, oldest first.
            models.Index(fields=["application", "created_at"], name="appevent_application_time_idx"),
        ]

    def __str__(self):
        return f"{self.application_id}: {self.from_status} → {self.to_status}"


class SectionProgress(models.Model):
    """A section the candidate has started: complete once they said so with
    every required answer given, incomplete while they are still on it."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="progress")
    section = models.CharField(max_length=30, choices=Section.choices)
    completed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "section"], name="sectionprogress_one_per_section"),
        ]

    def __str__(self):
        return f"{self.application_id}: {self.section} {'complete' if self.completed_at else 'incomplete'}"


# Dates and periods ------------------------------------------------------------------


def add_months(day, months):
    """The same day `months` later (or earlier), or the month's last day if it is shorter."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    month += 1
    for last_day in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last_day))
        except ValueError:
            continue
    raise ValueError(day)


# NHS Employment Check Standards: employment history and references covering
# the last 3 years; a break of more than 3 months in them must be explained.
HISTORY_YEARS = 3
GAP_MONTHS = 3


def uncovered_periods(periods, *, today):
    """The gaps of more than GAP_MONTHS in the last HISTORY_YEARS that no period
    covers, as (first uncovered day, last uncovered day), oldest first.

    `periods` are (start, end) dates, end None for "until now".
    """
    window_start = add_months(today, -12 * HISTORY_YEARS)
    clipped = sorted(
        (max(start, window_start), min(end or today, today))
        for start, end in periods
        if start and start <= today and (end or today) >= window_start
    )
    gaps = []
    covered_until = window_start - datetime.timedelta(days=1)
    for start, end in clipped + [(today + datetime.timedelta(days=1), today)]:
        first_uncovered = covered_until + datetime.timedelta(days=1)
        last_uncovered = start - datetime.timedelta(days=1)
        if last_uncovered >= add_months(first_uncovered, GAP_MONTHS):
            gaps.append((first_uncovered, last_uncovered))
        covered_until = max(covered_until, end)
    return gaps


# Names ------------------------------------------------------------------------------

# Letters of any alphabet, with spaces, hyphens, apostrophes and full stops
# between them: "Siân Ó Dúnlaing-Nguyễn", "D'Souza", "St. John".
_NAME = re.compile(r"^[^\W\d_](?:[^\W\d_]|[ '’.\-])*$")


def validate_name(value):
    if not _NAME.match(unicodedata.normalize("NFC", value)):
        raise ValidationError(
            _("Name must only include letters, spaces, hyphens, apostrophes and full stops"), code="invalid_name"
        )


# The sections -------------------------------------------------------------------------
# Draft answers may be partial (the candidate saves and comes back later), so
# fields allow blanks; the forms require answers when the candidate says a
# section is complete, and submission requires every section complete.


class PersonalDetails(models.Model):
    """Who the candidate is and how to reach them. Never shown to a panel before
    the shortlist is decided. No date of birth: the panel must not see age, and
    the pre-employment checks after an offer ask for it."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="personal_details")
    first_name = models.CharField(max_length=100, blank=True, validators=[validate_name])
    last_name = models.CharField(max_length=100, blank=True, validators=[validate_name])
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("telephone number"), max_length=30, blank=True)
    address_line_1 = models.CharField(max_length=200, blank=True)
    address_line_2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(_("town or city"), max_length=100, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    country = models.CharField(max_length=100, blank=True, default="United Kingdom")

    class Meta:
        verbose_name_plural = "personal details"

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return " ".join(part for part in (self.first_name, self.last_name) if part)

    @property
    def address_lines(self):
        lines = (self.address_line_1, self.address_line_2, self.town, self.postcode, self.country)
        return [line for line in lines if line]


class RightToWork(models.Model):
    class Status(models.TextChoices):
        BRITISH_OR_IRISH = "british_or_irish", _("I am a British or Irish citizen")
        SETTLED = "settled", _("I have settled or pre-settled status, or indefinite leave to remain")
        VISA = "visa", _("I have a visa that lets me do this job")
        NONE = "none", _("I do not have the right to work in the UK yet")

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="right_to_work")
    status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    visa_type = models.CharField(max_length=200, blank=True)
    visa_expires_on = models.DateField(null=True, blank=True)
    needs_sponsorship = models.BooleanField(null=True, blank=True)

    def __str__(self):
        return self.get_status_display()


class EmploymentHistory(models.Model):
    """What the candidate says about gaps in their jobs (the jobs are Employment rows)."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="employment_history")
    gaps_explanation = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "employment histories"

    def __str__(self):
        return f"Employment history of application {self.application_id}"


class Employment(models.Model):
    """A job in the candidate's employment history."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="employments")
    employer = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    is_current = models.BooleanField(_("this is my current job"), default=False)
    reason_for_leaving = models.CharField(max_length=500, blank=True)
    duties = models.TextField(_("main duties"), blank=True)

    class Meta:
        ordering = ["application", "-started_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="employment_dates_in_order",
            ),
            models.CheckConstraint(
                condition=Q(is_current=False) | Q(ended_on__isnull=True), name="employment_current_has_no_end"
            ),
        ]

    def __str__(self):
        return f"{self.job_title}, {self.employer}"


class Qualification(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="qualifications")
    title = models.CharField(_("qualification"), max_length=200)
    institution = models.CharField(max_length=200)
    grade = models.CharField(max_length=100, blank=True)
    year_awarded = models.PositiveSmallIntegerField(validators=[MinValueValidator(1940), MaxValueValidator(2200)])

    class Meta:
        ordering = ["application", "-year_awarded", "id"]

    def __str__(self):
        return self.title


class SupportingInformation(models.Model):
    # NHS Jobs allows 1,500 words; the character cap only keeps rows sane.
    WORD_LIMIT = 1500
    MAX_CHARACTERS = 20_000

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="supporting_information")
    text = models.TextField(blank=True)

    def __str__(self):
        return f"Supporting information of application {self.application_id}"


class Referee(models.Model):
    """Someone who will give the candidate a reference."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="referees")
    name = models.CharField(max_length=200, validators=[validate_name])
    job_title = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200)
    email = models.EmailField(_("email address"))
    phone = models.CharField(_("telephone number"), max_length=30)
    relationship = models.CharField(max_length=200, help_text=_("For example, line manager"))
    known_from = models.DateField()
    known_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["application", "-known_from", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(known_to__isnull=True) | Q(known_to__gte=models.F("known_from")),
                name="referee_dates_in_order",
            ),
        ]

    def __str__(self):
        return self.name


class Declarations(models.Model):
    """The criminal record questions the vacancy's DBS level allows, and
    relationships to the trust's staff.

    Under the Rehabilitation of Offenders Act any employer may ask about unspent
    convictions; only posts with a standard or enhanced check may ask about
    spent convictions and cautions that are not filtered; only posts with an
    enhanced check with barred lists may ask about the barred lists.
    `dbs_level` is the level the candidate answered for: if the vacancy's level
    changes, the section must be answered again.
    """

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="declarations")
    dbs_level = models.CharField(max_length=20, choices=DBSLevel.choices)
    has_unspent_convictions = models.BooleanField(null=True, blank=True)
    has_unfiltered_spent_convictions = models.BooleanField(null=True, blank=True)
    is_barred = models.BooleanField(null=True, blank=True)
    criminal_record_details = models.TextField(blank=True)
    is_related_to_staff = models.BooleanField(null=True, blank=True)
    relationship_details = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "declarations"

    def __str__(self):
        return f"Declarations of application {self.application_id}"

    @staticmethod
    def questions_for(dbs_level):
        """The criminal record questions asked at a DBS level, in order."""
        questions = ["has_unspent_convictions"]
        if dbs_level in (DBSLevel.STANDARD, DBSLevel.ENHANCED, DBSLevel.ENHANCED_BARRED):
            questions.append("has_unfiltered_spent_convictions")
        if dbs_level == DBSLevel.ENHANCED_BARRED:
            questions.append("is_barred")
        return questions


class Adjustments(models.Model):
    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="adjustments")
    needs_adjustments = models.BooleanField(null=True, blank=True)
    details = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "adjustments"

    def __str__(self):
        return f"Adjustments of application {self.application_id}"


class GuaranteedInterview(models.Model):
    """A request for an interview under a scheme the vacancy offers.

    Panels see only the scheme asked for; the grounds (disabled, BAME, LGBT+)
    are special category data, kept like equality monitoring: no staff page
    shows them case by case.
    """

    class Scheme(models.TextChoices):
        DISABILITY_CONFIDENT = "disability_confident", _("Disability Confident")
        EXPANDED = "expanded", _("Expanded guaranteed interview scheme")

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="guaranteed_interview")
    requested = models.BooleanField(null=True, blank=True)
    scheme = models.CharField(max_length=30, choices=Scheme.choices, blank=True)
    is_disabled = models.BooleanField(default=False)
    is_bame = models.BooleanField(default=False)
    is_lgbt = models.BooleanField(default=False)

    def __str__(self):
        return f"Guaranteed interview of application {self.application_id}"

    @staticmethod
    def schemes_offered(vacancy):
        schemes = []
        if vacancy.offers_disability_confident:
            schemes.append(GuaranteedInterview.Scheme.DISABILITY_CONFIDENT)
        if vacancy.offers_expanded_guaranteed_interview:
            schemes.append(GuaranteedInterview.Scheme.EXPANDED)
        return schemes

    def fits(self, vacancy):
        """Whether the answer still fits the schemes the vacancy offers."""
        return self.requested is False or self.scheme in self.schemes_offered(vacancy)


class EqualityMonitoring(models.Model):
    """The candidate's equality monitoring answers: optional, every question
    with "Prefer not to say". Kept linked to the application so trusts can
    report outcomes by group (WRES, WDES) in aggregate; never shown case by case
    to staff, never in the admin."""

    class AgeBand(models.TextChoices):
        UNDER_25 = "16_24", _("16 to 24")
        FROM_25 = "25_34", _("25 to 34")
        FROM_35 = "35_44", _("35 to 44")
        FROM_45 = "45_54", _("45 to 54")
        FROM_55 = "55_64", _("55 to 64")
        OVER_65 = "65_plus", _("65 or over")
        PREFER_NOT_TO_SAY = "prefer_not_to_say", _("Prefer not to say")

    class Sex(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        PREFER_NOT_TO_SAY = "prefer_not_to_say", _("Prefer not to say")

    class YesNo(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")
        PREFER_NOT_TO_SAY = "prefer_not_to_say", _("Prefer not to say")

    class SexualOrientation(models.TextChoices):
        HETEROSEXUAL = "heterosexual", _("Straight or heterosexual")
        GAY_LESBIAN = "gay_lesbian", _("Gay or lesbian")
        BISEXUAL = "bisexual", _("Bisexual")
        OTHER = "other", _("Other sexual orientation")
        PREFER_NOT_TO_SAY = "prefer_not_to_say", _("Prefer not to say")

    class Ethnicity(models.TextChoices):
        # The 2021 census categories for England (ONS), as the NHS uses them;
        # the letters are the NHS Data Dictionary's ethnic category codes.
        WHITE_BRITISH = "A", _("White: English, Welsh, Scottish, Northern Irish or British")
        WHITE_IRISH = "B", _("White: Irish")
        WHITE_GYPSY_TRAVELLER = "C2", _("White: Gypsy or Irish Traveller")
        WHITE_ROMA = "C3", _("White: Roma")
        WHITE_OTHER = "C", _("White: any other White background")
        MIXED_WHITE_BLACK_CARIBBEAN = "D", _("Mixed or multiple ethnic groups: White and Black Caribbean")
        MIXED_WHITE_BLACK_AFRICAN = "E", _("Mixed or multiple ethnic groups: White and Black African")
        MIXED_WHITE_ASIAN = "F", _("Mixed or multiple ethnic groups: White and Asian")
        MIXED_OTHER = "G", _("Mixed or multiple ethnic groups: any other Mixed or multiple background")
        ASIAN_INDIAN = "H", _("Asian or Asian British: Indian")
        ASIAN_PAKISTANI = "J", _("Asian or Asian British: Pakistani")
        ASIAN_BANGLADESHI = "K", _("Asian or Asian British: Bangladeshi")
        ASIAN_CHINESE = "R", _("Asian or Asian British: Chinese")
        ASIAN_OTHER = "L", _("Asian or Asian British: any other Asian background")
        BLACK_AFRICAN = "N", _("Black, Black British, Caribbean or African: African")
        BLACK_CARIBBEAN = "M", _("Black, Black British, Caribbean or African: Caribbean")
        BLACK_OTHER = "P", _("Black, Black British, Caribbean or African: any other Black background")
        OTHER_ARAB = "S1", _("Other ethnic group: Arab")
        OTHER = "S", _("Other ethnic group: any other ethnic group")
        PREFER_NOT_TO_SAY = "Z", _("Prefer not to say")

    class Religion(models.TextChoices):
        NONE = "none", _("No religion")
        BUDDHIST = "buddhist", _("Buddhist")
        CHRISTIAN = "christian", _("Christian")
        HINDU = "hindu", _("Hindu")
        JEWISH = "jewish", _("Jewish")
        MUSLIM = "muslim", _("Muslim")
        SIKH = "sikh", _("Sikh")
        OTHER = "other", _("Any other religion or belief")
        PREFER_NOT_TO_SAY = "prefer_not_to_say", _("Prefer not to say")

    class MaritalStatus(models.TextChoices):
        SINGLE = "single", _("Single")
        MARRIED = "married", _("Married")
        CIVIL_PARTNERSHIP = "civil_partnership", _("In a civil partnership")
        SEPARATED = "separated", _("Separated")
        DIVORCED = "divorced", _("Divorced or civil partnership dissolved")
        WIDOWED = "widowed", _("Widowed or surviving civil partner")
        PREFER_NOT_TO_SAY = "prefer_not_to_say", _("Prefer not to say")

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="equality_monitoring")
    age_band = models.CharField(max_length=20, choices=AgeBand.choices, blank=True)
    sex = models.CharField(max_length=20, choices=Sex.choices, blank=True)
    gender_same_as_birth = models.CharField(max_length=20, choices=YesNo.choices, blank=True)
    sexual_orientation = models.CharField(max_length=20, choices=SexualOrientation.choices, blank=True)
    ethnicity = models.CharField(max_length=2, choices=Ethnicity.choices, blank=True)
    disability = models.CharField(max_length=20, choices=YesNo.choices, blank=True)
    religion = models.CharField(max_length=20, choices=Religion.choices, blank=True)
    marital_status = models.CharField(max_length=20, choices=MaritalStatus.choices, blank=True)
    pregnancy = models.CharField(max_length=20, choices=YesNo.choices, blank=True)

    class Meta:
        verbose_name_plural = "equality monitoring"

    def __str__(self):
        return f"Equality monitoring of application {self.application_id}"
