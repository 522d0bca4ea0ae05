"""Forms for the staff pages under /manage/, by job: the steps of writing a
vacancy, a new site on the way, the builders, and the moves of the lifecycle.

Forms validate and normalise; the views save them or call vacancies.services.
Every message is the one the recruiter reads, in the NHS.UK error summary and
beside the field. Import from here (`from vacancies import forms`, `forms.X`);
the modules are how the code is kept, not part of its interface.
"""

from .builders import (
    ASSESSMENT_CHOICES,
    ESSENTIAL_CHOICES,
    CriterionForm,
    PersonSpecificationForm,
    ResponsibilitySectionForm,
)
from .common import FORMATTING_HINT, MoneyField, TimeOfDayField
from .lifecycle import ConfirmForm, PublishForm, ReasonForm, ReopenForm
from .live import LiveContactForm, LiveDescriptionForm, LiveLocationsForm, ProposedPayForm
from .sites import SiteForm
from .steps import (
    PERIOD_CHOICES,
    TrustChoiceForm,
    VacancyDescriptionForm,
    VacancyDetailsForm,
    VacancyLocationsForm,
    VacancyPayForm,
    VacancyRecruitmentForm,
)

__all__ = [
    "ASSESSMENT_CHOICES",
    "ESSENTIAL_CHOICES",
    "FORMATTING_HINT",
    "LiveContactForm",
    "LiveDescriptionForm",
    "LiveLocationsForm",
    "PERIOD_CHOICES",
    "ConfirmForm",
    "CriterionForm",
    "MoneyField",
    "PersonSpecificationForm",
    "ProposedPayForm",
    "PublishForm",
    "ReasonForm",
    "ReopenForm",
    "ResponsibilitySectionForm",
    "SiteForm",
    "TimeOfDayField",
    "TrustChoiceForm",
    "VacancyDescriptionForm",
    "VacancyDetailsForm",
    "VacancyLocationsForm",
    "VacancyPayForm",
    "VacancyRecruitmentForm",
]
