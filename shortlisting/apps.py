from django.apps import AppConfig


class ShortlistingConfig(AppConfig):
    name = "shortlisting"
    verbose_name = "Shortlisting"
