"""Staff pages about the people on a completed shortlist, under
/manage/vacancies/<reference>/interviews/: the candidates page (the
shortlisted and the reserve list, with contact details and adjustments) and
moving a reserve to shortlisted.

Only those who run the vacancy's interviews (its trust's recruiters and its
hiring manager) see them, and only once the shortlist is complete; everyone
else gets 404. Every showing of contact details is written down
(services.record_contact_views)."""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from candidates.models import Application
from organisations.decorators import staff_member_required
from shortlisting.scoring import identities_revealed

from . import services
from .staff_views import get_vacancy_to_manage

Status = Application.Status

# Shortlisted, and every later stage a shortlisted candidate reaches.
SHORTLISTED_ONWARD = (
    Status.SHORTLISTED, Status.INVITED_TO_INTERVIEW, Status.PREFERRED, Status.INTERVIEW_RESERVE,
    Status.OFFERED, Status.APPOINTED,
)


def get_completed_vacancy(user, reference):
    """The vacancy if the user runs its interviews and its shortlist is complete; 404 otherwise."""
    vacancy = get_vacancy_to_manage(user, reference)
    if not identities_revealed(vacancy):
        raise Http404
    return vacancy


def _one_to_one(application, name):
    try:
        return getattr(application, name)
    except ObjectDoesNotExist:
        return None


def _person(application):
    """What the candidates page shows of an application: name, contact
    details, adjustments and the guaranteed interview scheme asked for."""
    details = _one_to_one(application, "personal_details")
    request = _one_to_one(application, "guaranteed_interview")
    return {
        "application": application,
        "name": details.full_name if details else "",
        "email": (details.email if details else "") or (application.candidate.email if application.candidate else ""),
        "phone": details.phone if details else "",
        "adjustments": _one_to_one(application, "adjustments"),
        "scheme": request.get_scheme_display() if request and request.requested else "",
    }


@staff_member_required
@require_safe
def vacancy_candidates(request, reference):
    """The shortlisted candidates (invited and interviewed included) and the
    reserve list, with what arranging interviews needs."""
    vacancy = get_completed_vacancy(request.user, reference)
    applications = list(
        Application.objects.filter(vacancy=vacancy, status__in=[*SHORTLISTED_ONWARD, Status.RESERVE])
        .select_related("candidate", "personal_details", "adjustments", "guaranteed_interview")
        .order_by("anonymous_number", "pk")
    )
    services.record_contact_views(
        user=request.user, application_ids=[a.pk for a in applications], page="interviews:vacancy_candidates"
    )
    people = [_person(application) for application in applications]
    return render(
        request,
        "interviews/vacancy_candidates.html",
        {
            "vacancy": vacancy,
            "shortlisted": [person for person in people if person["application"].status != Status.RESERVE],
            "reserves": [person for person in people if person["application"].status == Status.RESERVE],
            "reserve_list_open": vacancy.status in services.RESERVE_LIST_OPEN,
            "back_url": reverse("interviews:round_list", kwargs={"reference": reference}),
        },
    )


@staff_member_required
@require_http_methods(["GET", "HEAD", "POST"])
def reserve_promote(request, reference, application_id):
    """Move a reserve to shortlisted: a page to confirm, naming the rounds
    they will be invited to, then POST."""
    vacancy = get_completed_vacancy(request.user, reference)
    application = get_object_or_404(
        Application.objects.select_related("personal_details"), vacancy=vacancy, pk=application_id,
        status=Status.RESERVE,
    )
    refusal = None
    if request.method == "POST":
        try:
            rounds = services.promote_reserve(application_id=application.pk, actor=request.user)
        except services.ReserveRefused as error:
            refusal = str(error)
        else:
            name = _person(application)["name"]
            if rounds:
                message = _("%(name)s is shortlisted and invited to book an interview.") % {"name": name}
            else:
                message = _("%(name)s is shortlisted. Invite them when you create a round of interviews.") % {
                    "name": name
                }
            messages.success(request, message)
            return redirect("interviews:vacancy_candidates", reference=reference)
    elif vacancy.status not in services.RESERVE_LIST_OPEN:
        refusal = _("The reserve list is closed: the vacancy is %(status)s.") % {
            "status": vacancy.get_status_display().lower()
        }
    return render(
        request,
        "interviews/reserve_promote.html",
        {
            "vacancy": vacancy,
            "person": _person(application),
            "rounds": services.open_rounds(vacancy),
            "refusal": refusal,
            "back_url": reverse("interviews:vacancy_candidates", kwargs={"reference": reference}),
        },
    )
