from celery import shared_task

from . import services


@shared_task(name="vacancies.close_vacancies_past_closing_time")
def close_vacancies_past_closing_time():
    """Beat task: close published vacancies whose closing time has passed."""
    return services.close_vacancies_past_closing_time()


@shared_task(name="vacancies.publish_scheduled_vacancies")
def publish_scheduled_vacancies():
    """Beat task: publish approved vacancies whose publish time has come."""
    return services.publish_scheduled_vacancies()
