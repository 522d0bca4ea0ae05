from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    """NHS trusts, their sites and their staff: who holds which role where."""

    name = "organisations"
    verbose_name = "Trusts and staff"
