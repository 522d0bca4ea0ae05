"""Who may see which vacancy, and the lists the pages and tasks read: the
QuerySet behind Vacancy.objects, in a module of its own so that models.py
holds the models."""

from django.db import models
from django.db.models import Q
from django.utils import timezone

from organisations.models import Organisation

from .choices import AdvertisingScope, VacancyStatus


class VacancyQuerySet(models.QuerySet):
    def visible_to_public(self):
        """Vacancies whose page the public may read: externally advertised open
        ones, and closed ones kept readable with a notice. Drafts, unapproved,
        withdrawn, internal and restricted vacancies never."""
        return self.filter(status__in=VacancyStatus.public_values(), advertising_scope=AdvertisingScope.EXTERNAL)

    def visible_to(self, user):
        """Vacancies whose advert the user may read and apply for: the public's,
        the internal ones of trusts where they hold any role, and the restricted
        ones of those trusts or naming them in restricted_to. Only the advert
        and applying: search, feeds, the sitemap and job boards are public, so
        they keep to visible_to_public."""
        if not user.is_authenticated:
            return self.visible_to_public()
        staffed = Organisation.objects.staffed_by(user).values("pk")
        # The restricted_to join can return a vacancy twice, hence a subquery of ids.
        naming_theirs = self.model.objects.filter(restricted_to__in=staffed).values("pk")
        return self.filter(status__in=VacancyStatus.public_values()).filter(
            Q(advertising_scope=AdvertisingScope.EXTERNAL)
            | Q(advertising_scope=AdvertisingScope.INTERNAL, organisation__in=staffed)
            | (
                Q(advertising_scope=AdvertisingScope.RESTRICTED)
                & (Q(organisation__in=staffed) | Q(pk__in=naming_theirs))
            )
        )

    def for_staff(self, user):
        """The vacancies a member of staff may see in /manage/: every vacancy of
        the trusts where they are a recruiter, and those they manage or sit on
        the panel of in the trusts where they are a hiring manager."""
        if not user.is_authenticated:
            return self.none()
        recruiter_of = Q(organisation__in=Organisation.objects.recruited_by(user).values("pk"))
        manager_of = Q(organisation__in=Organisation.objects.staffed_by(user).values("pk")) & (
            Q(hiring_manager=user) | Q(panel_members=user)
        )
        # The panel join can return a vacancy twice, hence a subquery of ids.
        ids = self.model.objects.filter(recruiter_of | manager_of).values("pk")
        return self.filter(pk__in=ids)

    def editable_by(self, user):
        """Vacancies the user may change: those of trusts where they recruit."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(organisation__in=Organisation.objects.recruited_by(user).values("pk"))

    def with_application_counts(self):
        """Annotate `application_count`: applications received (submitted or
        further on), from the reverse relation; a vacancy knows nothing else
        of who applied."""
        received = ~Q(applications__status__in=["draft", "withdrawn"])
        return self.annotate(application_count=models.Count("applications", filter=received, distinct=True))

    def open_for_applications(self, now=None):
        now = now or timezone.now()
        return self.filter(status=VacancyStatus.PUBLISHED, closing_at__gt=now)

    def past_closing_time(self, now=None):
        now = now or timezone.now()
        return self.filter(status=VacancyStatus.PUBLISHED, closing_at__lte=now)
