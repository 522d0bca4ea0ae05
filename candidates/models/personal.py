"""About you: personal details and the right to work in the UK.

Draft answers may be partial (the candidate saves and comes back later), so
fields allow blanks; the forms require answers when the candidate says a
section is complete, and submission requires every section complete.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .application import Application
from .names import validate_name


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
