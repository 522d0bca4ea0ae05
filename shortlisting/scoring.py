"""Scoring, deciding and completing a shortlist (issue 6). Packs live in
shortlisting.services; this module is the rest of shortlisting.

Lifecycle: a vacancy is `closed` when its applications stop; it becomes
`shortlisting` when scoring starts (start_shortlisting, or the first score);
complete_shortlisting moves it to `interviewing` and each application to
shortlisted, reserve or not shortlisted, in one transaction. A reserve waits
on the reserve list until the vacancy is filled, and may be shortlisted later.

Every operation takes keyword arguments, runs in one transaction and writes a
ShortlistingEvent for every score, decision, completion, reveal and change
to the panel.
PermissionDenied means the person may not do this at all (a page answers 404);
ShortlistingRefused carries a message for the person, in plain English.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from candidates.emails import send_to_candidate, site_link
from candidates.models import Application, GuaranteedInterview, PersonalDetails
from candidates.services import change_application_status
from organisations.models import Membership
from vacancies.models import Criterion, Vacancy
from vacancies.services import change_vacancy_status

from . import emails
from .emails import tell_reserve
from .models import AgreedScore, Score, ShortlistDecision, ShortlistingEvent

Outcome = ShortlistDecision.Outcome
Kind = ShortlistingEvent.Kind

# Panels score and the hiring manager decides only in these statuses: after
# the closing time, before the shortlist is complete.
SCORING_STATUSES = (Vacancy.Status.CLOSED, Vacancy.Status.SHORTLISTING)

# A criterion is met when the panel's mean score for it is at least this
# ("1 partly met"); one nobody scored is presumed met until scored otherwise.
MET_MEAN = 1

GUARANTEED_INTERVIEW_MESSAGE = (
    "This candidate asked for a guaranteed interview and meets every essential criterion, "
    "so they must be shortlisted"
)


class ShortlistingRefused(Exception):
    """The operation breaks a rule of shortlisting; the message says why, for the user."""


class ModerationNeeded(ShortlistingRefused):
    """A decision on an application whose members' scores still differ on a
    criterion with no agreed score, and no reason to go on without one."""


class ShortlistingAlreadyComplete(ShortlistingRefused):
    """Completing a shortlist that is already complete (a double click, a
    form sent again): nothing to do, and the page says so."""


# Who may do what ---------------------------------------------------------------


def is_staff_of(user, organisation_id):
    return Membership.objects.role_of(user, organisation_id) is not None


def is_recruiter_of(user, organisation_id):
    return Membership.objects.role_of(user, organisation_id) == Membership.Role.RECRUITER


def can_score(user, vacancy):
    """Panel members and the hiring manager score."""
    return user.pk == vacancy.hiring_manager_id or vacancy.panel_members.filter(pk=user.pk).exists()


def scoring_open(vacancy):
    """Whether panels may score and the hiring manager decide now: after the
    closing time, before the shortlist is complete."""
    return vacancy.status in SCORING_STATUSES


def scoring_not_yet_open(vacancy):
    """Whether the vacancy has still to close (a draft, or an advert taking applications)."""
    Status = Vacancy.Status
    return vacancy.status in (Status.DRAFT, Status.AWAITING_APPROVAL, Status.APPROVED, Status.PUBLISHED)


def _require_scoring_open(vacancy):
    if not scoring_open(vacancy):
        raise ShortlistingRefused(
            f"Shortlisting is not open: the vacancy is {Vacancy.Status(vacancy.status).label.lower()}."
        )


def _require_received(application):
    if application.status != Application.Status.SUBMITTED:
        raise ShortlistingRefused(
            f"Application {application.anonymous_code} is "
            f"{Application.Status(application.status).label.lower()}, so it is not being shortlisted."
        )


# The guaranteed interview rule ------------------------------------------------------


def _mean(values):
    return sum(values) / len(values) if values else None


def criterion_met(scores):
    """Met when the panel's mean is at least MET_MEAN; unscored counts as met."""
    return not scores or _mean(scores) >= MET_MEAN


def meets_essential_criteria(essential_criterion_ids, scores_by_criterion):
    """Whether every essential criterion assessed at application is met.

    `scores_by_criterion` is {criterion id: [scores of every member]} for one
    application."""
    return all(criterion_met(scores_by_criterion.get(pk, [])) for pk in essential_criterion_ids)


def _essential_criterion_ids(vacancy_id):
    return list(
        Criterion.objects.filter(vacancy_id=vacancy_id, is_essential=True, assessed_at_application=True).values_list(
            "pk", flat=True
        )
    )


def _asked_for_guaranteed_interview(application_id):
    return GuaranteedInterview.objects.filter(application_id=application_id, requested=True).exists()


# Moderation: the rules that decide and the overview need (shortlisting.moderation
# has the rest, and says why).


def flagged_criteria(scores_by_member):
    """Sorted ids of the criteria whose members' scores differ by more than
    the threshold. `scores_by_member` is {criterion id: {member id: score}}."""
    threshold = settings.SHORTLISTING_MODERATION_THRESHOLD
    return sorted(
        criterion_id
        for criterion_id, by_member in scores_by_member.items()
        if by_member and max(by_member.values()) - min(by_member.values()) > threshold
    )


def scores_for_rules(scores_by_member, agreed):
    """{criterion id: [scores]} for the rules (essential criteria met, the
    guaranteed interview): the agreed score where there is one, else every
    member's. `agreed` is {criterion id: agreed score}."""
    scores = {criterion_id: list(by_member.values()) for criterion_id, by_member in scores_by_member.items()}
    scores.update({criterion_id: [value] for criterion_id, value in agreed.items()})
    return scores


def _application_scores(application_id):
    """({criterion id: {member id: score}}, {criterion id: agreed score}) of
    one application, for the criteria assessed at application."""
    by_member = defaultdict(dict)
    for criterion_id, member_id, value in Score.objects.filter(
        application_id=application_id, criterion__assessed_at_application=True
    ).values_list("criterion_id", "panel_member_id", "score"):
        by_member[criterion_id][member_id] = value
    agreed = dict(AgreedScore.objects.filter(application_id=application_id).values_list("criterion_id", "score"))
    return by_member, agreed


# Operations -------------------------------------------------------------------------


def assign_panel_member(*, vacancy_id, user, actor):
    """Put a member of staff of the vacancy's trust on its panel.

    The trust's recruiters and the vacancy's hiring manager may assign."""
    with transaction.atomic():
        vacancy = Vacancy.objects.select_for_update().get(pk=vacancy_id)
        if not (actor.pk == vacancy.hiring_manager_id or is_recruiter_of(actor, vacancy.organisation_id)):
            raise PermissionDenied("Only the trust's recruiters or the hiring manager may choose the panel.")
        if not is_staff_of(user, vacancy.organisation_id):
            # Panels read applications: only the trust's own staff may.
            raise ShortlistingRefused(f"{user} is not a member of staff of {vacancy.organisation}.")
        if not vacancy.panel_members.filter(pk=user.pk).exists():
            vacancy.panel_members.add(user)
            ShortlistingEvent.objects.create(
                vacancy=vacancy, actor=actor, kind=Kind.ASSIGN, detail={"panel_member": user.pk}
            )
    return vacancy


def remove_panel_member(*, vacancy_id, user, actor):
    """Take a member off the vacancy's panel; their scores stay, as scored.

    The trust's recruiters and the vacancy's hiring manager may remove."""
    with transaction.atomic():
        vacancy = Vacancy.objects.select_for_update().get(pk=vacancy_id)
        if not (actor.pk == vacancy.hiring_manager_id or is_recruiter_of(actor, vacancy.organisation_id)):
            raise PermissionDenied("Only the trust's recruiters or the hiring manager may choose the panel.")
        if not vacancy.panel_members.filter(pk=user.pk).exists():
            raise ShortlistingRefused(f"{user} is not on the panel.")
        vacancy.panel_members.remove(user)
        ShortlistingEvent.objects.create(
            vacancy=vacancy, actor=actor, kind=Kind.REMOVE, detail={"panel_member": user.pk}
        )
    return vacancy


def start_shortlisting(*, vacancy_id, actor):
    """Move a closed vacancy to shortlisting (scoring has started)."""
    with transaction.atomic():
        vacancy = Vacancy.objects.select_for_update().get(pk=vacancy_id)
        if not (can_score(actor, vacancy) or is_recruiter_of(actor, vacancy.organisation_id)):
            raise PermissionDenied("Only the panel, the hiring manager or a recruiter may start shortlisting.")
        return change_vacancy_status(
            vacancy_id=vacancy_id, to_status=Vacancy.Status.SHORTLISTING, actor=actor, note="Shortlisting started"
        )


def record_score(*, application_id, criterion_id, panel_member, score, note=""):
    """Save a panel member's score (0–3, with a note) of one application
    against one criterion; a second score replaces the first, and every call
    writes its event, even if the score is unchanged.

    The first score of a closed vacancy starts its shortlisting."""
    with transaction.atomic():
        application = _lock_application_to_score(application_id, panel_member)
        return _save_scores(application, panel_member, {criterion_id: (score, note)})[0]


def record_scores(*, application_id, panel_member, scores):
    """Save one panel member's whole scoring grid of one application, all or
    nothing, in one transaction. `scores` is {criterion id: (score, note)}.

    1. Lock the application (decide takes the same lock) and check the member
       may score it.
    2. Leave out the scores the member already gave, unchanged: the event
       log records changes, not every press of "Save".
    3. If nothing is left, stop: re-saving an unchanged grid is not refused.
    4. Refuse unless scoring is open, the application received, and every
       criterion and value allowed; one bad score saves none.
    5. Start shortlisting if the vacancy is closed (the first score does).
    6. Save each score, with its event.

    Returns the scores saved."""
    with transaction.atomic():
        application = _lock_application_to_score(application_id, panel_member)
        given = {
            criterion_id: (score, note)
            for criterion_id, score, note in Score.objects.filter(
                application=application, panel_member=panel_member
            ).values_list("criterion_id", "score", "note")
        }
        changed = {criterion_id: value for criterion_id, value in scores.items() if given.get(criterion_id) != value}
        if not changed:
            return []
        return _save_scores(application, panel_member, changed)


def _lock_application_to_score(application_id, panel_member):
    """The application, locked against a decision or another grid of the same
    member being saved at once, if the member may score it."""
    application = Application.objects.select_for_update().select_related("vacancy").get(pk=application_id)
    if not can_score(panel_member, application.vacancy):
        raise PermissionDenied("Only the vacancy's panel and hiring manager may score its applications.")
    return application


def _save_scores(application, panel_member, scores):
    """Check and save {criterion id: (score, note)} of a locked application,
    inside the caller's transaction; returns the saved scores in that order."""
    vacancy = application.vacancy
    _require_scoring_open(vacancy)
    _require_received(application)
    criteria = Criterion.objects.filter(vacancy_id=vacancy.pk).in_bulk(list(scores))
    for criterion_id, (score, _note) in scores.items():
        criterion = criteria.get(criterion_id)
        if criterion is None:
            raise ShortlistingRefused("That criterion is not in this vacancy's person specification.")
        if not criterion.assessed_at_application:
            raise ShortlistingRefused("That criterion is assessed later, not from the application.")
        if not Score.MIN_SCORE <= score <= Score.MAX_SCORE:
            raise ShortlistingRefused(f"A score is from {Score.MIN_SCORE} to {Score.MAX_SCORE}.")
    if vacancy.status == Vacancy.Status.CLOSED:
        change_vacancy_status(
            vacancy_id=vacancy.pk, to_status=Vacancy.Status.SHORTLISTING, actor=panel_member,
            note="Scoring started",
        )
    saved = []
    for criterion_id, (score, note) in scores.items():
        criterion = criteria[criterion_id]
        previous = (
            Score.objects.filter(application=application, criterion=criterion, panel_member=panel_member)
            .values_list("score", flat=True)
            .first()
        )
        score_row, _created = Score.objects.update_or_create(
            application=application,
            criterion=criterion,
            panel_member=panel_member,
            defaults={"score": score, "note": note},
        )
        ShortlistingEvent.objects.create(
            vacancy=vacancy,
            application=application,
            actor=panel_member,
            kind=Kind.SCORE,
            detail={"criterion": criterion.pk, "score": score, "previous": previous},
        )
        saved.append(score_row)
    return saved


def decide(*, application_id, outcome, reason, actor, unmoderated_reason=""):
    """Record the hiring manager's decision on an application, with the reason;
    a second decision replaces the first until shortlisting is complete.

    1. Lock the application; only the hiring manager decides, while scoring
       is open, on a received application, with a reason.
    2. If the members' scores differ on a criterion with no agreed score,
       refuse (ModerationNeeded) unless `unmoderated_reason` says why the
       decision goes on without; that reason is kept with the decision.
    3. A candidate who asked for a guaranteed interview and meets every
       essential criterion (as scored so far, agreed scores standing for
       the members') cannot be marked not shortlisted.
    4. Save the decision and its event."""
    outcome = Outcome(outcome)
    reason = (reason or "").strip()
    unmoderated_reason = (unmoderated_reason or "").strip()
    with transaction.atomic():
        application = Application.objects.select_for_update().select_related("vacancy").get(pk=application_id)
        vacancy = application.vacancy
        if actor.pk != vacancy.hiring_manager_id:
            raise PermissionDenied("Only the vacancy's hiring manager decides the shortlist.")
        _require_scoring_open(vacancy)
        _require_received(application)
        if not reason:
            raise ShortlistingRefused("Give the reason for the decision.")
        by_member, agreed = _application_scores(application.pk)
        unagreed = [pk for pk in flagged_criteria(by_member) if pk not in agreed]
        if not unagreed:
            unmoderated_reason = ""  # nothing went unmoderated
        elif not unmoderated_reason:
            criteria = "1 criterion" if len(unagreed) == 1 else f"{len(unagreed)} criteria"
            raise ModerationNeeded(
                f"Scores differ on {criteria}: agree them first, or give a reason to decide without agreed scores."
            )
        if outcome == Outcome.NOT_SHORTLISTED and _asked_for_guaranteed_interview(application.pk):
            if meets_essential_criteria(_essential_criterion_ids(vacancy.pk), scores_for_rules(by_member, agreed)):
                raise ShortlistingRefused(GUARANTEED_INTERVIEW_MESSAGE)
        decision, _created = ShortlistDecision.objects.update_or_create(
            application=application,
            defaults={
                "outcome": outcome, "reason": reason, "unmoderated_reason": unmoderated_reason,
                "decided_by": actor, "decided_at": timezone.now(),
            },
        )
        detail = {"outcome": outcome.value, "reason": reason}
        if unmoderated_reason:
            detail["unmoderated_reason"] = unmoderated_reason
        ShortlistingEvent.objects.create(
            vacancy=vacancy, application=application, actor=actor, kind=Kind.DECISION, detail=detail
        )
    return decision


_OUTCOME_STATUS = {
    Outcome.SHORTLIST: Application.Status.SHORTLISTED,
    Outcome.RESERVE: Application.Status.RESERVE,
    Outcome.NOT_SHORTLISTED: Application.Status.NOT_SHORTLISTED,
}

_OUTCOME_EMAILS = {Outcome.SHORTLIST: emails.SHORTLISTED, Outcome.NOT_SHORTLISTED: emails.NOT_SHORTLISTED}


def complete_shortlisting(*, vacancy_id, actor):
    """Complete the shortlist, all or nothing, in one transaction:

    1. Refuse unless the hiring manager asks while shortlisting is open
       (ShortlistingAlreadyComplete if it is already complete) and every
       received application has a decision.
    2. Move the vacancy to interviewing (through shortlisting if decisions
       were made before anyone scored).
    3. Move each application to shortlisted, reserve or not shortlisted
       (a reserve is told it is on the reserve list).
    4. Write a 'complete' event, and a 'reveal' event: from now on the hiring
       manager sees who the shortlisted candidates are.
    5. Queue each shortlisted and not shortlisted candidate's outcome e-mail
       (the latter unless the vacancy or the trust does not send them), to the
       application's contact address; the backend delivers them after commit.

    Any failure (one application that cannot move) rolls everything back.
    """
    with transaction.atomic():
        vacancy = Vacancy.objects.select_for_update().get(pk=vacancy_id)
        if actor.pk != vacancy.hiring_manager_id:
            raise PermissionDenied("Only the vacancy's hiring manager completes the shortlist.")
        if not scoring_open(vacancy) and identities_revealed(vacancy):
            raise ShortlistingAlreadyComplete("Shortlisting is already complete.")
        _require_scoring_open(vacancy)
        applications = list(
            Application.objects.received()
            .filter(vacancy=vacancy)
            .select_related("shortlist_decision", "candidate")
            .order_by("anonymous_number", "pk")
        )
        undecided = [a for a in applications if not hasattr(a, "shortlist_decision")]
        if undecided:
            codes = ", ".join(a.anonymous_code or a.reference for a in undecided)
            raise ShortlistingRefused(
                f"Decide every application before completing the shortlist. Still to decide: {codes}."
            )
        if vacancy.status == Vacancy.Status.CLOSED:
            change_vacancy_status(
                vacancy_id=vacancy.pk, to_status=Vacancy.Status.SHORTLISTING, actor=actor, note="Shortlisting started"
            )
        change_vacancy_status(
            vacancy_id=vacancy.pk, to_status=Vacancy.Status.INTERVIEWING, actor=actor, note="Shortlisting completed"
        )
        counts = {outcome.value: 0 for outcome in Outcome}
        shortlisted = []
        for application in applications:
            outcome = Outcome(application.shortlist_decision.outcome)
            counts[outcome.value] += 1
            change_application_status(
                application_id=application.pk, to_status=_OUTCOME_STATUS[outcome], actor=actor,
                note=application.shortlist_decision.reason,
            )
            if outcome == Outcome.RESERVE:
                tell_reserve(application)
                continue
            if outcome == Outcome.SHORTLIST:
                shortlisted.append(application.pk)
            if outcome == Outcome.SHORTLIST or vacancy.send_not_shortlisted_emails:
                link = site_link("candidates:application_detail", application_id=application.pk)
                send_to_candidate(application=application, email=_OUTCOME_EMAILS[outcome], link=link)
        ShortlistingEvent.objects.create(vacancy=vacancy, actor=actor, kind=Kind.COMPLETE, detail=counts)
        ShortlistingEvent.objects.create(
            vacancy=vacancy,
            actor=actor,
            kind=Kind.REVEAL,
            detail={"revealed_to": vacancy.hiring_manager_id, "applications": shortlisted},
        )
    vacancy.refresh_from_db()
    return vacancy


def identities_revealed(vacancy):
    """Whether the shortlist is complete, so the hiring manager and the panel
    may see who the shortlisted candidates are (panel pages stay anonymous before)."""
    return ShortlistingEvent.objects.filter(vacancy=vacancy, kind=Kind.REVEAL).exists()


def revealed_names(*, vacancy, user):
    """{application id: candidate's name} of the shortlisted, if this user may
    now know who they are; None while the applications stay anonymous to them.

    Only the hiring manager and the panel, only once the shortlist is
    complete (they will meet them at interview), only those ever shortlisted
    (reserves once promoted): the panel judged anonymised applications. The
    panel overview and its CSV both ask here, so they always say the same.
    The name is the one given in the application, not the account's."""
    if not can_score(user, vacancy) or not identities_revealed(vacancy):
        return None
    return {
        details.application_id: details.full_name
        for details in PersonalDetails.objects.filter(
            application__vacancy=vacancy, application__shortlisted_at__isnull=False
        ).only("application_id", "first_name", "last_name")
    }


# The panel overview -----------------------------------------------------------------


@dataclass
class OverviewRow:
    """One application in the panel overview."""

    application: Application
    anonymous_code: str
    member_totals: list  # [(member, total or None if they scored nothing)], in `members` order
    mean_total: float | None  # mean of the totals of the members who scored
    essential_met: bool
    guaranteed_interview: bool
    needs_moderation: bool
    moderation_criteria: list = field(default_factory=list)  # criterion ids whose scores differ too much
    unagreed_criteria: list = field(default_factory=list)  # those of them with no agreed score yet
    decision: ShortlistDecision | None = None


def panel_members(vacancy, extra_ids=()):
    """The hiring manager and the panel, and anyone else who scored, by name."""
    User = get_user_model()
    return list(
        User.objects.filter(
            Q(panel_vacancies=vacancy) | Q(pk=vacancy.hiring_manager_id) | Q(pk__in=list(extra_ids))
        )
        .distinct()
        .order_by("full_name", "pk")
    )


def panel_overview(*, vacancy):
    """A row per received application (by anonymous code): each member's
    total, the mean, whether every essential criterion is met, the guaranteed
    interview flag and whether the panel must still moderate (flagged_criteria
    with no agreed score).

    Five queries whatever the number of applications."""
    essential_ids = _essential_criterion_ids(vacancy.pk)
    applications = list(
        Application.objects.received()
        .filter(vacancy=vacancy)
        .select_related("guaranteed_interview", "shortlist_decision")
        .order_by("anonymous_number", "pk")
    )
    # {application id: {criterion id: {member id: score}}}
    scores = defaultdict(lambda: defaultdict(dict))
    scorer_ids = set()
    for application_id, criterion_id, member_id, value in Score.objects.filter(
        application__vacancy=vacancy, criterion__assessed_at_application=True
    ).values_list("application_id", "criterion_id", "panel_member_id", "score"):
        scores[application_id][criterion_id][member_id] = value
        scorer_ids.add(member_id)
    agreed = defaultdict(dict)  # {application id: {criterion id: agreed score}}
    for application_id, criterion_id, value in AgreedScore.objects.filter(
        application__vacancy=vacancy
    ).values_list("application_id", "criterion_id", "score"):
        agreed[application_id][criterion_id] = value
    members = panel_members(vacancy, scorer_ids)

    rows = []
    for application in applications:
        by_criterion = scores.get(application.pk, {})
        totals = defaultdict(int)
        for by_member in by_criterion.values():
            for member_id, value in by_member.items():
                totals[member_id] += value
        moderation = flagged_criteria(by_criterion)
        unagreed = [pk for pk in moderation if pk not in agreed[application.pk]]
        request = getattr(application, "guaranteed_interview", None)
        rows.append(
            OverviewRow(
                application=application,
                anonymous_code=application.anonymous_code,
                member_totals=[(member, totals.get(member.pk)) for member in members],
                mean_total=_mean(list(totals.values())),
                essential_met=meets_essential_criteria(
                    essential_ids, scores_for_rules(by_criterion, agreed[application.pk])
                ),
                guaranteed_interview=bool(request and request.requested),
                needs_moderation=bool(unagreed),
                moderation_criteria=moderation,
                unagreed_criteria=unagreed,
                decision=getattr(application, "shortlist_decision", None),
            )
        )
    return rows


def scoring_progress(*, vacancy, panel_member):
    """(scores given, scores to give) by one member: "12 of 40 scored"."""
    criteria = Criterion.objects.filter(vacancy=vacancy, assessed_at_application=True).count()
    received = Application.objects.received().filter(vacancy=vacancy)
    given = Score.objects.filter(
        application__in=received, panel_member=panel_member, criterion__assessed_at_application=True
    ).count()
    return given, criteria * received.count()
