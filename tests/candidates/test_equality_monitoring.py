"""Equality monitoring: optional, "Prefer not to say" everywhere, and never on a staff page."""

import pytest
from django.contrib import admin
from django.urls import URLResolver, get_resolver, reverse

from candidates.models import EqualityMonitoring, GuaranteedInterview
from interviews.models import InterviewQuestion, InterviewRound
from tests.factories import CriterionFactory, UserFactory, VacancyFactory
from vacancies.models import ProposedChange

from .factories import EqualityMonitoringFactory, complete_draft

ANSWERS = {
    "age_band": "35_44",
    "sex": "female",
    "gender_same_as_birth": "yes",
    "sexual_orientation": "bisexual",
    "ethnicity": "C3",
    "disability": "no",
    "religion": "buddhist",
    "marital_status": "civil_partnership",
    "pregnancy": "prefer_not_to_say",
}
# How the answers above read on a page: none of these may appear on a staff page.
ANSWER_LABELS = ["35 to 44", "Bisexual", "White: Roma", "Buddhist", "In a civil partnership"]


def post(client, application, data):
    return client.post(f"/applications/{application.pk}/equality-monitoring/", data)


def test_equality_monitoring_saves_every_answer(candidate_client, draft):
    response = post(candidate_client, draft, ANSWERS | {"section_complete": "True"})

    assert response.status_code == 302
    answers = EqualityMonitoring.objects.get(application=draft)
    assert {name: getattr(answers, name) for name in ANSWERS} == ANSWERS


def test_equality_monitoring_every_question_offers_prefer_not_to_say(candidate_client, draft):
    response = candidate_client.get(f"/applications/{draft.pk}/equality-monitoring/")

    form = response.context["form"]
    for name in ANSWERS:
        labels = [str(label) for _value, label in form.fields[name].choices]
        assert "Prefer not to say" in labels, name


def test_equality_monitoring_all_prefer_not_to_say_is_complete(candidate_client, draft):
    prefer_not = {name: "prefer_not_to_say" for name in ANSWERS} | {"ethnicity": "Z"}

    response = post(candidate_client, draft, prefer_not | {"section_complete": "True"})

    assert response.status_code == 302
    assert EqualityMonitoring.objects.get().sexual_orientation == "prefer_not_to_say"


def test_equality_monitoring_completed_needs_an_answer_to_each_question(candidate_client, draft):
    response = post(candidate_client, draft, {"section_complete": "True", "sex": "female"})

    html = response.content.decode()
    assert "Select your age group, or prefer not to say" in html
    assert "Select your ethnic group, or prefer not to say" in html
    assert not EqualityMonitoring.objects.exists()


def test_equality_monitoring_refuses_an_answer_not_offered(candidate_client, draft):
    response = post(candidate_client, draft, ANSWERS | {"ethnicity": "Klingon", "section_complete": "True"})

    assert "Select one of the options" in response.content.decode()


def test_equality_monitoring_is_optional_for_submission(draft):
    complete_draft(candidate=draft.candidate)

    assert "equality_monitoring" not in draft.required_sections()


@pytest.fixture
def submitted_with_equality(candidate, trust_a):
    vacancy = VacancyFactory(
        organisation=trust_a, reference=f"{trust_a.employer_code}-25-0777", offers_expanded_guaranteed_interview=True
    )
    CriterionFactory(vacancy=vacancy)
    application = complete_draft(candidate=candidate, vacancy=vacancy)
    EqualityMonitoringFactory(application=application)
    GuaranteedInterview.objects.filter(application=application).update(
        requested=True, scheme="expanded", is_bame=True, is_lgbt=True
    )
    application.status = "submitted"
    application.anonymous_number = 1
    application.submitted_at = application.created_at
    application.save()
    return application


def _staff_urls(vacancy, staff_member):
    """Every page under /manage/ (vacancies, shortlisting and whatever else is
    mounted there), with the vacancy's reference, a criterion's id, an
    application's anonymous code, a member of staff's id and a proposed change's
    id and an interview round's filled in."""
    proposal = ProposedChange.objects.create(
        vacancy=vacancy, values={"hours_per_week": "30.0"}, changes=[], proposed_by=staff_member
    )
    interview_round = InterviewRound.objects.create(vacancy=vacancy, name="First interviews", created_by=staff_member)
    question = InterviewQuestion.objects.create(vacancy=vacancy, text="Tell us about a time you led a change.")
    values = {
        "question_id": question.pk,
        # No offer exists yet: its pages answer 404, and must not fail.
        "offer_id": 1,
        "check_id": 1,
        "reference_id": 1,
        "change_id": proposal.pk,
        "round_id": interview_round.pk,
        "application_id": vacancy.applications.exclude(anonymous_number=None).first().pk,
        "reference": vacancy.reference,
        "ods_code": vacancy.organisation.ods_code,
        "pk": vacancy.criteria.first().pk,
        "code": vacancy.applications.exclude(anonymous_number=None).first().anonymous_code,
        "user_id": staff_member.pk,
        "key": "shortlisting.not_shortlisted",
    }

    def walk(patterns, route, namespaces):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = [*namespaces, pattern.namespace] if pattern.namespace else namespaces
                yield from walk(pattern.url_patterns, route + str(pattern.pattern), inner)
            elif (route + str(pattern.pattern)).startswith("manage/") and pattern.name:
                kwargs = {name: values[name] for name in pattern.pattern.converters}
                yield reverse(":".join([*namespaces, pattern.name]), kwargs=kwargs)

    return list(walk(get_resolver().url_patterns, "", []))


def test_equality_answers_never_appear_on_a_staff_page(client, recruiter, submitted_with_equality):
    client.force_login(recruiter)
    checked = []

    for url in _staff_urls(submitted_with_equality.vacancy, recruiter):
        response = client.get(url)
        assert response.status_code < 500, url
        if url.startswith("/manage/reports/"):
            # The reports' purpose is equality in aggregate: they name every
            # answer as a row, with counts under 10 suppressed
            # (tests/reports/ checks no one's own answers can be reached).
            continue
        html = response.content.decode()
        for label in ANSWER_LABELS + ["lesbian, gay, bisexual or trans", "from a Black, Asian or minority ethnic"]:
            assert label not in html, (url, label)
        checked.append(url)

    reference = submitted_with_equality.vacancy.reference
    assert f"/manage/vacancies/{reference}/" in checked
    assert len(checked) > 10


def test_equality_answers_never_appear_in_the_admin(client, submitted_with_equality):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(superuser)

    changelist = client.get("/admin/candidates/application/")
    change = client.get(f"/admin/candidates/application/{submitted_with_equality.pk}/change/")
    equality_admin = client.get("/admin/candidates/equalitymonitoring/")

    assert changelist.status_code == 200 and change.status_code == 200
    for html in (changelist.content.decode(), change.content.decode()):
        for label in ANSWER_LABELS:
            assert label not in html
    assert not admin.site.is_registered(EqualityMonitoring)
    assert not admin.site.is_registered(GuaranteedInterview)
    assert equality_admin.status_code == 404
