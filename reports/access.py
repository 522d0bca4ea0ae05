"""Who sees which reports: recruiters of a trust see that trust's; a member of
staff who recruits for several trusts sees those trusts, together or one by
one. Hiring managers, panel members and candidates see none: every report page
answers them 404, as if it did not exist."""

from django.http import Http404

from organisations.models import Organisation
from vacancies.models import Vacancy


def report_trusts_for(user):
    """The trusts whose reports the user may read, by name; 404 when there are none."""
    trusts = list(Organisation.objects.recruited_by(user).order_by("name"))
    if not trusts:
        raise Http404
    return trusts


def vacancies_in_scope(trusts, *, trust=None, directorate="", staff_group=""):
    """The vacancies of the trusts the user reports on, narrowed by the filters."""
    vacancies = Vacancy.objects.filter(organisation__in=[t.pk for t in trusts])
    if trust is not None:
        vacancies = vacancies.filter(organisation=trust)
    if directorate:
        vacancies = vacancies.filter(directorate=directorate)
    if staff_group:
        vacancies = vacancies.filter(staff_group=staff_group)
    return vacancies
