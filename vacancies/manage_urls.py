"""Staff pages under /manage/: namespace "manage". Every action has its own URL."""

from django.urls import path

from .views.manage import builders, dashboard, detail, lifecycle, live, steps
from .views.manage.builders import CRITERIA, RESPONSIBILITIES

app_name = "manage"

vacancy = "vacancies/<reference:reference>/"
sections = f"{vacancy}responsibilities/"
criteria = f"{vacancy}person-specification/"
live_change = f"{vacancy}change/"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("vacancies/new/", steps.vacancy_create, name="vacancy_create"),
    path("vacancies/new/<ods:ods_code>/", steps.vacancy_create_details, name="vacancy_create_details"),
    path(vacancy, detail.vacancy_detail, name="vacancy_detail"),
    path(f"{vacancy}preview/", detail.vacancy_preview, name="vacancy_preview"),
    # The steps of a draft.
    path(f"{vacancy}details/", steps.vacancy_edit_details, name="vacancy_edit_details"),
    path(f"{vacancy}pay/", steps.vacancy_edit_pay, name="vacancy_edit_pay"),
    path(f"{vacancy}locations/", steps.vacancy_edit_locations, name="vacancy_edit_locations"),
    path(f"{vacancy}locations/new-site/", steps.site_create, name="site_create"),
    path(f"{vacancy}description/", steps.vacancy_edit_description, name="vacancy_edit_description"),
    # The builders: one set of views, told which builder by the extra arguments.
    path(sections, builders.responsibility_list, name="responsibility_list"),
    path(f"{sections}add/", builders.item_create, {"builder": RESPONSIBILITIES}, name="responsibility_create"),
    path(f"{sections}<id:pk>/", builders.item_edit, {"builder": RESPONSIBILITIES}, name="responsibility_edit"),
    path(f"{sections}<id:pk>/remove/", builders.item_delete, {"builder": RESPONSIBILITIES}, name="responsibility_delete"),
    path(
        f"{sections}<id:pk>/move-up/",
        builders.item_move,
        {"builder": RESPONSIBILITIES, "up": True},
        name="responsibility_move_up",
    ),
    path(
        f"{sections}<id:pk>/move-down/",
        builders.item_move,
        {"builder": RESPONSIBILITIES, "up": False},
        name="responsibility_move_down",
    ),
    path(criteria, builders.criterion_list, name="criterion_list"),
    path(f"{criteria}add/", builders.item_create, {"builder": CRITERIA}, name="criterion_create"),
    path(f"{criteria}<id:pk>/", builders.item_edit, {"builder": CRITERIA}, name="criterion_edit"),
    path(f"{criteria}<id:pk>/remove/", builders.item_delete, {"builder": CRITERIA}, name="criterion_delete"),
    path(f"{criteria}<id:pk>/move-up/", builders.item_move, {"builder": CRITERIA, "up": True}, name="criterion_move_up"),
    path(
        f"{criteria}<id:pk>/move-down/", builders.item_move, {"builder": CRITERIA, "up": False}, name="criterion_move_down"
    ),
    path(f"{vacancy}recruitment/", steps.vacancy_edit_recruitment, name="vacancy_edit_recruitment"),
    path(f"{vacancy}check/", steps.vacancy_check, name="vacancy_check"),
    # The lifecycle: a confirmation page and a POST each.
    path(f"{vacancy}send-for-approval/", lifecycle.vacancy_submit, name="vacancy_submit"),
    path(f"{vacancy}approve/", lifecycle.vacancy_approve, name="vacancy_approve"),
    path(f"{vacancy}send-back/", lifecycle.vacancy_reject, name="vacancy_reject"),
    path(f"{vacancy}publish/", lifecycle.vacancy_publish, name="vacancy_publish"),
    path(f"{vacancy}close/", lifecycle.vacancy_close, name="vacancy_close"),
    path(f"{vacancy}withdraw/", lifecycle.vacancy_withdraw, name="vacancy_withdraw"),
    path(f"{vacancy}reopen/", lifecycle.vacancy_reopen, name="vacancy_reopen"),
    path(f"{vacancy}advertise-again/", lifecycle.vacancy_readvert, name="vacancy_readvert"),
    path(f"{vacancy}copy/", lifecycle.vacancy_copy, name="vacancy_copy"),
    # Changing a live advert: at once, or proposed for another recruiter's approval.
    path(f"{live_change}", live.vacancy_change, name="vacancy_change"),
    path(f"{live_change}description/", live.vacancy_change_description, name="vacancy_change_description"),
    path(f"{live_change}contact/", live.vacancy_change_contact, name="vacancy_change_contact"),
    path(f"{live_change}locations/", live.vacancy_change_locations, name="vacancy_change_locations"),
    path(f"{live_change}closing-date/", live.vacancy_change_closing, name="vacancy_change_closing"),
    path(f"{live_change}pay/", live.vacancy_change_pay, name="vacancy_change_pay"),
    path(f"{live_change}pay/<id:change_id>/approve/", live.proposed_change_approve, name="proposed_change_approve"),
    path(f"{live_change}pay/<id:change_id>/reject/", live.proposed_change_reject, name="proposed_change_reject"),
]
