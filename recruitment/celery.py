import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recruitment.settings")

app = Celery("recruitment")
# Every CELERY_* setting in recruitment/settings.py configures the app.
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
