"""People's names, as the candidate and their referees type them."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Letters of any alphabet, with spaces, hyphens, apostrophes and full stops
# between them: "Siân Ó Dúnlaing-Nguyễn", "D'Souza", "St. John".
_NAME = re.compile(r"^[^\W\d_](?:[^\W\d_]|[ '’.\-])*$")


def validate_name(value):
    if not _NAME.match(unicodedata.normalize("NFC", value)):
        raise ValidationError(
            _("Name must only include letters, spaces, hyphens, apostrophes and full stops"), code="invalid_name"
        )
