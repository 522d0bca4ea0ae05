"""The candidate's pages under /applications/.

Every page fetches the application through get_application_for_candidate,
which answers 404 unless it belongs to the signed-in candidate; rows inside it
(jobs, qualifications, referees) are fetched through the application, so an id
from someone else's application is a 404 too. Pages that change answers use
get_draft_for_candidate: once submitted, nothing changes.

One module per part of the form: applications (the list, starting one, the
task list), sections (sections of one form), rows (sections of rows: jobs,
qualifications, referees) and submission (check your answers, submit,
confirmation, withdraw); common holds what they share. candidates.urls finds
every view here.
"""

from .applications import application_detail, application_list, application_start
from .common import candidate_page, get_application_for_candidate, get_draft_for_candidate
from .rows import (
    employment_add,
    employment_change,
    employment_history,
    employment_remove,
    qualification_add,
    qualification_change,
    qualification_remove,
    qualifications,
    referee_add,
    referee_change,
    referee_remove,
    referees,
)
from .sections import (
    adjustments_edit,
    declarations_edit,
    equality_monitoring_edit,
    guaranteed_interview_edit,
    personal_details_edit,
    right_to_work_edit,
    supporting_information_edit,
)
from .submission import application_confirmation, application_review, application_submit, application_withdraw

__all__ = [
    "adjustments_edit",
    "application_confirmation",
    "application_detail",
    "application_list",
    "application_review",
    "application_start",
    "application_submit",
    "application_withdraw",
    "candidate_page",
    "declarations_edit",
    "employment_add",
    "employment_change",
    "employment_history",
    "employment_remove",
    "equality_monitoring_edit",
    "get_application_for_candidate",
    "get_draft_for_candidate",
    "guaranteed_interview_edit",
    "personal_details_edit",
    "qualification_add",
    "qualification_change",
    "qualification_remove",
    "qualifications",
    "referee_add",
    "referee_change",
    "referee_remove",
    "referees",
    "right_to_work_edit",
    "supporting_information_edit",
]
