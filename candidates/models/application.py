"""The application itself: its statuses and the moves between them, its
sections and how far the candidate is with each, and its events."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    RESERVE = "reserve", _("Reserve")
    NOT_SHORTLISTED = "not_shortlisted", _("Not shortlisted")
    INVITED_TO_INTERVIEW = "invited_to_interview", _("Invited to interview")
    PREFERRED = "preferred", _("Preferred candidate")
    INTERVIEW_RESERVE = "interview_reserve", _("Reserve after interview")
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
    # A reserve from shortlisting waits until the vacancy is filled and may be
    # promoted to shortlisted (a shortlisted candidate withdrew, say). After
    # interview the panel names a preferred candidate, who is offered the job,
    # and may keep reserves, one of whom becomes preferred if the offer fails.
    TRANSITIONS = {
        Status.DRAFT: {Status.SUBMITTED},
        Status.SUBMITTED: {Status.SHORTLISTED, Status.RESERVE, Status.NOT_SHORTLISTED, Status.WITHDRAWN},
        Status.RESERVE: {Status.SHORTLISTED, Status.UNSUCCESSFUL, Status.WITHDRAWN},
        Status.SHORTLISTED: {Status.INVITED_TO_INTERVIEW, Status.UNSUCCESSFUL, Status.WITHDRAWN},
        Status.NOT_SHORTLISTED: set(),
        Status.INVITED_TO_INTERVIEW: {
            Status.PREFERRED, Status.INTERVIEW_RESERVE, Status.UNSUCCESSFUL, Status.WITHDRAWN,
        },
        Status.PREFERRED: {Status.OFFERED, Status.UNSUCCESSFUL, Status.WITHDRAWN},
        Status.INTERVIEW_RESERVE: {Status.PREFERRED, Status.UNSUCCESSFUL, Status.WITHDRAWN},
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
        Status.RESERVE: "nhsuk-tag--yellow",
        Status.NOT_SHORTLISTED: "nhsuk-tag--red",
        Status.INVITED_TO_INTERVIEW: "nhsuk-tag--purple",
        Status.PREFERRED: "nhsuk-tag--green",
        Status.INTERVIEW_RESERVE: "nhsuk-tag--yellow",
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
    # Stage times: when the application first reached each stage (set by
    # candidates.services.change_application_status, or by the offers app for
    # the steps that are not statuses). Kept on the row, never cleared, so the
    # reports measure time to hire and the funnel from one table.
    shortlisted_at = models.DateTimeField(null=True, blank=True)
    invited_at = models.DateTimeField(_("invited to interview at"), null=True, blank=True)
    preferred_at = models.DateTimeField(_("named preferred candidate at"), null=True, blank=True)
    offered_at = models.DateTimeField(_("conditional offer made at"), null=True, blank=True)
    checks_cleared_at = models.DateTimeField(_("pre-employment checks cleared at"), null=True, blank=True)
    unconditional_offered_at = models.DateTimeField(_("unconditional offer made at"), null=True, blank=True)
    appointed_at = models.DateTimeField(null=True, blank=True)
    start_date = models.DateField(null=True, blank=True)
    unsuccessful_at = models.DateTimeField(null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the e-mail confirming the submission was sent")
    )
    closed_notice_sent_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("When the e-mail saying the vacancy closed at its cap, while this was a draft, was sent"),
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
            # reports: the funnel and the equality funnel count applications of
            # some vacancies started in a period, by the stage times; covering
            # them lets PostgreSQL count from the index alone.
            models.Index(
                fields=["vacancy", "created_at"],
                include=[
                    "id", "submitted_at", "shortlisted_at", "invited_at", "preferred_at", "offered_at",
                    "appointed_at", "withdrawn_at",
                ],
                name="application_report_cohort_idx",
            ),
            # reports: WRES indicator 2 and WDES metric 2, everyone shortlisted in
            # a reporting year and whether they were appointed.
            models.Index(
                fields=["vacancy", "shortlisted_at"],
                include=["id", "appointed_at"],
                condition=Q(shortlisted_at__isnull=False),
                name="application_shortlisted_idx",
            ),
            # reports: time to hire, the hires (unconditional offers) of a period.
            models.Index(
                fields=["vacancy", "unconditional_offered_at"],
                condition=Q(unconditional_offered_at__isnull=False),
                name="application_report_hired_idx",
            ),
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
