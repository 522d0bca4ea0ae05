"""UK postcodes: one pattern for every form, model and search that reads one.

The shape is the outward code (area, district, optional sub-district letter)
then the inward code (sector digit and unit letters): "WR5 1DD", "SE13 6LH",
"EC1A 1BB". We check the shape only; whether a postcode exists is Royal Mail's
business, and an offline service cannot ask it.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

OUTWARD = r"[A-Z]{1,2}[0-9][A-Z0-9]?"
INWARD = r"[0-9][A-Z]{2}"

# A whole postcode as people type it: any case, any spacing (or none).
_POSTCODE = re.compile(rf"^({OUTWARD})({INWARD})$")
# A district ("WR5", "SE13", "EC1A") or a whole postcode, of which the district is used.
_DISTRICT = re.compile(rf"^({OUTWARD})(?:{INWARD})?$")

INVALID_MESSAGE = _("Enter a full UK postcode, like WR5 1DD")


def _squash(value):
    return re.sub(r"\s+", "", value or "").upper()


def normalise_postcode(value):
    """The postcode as Royal Mail writes it ("WR5 1DD"), or None when the
    value is not shaped like a whole UK postcode."""
    match = _POSTCODE.match(_squash(value))
    return f"{match[1]} {match[2]}" if match else None


def postcode_district(value):
    """The district of a district or whole postcode ("WR5" for "wr5 1dd"),
    or None when the value is neither."""
    match = _DISTRICT.match(_squash(value))
    return match[1] if match else None


@deconstructible(path="nhsuk.postcodes.UKPostcodeValidator")
class UKPostcodeValidator:
    """For model fields: the value must already be normalised ("WR5 1DD");
    forms normalise what people type with normalise_postcode first."""

    message = INVALID_MESSAGE
    code = "invalid_postcode"

    def __call__(self, value):
        if normalise_postcode(value) != value:
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other):
        return isinstance(other, UKPostcodeValidator)

