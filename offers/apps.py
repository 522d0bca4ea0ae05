from django.apps import AppConfig


class OffersConfig(AppConfig):
    """Offers, references and pre-employment checks: from the preferred
    candidate to a confirmed start date (DESIGN.md: it depends on interviews
    and below; nothing below depends on it)."""

    name = "offers"
    verbose_name = "Offers and pre-employment checks"

    def ready(self):
        from candidates.signals import applications_anonymising

        from . import services

        def forget_applications(sender, *, application_ids, **kwargs):
            services.forget_applications(application_ids=application_ids)

        applications_anonymising.connect(forget_applications, weak=False, dispatch_uid="offers.forget_applications")
