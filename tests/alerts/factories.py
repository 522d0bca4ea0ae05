import datetime

import factory
from django.utils import timezone

from alerts.models import Frequency, JobAlert
from tests.factories import UserFactory

NOW = timezone.now()


class JobAlertFactory(factory.django.DjangoModelFactory):
    """A candidate's live daily alert, last run a day ago and due now."""

    class Meta:
        model = JobAlert

    user = factory.SubFactory(UserFactory)
    name = "nurse"
    query = "keywords=nurse"
    frequency = Frequency.DAILY
    created_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=2))
    confirmed_at = factory.LazyAttribute(lambda o: o.created_at)
    last_run_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    next_run_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(minutes=1))
