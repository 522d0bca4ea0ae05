"""Declarations: criminal record and relationships to staff, adjustments for
interview, and guaranteed interview requests.

Draft answers may be partial (the candidate saves and comes back later), so
fields allow blanks; the forms require answers when the candidate says a
section is complete, and submission requires every section complete.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from vacancies.models import DBSLevel

from .application import Application


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
