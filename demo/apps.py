from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The top floor: `seed_demo` and the demo data. It may read any app;
    nothing imports it."""

    name = "demo"
    verbose_name = "Demo data"
