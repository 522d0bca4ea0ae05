"""Rule: Agenda for Change pay for 2025/26 is loaded as data, and tells whether a range fits a band."""

from decimal import Decimal

import pytest

from vacancies.models import PayBandRate


@pytest.mark.django_db
def test_pay_rates_for_2025_26_are_loaded_for_every_band():
    bands = list(PayBandRate.objects.filter(pay_year="2025/26").order_by("band").values_list("band", flat=True))

    assert bands == ["1", "2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9"]


@pytest.mark.django_db
def test_band_8b_rate_matches_the_worcestershire_advert():
    rate = PayBandRate.current("8b")

    assert (rate.entry_salary, rate.top_salary) == (Decimal("64455"), Decimal("74896"))
    assert rate.covers(Decimal("64455"), Decimal("74896"))
    assert not rate.covers(Decimal("64000"), Decimal("74896"))
    assert not rate.covers(Decimal("64455"), Decimal("80000"))
