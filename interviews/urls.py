"""Interview pages: namespace "interviews". Staff pages under
/manage/vacancies/<reference>/interviews/, the candidate's under
/applications/<id>/interview/ (recruitment/urls.py includes this at the root)."""

from django.urls import path

from . import candidate_views, scoring_views, staff_views

app_name = "interviews"

rounds = "manage/vacancies/<reference:reference>/interviews/"
booking = f"{rounds}<id:round_id>/candidates/<id:application_id>/"
mine = "applications/<id:application_id>/interview/"
questions = f"{rounds}questions/"
question = f"{questions}<id:question_id>/"

urlpatterns = [
    path(rounds, staff_views.round_list, name="round_list"),
    path(f"{rounds}new/", staff_views.round_create, name="round_create"),
    path(f"{rounds}<id:round_id>/", staff_views.round_detail, name="round_detail"),
    path(f"{rounds}<id:round_id>/invite/", staff_views.round_invite, name="round_invite"),
    path(f"{booking}book/", staff_views.booking_book, name="booking_book"),
    path(f"{booking}move/", staff_views.booking_move, name="booking_move"),
    path(f"{booking}cancel/", staff_views.booking_cancel, name="booking_cancel"),
    path(f"{booking}chase/", staff_views.invitation_chase, name="invitation_chase"),
    path(f"{rounds}<id:round_id>/timetable/", staff_views.round_timetable, name="round_timetable"),
    path(mine, candidate_views.candidate_interview, name="candidate_interview"),
    path(f"{mine}<id:round_id>/book/", candidate_views.candidate_book, name="candidate_book"),
    path(f"{mine}<id:round_id>/move/", candidate_views.candidate_move, name="candidate_move"),
    path(f"{mine}<id:round_id>/cancel/", candidate_views.candidate_cancel, name="candidate_cancel"),
    # Questions, scoring, the overview, outcomes and completing (interviews.scoring_views).
    path(questions, scoring_views.question_list, name="question_list"),
    path(f"{questions}add/", scoring_views.question_add, name="question_add"),
    path(f"{question}change/", scoring_views.question_change, name="question_change"),
    path(f"{question}remove/", scoring_views.question_remove, name="question_remove"),
    path(f"{question}up/", scoring_views.question_move_up, name="question_move_up"),
    path(f"{question}down/", scoring_views.question_move_down, name="question_move_down"),
    path(f"{rounds}scores/", scoring_views.score_list, name="score_list"),
    path(f"{rounds}scores/<id:application_id>/", scoring_views.interview_score, name="interview_score"),
    path(f"{rounds}overview/", scoring_views.interview_overview, name="interview_overview"),
    path(f"{rounds}overview.csv", scoring_views.interview_overview_csv, name="interview_overview_csv"),
    path(f"{rounds}outcomes/<id:application_id>/", scoring_views.outcome_record, name="outcome_record"),
    path(f"{rounds}complete/", scoring_views.interviews_complete, name="interviews_complete"),
]

# The round's interview packs: the shortlisting pack's pages (shortlisting.views)
# for packs of the kind interviews.packs registers, whose subject is the round.
from shortlisting import views as pack_views  # noqa: E402

from . import packs as interview_packs  # noqa: E402

packs = f"{rounds}<id:round_id>/packs/"
kind = {"kind": interview_packs.KIND}

urlpatterns += [
    path(packs, pack_views.pack_list, kind, name="pack_list"),
    path(f"{packs}new/", pack_views.pack_create, kind, name="pack_create"),
    path(f"{packs}<id:pk>/", pack_views.pack_detail, kind, name="pack_detail"),
    path(f"{packs}<id:pk>/status/", pack_views.pack_status, kind, name="pack_status"),
    path(f"{packs}<id:pk>/download/", pack_views.pack_download, kind, name="pack_download"),
    path(f"{packs}<id:pk>/try-again/", pack_views.pack_retry, kind, name="pack_retry"),
]

# The completed shortlist's candidates and the reserve list (interviews.shortlist_views).
from . import shortlist_views  # noqa: E402

urlpatterns += [
    path(f"{rounds}candidates/", shortlist_views.vacancy_candidates, name="vacancy_candidates"),
    path(
        f"{rounds}reserves/<id:application_id>/shortlist/", shortlist_views.reserve_promote, name="reserve_promote"
    ),
]
