from django.apps import AppConfig


class NHSUKConfig(AppConfig):
    """The UI kit every app uses: the `nhsuk` crispy-forms template pack's
    layout objects, widgets and template tags, UK postcodes and strict URL
    converters. It imports none of the project's apps (import-linter holds it
    to that)."""

    name = "nhsuk"
    verbose_name = "NHS.UK design system"

    def ready(self):
        from . import converters

        converters.register()
