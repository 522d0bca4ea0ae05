"""The choices a vacancy's fields take, in the recruiter's words and NHS Jobs'
values. vacancies.models re-exports each, so `from vacancies.models import Band`
keeps working."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AdvertisingScope(models.TextChoices):
    EXTERNAL = "external", _("External: anyone can see and apply")
    INTERNAL = "internal", _("Internal: staff of this trust only")
    RESTRICTED = "restricted", _("Restricted: staff of a group of trusts")


class StaffGroup(models.TextChoices):
    # The staff groups of the NHS Electronic Staff Record, as NHS Jobs uses them.
    ADDITIONAL_PROFESSIONAL = "add_prof_sci_tech", _("Additional professional scientific and technical")
    ADDITIONAL_CLINICAL = "additional_clinical", _("Additional clinical services")
    ADMINISTRATIVE = "administrative_clerical", _("Administrative and clerical")
    ALLIED_HEALTH = "allied_health", _("Allied health professionals")
    ESTATES = "estates_ancillary", _("Estates and ancillary")
    HEALTHCARE_SCIENTISTS = "healthcare_scientists", _("Healthcare scientists")
    MEDICAL_DENTAL = "medical_dental", _("Medical and dental")
    NURSING_MIDWIFERY = "nursing_midwifery", _("Nursing and midwifery registered")
    STUDENTS = "students", _("Students")


class PayScheme(models.TextChoices):
    AGENDA_FOR_CHANGE = "afc", _("Agenda for Change")
    MEDICAL_DENTAL = "medical_dental", _("Medical and dental")
    VERY_SENIOR_MANAGER = "vsm", _("Very senior manager")
    OTHER = "other", _("Other")


class Band(models.TextChoices):
    BAND_1 = "1", _("Band 1")
    BAND_2 = "2", _("Band 2")
    BAND_3 = "3", _("Band 3")
    BAND_4 = "4", _("Band 4")
    BAND_5 = "5", _("Band 5")
    BAND_6 = "6", _("Band 6")
    BAND_7 = "7", _("Band 7")
    BAND_8A = "8a", _("Band 8a")
    BAND_8B = "8b", _("Band 8b")
    BAND_8C = "8c", _("Band 8c")
    BAND_8D = "8d", _("Band 8d")
    BAND_9 = "9", _("Band 9")


class SalaryPeriod(models.TextChoices):
    YEAR = "year", _("a year")
    YEAR_PRO_RATA = "year_pro_rata", _("a year pro rata")
    HOUR = "hour", _("an hour")


class ContractType(models.TextChoices):
    PERMANENT = "permanent", _("Permanent")
    FIXED_TERM = "fixed_term", _("Fixed term")
    BANK = "bank", _("Bank")
    SECONDMENT = "secondment", _("Secondment")


class WorkingPattern(models.TextChoices):
    # Values are the names of Vacancy's boolean fields, so a form's choices map
    # straight onto them and search can filter on an indexed column.
    FULL_TIME = "full_time", _("Full time")
    PART_TIME = "part_time", _("Part time")
    FLEXIBLE = "flexible_working", _("Flexible working")
    JOB_SHARE = "job_share", _("Job share")
    HOME_OR_HYBRID = "home_or_hybrid", _("Home or hybrid working")


class DBSLevel(models.TextChoices):
    NONE = "none", _("No DBS check")
    BASIC = "basic", _("Basic DBS check")
    STANDARD = "standard", _("Standard DBS check")
    ENHANCED = "enhanced", _("Enhanced DBS check")
    ENHANCED_BARRED = "enhanced_barred", _("Enhanced DBS check with barred lists")


class VacancyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AWAITING_APPROVAL = "awaiting_approval", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")
    SHORTLISTING = "shortlisting", _("Shortlisting")
    INTERVIEWING = "interviewing", _("Interviewing")
    OFFER_MADE = "offer_made", _("Offer made")
    FILLED = "filled", _("Filled")
    WITHDRAWN = "withdrawn", _("Withdrawn")

    @classmethod
    def public_values(cls):
        return [
            cls.PUBLISHED,
            cls.CLOSED,
            cls.SHORTLISTING,
            cls.INTERVIEWING,
            cls.OFFER_MADE,
            cls.FILLED,
        ]
