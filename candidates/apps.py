from django.apps import AppConfig


class CandidatesConfig(AppConfig):
    name = "candidates"
    verbose_name = "Candidates and applications"

    def ready(self):
        from accounts.signals import account_deleting

        from . import services

        def forget_deleted_candidate(sender, *, user, **kwargs):
            services.forget_candidate(user=user)

        account_deleting.connect(forget_deleted_candidate, weak=False, dispatch_uid="candidates.forget_candidate")
