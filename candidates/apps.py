from django.apps import AppConfig


class CandidatesConfig(AppConfig):
    name = "candidates"
    verbose_name = "Candidates and applications"

    def ready(self):
        from accounts.signals import account_deleting
        from vacancies.signals import closing_time_changed

        from . import services

        def forget_deleted_candidate(sender, *, user, **kwargs):
            services.forget_candidate(user=user)

        account_deleting.connect(forget_deleted_candidate, weak=False, dispatch_uid="candidates.forget_candidate")

        def tell_drafts_closing_time_changed(sender, *, vacancy_id, old_closing_at, new_closing_at, **kwargs):
            services.tell_drafts_closing_time_changed(
                vacancy_id=vacancy_id, old_closing_at=old_closing_at, new_closing_at=new_closing_at
            )

        closing_time_changed.connect(
            tell_drafts_closing_time_changed, weak=False, dispatch_uid="candidates.tell_drafts_closing_time_changed"
        )
