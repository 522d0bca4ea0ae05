from django.apps import AppConfig


class AlertsConfig(AppConfig):
    """Saved searches and job alert e-mails (DESIGN.md: alerts → vacancies)."""

    name = "alerts"
    verbose_name = "Job alerts"
