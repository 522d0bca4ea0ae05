"""The guaranteed interview audit: for each vacancy that closed in a
reporting year, how many candidates asked for a guaranteed interview under
each scheme, how many of them met every essential criterion, and that each of
those was shortlisted, or the reason recorded where not.

"Met the essential criteria" is shortlisting's own rule
(shortlisting.scoring.meets_essential_criteria over the agreed scores, or
every member's where none was agreed), so the audit and the block on
decisions never disagree. The grounds a candidate gave (disabled, BAME,
LGBT+) are never read here."""

from collections import defaultdict

from candidates.models import GuaranteedInterview
from shortlisting.models import AgreedScore, Score, ShortlistDecision
from shortlisting.scoring import meets_essential_criteria, scores_for_rules
from vacancies.models import Criterion

from .periods import reporting_year_bounds


def guaranteed_interview_audit(vacancies, year):
    """[{vacancy, schemes: [{scheme, asked, met, met_shortlisted, not_shortlisted: [(code, reason)]}]}],
    by closing time; four queries whatever the number of vacancies and candidates."""
    start, end = reporting_year_bounds(year)
    requests = list(
        GuaranteedInterview.objects.filter(
            requested=True,
            application__submitted_at__isnull=False,
            application__vacancy__in=vacancies.filter(closing_at__gte=start, closing_at__lt=end).values("pk"),
        )
        .select_related("application__vacancy", "application__shortlist_decision")
        .order_by(
            "application__vacancy__closing_at", "application__vacancy__reference", "application__anonymous_number"
        )
    )
    application_ids = [request.application_id for request in requests]
    vacancy_ids = {request.application.vacancy_id for request in requests}
    essential = defaultdict(list)
    for vacancy_id, criterion_id in Criterion.objects.filter(
        vacancy_id__in=vacancy_ids, is_essential=True, assessed_at_application=True
    ).values_list("vacancy_id", "pk"):
        essential[vacancy_id].append(criterion_id)
    by_member = defaultdict(lambda: defaultdict(dict))
    for application_id, criterion_id, member_id, value in Score.objects.filter(
        application_id__in=application_ids, criterion__assessed_at_application=True
    ).values_list("application_id", "criterion_id", "panel_member_id", "score"):
        by_member[application_id][criterion_id][member_id] = value
    agreed = defaultdict(dict)
    for application_id, criterion_id, value in AgreedScore.objects.filter(
        application_id__in=application_ids
    ).values_list("application_id", "criterion_id", "score"):
        agreed[application_id][criterion_id] = value

    audit = {}
    for request in requests:
        application = request.application
        vacancy = application.vacancy
        entry = audit.setdefault(vacancy.pk, {"vacancy": vacancy, "schemes": {}})
        scheme = entry["schemes"].setdefault(
            request.scheme,
            {"scheme": _scheme_label(request.scheme), "asked": 0, "met": 0, "met_shortlisted": 0,
             "not_shortlisted": []},
        )
        scheme["asked"] += 1
        scores = scores_for_rules(by_member[application.pk], agreed[application.pk])
        if not meets_essential_criteria(essential[vacancy.pk], scores):
            continue
        scheme["met"] += 1
        if application.shortlisted_at is not None:
            scheme["met_shortlisted"] += 1
        else:
            scheme["not_shortlisted"].append((application.anonymous_code, _reason(application)))
    return [{"vacancy": e["vacancy"], "schemes": list(e["schemes"].values())} for e in audit.values()]


def _scheme_label(value):
    return GuaranteedInterview.Scheme(value).label if value in GuaranteedInterview.Scheme.values else value


def _reason(application):
    decision = getattr(application, "shortlist_decision", None)
    if decision is None:
        return None  # not decided yet: the page says so
    if decision.outcome == ShortlistDecision.Outcome.SHORTLIST:
        return None
    return decision.reason
