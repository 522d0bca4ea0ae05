"""Moderation (issue 14): where panel members' scores of one application
disagree, the panel discusses and the hiring manager records the score they
agreed, criterion by criterion.

A criterion is flagged "Discuss" when its members' scores differ by more than
settings.SHORTLISTING_MODERATION_THRESHOLD (1 by default: a 1 and a 3 are
discussed, a 2 and a 3 are not). Totals play no part: two members who both
total 9 may still disagree on a criterion. An agreed score clears the flag
and stands for the members' scores in the rules (essential criteria met, the
guaranteed interview). A decision on an application still flagged asks for
the agreed scores first, or a reason to go on without (scoring.decide).

The rules themselves (flagged_criteria, scores_for_rules) live in
shortlisting.scoring, which decides and draws the overview with them.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from candidates.models import Application
from vacancies.models import Criterion

from .models import AgreedScore, Score, ShortlistingEvent
from .scoring import (
    ShortlistingRefused,
    _application_scores,
    _require_received,
    _require_scoring_open,
    flagged_criteria,
    panel_members,
)


@dataclass
class ModerationRow:
    """One criterion of one application on the moderation page."""

    criterion: Criterion
    member_scores: list  # [(member, score or None)], in `members` order
    notes: list = field(default_factory=list)  # [(member, note)] of the members who wrote one
    spread: int | None = None  # highest score less lowest; None when nobody scored
    flagged: bool = False  # differs by more than the threshold
    agreed: AgreedScore | None = None


def moderation_rows(*, vacancy, application):
    """(members, rows): the hiring manager, the panel and anyone else who
    scored, by name; and a row per criterion assessed at application, in
    order, with each member's score side by side.

    Four queries, whatever the number of members, criteria or applications."""
    criteria = list(Criterion.objects.filter(vacancy=vacancy, assessed_at_application=True).order_by("order"))
    given = {}  # {(criterion id, member id): (score, note)}
    for criterion_id, member_id, value, note in Score.objects.filter(
        application=application, criterion__in=criteria
    ).values_list("criterion_id", "panel_member_id", "score", "note"):
        given[criterion_id, member_id] = (value, note)
    members = panel_members(vacancy, {member_id for _criterion_id, member_id in given})
    agreed = {
        agreed.criterion_id: agreed
        for agreed in AgreedScore.objects.filter(application=application).select_related("agreed_by")
    }
    by_criterion = {
        criterion.pk: {m.pk: given[criterion.pk, m.pk][0] for m in members if (criterion.pk, m.pk) in given}
        for criterion in criteria
    }
    flagged = set(flagged_criteria(by_criterion))
    rows = []
    for criterion in criteria:
        values = list(by_criterion[criterion.pk].values())
        notes = [(m, given.get((criterion.pk, m.pk), (None, ""))[1]) for m in members]
        rows.append(
            ModerationRow(
                criterion=criterion,
                member_scores=[(m, by_criterion[criterion.pk].get(m.pk)) for m in members],
                notes=[(m, note) for m, note in notes if note],
                spread=max(values) - min(values) if values else None,
                flagged=criterion.pk in flagged,
                agreed=agreed.get(criterion.pk),
            )
        )
    return members, rows


def record_agreed_scores(*, application_id, actor, scores):
    """Record the scores the panel agreed in moderation for one application,
    all or nothing. `scores` is {criterion id: agreed score, or None to leave
    that criterion as it is}.

    1. Lock the application (decide takes the same lock); only the hiring
       manager records agreed scores, as only they decide.
    2. Refuse unless scoring is open, the application received, and every
       criterion assessed at application of this vacancy, every score 0–3.
    3. Save each agreed score that changed, with who agreed it and when, and
       an 'agree' event with the score it replaced.

    Returns the agreed scores saved."""
    with transaction.atomic():
        application = Application.objects.select_for_update().select_related("vacancy").get(pk=application_id)
        vacancy = application.vacancy
        if actor.pk != vacancy.hiring_manager_id:
            raise PermissionDenied("Only the vacancy's hiring manager records agreed scores.")
        _require_scoring_open(vacancy)
        _require_received(application)
        scores = {criterion_id: value for criterion_id, value in scores.items() if value is not None}
        criteria = Criterion.objects.filter(vacancy_id=vacancy.pk).in_bulk(list(scores))
        for criterion_id, value in scores.items():
            criterion = criteria.get(criterion_id)
            if criterion is None:
                raise ShortlistingRefused("That criterion is not in this vacancy's person specification.")
            if not criterion.assessed_at_application:
                raise ShortlistingRefused("That criterion is assessed later, not from the application.")
            if not Score.MIN_SCORE <= value <= Score.MAX_SCORE:
                raise ShortlistingRefused(f"A score is from {Score.MIN_SCORE} to {Score.MAX_SCORE}.")
        previous = dict(
            AgreedScore.objects.filter(application=application, criterion_id__in=list(scores)).values_list(
                "criterion_id", "score"
            )
        )
        saved = []
        for criterion_id, value in scores.items():
            if previous.get(criterion_id) == value:
                continue
            agreed, _created = AgreedScore.objects.update_or_create(
                application=application,
                criterion_id=criterion_id,
                defaults={"score": value, "agreed_by": actor, "agreed_at": timezone.now()},
            )
            ShortlistingEvent.objects.create(
                vacancy=vacancy,
                application=application,
                actor=actor,
                kind=ShortlistingEvent.Kind.AGREE,
                detail={"criterion": criterion_id, "score": value, "previous": previous.get(criterion_id)},
            )
            saved.append(agreed)
    return saved


def unagreed_criteria(application):
    """The criteria of one application, in order, on which its members'
    scores differ by more than the threshold with no agreed score yet."""
    by_member, agreed = _application_scores(application.pk)
    ids = [pk for pk in flagged_criteria(by_member) if pk not in agreed]
    return list(Criterion.objects.filter(pk__in=ids).order_by("order")) if ids else []
