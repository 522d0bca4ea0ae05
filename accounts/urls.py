"""Everything under /accounts/: your account page and deleting it (namespace
"accounts"), then django-allauth's pages with their own names (account_login,
account_signup, mfa_index...)."""

from django.urls import include, path

from . import views

account_patterns = (
    [
        path("", views.account_detail, name="account_detail"),
        path("delete/", views.account_delete, name="account_delete"),
    ],
    "accounts",
)

urlpatterns = [
    path("", include(account_patterns)),
    # Before allauth's own pattern for the same address, so this one answers.
    path("2fa/totp/activate/", views.activate_totp, name="mfa_activate_totp"),
    path("", include("allauth.urls")),
]
