"""Panel pages, under /manage/vacancies/<reference>/: the anonymised
applications, the scoring grid, the panel overview, the hiring manager's
decisions, completing the shortlist and the overview as CSV (issue 6).

Anyone who may see a vacancy's applications reaches these pages: recruiters of
its trust, its hiring manager and its panel (get_vacancy_for_user); everyone
else gets 404. Scoring is for the panel and the hiring manager, deciding and
completing for the hiring manager only: shortlisting.scoring decides, and its
PermissionDenied becomes 404 here, its ShortlistingRefused a message on the
page. These pages never read PersonalDetails or EqualityMonitoring.
"""

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from candidates.models import Application, Employment, Qualification, Referee
from organisations.decorators import staff_member_required
from vacancies.models import Criterion

from . import scoring
from .forms import DecisionForm, PanelMemberForm, ScoreForm
from .models import Score
from .views import get_vacancy_for_user


def get_application_for_user(user, reference, code):
    """The vacancy and its received application with this anonymous code, if
    the user may see the vacancy's applications; 404 otherwise."""
    vacancy = get_vacancy_for_user(user, reference)
    if not (len(code) >= 2 and code[0] == "A" and code[1:].isdigit()):
        raise Http404
    application = get_object_or_404(
        Application.objects.received().select_related("guaranteed_interview", "supporting_information"),
        vacancy=vacancy,
        anonymous_number=int(code[1:]),
    )
    application.vacancy = vacancy
    return vacancy, application


def _application_criteria(vacancy):
    return list(Criterion.objects.filter(vacancy=vacancy, assessed_at_application=True).order_by("order"))


def _guaranteed_interview(application):
    request = getattr(application, "guaranteed_interview", None)
    return bool(request and request.requested)


@staff_member_required
@require_safe
def application_list(request, reference):
    """The received applications by anonymous code, with the guaranteed
    interview flag and how many criteria the user has scored on each."""
    vacancy = get_vacancy_for_user(request.user, reference)
    criteria_count = Criterion.objects.filter(vacancy=vacancy, assessed_at_application=True).count()
    applications = list(
        Application.objects.received()
        .filter(vacancy=vacancy)
        .select_related("guaranteed_interview")
        .annotate(
            scored_by_me=Count(
                "scores",
                filter=Q(scores__panel_member=request.user, scores__criterion__assessed_at_application=True),
            )
        )
        .order_by("anonymous_number", "pk")
    )
    for application in applications:
        application.vacancy = vacancy
        application.asked_for_guaranteed_interview = _guaranteed_interview(application)
    given = sum(application.scored_by_me for application in applications)
    return render(
        request,
        "shortlisting/panel/application_list.html",
        {
            "vacancy": vacancy,
            "applications": applications,
            "criteria_count": criteria_count,
            "can_score": scoring.can_score(request.user, vacancy),
            "is_hiring_manager": request.user.pk == vacancy.hiring_manager_id,
            "scored": given,
            "to_score": criteria_count * len(applications),
            "back_url": reverse("manage:vacancy_detail", kwargs={"reference": vacancy.reference}),
        },
    )


@staff_member_required
@require_http_methods(["GET", "HEAD", "POST"])
def application_score(request, reference, code):
    """One anonymised application beside the user's scoring grid."""
    vacancy, application = get_application_for_user(request.user, reference, code)
    can_score = scoring.can_score(request.user, vacancy)
    if request.method == "POST" and not can_score:
        raise Http404
    criteria = _application_criteria(vacancy)
    scores = {s.criterion_id: s for s in Score.objects.filter(application=application, panel_member=request.user)}
    form = ScoreForm(request.POST or None, criteria=criteria, scores=scores)
    if request.method == "POST" and form.is_valid():
        try:
            scoring.record_scores(application_id=application.pk, panel_member=request.user, scores=form.scores())
        except PermissionDenied:
            raise Http404 from None
        except scoring.ShortlistingRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Your scores for %(code)s are saved.") % {"code": application.anonymous_code})
            return redirect("shortlisting:application_list", reference=vacancy.reference)
    return render(
        request,
        "shortlisting/panel/application_score.html",
        {
            "vacancy": vacancy,
            "application": application,
            "guaranteed_interview": _guaranteed_interview(application),
            "employments": Employment.objects.filter(application=application).order_by("-started_on", "pk"),
            "qualifications": Qualification.objects.filter(application=application).order_by("pk"),
            "referees": Referee.objects.filter(application=application).order_by("pk").values("job_title", "relationship"),
            "supporting_information": getattr(application, "supporting_information", None),
            "form": form,
            "can_score": can_score,
            "back_url": reverse("shortlisting:application_list", kwargs={"reference": vacancy.reference}),
        },
    )


@staff_member_required
@require_safe
def panel_overview(request, reference):
    """Every application with each member's total, the mean, essential
    criteria met, the guaranteed interview flag and moderation highlighted."""
    vacancy = get_vacancy_for_user(request.user, reference)
    rows = scoring.panel_overview(vacancy=vacancy)
    members = [member for member, _total in rows[0].member_totals] if rows else scoring.panel_members(vacancy)
    is_hiring_manager = request.user.pk == vacancy.hiring_manager_id
    names = scoring.revealed_names(vacancy=vacancy, user=request.user)
    reveal = names is not None
    if reveal:
        for row in rows:
            row.name = names.get(row.application.pk, "")
    return render(
        request,
        "shortlisting/panel/overview.html",
        {
            "vacancy": vacancy,
            "rows": rows,
            "members": members,
            "reveal": reveal,
            "is_hiring_manager": is_hiring_manager,
            "back_url": reverse("shortlisting:application_list", kwargs={"reference": vacancy.reference}),
        },
    )


def _require_hiring_manager(user, vacancy):
    if user.pk != vacancy.hiring_manager_id:
        raise Http404


@staff_member_required
@require_http_methods(["GET", "HEAD", "POST"])
def application_decision(request, reference, code):
    """The hiring manager's decision on one application, with the reason."""
    vacancy, application = get_application_for_user(request.user, reference, code)
    _require_hiring_manager(request.user, vacancy)
    decision = getattr(application, "shortlist_decision", None)
    initial = {"outcome": decision.outcome, "reason": decision.reason} if decision else None
    form = DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            scoring.decide(
                application_id=application.pk,
                outcome=form.cleaned_data["outcome"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except PermissionDenied:
            raise Http404 from None
        except scoring.ShortlistingRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Your decision on %(code)s is saved.") % {"code": application.anonymous_code})
            return redirect("shortlisting:panel_overview", reference=vacancy.reference)
    return render(
        request,
        "shortlisting/panel/decision.html",
        {
            "vacancy": vacancy,
            "application": application,
            "guaranteed_interview": _guaranteed_interview(application),
            "form": form,
            "back_url": reverse("shortlisting:panel_overview", kwargs={"reference": vacancy.reference}),
        },
    )


@staff_member_required
@require_http_methods(["GET", "HEAD", "POST"])
def complete_shortlisting(request, reference):
    """Confirm, then complete the shortlist (hiring manager only)."""
    vacancy = get_vacancy_for_user(request.user, reference)
    _require_hiring_manager(request.user, vacancy)
    refusal = None
    if request.method == "POST":
        try:
            scoring.complete_shortlisting(vacancy_id=vacancy.pk, actor=request.user)
        except PermissionDenied:
            raise Http404 from None
        except scoring.ShortlistingRefused as error:
            refusal = str(error)
        else:
            messages.success(request, _("Shortlisting is complete. Candidates are being told their outcome."))
            return redirect("shortlisting:panel_overview", reference=vacancy.reference)
    return render(
        request,
        "shortlisting/panel/complete.html",
        {
            "vacancy": vacancy,
            "refusal": refusal,
            "back_url": reverse("shortlisting:panel_overview", kwargs={"reference": vacancy.reference}),
        },
    )


@staff_member_required
@require_safe
def panel_overview_csv(request, reference):
    """The panel overview as CSV: anonymous codes only until the shortlist is
    complete; then, for the hiring manager, the shortlisted candidates' names."""
    vacancy = get_vacancy_for_user(request.user, reference)
    rows = scoring.panel_overview(vacancy=vacancy)
    members = [member for member, _total in rows[0].member_totals] if rows else []
    names = scoring.revealed_names(vacancy=vacancy, user=request.user)
    reveal = names is not None
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="panel-overview-{vacancy.reference}.csv"'
    # Scores of named applicants: never kept by a shared cache or proxy.
    response["Cache-Control"] = "private, no-store"
    writer = csv.writer(response)
    writer.writerow(
        [_("Application")]
        + ([_("Name")] if reveal else [])
        + [str(member) for member in members]
        + [_("Mean"), _("Essential criteria met"), _("Guaranteed interview"), _("Discuss"), _("Decision"), _("Reason")]
    )
    for row in rows:
        writer.writerow(
            [row.anonymous_code]
            + ([names.get(row.application.pk, "")] if reveal else [])
            + ["" if total is None else total for _member, total in row.member_totals]
            + [
                "" if row.mean_total is None else f"{row.mean_total:.1f}",
                _("Yes") if row.essential_met else _("No"),
                _("Yes") if row.guaranteed_interview else _("No"),
                _("Yes") if row.needs_moderation else _("No"),
                row.decision.get_outcome_display() if row.decision else "",
                row.decision.reason if row.decision else "",
            ]
        )
    return response


def get_vacancy_to_choose_panel(user, reference):
    """The vacancy if the user chooses its panel: the trust's recruiters and
    the hiring manager; 404 for everyone else, even its panel."""
    vacancy = get_vacancy_for_user(user, reference)
    if not (user.pk == vacancy.hiring_manager_id or scoring.is_recruiter_of(user, vacancy.organisation_id)):
        raise Http404
    return vacancy


def _panel_members_page(request, vacancy, form):
    return render(
        request,
        "shortlisting/panel/panel_members.html",
        {
            "vacancy": vacancy,
            "members": list(vacancy.panel_members.order_by("full_name", "email")),
            "form": form,
            "back_url": reverse("manage:vacancy_detail", kwargs={"reference": vacancy.reference}),
        },
    )


@staff_member_required
@require_safe
def panel_members(request, reference):
    """The vacancy's panel, each member with a button to remove them, and the
    form to add a member of the trust's staff."""
    vacancy = get_vacancy_to_choose_panel(request.user, reference)
    return _panel_members_page(request, vacancy, PanelMemberForm(vacancy=vacancy))


@staff_member_required
@require_POST
def panel_member_add(request, reference):
    """Add a member of the trust's staff to the panel; the panel page again,
    with the errors, if they cannot be added."""
    vacancy = get_vacancy_to_choose_panel(request.user, reference)
    form = PanelMemberForm(request.POST, vacancy=vacancy)
    if form.is_valid():
        member = form.cleaned_data["user"]
        try:
            scoring.assign_panel_member(vacancy_id=vacancy.pk, user=member, actor=request.user)
        except PermissionDenied:
            raise Http404 from None
        except scoring.ShortlistingRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("%(name)s is on the panel.") % {"name": member.get_full_name()})
            return redirect("shortlisting:panel_members", reference=vacancy.reference)
    return _panel_members_page(request, vacancy, form)


@staff_member_required
@require_POST
def panel_member_remove(request, reference, user_id):
    """Take a member off the panel; their scores stay. 404 for anyone not on it."""
    vacancy = get_vacancy_to_choose_panel(request.user, reference)
    member = get_object_or_404(vacancy.panel_members, pk=user_id)
    try:
        scoring.remove_panel_member(vacancy_id=vacancy.pk, user=member, actor=request.user)
    except PermissionDenied:
        raise Http404 from None
    except scoring.ShortlistingRefused as refusal:
        # Someone else took them off first: say so on the panel page.
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("%(name)s is no longer on the panel.") % {"name": member.get_full_name()})
    return redirect("shortlisting:panel_members", reference=vacancy.reference)
