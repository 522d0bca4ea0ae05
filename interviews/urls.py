"""Interview pages: namespace "interviews". Staff pages under
/manage/vacancies/<reference>/interviews/, the candidate's under
/applications/<id>/interview/ (recruitment/urls.py includes this at the root)."""

from django.urls import path

from . import candidate_views, staff_views

app_name = "interviews"

rounds = "manage/vacancies/<reference:reference>/interviews/"
booking = f"{rounds}<id:round_id>/candidates/<id:application_id>/"
mine = "applications/<id:application_id>/interview/"

urlpatterns = [
    path(rounds, staff_views.round_list, name="round_list"),
    path(f"{rounds}new/", staff_views.round_create, name="round_create"),
    path(f"{rounds}<id:round_id>/", staff_views.round_detail, name="round_detail"),
    path(f"{rounds}<id:round_id>/invite/", staff_views.round_invite, name="round_invite"),
    path(f"{booking}book/", staff_views.booking_book, name="booking_book"),
    path(f"{booking}move/", staff_views.booking_move, name="booking_move"),
    path(f"{booking}cancel/", staff_views.booking_cancel, name="booking_cancel"),
    path(mine, candidate_views.candidate_interview, name="candidate_interview"),
    path(f"{mine}<id:round_id>/book/", candidate_views.candidate_book, name="candidate_book"),
    path(f"{mine}<id:round_id>/move/", candidate_views.candidate_move, name="candidate_move"),
    path(f"{mine}<id:round_id>/cancel/", candidate_views.candidate_cancel, name="candidate_cancel"),
]
