"""NHS trusts, their sites, and the staff who recruit for them.

Every staff page asks the same two questions, answered here and nowhere else:
"which trusts does this person recruit for" (Organisation.objects.recruited_by)
and "what is this person's role at this trust" (Membership.objects.role_of).

The tables keep the names they had when these models lived in `vacancies` and
`accounts` (migration 0001 moved the models, not the rows): renaming them
would also mean rewriting the search triggers of vacancies' migration 0004,
which name vacancies_organisation in their SQL.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from nhsuk.postcodes import UKPostcodeValidator


class StaffRole(models.TextChoices):
    """A member of staff's role in a trust (Membership.role)."""

    RECRUITER = "recruiter", _("HR recruiter")
    HIRING_MANAGER = "hiring_manager", _("Hiring manager")


class OrganisationQuerySet(models.QuerySet):
    def recruited_by(self, user):
        """The trusts where the user is a recruiter: whose vacancies they may
        create and change, and whose applications they see."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user, memberships__role=StaffRole.RECRUITER)

    def staffed_by(self, user):
        """The trusts where the user holds any role."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user)


class Organisation(models.Model):
    """An NHS trust that employs and advertises."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=30, blank=True, help_text=_("For example LGT"))
    ods_code = models.CharField(
        _("ODS code"), max_length=10, unique=True, help_text=_("The trust's code in the NHS Organisation Data Service")
    )
    employer_code = models.CharField(
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^[A-Z][0-9]{3,5}$")],
        help_text=_("The prefix of the trust's vacancy references, for example C9365"),
    )
    about = models.TextField(_("about the trust"), blank=True)
    values = models.TextField(blank=True)
    address_line_1 = models.CharField(max_length=200)
    address_line_2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100)
    county = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=8, validators=[UKPostcodeValidator()])
    website = models.URLField(blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        db_table = "vacancies_organisation"
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def address_lines(self):
        return [
            line
            for line in [self.address_line_1, self.address_line_2, self.town, self.county, self.postcode]
            if line
        ]

    def staff(self):
        """Everyone with a role in the trust, by name: hiring managers and
        panels are chosen from them."""
        return get_user_model().objects.filter(memberships__organisation=self).order_by("full_name", "email")


class Site(models.Model):
    """A place a trust's staff work: a hospital, clinic or office."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="sites")
    name = models.CharField(max_length=200)
    address_line_1 = models.CharField(max_length=200)
    address_line_2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100)
    county = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=8, validators=[UKPostcodeValidator()])
    latitude = models.DecimalField(max_digits=8, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)

    class Meta:
        db_table = "vacancies_site"
        ordering = ["organisation", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="site_organisation_name_unique"),
        ]

    def __str__(self):
        return f"{self.name}, {self.town}"

    @property
    def address_lines(self):
        lines = [self.address_line_1, self.address_line_2, self.town, self.county, self.postcode]
        # The advert's first line is often the site's own name; say it once.
        return [line for line in lines if line and line != self.name]


class MembershipQuerySet(models.QuerySet):
    def role_of(self, user, organisation):
        """The user's StaffRole at the trust (an Organisation or its id), or
        None when they hold no role there."""
        if not user.is_authenticated:
            return None
        organisation_id = getattr(organisation, "pk", organisation)
        role = self.filter(user=user, organisation_id=organisation_id).values_list("role", flat=True).first()
        return StaffRole(role) if role else None


class Membership(models.Model):
    """A member of staff's role in one trust."""

    Role = StaffRole

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        db_table = "accounts_membership"
        constraints = [
            # One role per person per trust: a recruiter already sees everything
            # a hiring manager does.
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_user_organisation_unique"),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} at {self.organisation}"


def is_staff_member(user):
    """Whether the user holds a role at any trust: who may reach /manage/."""
    return user.is_authenticated and user.memberships.exists()


class EmailTemplate(models.Model):
    """A trust's own wording of one kind of e-mail to candidates
    (organisations.emails.CandidateEmail, by its key). No row, or a blank
    subject or body, means the default wording; `enabled` off stops the e-mail,
    for the kinds that may be switched off."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="email_templates")
    key = models.CharField(max_length=100)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True)
    enabled = models.BooleanField(default=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            # One wording per e-mail per trust; send_to_candidate reads it by this pair.
            models.UniqueConstraint(fields=["organisation", "key"], name="email_template_organisation_key_unique"),
        ]

    def __str__(self):
        return f"{self.key} at {self.organisation}"

    @property
    def reworded(self):
        return bool(self.subject or self.body)


class EmailTemplateEvent(models.Model):
    """Who changed a trust's e-mail to candidates, when, and to what."""

    class Kind(models.TextChoices):
        SAVED = "saved", _("Saved")
        RESET = "reset", _("Reset to the default")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="email_template_events")
    key = models.CharField(max_length=100)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True)
    enabled = models.BooleanField(default=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.key} {self.kind} at {self.organisation}"
