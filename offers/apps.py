from django.apps import AppConfig


class OffersConfig(AppConfig):
    """Offers, references and pre-employment checks: from the preferred
    candidate to a confirmed start date (DESIGN.md: it depends on interviews
    and below; nothing below depends on it)."""

    name = "offers"
    verbose_name = "Offers and pre-employment checks"

    def ready(self):
        from candidates.signals import application_withdrawn, applications_anonymising

        from . import services

        def forget_applications(sender, *, application_ids, **kwargs):
            services.forget_applications(application_ids=application_ids)

        applications_anonymising.connect(forget_applications, weak=False, dispatch_uid="offers.forget_applications")

        # A candidate who withdraws while they hold an offer withdraws the offer too.
        def withdraw_offer(sender, *, application_id, actor, now, **kwargs):
            services.withdraw_offer_of_application(application_id=application_id, actor=actor, now=now)

        application_withdrawn.connect(withdraw_offer, weak=False, dispatch_uid="offers.withdraw_offer_of_application")
