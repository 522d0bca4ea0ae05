"""Staff pages under /manage/: namespace "manage". Every action has its own URL."""

from django.urls import path

from .views import manage

app_name = "manage"

vacancy = "vacancies/<str:reference>/"

urlpatterns = [
    path("", manage.dashboard, name="dashboard"),
    path("vacancies/new/", manage.vacancy_create, name="vacancy_create"),
    path("vacancies/new/<str:ods_code>/", manage.vacancy_create_details, name="vacancy_create_details"),
    path(vacancy, manage.vacancy_detail, name="vacancy_detail"),
    path(f"{vacancy}preview/", manage.vacancy_preview, name="vacancy_preview"),
    # The steps of a draft.
    path(f"{vacancy}details/", manage.vacancy_edit_details, name="vacancy_edit_details"),
    path(f"{vacancy}pay/", manage.vacancy_edit_pay, name="vacancy_edit_pay"),
    path(f"{vacancy}locations/", manage.vacancy_edit_locations, name="vacancy_edit_locations"),
    path(f"{vacancy}locations/new-site/", manage.site_create, name="site_create"),
    path(f"{vacancy}description/", manage.vacancy_edit_description, name="vacancy_edit_description"),
    path(f"{vacancy}responsibilities/", manage.responsibility_list, name="responsibility_list"),
    path(f"{vacancy}responsibilities/add/", manage.responsibility_create, name="responsibility_create"),
    path(f"{vacancy}responsibilities/<int:pk>/", manage.responsibility_edit, name="responsibility_edit"),
    path(f"{vacancy}responsibilities/<int:pk>/remove/", manage.responsibility_delete, name="responsibility_delete"),
    path(f"{vacancy}responsibilities/<int:pk>/move-up/", manage.responsibility_move_up, name="responsibility_move_up"),
    path(
        f"{vacancy}responsibilities/<int:pk>/move-down/", manage.responsibility_move_down, name="responsibility_move_down"
    ),
    path(f"{vacancy}person-specification/", manage.criterion_list, name="criterion_list"),
    path(f"{vacancy}person-specification/add/", manage.criterion_create, name="criterion_create"),
    path(f"{vacancy}person-specification/<int:pk>/", manage.criterion_edit, name="criterion_edit"),
    path(f"{vacancy}person-specification/<int:pk>/remove/", manage.criterion_delete, name="criterion_delete"),
    path(f"{vacancy}person-specification/<int:pk>/move-up/", manage.criterion_move_up, name="criterion_move_up"),
    path(f"{vacancy}person-specification/<int:pk>/move-down/", manage.criterion_move_down, name="criterion_move_down"),
    path(f"{vacancy}recruitment/", manage.vacancy_edit_recruitment, name="vacancy_edit_recruitment"),
    path(f"{vacancy}check/", manage.vacancy_check, name="vacancy_check"),
    # The lifecycle: a confirmation page and a POST each.
    path(f"{vacancy}send-for-approval/", manage.vacancy_submit, name="vacancy_submit"),
    path(f"{vacancy}approve/", manage.vacancy_approve, name="vacancy_approve"),
    path(f"{vacancy}send-back/", manage.vacancy_reject, name="vacancy_reject"),
    path(f"{vacancy}publish/", manage.vacancy_publish, name="vacancy_publish"),
    path(f"{vacancy}close/", manage.vacancy_close, name="vacancy_close"),
    path(f"{vacancy}withdraw/", manage.vacancy_withdraw, name="vacancy_withdraw"),
    path(f"{vacancy}reopen/", manage.vacancy_reopen, name="vacancy_reopen"),
    path(f"{vacancy}advertise-again/", manage.vacancy_readvert, name="vacancy_readvert"),
    path(f"{vacancy}copy/", manage.vacancy_copy, name="vacancy_copy"),
]
