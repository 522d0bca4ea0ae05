"""Panel pages, under /manage/vacancies/<reference>/: the anonymised
applications, the scoring grid, the panel overview, the hiring manager's
decisions, completing the shortlist and the overview as CSV (issue 6).

Anyone who may see a vacancy's applications reaches these pages: recruiters of
its trust, its hiring manager and its panel (get_vacancy_for_user); everyone
else gets 404. Scoring is for the panel and the hiring manager, deciding and
completing for the hiring manager only: shortlisting.scoring decides, and its
PermissionDenied becomes 404 here, its ShortlistingRefused a message on the
page. These pages never show PersonalDetails or EqualityMonitoring; what a
panel sees of an application is shortlisting.anonymised's to decide (the
score page reads the candidate's names, e-mail and telephone only to mark
them where the candidate typed them into their own answers).
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from candidates.models import Application
from nhsuk import csv
from nhsuk.converters import MAX_ID
from organisations.decorators import staff_member_required
from vacancies.models import Criterion

from . import moderation, scoring
from .anonymised import score_label, what_panels_see
from .forms import AgreedScoreForm, DecisionForm, PanelMemberForm, ScoreForm
from .models import Score
from .views import get_vacancy_for_user


def get_application_for_user(user, reference, code):
    """The vacancy and its received application with this anonymous code, if
    the user may see the vacancy's applications; 404 otherwise."""
    vacancy = get_vacancy_for_user(user, reference)
    number = _anonymous_number(code)
    if number is None:
        raise Http404
    application = get_object_or_404(
        Application.objects.received().select_related("guaranteed_interview", "supporting_information"),
        vacancy=vacancy,
        anonymous_number=number,
    )
    application.vacancy = vacancy
    return vacancy, application


def _anonymous_number(code):
    """The number in an anonymous code, if `code` is spelt exactly as
    Application.anonymous_code spells it (A0007, A12345); None otherwise.
    ASCII digits only: str.isdigit() also takes superscripts (A², which int()
    refuses) and int() reads other scripts' digits (A١ would be A0001)."""
    digits = code[1:]
    if not (code[:1] == "A" and digits.isascii() and digits.isdigit()):
        return None
    number = int(digits)
    # One spelling per application: A1 and A00001 are not A0001.
    return number if 0 < number <= MAX_ID and code == f"A{number:04d}" else None


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
            "scoring_open": scoring.scoring_open(vacancy),
            "scoring_not_yet_open": scoring.scoring_not_yet_open(vacancy),
            "is_hiring_manager": request.user.pk == vacancy.hiring_manager_id,
            "scored": given,
            "to_score": criteria_count * len(applications),
            "back_url": reverse("manage:vacancy_detail", kwargs={"reference": vacancy.reference}),
        },
    )


@staff_member_required
@require_http_methods(["GET", "HEAD", "POST"])
def application_score(request, reference, code):
    """One anonymised application beside the user's scoring grid; "Save
    scores" goes back to the list. Before the vacancy closes, and once the
    shortlist is complete, the grid is there to read, not to fill in."""
    return _score_page(request, reference, code, then_next=False)


@staff_member_required
@require_POST
def application_score_next(request, reference, code):
    """ "Save and score the next application": save as application_score
    does, then open the next application the user has still to score."""
    return _score_page(request, reference, code, then_next=True)


def _score_page(request, reference, code, *, then_next):
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
            if then_next:
                return _go_to_next_application(request, vacancy, application, len(criteria))
            messages.success(request, _("Your scores for %(code)s are saved.") % {"code": application.anonymous_code})
            return redirect("shortlisting:application_list", reference=vacancy.reference)
    scoring_open = scoring.scoring_open(vacancy)
    seen = what_panels_see(Application.objects.filter(pk=application.pk), mark_personal_details=True)
    return render(
        request,
        "shortlisting/panel/application_score.html",
        {
            "vacancy": vacancy,
            "application": application,
            "seen": seen[application.pk],
            "form": form,
            "can_score": can_score,
            "scoring_open": scoring_open,
            "scoring_not_yet_open": scoring.scoring_not_yet_open(vacancy),
            "read_only_rows": _read_only_rows(criteria, scores) if can_score and not scoring_open else None,
            "back_url": reverse("shortlisting:application_list", kwargs={"reference": vacancy.reference}),
        },
    )


def _read_only_rows(criteria, scores):
    """The grid to read: [(criterion, the user's Score or None, its words)]."""
    rows = []
    for criterion in criteria:
        score = scores.get(criterion.pk)
        rows.append((criterion, score, score_label(score.score) if score else ""))
    return rows


def _go_to_next_application(request, vacancy, application, criteria_count):
    """After "Save and score the next application": the next application in
    the list's order that the user has not scored against every criterion,
    going round to the start after the last; the list when none is left."""
    saved = {"code": application.anonymous_code}
    scored_by_me = Count(
        "scores", filter=Q(scores__panel_member=request.user, scores__criterion__assessed_at_application=True)
    )
    to_score = list(
        Application.objects.received()
        .filter(vacancy=vacancy)
        .exclude(pk=application.pk)
        .annotate(scored_by_me=scored_by_me)
        .filter(scored_by_me__lt=criteria_count)
        .order_by("anonymous_number", "pk")
        .only("pk", "anonymous_number")
    )
    later = [other for other in to_score if other.anonymous_number > application.anonymous_number]
    following = (later or to_score or [None])[0]
    if following is not None:
        messages.success(
            request,
            _("Your scores for %(code)s are saved. Next is %(next)s.") % {**saved, "next": following.anonymous_code},
        )
        return redirect(
            "shortlisting:application_score", reference=vacancy.reference, code=following.anonymous_code
        )
    this_one_done = (
        Score.objects.filter(
            application=application, panel_member=request.user, criterion__assessed_at_application=True
        ).count()
        >= criteria_count
    )
    if this_one_done:
        messages.success(request, _("Your scores for %(code)s are saved. You have scored every application.") % saved)
    else:
        messages.success(
            request,
            _(
                "Your scores for %(code)s are saved. Every other application is scored; "
                "this one still has criteria to score."
            )
            % saved,
        )
    return redirect("shortlisting:application_list", reference=vacancy.reference)


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
    # Decisions, changes to them and completing are offered only while open.
    decisions_open = scoring.scoring_open(vacancy)
    return render(
        request,
        "shortlisting/panel/overview.html",
        {
            "vacancy": vacancy,
            "rows": rows,
            "members": members,
            "reveal": reveal,
            "is_hiring_manager": is_hiring_manager,
            "decisions_open": decisions_open,
            "shortlisting_complete": not decisions_open and scoring.identities_revealed(vacancy),
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
    initial = (
        {"outcome": decision.outcome, "reason": decision.reason, "unmoderated_reason": decision.unmoderated_reason}
        if decision
        else None
    )
    unagreed = moderation.unagreed_criteria(application)
    form = DecisionForm(request.POST or None, initial=initial, needs_moderation=bool(unagreed))
    if request.method == "POST" and form.is_valid():
        try:
            scoring.decide(
                application_id=application.pk,
                outcome=form.cleaned_data["outcome"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
                unmoderated_reason=form.cleaned_data.get("unmoderated_reason", ""),
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
            "unagreed": unagreed,
            "form": form,
            "back_url": reverse("shortlisting:panel_overview", kwargs={"reference": vacancy.reference}),
        },
    )


@staff_member_required
@require_http_methods(["GET", "HEAD", "POST"])
def application_moderation(request, reference, code):
    """Each member's score of one application per criterion, side by side,
    the criteria that differ by more than the threshold highlighted, and the
    scores the panel agreed: recorded by the hiring manager only, while
    shortlisting is open."""
    vacancy, application = get_application_for_user(request.user, reference, code)
    is_hiring_manager = request.user.pk == vacancy.hiring_manager_id
    if request.method == "POST" and not is_hiring_manager:
        raise Http404
    members, rows = moderation.moderation_rows(vacancy=vacancy, application=application)
    form = AgreedScoreForm(request.POST or None, rows=rows) if is_hiring_manager else None
    if request.method == "POST" and form.is_valid():
        try:
            moderation.record_agreed_scores(application_id=application.pk, actor=request.user, scores=form.scores())
        except PermissionDenied:
            raise Http404 from None
        except scoring.ShortlistingRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request, _("Agreed scores for %(code)s are saved.") % {"code": application.anonymous_code}
            )
            return redirect(
                "shortlisting:application_decision", reference=vacancy.reference, code=application.anonymous_code
            )
    return render(
        request,
        "shortlisting/panel/moderation.html",
        {
            "vacancy": vacancy,
            "application": application,
            "guaranteed_interview": _guaranteed_interview(application),
            "members": members,
            "rows": rows,
            "threshold": settings.SHORTLISTING_MODERATION_THRESHOLD,
            "form": form,
            "can_agree": is_hiring_manager and scoring.scoring_open(vacancy),
            "back_url": reverse("shortlisting:panel_overview", kwargs={"reference": vacancy.reference}),
        },
    )


@staff_member_required
@require_http_methods(["GET", "HEAD", "POST"])
def complete_shortlisting(request, reference):
    """Confirm, then complete the shortlist (hiring manager only). Once it is
    complete (a second press, a form sent again) the overview says so."""
    vacancy = get_vacancy_for_user(request.user, reference)
    _require_hiring_manager(request.user, vacancy)
    already_complete = _("Shortlisting is already complete.")
    if not scoring.scoring_open(vacancy) and scoring.identities_revealed(vacancy):
        messages.info(request, already_complete)
        return redirect("shortlisting:panel_overview", reference=vacancy.reference)
    refusal = None
    if request.method == "POST":
        try:
            scoring.complete_shortlisting(vacancy_id=vacancy.pk, actor=request.user)
        except PermissionDenied:
            raise Http404 from None
        except scoring.ShortlistingAlreadyComplete:
            # Completed by another request between the check above and the lock.
            messages.info(request, already_complete)
            return redirect("shortlisting:panel_overview", reference=vacancy.reference)
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
    # nhsuk.csv: reasons and names are typed by people; none reaches a spreadsheet as a formula.
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
