from celery import shared_task

from . import services


@shared_task(name="candidates.anonymise_expired_applications")
def anonymise_expired_applications():
    """Beat task: remove personal information from applications past their retention."""
    return services.anonymise_expired_applications()
