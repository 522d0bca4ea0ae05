"""Interview questions, interview scores, the panel's overview, outcomes and
completing the interviews (issue 11, part B).

Lifecycle: once shortlisting is complete the vacancy is `interviewing`. The
recruiters (or the hiring manager) write questions; every member of an
interview panel (a user on the panel of a slot of the vacancy's rounds) and
the hiring manager score each interviewed candidate (invited, with a
booking) against the criteria assessed at interview and the questions; the
hiring manager or a recruiter records an outcome per candidate and completes
the interviews, which moves each application and queues the outcome e-mails.
The vacancy stays `interviewing`: the offers app moves it on.

Every operation takes keyword arguments, runs in one transaction and writes
an InterviewEvent. PermissionDenied means the person may not do this at all
(a page answers 404); InterviewsRefused carries a message for the person.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_lazy

from candidates.emails import CandidateEmail, register, send_to_candidate
from candidates.models import Application, PersonalDetails
from candidates.services import change_application_status
from nhsuk.formats import public_url
from vacancies.models import Criterion, Vacancy

from .access import manages_interviews
from .models import Booking, InterviewEvent, InterviewOutcome, InterviewQuestion, InterviewScore, Slot

Status = Application.Status
Kind = InterviewEvent.Kind
Decision = InterviewOutcome.Decision

# Members' scores for one line that differ by this much or more are flagged
# for the panel to discuss: 0 against 2 is "not met" against "met".
DISAGREEMENT_SPREAD = 2

# What completing the interviews makes of each outcome.
STATUS_FOR_DECISION = {
    Decision.APPOINT: Status.PREFERRED,
    Decision.RESERVE: Status.INTERVIEW_RESERVE,
    Decision.UNSUCCESSFUL: Status.UNSUCCESSFUL,
}

OUTCOME_EMAILS = {
    Decision.APPOINT: register(CandidateEmail(
        key="interviews.outcome_preferred",
        label=gettext_lazy("Interview outcome: preferred candidate"),
        subject="Your interview for ((vacancy_title)): good news",
        body=(
            "Dear ((candidate_name)),\n\n"
            "Thank you for coming to interview for ((vacancy_title)) (((reference))) at ((trust)).\n\n"
            "We are pleased to tell you that you are our preferred candidate. We will contact you soon "
            "with an offer and the pre-employment checks it depends on.\n\n"
            "You can see your application here: ((link))\n"
        ),
    )),
    Decision.RESERVE: register(CandidateEmail(
        key="interviews.outcome_reserve",
        label=gettext_lazy("Interview outcome: reserve"),
        subject="Your interview for ((vacancy_title))",
        body=(
            "Dear ((candidate_name)),\n\n"
            "Thank you for coming to interview for ((vacancy_title)) (((reference))) at ((trust)).\n\n"
            "You did well at interview, and we have put you on our reserve list. If the post becomes "
            "available to you, we will contact you.\n\n"
            "You can see your application here: ((link))\n"
        ),
    )),
    Decision.UNSUCCESSFUL: register(CandidateEmail(
        key="interviews.outcome_unsuccessful",
        label=gettext_lazy("Interview outcome: unsuccessful"),
        subject="Your interview for ((vacancy_title))",
        body=(
            "Dear ((candidate_name)),\n\n"
            "Thank you for coming to interview for ((vacancy_title)) (((reference))) at ((trust)).\n\n"
            "We are sorry to tell you that you have not been successful this time. If you would like "
            "feedback on your interview, please contact us.\n\n"
            "You can see your application here: ((link))\n"
        ),
    )),
}
# The reason recorded for, and the e-mail to, a candidate invited who never
# booked a place (or whose booking went): not interviewed, so no outcome to
# record, and made unsuccessful when the interviews are completed.
NOT_BOOKED_REASON = gettext_lazy("Did not book an interview")
NOT_BOOKED_EMAIL = register(CandidateEmail(
    key="interviews.outcome_not_booked",
    label=gettext_lazy("Interview outcome: did not book an interview"),
    subject="Your application for ((vacancy_title))",
    body=(
        "Dear ((candidate_name)),\n\n"
        "You were invited to interview for ((vacancy_title)) (((reference))) at ((trust)), but you "
        "did not book an interview. The interviews are now over, so we will not be taking your "
        "application further.\n\n"
        "You can see your application here: ((link))\n"
    ),
))


class InterviewsRefused(Exception):
    """The operation breaks a rule of interviewing; the message says why, for the user."""


class InterviewsAlreadyComplete(InterviewsRefused):
    """Completing interviews that are already complete (a double click, a form sent again)."""


# Who may do what, and when ---------------------------------------------------------------


def panel_member_ids(vacancy):
    """Ids of the vacancy's interview panel: the members of staff on the panel
    of any slot of its rounds, and its hiring manager."""
    ids = set(Slot.panel.through.objects.filter(slot__round__vacancy=vacancy).values_list("user_id", flat=True))
    if vacancy.hiring_manager_id:
        ids.add(vacancy.hiring_manager_id)
    return ids


def scores_at_interview(user, vacancy):
    """Whether the user scores the vacancy's interviews: its hiring manager, or on a slot's panel."""
    return user.pk == vacancy.hiring_manager_id or Slot.objects.filter(round__vacancy=vacancy, panel=user).exists()


def sees_interview_scores(user, vacancy):
    """Whether the user may open the list of candidates to score
    (scoring_views.score_list): those who score, and those who run the interviews."""
    return manages_interviews(user, vacancy) or scores_at_interview(user, vacancy)


def interviews_completed(vacancy):
    return InterviewEvent.objects.filter(vacancy=vacancy, kind=Kind.COMPLETED).exists()


def interviews_open(vacancy):
    """Whether panels may score and outcomes be recorded now: while the
    vacancy is interviewing and its interviews are not completed."""
    return vacancy.status == Vacancy.Status.INTERVIEWING and not interviews_completed(vacancy)


def _require_open(vacancy):
    if interviews_completed(vacancy):
        raise InterviewsRefused(_("The interviews are complete: scores and outcomes can no longer change."))
    if vacancy.status != Vacancy.Status.INTERVIEWING:
        raise InterviewsRefused(
            _("Interviews are not open: the vacancy is %(status)s.")
            % {"status": Vacancy.Status(vacancy.status).label.lower()}
        )


def _lock_vacancy(vacancy_id):
    """The vacancy, its row locked: scores, outcomes and question changes
    queue behind a completion (and it behind them), so none lands after it."""
    return Vacancy.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=vacancy_id)


def interviewed(vacancy):
    """The vacancy's interviewed applications: those with a booking in one of
    its rounds, except the withdrawn (whose place is freed)."""
    booked = Booking.objects.filter(round__vacancy=vacancy).values("application_id")
    return Application.objects.filter(vacancy=vacancy, pk__in=booked).exclude(status=Status.WITHDRAWN)


def invited_not_booked(vacancy):
    """The vacancy's applications still invited to interview without a
    booking: never booked, or their booking went. Not interviewed, so not on
    the overview; completing the interviews makes them unsuccessful."""
    booked = Booking.objects.filter(round__vacancy=vacancy).values("application_id")
    return Application.objects.filter(vacancy=vacancy, status=Status.INVITED_TO_INTERVIEW).exclude(pk__in=booked)


def names_of(application_ids):
    """{application id: the name the candidate gave in the application}."""
    return {
        details.application_id: details.full_name
        for details in PersonalDetails.objects.filter(application_id__in=application_ids).only(
            "application_id", "first_name", "last_name"
        )
    }


def interview_criteria(vacancy):
    return list(Criterion.objects.filter(vacancy=vacancy, assessed_at_interview=True).order_by("order"))


def questions_of(vacancy):
    return list(InterviewQuestion.objects.filter(vacancy=vacancy).order_by("order", "id"))


# Questions ---------------------------------------------------------------------------------


def _lock_for_questions(vacancy_id, actor):
    vacancy = _lock_vacancy(vacancy_id)
    if not manages_interviews(actor, vacancy):
        raise PermissionDenied("Only the trust's recruiters and the hiring manager write interview questions.")
    if interviews_completed(vacancy):
        raise InterviewsRefused(_("The interviews are complete: the questions can no longer change."))
    return vacancy


def _question_event(vacancy, actor, note, now):
    InterviewEvent.objects.create(vacancy=vacancy, kind=Kind.QUESTION_CHANGED, actor=actor, note=note, created_at=now)


def add_question(*, vacancy_id, actor, text, now=None):
    """Add a question after the vacancy's others, with its event."""
    now = now or timezone.now()
    with transaction.atomic():
        vacancy = _lock_for_questions(vacancy_id, actor)
        last = InterviewQuestion.objects.filter(vacancy=vacancy).aggregate(last=Max("order"))["last"]
        question = InterviewQuestion.objects.create(
            vacancy=vacancy, text=text, order=0 if last is None else last + 1, created_by=actor, created_at=now
        )
        _question_event(vacancy, actor, _("Added: %(text)s") % {"text": text}, now)
    return question


def _lock_question(question_id, actor, *, unscored):
    """The question and its vacancy (locked); if `unscored`, refused once
    anyone has scored it, since a score must keep the words it answered."""
    vacancy_id = InterviewQuestion.objects.values_list("vacancy_id", flat=True).get(pk=question_id)
    vacancy = _lock_for_questions(vacancy_id, actor)
    question = InterviewQuestion.objects.get(pk=question_id)
    if unscored and InterviewScore.objects.filter(question=question).exists():
        raise InterviewsRefused(_("This question has been scored, so it can no longer be changed or removed."))
    return vacancy, question


def change_question(*, question_id, actor, text, now=None):
    """Reword a question nobody has scored yet."""
    now = now or timezone.now()
    with transaction.atomic():
        vacancy, question = _lock_question(question_id, actor, unscored=True)
        before = question.text
        question.text = text
        question.save(update_fields=["text"])
        _question_event(vacancy, actor, _("Changed: %(before)s → %(after)s") % {"before": before, "after": text}, now)
    return question


def remove_question(*, question_id, actor, now=None):
    """Remove a question nobody has scored yet."""
    now = now or timezone.now()
    with transaction.atomic():
        vacancy, question = _lock_question(question_id, actor, unscored=True)
        question.delete()
        _question_event(vacancy, actor, _("Removed: %(text)s") % {"text": question.text}, now)


def move_question(*, question_id, actor, up, now=None):
    """Swap a question with the one before it (`up`) or after it; at either
    end nothing moves. The questions are numbered again 0, 1, 2... on the way."""
    now = now or timezone.now()
    with transaction.atomic():
        vacancy, question = _lock_question(question_id, actor, unscored=False)
        questions = questions_of(vacancy)
        index = next(i for i, other in enumerate(questions) if other.pk == question.pk)
        other = index - 1 if up else index + 1
        if not 0 <= other < len(questions):
            return question
        questions[index], questions[other] = questions[other], questions[index]
        for order, each in enumerate(questions):
            each.order = order
        InterviewQuestion.objects.bulk_update(questions, ["order"])
        _question_event(
            vacancy, actor,
            (_("Moved up: %(text)s") if up else _("Moved down: %(text)s")) % {"text": question.text}, now,
        )
    return question


# Scores ----------------------------------------------------------------------------------


def record_interview_scores(*, application_id, panel_member, criteria=None, questions=None, now=None):
    """Save one panel member's scoring grid of one interviewed candidate, all
    or nothing. `criteria` and `questions` are {id: (score, note)}.

    1. Lock the vacancy (a completion takes the same lock) and check the
       member is on its interview panel, or its hiring manager.
    2. Refuse once the interviews are complete, for an application that was
       not interviewed, for a criterion of another vacancy or not assessed at
       interview, a question of another vacancy, or a score outside 0 to 3.
    3. Save each score that changed, and one SCORED event naming how many.

    Returns the number of scores saved."""
    criteria, questions = criteria or {}, questions or {}
    now = now or timezone.now()
    with transaction.atomic():
        vacancy_id = Application.objects.values_list("vacancy_id", flat=True).get(pk=application_id)
        vacancy = _lock_vacancy(vacancy_id)
        if not scores_at_interview(panel_member, vacancy):
            raise PermissionDenied("Only the interview panel and the hiring manager score interviews.")
        _require_open(vacancy)
        application = interviewed(vacancy).filter(pk=application_id).first()
        if application is None:
            raise InterviewsRefused(_("This candidate has not been interviewed, so they cannot be scored."))
        known_criteria = Criterion.objects.filter(vacancy=vacancy).in_bulk(list(criteria))
        for criterion_id in criteria:
            criterion = known_criteria.get(criterion_id)
            if criterion is None:
                raise InterviewsRefused(_("That criterion is not in this vacancy's person specification."))
            if not criterion.assessed_at_interview:
                raise InterviewsRefused(
                    _("“%(criterion)s” is not assessed at interview, so it cannot be scored here.")
                    % {"criterion": criterion.text}
                )
        known_questions = InterviewQuestion.objects.filter(vacancy=vacancy).in_bulk(list(questions))
        if set(questions) - set(known_questions):
            raise InterviewsRefused(_("That question is not one of this vacancy's interview questions."))
        for score, _note in [*criteria.values(), *questions.values()]:
            if not InterviewScore.MIN_SCORE <= score <= InterviewScore.MAX_SCORE:
                raise InterviewsRefused(_("A score is from 0 to 3."))
        given = {
            (criterion_id, question_id): score
            for criterion_id, question_id, score in InterviewScore.objects.filter(
                application=application, panel_member=panel_member
            ).values_list("criterion_id", "question_id", "pk")
        }
        saved = 0
        lines = [((c, None), v) for c, v in criteria.items()] + [((None, q), v) for q, v in questions.items()]
        for key, values in lines:
            saved += _save_score(application, panel_member, key, values, given.get(key), now)
        if saved:
            InterviewEvent.objects.create(
                vacancy=vacancy, kind=Kind.SCORED, actor=panel_member, application=application, created_at=now,
                note=_("%(count)s scores saved") % {"count": saved},
            )
    return saved


def _save_score(application, panel_member, key, values, existing_id, now):
    """Write one score (1) unless it is unchanged (0)."""
    (criterion_id, question_id), (score, note) = key, values
    if existing_id is None:
        InterviewScore.objects.create(
            application=application, panel_member=panel_member, criterion_id=criterion_id, question_id=question_id,
            score=score, note=note, created_at=now, updated_at=now,
        )
        return 1
    return InterviewScore.objects.filter(pk=existing_id).exclude(score=score, note=note).update(
        score=score, note=note, updated_at=now
    )


# The overview ------------------------------------------------------------------------------


@dataclass
class Line:
    """One criterion or question of a candidate's overview: each member's
    score in the order of the members, and whether they disagree."""

    text: str
    is_question: bool
    scores: list
    members: list

    @property
    def cells(self):
        """[(member, their score or None)], for a table whose cells name their column."""
        return list(zip(self.members, self.scores, strict=True))

    @property
    def given(self):
        return [score for score in self.scores if score is not None]

    @property
    def spread(self):
        given = self.given
        return max(given) - min(given) if len(given) > 1 else 0

    @property
    def disagreement(self):
        return self.spread >= DISAGREEMENT_SPREAD


@dataclass
class CandidateRow:
    application: Application
    name: str
    lines: list
    members: list
    outcome: InterviewOutcome | None = None
    member_totals: list = field(default_factory=list)

    @property
    def total_cells(self):
        """[(member, their total or None)]."""
        return list(zip(self.members, self.member_totals, strict=True))

    @property
    def total(self):
        given = [total for total in self.member_totals if total is not None]
        return sum(given) if given else None

    @property
    def mean_total(self):
        given = [total for total in self.member_totals if total is not None]
        return sum(given) / len(given) if given else None

    @property
    def disagreements(self):
        return [line for line in self.lines if line.disagreement]


def overview(*, vacancy):
    """(members, rows): the interview panel (and anyone else who scored), and
    per interviewed candidate each member's scores side by side per criterion
    and question, totals per member and overall, and disagreements. A fixed
    number of queries, however many candidates and members."""
    criteria, questions = interview_criteria(vacancy), questions_of(vacancy)
    applications = list(interviewed(vacancy).select_related("interview_outcome").order_by("anonymous_number", "pk"))
    scores = list(
        InterviewScore.objects.filter(application__in=applications).values_list(
            "application_id", "panel_member_id", "criterion_id", "question_id", "score"
        )
    )
    member_ids = panel_member_ids(vacancy) | {panel_member_id for _a, panel_member_id, *_rest in scores}
    members = list(get_user_model().objects.filter(pk__in=member_ids).order_by("full_name", "email"))
    given = {(a, m, c, q): score for a, m, c, q, score in scores}
    names = names_of([application.pk for application in applications])
    rows = []
    for application in applications:
        keys = [(criterion.text, False, criterion.pk, None) for criterion in criteria] + [
            (question.text, True, None, question.pk) for question in questions
        ]
        lines = [
            Line(text, is_question, [given.get((application.pk, m.pk, c, q)) for m in members], members)
            for text, is_question, c, q in keys
        ]
        totals = []
        for index in range(len(members)):
            column = [line.scores[index] for line in lines if line.scores[index] is not None]
            totals.append(sum(column) if column else None)
        rows.append(CandidateRow(
            application=application, name=names.get(application.pk, ""), lines=lines, members=members,
            outcome=getattr(application, "interview_outcome", None), member_totals=totals,
        ))
    return members, rows


# Outcomes and completion -------------------------------------------------------------------


def _lock_to_decide(vacancy_id, actor):
    vacancy = _lock_vacancy(vacancy_id)
    if not manages_interviews(actor, vacancy):
        raise PermissionDenied("Only the hiring manager and the trust's recruiters record interview outcomes.")
    return vacancy


def record_outcome(*, application_id, actor, decision, reason="", now=None):
    """Record (or change) the outcome of one interviewed candidate.

    1. Lock the vacancy and check the actor is its hiring manager or a recruiter of its trust.
    2. Refuse once the interviews are complete, or for a candidate not interviewed.
    3. An unsuccessful outcome needs a reason.
    4. Save the outcome and an OUTCOME_RECORDED event."""
    now = now or timezone.now()
    decision = Decision(decision)
    reason = reason.strip()
    with transaction.atomic():
        vacancy_id = Application.objects.values_list("vacancy_id", flat=True).get(pk=application_id)
        vacancy = _lock_to_decide(vacancy_id, actor)
        _require_open(vacancy)
        application = interviewed(vacancy).filter(pk=application_id).first()
        if application is None or application.status != Status.INVITED_TO_INTERVIEW:
            raise InterviewsRefused(_("This candidate has not been interviewed, so they have no outcome to record."))
        if decision == Decision.UNSUCCESSFUL and not reason:
            raise InterviewsRefused(_("Give the reason the candidate was unsuccessful."))
        outcome, _created = InterviewOutcome.objects.update_or_create(
            application=application,
            defaults={"decision": decision, "reason": reason, "decided_by": actor, "decided_at": now},
        )
        InterviewEvent.objects.create(
            vacancy=vacancy, kind=Kind.OUTCOME_RECORDED, actor=actor, application=application, created_at=now,
            note=f"{decision.label}: {reason}" if reason else str(decision.label),
        )
    return outcome


def complete_interviews(*, vacancy_id, actor, now=None):
    """Apply the outcomes to the applications, at once and for good.

    1. Lock the vacancy; check the actor; refuse if already complete or not interviewing.
    2. Take the interviewed candidates still invited to interview (the
       withdrawn are skipped); refuse unless each has an outcome and at least
       one is appoint.
    3. Move each application (appoint → preferred candidate, reserve →
       reserve after interview, unsuccessful → unsuccessful).
    4. Make those invited who never booked (invited_not_booked) unsuccessful:
       not interviewed, they have no outcome to record, and would otherwise
       stay invited for good.
    5. Write the COMPLETED event, and the outcome e-mails (queued: delivered
       after commit, never for a completion that rolled back).

    The vacancy stays interviewing: making the offer moves it on.
    Returns the applications moved."""
    now = now or timezone.now()
    with transaction.atomic():
        vacancy = _lock_to_decide(vacancy_id, actor)
        if interviews_completed(vacancy):
            raise InterviewsAlreadyComplete(_("The interviews are already complete."))
        _require_open(vacancy)
        applications = list(
            interviewed(vacancy).filter(status=Status.INVITED_TO_INTERVIEW).select_related("interview_outcome")
            .order_by("anonymous_number", "pk")
        )
        outcomes = {a.pk: getattr(a, "interview_outcome", None) for a in applications}
        missing = [a for a in applications if outcomes[a.pk] is None]
        if missing:
            names = names_of([a.pk for a in missing])
            raise InterviewsRefused(
                _("Record an outcome for every interviewed candidate first. Still to decide: %(names)s.")
                % {"names": ", ".join(names.get(a.pk) or a.reference for a in missing)}
            )
        if not any(outcome.decision == Decision.APPOINT for outcome in outcomes.values()):
            raise InterviewsRefused(_("Choose at least one candidate to appoint before completing the interviews."))
        for application in applications:
            outcome = outcomes[application.pk]
            moved = change_application_status(
                application_id=application.pk, to_status=STATUS_FOR_DECISION[outcome.decision], actor=actor,
                now=now, note=outcome.reason or _("Interview outcome"),
            )
            moved.vacancy = vacancy
            send_to_candidate(
                application=moved, email=OUTCOME_EMAILS[outcome.decision],
                link=public_url(reverse("candidates:application_detail", kwargs={"application_id": moved.pk})),
            )
        for application in invited_not_booked(vacancy).order_by("anonymous_number", "pk"):
            moved = change_application_status(
                application_id=application.pk, to_status=Status.UNSUCCESSFUL, actor=actor, now=now,
                note=str(NOT_BOOKED_REASON),
            )
            moved.vacancy = vacancy
            send_to_candidate(
                application=moved, email=NOT_BOOKED_EMAIL,
                link=public_url(reverse("candidates:application_detail", kwargs={"application_id": moved.pk})),
            )
            applications.append(moved)
        InterviewEvent.objects.create(
            vacancy=vacancy, kind=Kind.COMPLETED, actor=actor, created_at=now,
            note=_("%(count)s candidates told their outcome") % {"count": len(applications)},
        )
    return applications


def outcome_counts(rows):
    """{decision: how many} of an overview's rows, for the completion page."""
    counts = defaultdict(int)
    for row in rows:
        if row.outcome:
            counts[row.outcome.decision] += 1
    return counts
