from django.urls import path, re_path

from . import views

app_name = "alerts"

# A signed token (django.core.signing): URL-safe base64 and colons, ASCII only.
TOKEN = r"(?P<token>[A-Za-z0-9_:-]{1,200})"

urlpatterns = [
    path("", views.alert_list, name="alert_list"),
    path("new/", views.alert_create, name="alert_create"),
    path("check-your-email/", views.alert_check_email, name="alert_check_email"),
    re_path(rf"^confirm/{TOKEN}/$", views.alert_confirm, name="alert_confirm"),
    re_path(rf"^unsubscribe/{TOKEN}/$", views.alert_unsubscribe, name="alert_unsubscribe"),
    path("<id:alert_id>/change/", views.alert_change, name="alert_change"),
    path("<id:alert_id>/delete/", views.alert_delete, name="alert_delete"),
]
