"""One form per page of the application. Forms validate and normalise; views save.

Section forms end with "Have you completed this section?". Answering "No, I'll
come back to it later" saves whatever is there, checking only that each answer
given is valid; answering "Yes" requires every answer the section needs.

One module per part of the task list (candidates.views shows them in groups):
base (what every form shares), personal ("About you"), experience ("Your
experience"), declarations, equality (equality monitoring) and submission
(submit and withdraw). Everything is importable from candidates.forms.
"""

from .base import (
    NO_DOUBLE_CLICK,
    YES_NO,
    ListSectionForm,
    SectionForm,
    SectionFormMixin,
    WordCountTextarea,
    clean_phone,
    clean_text,
    date_in_past_or_today,
    today,
    word_count,
    yes_no_field,
)
from .declarations import GROUNDS, AdjustmentsForm, DeclarationsForm, GuaranteedInterviewForm
from .equality import EqualityMonitoringForm
from .experience import (
    EmploymentForm,
    EmploymentHistoryForm,
    QualificationForm,
    RefereeForm,
    RefereesForm,
    SupportingInformationForm,
)
from .personal import PersonalDetailsForm, RightToWorkForm
from .submission import SubmitForm, WithdrawForm

__all__ = [
    "GROUNDS",
    "NO_DOUBLE_CLICK",
    "YES_NO",
    "AdjustmentsForm",
    "DeclarationsForm",
    "EmploymentForm",
    "EmploymentHistoryForm",
    "EqualityMonitoringForm",
    "GuaranteedInterviewForm",
    "ListSectionForm",
    "PersonalDetailsForm",
    "QualificationForm",
    "RefereeForm",
    "RefereesForm",
    "RightToWorkForm",
    "SectionForm",
    "SectionFormMixin",
    "SubmitForm",
    "SupportingInformationForm",
    "WithdrawForm",
    "WordCountTextarea",
    "clean_phone",
    "clean_text",
    "date_in_past_or_today",
    "today",
    "word_count",
    "yes_no_field",
]
