"""Interview questions, scoring, the overview, outcomes and completing the
interviews, under /manage/vacancies/<reference>/interviews/.

The trust's recruiters and the vacancy's hiring manager write the questions,
read the overview, record outcomes and complete the interviews
(get_vacancy_to_manage); the interview panel (members of staff on a slot's
panel) and the hiring manager score. Everyone else gets 404, as if the page
did not exist. Every change goes through interviews.scoring, whose
PermissionDenied becomes 404 here and InterviewsRefused a message by the form.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from nhsuk import csv
from organisations.decorators import staff_member_required
from organisations.models import Organisation
from vacancies.models import Vacancy

from . import scoring
from .access import manages_interviews
from .models import InterviewOutcome, InterviewQuestion, InterviewScore
from .scoring_forms import InterviewScoreForm, OutcomeForm, QuestionForm
from .staff_views import get_vacancy_to_manage


def get_vacancy_to_score(user, reference, *, or_manage=False):
    """The vacancy if the user is on its interview panel or is its hiring
    manager (or, with `or_manage`, runs its interviews); 404 otherwise."""
    vacancies = Vacancy.objects.filter(organisation__in=Organisation.objects.staffed_by(user).values("pk"))
    vacancy = get_object_or_404(vacancies.select_related("organisation"), reference=reference)
    allowed = scoring.sees_interview_scores if or_manage else scoring.scores_at_interview
    if not allowed(user, vacancy):
        raise Http404
    return vacancy


def _manage_url(vacancy):
    return reverse("manage:vacancy_detail", kwargs={"reference": vacancy.reference})


def _overview_url(vacancy):
    return reverse("interviews:interview_overview", kwargs={"reference": vacancy.reference})


# Questions -----------------------------------------------------------------------------------


@staff_member_required
@require_safe
def question_list(request, reference):
    """The vacancy's interview questions in order, each with its changes."""
    vacancy = get_vacancy_to_manage(request.user, reference)
    questions = list(
        InterviewQuestion.objects.filter(vacancy=vacancy).annotate(score_count=Count("scores")).order_by("order", "id")
    )
    return render(
        request,
        "interviews/scoring/question_list.html",
        {
            "vacancy": vacancy,
            "questions": questions,
            "can_change": not scoring.interviews_completed(vacancy),
            "back_url": _manage_url(vacancy),
        },
    )


def _question_page(request, vacancy, form, question=None):
    return render(
        request,
        "interviews/scoring/question_form.html",
        {
            "vacancy": vacancy,
            "form": form,
            "question": question,
            "back_url": reverse("interviews:question_list", kwargs={"reference": vacancy.reference}),
        },
    )


@staff_member_required
@require_http_methods(["GET", "HEAD", "POST"])
def question_add(request, reference):
    vacancy = get_vacancy_to_manage(request.user, reference)
    form = QuestionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            scoring.add_question(vacancy_id=vacancy.pk, actor=request.user, text=form.cleaned_data["text"])
        except scoring.InterviewsRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Question added."))
            return redirect("interviews:question_list", reference=vacancy.reference)
    return _question_page(request, vacancy, form)


def _question_of(request, reference, question_id):
    vacancy = get_vacancy_to_manage(request.user, reference)
    return vacancy, get_object_or_404(InterviewQuestion, vacancy=vacancy, pk=question_id)


@staff_member_required
@require_http_methods(["GET", "HEAD", "POST"])
def question_change(request, reference, question_id):
    vacancy, question = _question_of(request, reference, question_id)
    form = QuestionForm(request.POST if request.method == "POST" else None, initial={"text": question.text})
    if request.method == "POST" and form.is_valid():
        try:
            scoring.change_question(question_id=question.pk, actor=request.user, text=form.cleaned_data["text"])
        except scoring.InterviewsRefused as refusal:
            form.add_error("text", str(refusal))
        else:
            messages.success(request, _("Question changed."))
            return redirect("interviews:question_list", reference=vacancy.reference)
    return _question_page(request, vacancy, form, question)


def _question_action(request, reference, question_id, action, done):
    vacancy, question = _question_of(request, reference, question_id)
    try:
        action(question_id=question.pk, actor=request.user)
    except scoring.InterviewsRefused as refusal:
        messages.error(request, str(refusal))
    else:
        if done:
            messages.success(request, done)
    return redirect("interviews:question_list", reference=vacancy.reference)


@staff_member_required
@require_POST
def question_remove(request, reference, question_id):
    return _question_action(request, reference, question_id, scoring.remove_question, _("Question removed."))


@staff_member_required
@require_POST
def question_move_up(request, reference, question_id):
    return _question_action(
        request, reference, question_id, lambda **kw: scoring.move_question(up=True, **kw), None
    )


@staff_member_required
@require_POST
def question_move_down(request, reference, question_id):
    return _question_action(
        request, reference, question_id, lambda **kw: scoring.move_question(up=False, **kw), None
    )


# Scoring -------------------------------------------------------------------------------------


@staff_member_required
@require_safe
def score_list(request, reference):
    """The interviewed candidates by name, with how many lines the user has scored on each."""
    vacancy = get_vacancy_to_score(request.user, reference, or_manage=True)
    lines = len(scoring.interview_criteria(vacancy)) + InterviewQuestion.objects.filter(vacancy=vacancy).count()
    applications = list(
        scoring.interviewed(vacancy)
        .annotate(scored_by_me=Count("interview_scores", filter=Q(interview_scores__panel_member=request.user)))
        .order_by("anonymous_number", "pk")
    )
    names = scoring.names_of([application.pk for application in applications])
    for application in applications:
        application.name = names.get(application.pk, "")
    return render(
        request,
        "interviews/scoring/score_list.html",
        {
            "vacancy": vacancy,
            "applications": applications,
            "lines": lines,
            "can_score": scoring.scores_at_interview(request.user, vacancy),
            "scoring_open": scoring.interviews_open(vacancy),
            "manages": manages_interviews(request.user, vacancy),
            "back_url": _manage_url(vacancy),
        },
    )


@staff_member_required
@require_http_methods(["GET", "HEAD", "POST"])
def interview_score(request, reference, application_id):
    """One interviewed candidate's scoring grid for the user: a fieldset per
    criterion assessed at interview and per question; save and come back."""
    vacancy = get_vacancy_to_score(request.user, reference)
    application = get_object_or_404(scoring.interviewed(vacancy), pk=application_id)
    criteria, questions = scoring.interview_criteria(vacancy), scoring.questions_of(vacancy)
    given = {
        ("criterion" if score.criterion_id else "question", score.criterion_id or score.question_id): score
        for score in InterviewScore.objects.filter(application=application, panel_member=request.user)
    }
    scoring_open = scoring.interviews_open(vacancy)
    form = InterviewScoreForm(
        request.POST if request.method == "POST" else None, criteria=criteria, questions=questions, scores=given
    )
    name = scoring.names_of([application.pk]).get(application.pk, "")
    if request.method == "POST" and form.is_valid():
        try:
            scoring.record_interview_scores(
                application_id=application.pk, panel_member=request.user,
                criteria=form.scores("criterion"), questions=form.scores("question"),
            )
        except PermissionDenied:
            raise Http404 from None
        except scoring.InterviewsRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Your scores for %(name)s are saved.") % {"name": name})
            return redirect("interviews:score_list", reference=vacancy.reference)
    return render(
        request,
        "interviews/scoring/score_form.html",
        {
            "vacancy": vacancy,
            "application": application,
            "name": name,
            "form": form,
            "scoring_open": scoring_open,
            "given": [(kind, item, given.get((kind, item.pk))) for kind, item, _s, _n in form.rows()],
            "back_url": reverse("interviews:score_list", kwargs={"reference": vacancy.reference}),
        },
    )


# Overview, outcomes and completion ---------------------------------------------------------------


@staff_member_required
@require_safe
def interview_overview(request, reference):
    """Per candidate, each member's scores side by side, totals, disagreements
    and the outcome; the way to record outcomes and complete the interviews."""
    vacancy = get_vacancy_to_manage(request.user, reference)
    members, rows = scoring.overview(vacancy=vacancy)
    return render(
        request,
        "interviews/scoring/overview.html",
        {
            "vacancy": vacancy,
            "members": members,
            "rows": rows,
            "decisions_open": scoring.interviews_open(vacancy),
            "completed": scoring.interviews_completed(vacancy),
            "spread": scoring.DISAGREEMENT_SPREAD,
            "back_url": _manage_url(vacancy),
        },
    )


@staff_member_required
@require_safe
def interview_overview_csv(request, reference):
    """The overview as CSV: a line per candidate, criterion or question and member."""
    vacancy = get_vacancy_to_manage(request.user, reference)
    members, rows = scoring.overview(vacancy=vacancy)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="interview-scores-{vacancy.reference}.csv"'
    # Scores of named candidates: never kept by a shared cache or proxy.
    response["Cache-Control"] = "private, no-store"
    # nhsuk.csv: names and questions are typed by people; none reaches a spreadsheet as a formula.
    writer = csv.writer(response)
    writer.writerow(
        [_("Candidate"), _("Criterion or question")]
        + [str(member) for member in members]
        + [_("Disagreement"), _("Outcome")]
    )
    for row in rows:
        for line in row.lines:
            writer.writerow(
                [row.name, line.text]
                + ["" if score is None else score for score in line.scores]
                + [_("Yes") if line.disagreement else _("No"), ""]
            )
        writer.writerow(
            [row.name, _("Total")]
            + ["" if total is None else total for total in row.member_totals]
            + ["", row.outcome.get_decision_display() if row.outcome else ""]
        )
    return response


@staff_member_required
@require_http_methods(["GET", "HEAD", "POST"])
def outcome_record(request, reference, application_id):
    """Record or change one interviewed candidate's outcome."""
    vacancy = get_vacancy_to_manage(request.user, reference)
    application = get_object_or_404(scoring.interviewed(vacancy), pk=application_id)
    outcome = InterviewOutcome.objects.filter(application=application).first()
    form = OutcomeForm(
        request.POST if request.method == "POST" else None,
        initial={"decision": outcome.decision, "reason": outcome.reason} if outcome else None,
    )
    name = scoring.names_of([application.pk]).get(application.pk, "")
    if request.method == "POST" and form.is_valid():
        try:
            scoring.record_outcome(
                application_id=application.pk, actor=request.user,
                decision=form.cleaned_data["decision"], reason=form.cleaned_data["reason"],
            )
        except PermissionDenied:
            raise Http404 from None
        except scoring.InterviewsRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("The outcome for %(name)s is saved.") % {"name": name})
            return redirect("interviews:interview_overview", reference=vacancy.reference)
    return render(
        request,
        "interviews/scoring/outcome_form.html",
        {"vacancy": vacancy, "application": application, "name": name, "form": form,
         "back_url": _overview_url(vacancy)},
    )


@staff_member_required
@require_http_methods(["GET", "HEAD", "POST"])
def interviews_complete(request, reference):
    """Confirm, then complete the interviews. Once complete (a second press,
    a form sent again) the overview says so."""
    vacancy = get_vacancy_to_manage(request.user, reference)
    if scoring.interviews_completed(vacancy):
        messages.info(request, _("The interviews are already complete."))
        return redirect("interviews:interview_overview", reference=vacancy.reference)
    refusal = None
    if request.method == "POST":
        try:
            scoring.complete_interviews(vacancy_id=vacancy.pk, actor=request.user)
        except PermissionDenied:
            raise Http404 from None
        except scoring.InterviewsAlreadyComplete as error:
            messages.info(request, str(error))
            return redirect("interviews:interview_overview", reference=vacancy.reference)
        except scoring.InterviewsRefused as error:
            refusal = str(error)
        else:
            messages.success(request, _("The interviews are complete. Candidates are being told their outcome."))
            return redirect("interviews:interview_overview", reference=vacancy.reference)
    _members, rows = scoring.overview(vacancy=vacancy)
    counts = scoring.outcome_counts(rows)
    not_booked = list(scoring.invited_not_booked(vacancy).order_by("anonymous_number", "pk"))
    names = scoring.names_of([application.pk for application in not_booked])
    return render(
        request,
        "interviews/scoring/complete.html",
        {
            "vacancy": vacancy,
            "refusal": refusal,
            "appoint": counts[InterviewOutcome.Decision.APPOINT],
            "reserve": counts[InterviewOutcome.Decision.RESERVE],
            "unsuccessful": counts[InterviewOutcome.Decision.UNSUCCESSFUL],
            "undecided": sum(1 for row in rows if row.outcome is None),
            "not_booked": [names.get(application.pk) or application.reference for application in not_booked],
            "back_url": _overview_url(vacancy),
        },
    )
