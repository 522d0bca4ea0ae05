"""Equality monitoring: optional answers, never shown to staff case by case."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .application import Application


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
