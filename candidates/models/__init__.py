"""Applications: one candidate for one vacancy, filled in sections.

An application is a draft until the candidate submits it; each section is a
model of its own (one-to-one with the application, or child rows for jobs,
qualifications and referees), and SectionProgress records which sections the
candidate has said are complete. Equality monitoring has its own model, read
only by the candidate and by aggregate reports: no staff page shows it.

One module per part of the application: application (the application, its
statuses, sections and events), personal, experience, declarations and
equality (the sections' answers, in task-list groups), periods and names (the
rules on dates and names the forms share). Every model is imported here, so
Django finds them all in the "candidates" app and imports from
candidates.models keep working.
"""

from .application import (
    COPIED_SECTIONS,
    Application,
    ApplicationEvent,
    ApplicationQuerySet,
    ApplicationStatus,
    Section,
    SectionProgress,
    SectionStatus,
)
from .declarations import Adjustments, Declarations, GuaranteedInterview
from .equality import EqualityMonitoring
from .experience import Employment, EmploymentHistory, Qualification, Referee, SupportingInformation
from .names import validate_name
from .periods import GAP_MONTHS, HISTORY_YEARS, add_months, uncovered_periods
from .personal import PersonalDetails, RightToWork

__all__ = [
    "COPIED_SECTIONS",
    "GAP_MONTHS",
    "HISTORY_YEARS",
    "Adjustments",
    "Application",
    "ApplicationEvent",
    "ApplicationQuerySet",
    "ApplicationStatus",
    "Declarations",
    "Employment",
    "EmploymentHistory",
    "EqualityMonitoring",
    "GuaranteedInterview",
    "PersonalDetails",
    "Qualification",
    "Referee",
    "RightToWork",
    "Section",
    "SectionProgress",
    "SectionStatus",
    "SupportingInformation",
    "add_months",
    "uncovered_periods",
    "validate_name",
]
