"""What every staff page of a vacancy needs: fetching the vacancy for the user
(or 404), and turning away changes to anything but a draft."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext

from organisations.models import Organisation

from ...models import Vacancy


def get_vacancy_for_user(user, reference, *, editable=False):
    """The vacancy with this reference if the user may see it (or, with
    editable=True, change it: recruiters of its trust); 404 otherwise, as if
    it did not exist."""
    vacancies = Vacancy.objects.editable_by(user) if editable else Vacancy.objects.for_staff(user)
    return get_object_or_404(vacancies.select_related("organisation"), reference=reference)


def recruiter_trusts(user):
    """The trusts where the user is a recruiter, and so may create vacancies."""
    return Organisation.objects.recruited_by(user).order_by("name")


def manage_url(vacancy):
    return reverse("manage:vacancy_detail", kwargs={"reference": vacancy.reference})


def bound(request, form_class, **kwargs):
    """The form, bound to the POST data on a POST."""
    return form_class(request.POST if request.method == "POST" else None, **kwargs)


def refuse_unless_draft(request, vacancy):
    """Only drafts change: anything further on was approved as it is. Returns
    the answer to give instead of the page, or None for a draft."""
    if vacancy.status == Vacancy.Status.DRAFT:
        return None
    messages.error(
        request,
        gettext("%(reference)s is %(status)s, so it cannot be changed. Only draft vacancies can be changed.")
        % {"reference": vacancy.reference, "status": vacancy.get_status_display().lower()},
    )
    return redirect(manage_url(vacancy))
