"""Your experience: jobs and the gaps between them, qualifications,
supporting information and referees.

Draft answers may be partial (the candidate saves and comes back later), so
fields allow blanks; the forms require answers when the candidate says a
section is complete, and submission requires every section complete.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .application import Application
from .names import validate_name


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
