"""The demo's Lewisham vacancy does not tell candidates they were not
shortlisted, as its advert says; the Worcestershire one does."""

from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from vacancies.models import Vacancy

pytestmark = pytest.mark.django_db


def test_demo_lewisham_vacancy_sends_no_not_shortlisted_emails(settings):
    settings.DEBUG = True  # seed_demo refuses to run without it
    with time_machine.travel("2026-11-25T12:00:00Z", tick=False):
        call_command("seed_demo", "--keep-dates", stdout=StringIO())

    switches = dict(Vacancy.objects.values_list("organisation__name", "send_not_shortlisted_emails"))
    assert switches == {
        "Lewisham and Greenwich NHS Trust": False,
        "Worcestershire Acute Hospitals NHS Trust": True,
    }
