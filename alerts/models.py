"""A job alert: a saved /jobs/ search, its frequency and its last run.

The search is kept as the query string /jobs/ reads (vacancies.search), so an
alert and the page can never disagree about what matches."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from vacancies.search import VacancySearchForm


class Frequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")


PERIODS = {Frequency.DAILY: datetime.timedelta(days=1), Frequency.WEEKLY: datetime.timedelta(days=7)}


class JobAlertQuerySet(models.QuerySet):
    def live(self):
        """Alerts that may send: confirmed, and whose address has not bounced."""
        return self.filter(confirmed_at__isnull=False, bounced_at__isnull=True)

    def due(self, now):
        return self.live().filter(next_run_at__lte=now)


class JobAlert(models.Model):
    # A candidate's alert goes with their account (CASCADE); a visitor's has
    # no user, only the address they confirmed.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="job_alerts"
    )
    email = models.EmailField(_("Email address"), blank=True)
    name = models.CharField(_("Name"), max_length=100)
    query = models.CharField(max_length=2000, blank=True)
    frequency = models.CharField(_("How often"), max_length=10, choices=Frequency.choices, default=Frequency.DAILY)
    created_at = models.DateTimeField()
    # A visitor's alert sends nothing until the address is confirmed (double
    # opt-in); a candidate's account address is already verified.
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # There is no bounce feed: support sets this in the admin, and the beat
    # task removes the alert.
    bounced_at = models.DateTimeField(null=True, blank=True)
    # Vacancies published after last_run_at are new to this alert.
    last_run_at = models.DateTimeField(null=True, blank=True)
    next_run_at = models.DateTimeField(null=True, blank=True)

    objects = JobAlertQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "query"], condition=Q(user__isnull=False), name="jobalert_one_per_user_search"
            ),
            models.UniqueConstraint(
                fields=["email", "query"], condition=Q(user__isnull=True), name="jobalert_one_per_visitor_search"
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(email=""), name="jobalert_has_recipient"
            ),
        ]
        indexes = [
            # due_alert_ids: the live alerts in order of their search, read a
            # batch at a time from the last (query, id) (keyset pagination).
            models.Index(
                fields=["query", "id"],
                condition=Q(confirmed_at__isnull=False, bounced_at__isnull=True),
                name="jobalert_due_idx",
            ),
            # remove_lapsed_alerts: visitors' alerts never confirmed.
            models.Index(fields=["created_at"], condition=Q(confirmed_at__isnull=True), name="jobalert_unconfirmed_idx"),
        ]

    def __str__(self):
        return self.name

    @property
    def recipient(self):
        return self.user.email if self.user_id else self.email

    @property
    def period(self):
        return PERIODS[self.frequency]

    def search_form(self):
        return VacancySearchForm(QueryDict(self.query))
