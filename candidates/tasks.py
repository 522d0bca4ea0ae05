import logging

from celery import shared_task

from vacancies.models import Vacancy

from . import services

logger = logging.getLogger(__name__)


@shared_task(name="candidates.anonymise_expired_applications")
def anonymise_expired_applications():
    """Beat task: remove personal information from applications past their retention."""
    return services.anonymise_expired_applications()


@shared_task(name="candidates.send_missing_confirmations")
def send_missing_confirmations():
    """Beat task: write the confirmation e-mails of submissions whose process
    died between committing and writing them."""
    return services.send_missing_confirmations()


@shared_task(name="candidates.tell_drafts_closed_at_cap")
def tell_drafts_closed_at_cap(*, vacancy_id):
    """E-mail the candidates with drafts for a vacancy that has just closed on
    reaching its cap; enqueued when the submission that closed it commits."""
    vacancy = Vacancy.objects.select_related("organisation").filter(pk=vacancy_id).first()
    if vacancy is None:
        logger.warning("Vacancy %s is gone: no drafts to tell it closed", vacancy_id)
        return False
    return services.tell_drafts_closed_at_cap(vacancy=vacancy)
