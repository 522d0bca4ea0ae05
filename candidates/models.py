from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Application(models.Model):
    """One candidate's application for one vacancy.

    The sections of the application form, equality monitoring and the
    submission workflow are built on this in candidates/ (issue: applications).
    """

    class Status(models.TextChoices):
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

    vacancy = models.ForeignKey("vacancies.Vacancy", on_delete=models.PROTECT, related_name="applications")
    candidate = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications")
    status = models.CharField(max_length=30, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "candidate"], name="application_one_per_candidate"),
        ]
        indexes = [
            # Counting a vacancy's applications by status (dashboard, the cap).
            models.Index(fields=["vacancy", "status"], name="application_vacancy_status_idx"),
        ]

    def __str__(self):
        return f"{self.candidate} for {self.vacancy.reference}"
