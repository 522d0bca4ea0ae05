"""The pages of interview questions, scoring, the overview, outcomes and
completing: who gets in (everyone else gets 404, tried the other way in),
what each saves, bad input kept by its field, and a fixed number of queries."""

import pytest
from django.urls import reverse

from accounts.models import OutgoingEmail
from candidates.models import Application
from interviews import scoring, services
from interviews.models import InterviewOutcome, InterviewQuestion, InterviewScore
from organisations.models import Membership
from tests.factories import MembershipFactory, UserFactory, VacancyFactory

from . import scoring_support
from .conftest import make_round, shortlist
from .scoring_support import slots, url

booked, criteria = scoring_support.booked, scoring_support.criteria  # fixtures

pytestmark = pytest.mark.django_db


@pytest.fixture
def question(vacancy, recruiter):
    return scoring.add_question(vacancy_id=vacancy.pk, actor=recruiter, text="Why this ward?")


@pytest.fixture
def vacancy_panel_only(trust_a, vacancy):
    """On the vacancy's shortlisting panel (so it sees the vacancy) but on no interview panel."""
    user = MembershipFactory(organisation=trust_a, role=Membership.Role.HIRING_MANAGER,
                             user__full_name="Sam Shortlister").user
    vacancy.panel_members.add(user)
    return user


def manager_pages(vacancy, application, question):
    person = {"application_id": application.pk}
    return [
        ("get", url("question_list", vacancy)),
        ("get", url("question_add", vacancy)),
        ("get", url("question_change", vacancy, question_id=question.pk)),
        ("post", url("question_remove", vacancy, question_id=question.pk)),
        ("post", url("question_move_up", vacancy, question_id=question.pk)),
        ("post", url("question_move_down", vacancy, question_id=question.pk)),
        ("get", url("interview_overview", vacancy)),
        ("get", url("interview_overview_csv", vacancy)),
        ("get", url("outcome_record", vacancy, **person)),
        ("post", url("outcome_record", vacancy, **person)),
        ("get", url("interviews_complete", vacancy)),
        ("post", url("interviews_complete", vacancy)),
    ]


def scorer_pages(vacancy, application):
    return [
        ("get", url("score_list", vacancy)),
        ("get", url("interview_score", vacancy, application_id=application.pk)),
        ("post", url("interview_score", vacancy, application_id=application.pk)),
    ]


# Who gets in ------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["other_recruiter", "candidate", "vacancy_panel_only"])
def test_every_page_is_404_to_those_it_does_not_belong_to(client, request, vacancy, booked, question, who):
    application, _other = booked
    client.force_login(request.getfixturevalue(who))

    for method, address in manager_pages(vacancy, application, question) + scorer_pages(vacancy, application):
        assert getattr(client, method)(address, {"decision": "appoint"}).status_code == 404, address

    assert not InterviewOutcome.objects.exists()
    assert InterviewQuestion.objects.count() == 1


def test_anonymous_visitors_are_sent_to_sign_in(client, vacancy, booked, question):
    application, _other = booked

    for method, address in manager_pages(vacancy, application, question) + scorer_pages(vacancy, application):
        response = getattr(client, method)(address)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], address


def test_panel_members_score_but_get_404_on_questions_overview_and_outcomes(
    client, vacancy, booked, question, panel_member
):
    application, _other = booked
    client.force_login(panel_member)

    for method, address in manager_pages(vacancy, application, question):
        assert getattr(client, method)(address, {"decision": "appoint"}).status_code == 404, address
    assert client.get(url("score_list", vacancy)).status_code == 200
    assert client.get(url("interview_score", vacancy, application_id=application.pk)).status_code == 200


def test_a_panel_member_of_another_vacancys_round_gets_404(client, trust_a, recruiter, booked, interview_day):
    application, _other = booked
    elsewhere = VacancyFactory(organisation=trust_a, status="interviewing", sites=[application.vacancy.sites.first()])
    theirs = MembershipFactory(organisation=trust_a, role=Membership.Role.HIRING_MANAGER).user
    make_round(elsewhere, recruiter, interview_day, start=(14, 0), end=(15, 0), panel=[theirs])
    client.force_login(theirs)

    for method, address in scorer_pages(application.vacancy, application):
        assert getattr(client, method)(address).status_code == 404, address


def test_a_candidate_of_another_vacancy_or_not_booked_is_404(client, vacancy, invited, panel_member, hiring_manager):
    application, _other = invited  # invited, not booked
    client.force_login(hiring_manager)

    assert client.get(url("interview_score", vacancy, application_id=application.pk)).status_code == 404
    assert client.get(url("outcome_record", vacancy, application_id=application.pk)).status_code == 404


def test_a_recruiter_not_on_a_panel_sees_the_list_but_cannot_score(client, vacancy, booked, recruiter):
    application, _other = booked
    client.force_login(recruiter)

    listing = client.get(url("score_list", vacancy))

    assert listing.status_code == 200 and listing.context["can_score"] is False
    assert "Cara Candidate" in listing.content.decode()
    assert client.get(url("interview_score", vacancy, application_id=application.pk)).status_code == 404


# Questions -----------------------------------------------------------------------------------


def test_question_pages_add_change_move_and_remove(client, vacancy, recruiter):
    client.force_login(recruiter)

    assert client.post(url("question_add", vacancy), {"text": "  First  "}).status_code == 302
    client.post(url("question_add", vacancy), {"text": "Second"})
    first, second = InterviewQuestion.objects.order_by("order")
    client.post(url("question_change", vacancy, question_id=first.pk), {"text": "First, reworded"})
    client.post(url("question_move_down", vacancy, question_id=first.pk))
    listing = client.get(url("question_list", vacancy))

    assert [q.text for q in listing.context["questions"]] == ["Second", "First, reworded"]
    client.post(url("question_remove", vacancy, question_id=second.pk))
    assert list(InterviewQuestion.objects.values_list("text", flat=True)) == ["First, reworded"]


def test_question_page_wants_the_words(client, vacancy, recruiter):
    client.force_login(recruiter)

    response = client.post(url("question_add", vacancy), {"text": "   "})

    assert response.status_code == 200
    assert response.context["form"].errors == {"text": ["Enter the question"]}
    assert "nhsuk-error-summary" in response.content.decode()


def test_changing_a_scored_question_is_refused_by_its_field(
    client, vacancy, recruiter, hiring_manager, booked, question
):
    application, _other = booked
    scoring.record_interview_scores(application_id=application.pk, panel_member=hiring_manager,
                                    questions={question.pk: (2, "")})
    client.force_login(recruiter)

    response = client.post(url("question_change", vacancy, question_id=question.pk), {"text": "Reworded"})
    removed = client.post(url("question_remove", vacancy, question_id=question.pk), follow=True)

    assert response.status_code == 200
    assert "has been scored" in response.context["form"].errors["text"][0]
    assert response.context["form"]["text"].value() == "Reworded"
    assert "has been scored" in removed.content.decode()
    assert InterviewQuestion.objects.get().text == "Why this ward?"


# Scoring ---------------------------------------------------------------------------------------


def grid(criteria, question, **values):
    communication, judgement, _degree = criteria
    data = {
        f"criterion_{communication.pk}": "3", f"criterion_{communication.pk}_note": "Warm and clear",
        f"criterion_{judgement.pk}": "1", f"criterion_{judgement.pk}_note": "",
        f"question_{question.pk}": "2", f"question_{question.pk}_note": "",
    }
    data.update(values)
    return data


def test_score_page_shows_a_fieldset_per_line_and_saves(client, vacancy, booked, criteria, question, panel_member):
    application, _other = booked
    client.force_login(panel_member)
    page = url("interview_score", vacancy, application_id=application.pk)

    shown = client.get(page)
    response = client.post(page, grid(criteria, question))

    html = shown.content.decode()
    assert "Score Cara Candidate" in html
    assert html.count("<fieldset") == 3  # the two criteria assessed at interview and the question
    assert "Nursing degree" not in html
    assert response.status_code == 302 and response["Location"] == url("score_list", vacancy)
    assert sorted(InterviewScore.objects.values_list("score", flat=True)) == [1, 2, 3]
    again = client.get(page)
    assert again.context["form"][f"criterion_{criteria[0].pk}"].value() == "3"


def test_score_page_ignores_a_criterion_not_assessed_at_interview(client, vacancy, booked, criteria, question,
                                                                   panel_member):
    application, _other = booked
    client.force_login(panel_member)

    client.post(url("interview_score", vacancy, application_id=application.pk),
                grid(criteria, question, **{f"criterion_{criteria[2].pk}": "3"}))

    assert not InterviewScore.objects.filter(criterion=criteria[2]).exists()


def test_score_page_bad_input_is_shown_by_its_field_and_kept(client, vacancy, booked, criteria, question,
                                                              panel_member):
    application, _other = booked
    communication, judgement, _degree = criteria
    client.force_login(panel_member)

    response = client.post(
        url("interview_score", vacancy, application_id=application.pk),
        grid(criteria, question, **{f"criterion_{communication.pk}": "7", f"criterion_{judgement.pk}": "",
                                    f"criterion_{judgement.pk}_note": "Kept note"}),
    )

    errors = response.context["form"].errors
    assert errors[f"criterion_{communication.pk}"] == ["Choose a score from 0 to 3"]
    assert errors[f"criterion_{judgement.pk}"] == ["Choose a score for this line, or remove its note"]
    assert "Kept note" in response.content.decode()
    assert not InterviewScore.objects.exists()


def completed(vacancy, booked, hiring_manager):
    application, other = booked
    scoring.record_outcome(application_id=application.pk, actor=hiring_manager, decision="appoint")
    scoring.record_outcome(application_id=other.pk, actor=hiring_manager, decision="reserve")
    scoring.complete_interviews(vacancy_id=vacancy.pk, actor=hiring_manager)


def test_score_page_once_complete_shows_the_scores_to_read(client, vacancy, booked, criteria, question,
                                                           panel_member, hiring_manager):
    application, _other = booked
    client.force_login(panel_member)
    page = url("interview_score", vacancy, application_id=application.pk)
    client.post(page, grid(criteria, question))
    completed(vacancy, booked, hiring_manager)

    shown = client.get(page)
    refused = client.post(page, grid(criteria, question, **{f"criterion_{criteria[0].pk}": "0"}))

    assert "read-only-scores" in shown.content.decode() and "<fieldset" not in shown.content.decode()
    assert refused.status_code == 200
    assert "The interviews are complete" in refused.content.decode()
    assert InterviewScore.objects.get(criterion=criteria[0]).score == 3


# Overview, outcomes, completing -----------------------------------------------------------------


def test_overview_shows_scores_side_by_side_with_disagreements(client, vacancy, booked, criteria, question,
                                                               panel_member, hiring_manager):
    application, _other = booked
    scoring.record_interview_scores(application_id=application.pk, panel_member=hiring_manager,
                                    criteria={criteria[0].pk: (0, "")})
    scoring.record_interview_scores(application_id=application.pk, panel_member=panel_member,
                                    criteria={criteria[0].pk: (3, "")})
    client.force_login(hiring_manager)

    response = client.get(url("interview_overview", vacancy))

    html = response.content.decode()
    assert "Harry Manager" in html and "Penny Panel" in html
    assert "1 line to discuss" in html and "Discuss" in html
    assert "Overall total 3" in html
    csv = client.get(url("interview_overview_csv", vacancy)).content.decode()
    assert "Cara Candidate,Communicates clearly,0,3,Yes," in csv.replace("\r", "")


@pytest.mark.parametrize("count", [2, 12])
def test_overview_runs_a_fixed_number_of_queries(
    client, vacancy, recruiter, hiring_manager, panel_member, interview_day, criteria, question, count,
    django_assert_max_num_queries,
):
    interview_round = make_round(vacancy, recruiter, interview_day, start=(8, 0), end=(20, 0), length=30, gap=0,
                                 panel=[panel_member])
    applications = [shortlist(vacancy, UserFactory(), number) for number in range(1, count + 1)]
    services.invite(round_id=interview_round.pk, application_ids=[a.pk for a in applications], actor=recruiter)
    for application, slot in zip(applications, slots(interview_round), strict=False):
        services.book_slot(slot_id=slot.pk, application_id=application.pk, actor=recruiter, on_behalf=True)
        for member in (hiring_manager, panel_member):
            scoring.record_interview_scores(application_id=application.pk, panel_member=member,
                                            criteria={criteria[0].pk: (2, "")}, questions={question.pk: (1, "")})
    client.force_login(hiring_manager)

    with django_assert_max_num_queries(13):
        response = client.get(url("interview_overview", vacancy))
    with django_assert_max_num_queries(9):
        listing = client.get(url("score_list", vacancy))

    assert len(response.context["rows"]) == count
    assert len(listing.context["applications"]) == count


def test_outcome_page_wants_a_reason_for_unsuccessful_by_its_field(client, vacancy, booked, recruiter):
    application, _other = booked
    client.force_login(recruiter)
    page = url("outcome_record", vacancy, application_id=application.pk)

    missing = client.post(page, {"decision": "unsuccessful", "reason": " "})
    nothing = client.post(page, {})
    saved = client.post(page, {"decision": "unsuccessful", "reason": "Not enough experience"})

    assert missing.context["form"].errors == {"reason": ["Give the reason the candidate was unsuccessful"]}
    assert 'href="#id_reason"' in missing.content.decode()
    assert nothing.context["form"].errors == {"decision": ["Choose an outcome"]}
    assert saved.status_code == 302 and saved["Location"] == url("interview_overview", vacancy)
    assert InterviewOutcome.objects.get().reason == "Not enough experience"


def test_complete_page_refuses_with_a_message_then_completes(client, vacancy, booked, hiring_manager):
    application, other = booked
    client.force_login(hiring_manager)
    scoring.record_outcome(application_id=application.pk, actor=hiring_manager, decision="appoint")

    confirm = client.get(url("interviews_complete", vacancy))
    refused = client.post(url("interviews_complete", vacancy))
    scoring.record_outcome(application_id=other.pk, actor=hiring_manager, decision="unsuccessful", reason="No")
    done = client.post(url("interviews_complete", vacancy))
    again = client.post(url("interviews_complete", vacancy), follow=True)

    assert confirm.status_code == 200 and confirm.context["undecided"] == 1
    assert refused.status_code == 200 and "Still to decide: Colin Candidate" in refused.content.decode()
    assert done.status_code == 302
    assert Application.objects.get(pk=application.pk).status == Application.Status.PREFERRED
    assert "The interviews are already complete." in again.content.decode()
    assert OutgoingEmail.objects.filter(to=["contact2@example.org"], subject__startswith="Your interview for").exists()


def test_vacancy_page_links_to_scoring_and_outcomes(client, vacancy, hiring_manager, vacancy_panel_only):
    client.force_login(hiring_manager)
    html = client.get(reverse("manage:vacancy_detail", kwargs={"reference": vacancy.reference})).content.decode()

    for name in ("question_list", "score_list", "interview_overview"):
        assert url(name, vacancy) in html
    client.force_login(vacancy_panel_only)
    html = client.get(reverse("manage:vacancy_detail", kwargs={"reference": vacancy.reference})).content.decode()
    assert url("interview_overview", vacancy) not in html


def test_the_round_page_leads_its_panel_to_scoring(client, vacancy, booked, panel_member):
    """A panel member of the round may sit on no shortlisting panel, so the
    round page, not the vacancy page, is where they find the scoring."""
    application, _other = booked
    interview_round = application.interview_bookings.get().round
    client.force_login(panel_member)

    page = client.get(
        reverse("interviews:round_detail", kwargs={"reference": vacancy.reference, "round_id": interview_round.pk})
    ).content.decode()

    assert f'id="interview-scores" href="{url("score_list", vacancy)}"' in page
