"""One UK postcode rule for every form, model and search."""

import pytest
from django.core.exceptions import ValidationError

from nhsuk.postcodes import UKPostcodeValidator, normalise_postcode, postcode_district


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("WR5 1DD", "WR5 1DD"),
        ("wr51dd", "WR5 1DD"),
        ("  se13   6lh ", "SE13 6LH"),
        ("EC1A1BB", "EC1A 1BB"),
        ("W1A 0AX", "W1A 0AX"),
        ("M1 1AE", "M1 1AE"),
    ],
)
def test_a_whole_postcode_is_written_as_royal_mail_writes_it(typed, written):
    assert normalise_postcode(typed) == written


@pytest.mark.parametrize("typed", ["", "WR5", "1234 5AB", "WR5 1D", "WR5 1DDD", "WR5-1DD", "WR५ 1DD", None])
def test_anything_else_is_not_a_postcode(typed):
    assert normalise_postcode(typed) is None


@pytest.mark.parametrize(
    ("typed", "district"),
    [("WR5", "WR5"), ("wr5 1dd", "WR5"), ("SE13", "SE13"), ("EC1A", "EC1A"), ("Worcester", None), ("5", None)],
)
def test_the_district_of_a_district_or_a_whole_postcode(typed, district):
    assert postcode_district(typed) == district


def test_the_model_validator_takes_only_a_normalised_postcode():
    validate = UKPostcodeValidator()
    validate("WR5 1DD")
    with pytest.raises(ValidationError, match="Enter a full UK postcode, like WR5 1DD"):
        validate("wr51dd")
