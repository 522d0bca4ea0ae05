"""What the scoring and outcome tests share: criteria of the vacancy (two
assessed at interview, one only from the application), booked candidates,
and a way to score through the service."""

import pytest
from django.urls import reverse

from interviews import services
from interviews.models import Slot
from tests.factories import CriterionFactory


def url(name, vacancy, **kwargs):
    return reverse(f"interviews:{name}", kwargs={"reference": vacancy.reference, **kwargs})


def slots(interview_round):
    return list(Slot.objects.filter(round=interview_round).order_by("starts_at"))


@pytest.fixture
def criteria(vacancy):
    """(communication at interview, clinical judgement at interview, a degree from the application only)."""
    return (
        CriterionFactory(vacancy=vacancy, text="Communicates clearly", order=1, assessed_at_interview=True),
        CriterionFactory(
            vacancy=vacancy, text="Sound clinical judgement", order=2, is_essential=False,
            assessed_at_application=False, assessed_at_interview=True,
        ),
        CriterionFactory(vacancy=vacancy, text="Nursing degree", order=3),
    )


@pytest.fixture
def booked(interview_round, invited):
    """Both invited candidates booked: the first at 9:00, the second at 10:00."""
    first, second = slots(interview_round)[:2]
    for application, slot in zip(invited, (first, second), strict=True):
        services.book_slot(slot_id=slot.pk, application_id=application.pk, actor=application.candidate)
    return invited
