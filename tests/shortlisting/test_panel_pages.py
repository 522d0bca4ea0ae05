"""The panel pages (shortlisting.panel_views): the anonymised applications,
the scoring grid, the panel overview, decisions, completing the shortlist and
the overview as CSV. Every page is tried by those who must not see it, and
searched for the candidates' personal details and equality answers."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from candidates.models import Application, PersonalDetails
from organisations.models import Membership
from shortlisting import scoring
from shortlisting.models import Score, ShortlistDecision, ShortlistingEvent
from shortlisting.scoring import GUARANTEED_INTERVIEW_MESSAGE, complete_shortlisting, decide, record_score
from tests.factories import MembershipFactory, VacancyFactory
from vacancies.models import Vacancy

from .applicants import EQUALITY_WORDS, make_applications

pytestmark = pytest.mark.django_db

# URL name, method, and what else it names: an application, a panel member or nothing.
PANEL_URLS = [
    ("application_list", "get", None),
    ("application_score", "get", "application"),
    ("application_score", "post", "application"),
    ("application_score_next", "post", "application"),
    ("application_decision", "get", "application"),
    ("application_decision", "post", "application"),
    ("application_moderation", "get", "application"),
    ("application_moderation", "post", "application"),
    ("panel_overview", "get", None),
    ("panel_overview_csv", "get", None),
    ("complete_shortlisting", "get", None),
    ("complete_shortlisting", "post", None),
    ("panel_members", "get", None),
    ("panel_member_add", "post", None),
    ("panel_member_remove", "post", "member"),
]


def _url(name, vacancy, code=None, *, user_id=None):
    kwargs = {"reference": vacancy.reference}
    if code is not None:
        kwargs["code"] = code
    if user_id is not None:
        kwargs["user_id"] = user_id
    return reverse(f"shortlisting:{name}", kwargs=kwargs)


@pytest.fixture
def panel_member_of_another_vacancy(trust_a):
    user = MembershipFactory(
        organisation=trust_a, role=Membership.Role.HIRING_MANAGER, user__full_name="Petra Elsewhere"
    ).user
    VacancyFactory(organisation=trust_a).panel_members.add(user)
    return user


# Who may see the pages ------------------------------------------------------------------


def test_every_panel_url_is_tried_here():
    from shortlisting import urls

    panel_names = {p.name for p in urls.urlpatterns if not p.name.startswith("pack_")}
    assert panel_names == {entry[0] for entry in PANEL_URLS}


@pytest.mark.parametrize("entry", PANEL_URLS, ids=lambda entry: f"{entry[0]}-{entry[1]}")
@pytest.mark.parametrize("who", ["candidate", "other_recruiter", "panel_member_of_another_vacancy"])
def test_panel_pages_are_not_found_for_anyone_who_may_not_see_the_applications(
    client, request, closed_vacancy, applications, criteria, panel_member, colleague, entry, who
):
    name, method, names = entry
    client.force_login(request.getfixturevalue(who))
    url = _url(
        name,
        closed_vacancy,
        "A0001" if names == "application" else None,
        user_id=panel_member.pk if names == "member" else None,
    )
    data = {
        f"score_{criteria['registration'].pk}": "3",
        "outcome": "shortlist",
        "reason": "Strong",
        "user": colleague.pk,
    }

    response = client.post(url, data) if method == "post" else client.get(url)

    assert response.status_code == 404
    assert Score.objects.count() == 0
    assert ShortlistDecision.objects.count() == 0
    assert ShortlistingEvent.objects.count() == 0
    closed_vacancy.refresh_from_db()
    assert closed_vacancy.status == Vacancy.Status.CLOSED
    assert list(closed_vacancy.panel_members.all()) == [panel_member]


@pytest.mark.parametrize("name", ["application_decision", "complete_shortlisting"])
@pytest.mark.parametrize("who", ["recruiter", "panel_member"])
def test_decision_pages_are_not_found_for_anyone_but_the_hiring_manager(
    client, request, closed_vacancy, applications, name, who
):
    client.force_login(request.getfixturevalue(who))
    url = _url(name, closed_vacancy, "A0003" if name == "application_decision" else None)

    assert client.get(url).status_code == 404
    assert client.post(url, {"outcome": "shortlist", "reason": "Strong"}).status_code == 404
    assert ShortlistDecision.objects.count() == 0


def test_application_score_is_not_found_for_an_unknown_code(client, panel_member, closed_vacancy, applications):
    client.force_login(panel_member)

    assert client.get(_url("application_score", closed_vacancy, "A0099")).status_code == 404
    # Not a code at all: the URL does not even match (nhsuk.converters), so it cannot be reversed.
    assert client.get(f"/manage/vacancies/{closed_vacancy.reference}/applications/nonsense/").status_code == 404


# No personal details anywhere -------------------------------------------------------------


def _personal_values(applications):
    values = list(EQUALITY_WORDS) + ["Rhiannon Refereeson", "01905 763333", "WR1 1DB"]
    for details in PersonalDetails.objects.filter(application__in=applications):
        values += [details.first_name, details.last_name, details.email, details.phone, details.address_line_1]
    for application in applications:
        values += [application.candidate.full_name, application.candidate.email, f"referee.{application.anonymous_number}@example.org"]
    return values


def test_panel_pages_and_csv_never_show_personal_details_or_equality_answers(
    client, hiring_manager, panel_member, closed_vacancy, applications, criteria
):
    record_score(application_id=applications[0].pk, criterion_id=criteria["registration"].pk, panel_member=panel_member, score=2)
    decide(application_id=applications[1].pk, outcome="shortlist", reason="Strong", actor=hiring_manager)
    client.force_login(hiring_manager)
    urls = [_url("application_list", closed_vacancy), _url("panel_overview", closed_vacancy),
            _url("panel_overview_csv", closed_vacancy), _url("complete_shortlisting", closed_vacancy)]
    for application in applications:
        urls += [_url("application_score", closed_vacancy, application.anonymous_code),
                 _url("application_decision", closed_vacancy, application.anonymous_code),
                 _url("application_moderation", closed_vacancy, application.anonymous_code)]
    # A refused POST renders the pages again, with the refusal.
    bad_posts = [_url("application_score", closed_vacancy, "A0001"), _url("complete_shortlisting", closed_vacancy)]

    pages = [client.get(url) for url in urls] + [client.post(url, {f"score_{criteria['news2'].pk}": "9"}) for url in bad_posts]

    assert [page.status_code for page in pages] == [200] * len(pages)
    contents = [page.content.decode() for page in pages]
    found = {value for value in _personal_values(applications) for content in contents if value in content}
    assert found == set()
    # The pages do show what the panel needs.
    score_page = contents[4]
    # Referees are left out altogether, even their job titles (shortlisting.anonymised).
    assert "A0001" in score_page and "Ward Manager" not in score_page and "Line manager" not in score_page
    assert "Staff Nurse" in score_page and "BSc (Hons) Adult Nursing" in score_page


# The application list ----------------------------------------------------------------


@pytest.mark.parametrize("who", ["recruiter", "hiring_manager", "panel_member"])
def test_application_list_shows_codes_and_guaranteed_interview_flags(client, request, closed_vacancy, applications, who):
    client.force_login(request.getfixturevalue(who))

    response = client.get(_url("application_list", closed_vacancy))

    assert response.status_code == 200
    assert [a.anonymous_code for a in response.context["applications"]] == ["A0001", "A0002", "A0003", "A0004", "A0005"]
    assert [a.asked_for_guaranteed_interview for a in response.context["applications"]] == [False, False, True, False, False]
    assert response.content.decode().count("Guaranteed interview requested") == 1


def test_application_list_shows_the_users_scoring_progress(client, panel_member, hiring_manager, closed_vacancy, applications, criteria):
    for name in ("registration", "experience"):
        record_score(application_id=applications[1].pk, criterion_id=criteria[name].pk, panel_member=panel_member, score=2)
    record_score(application_id=applications[0].pk, criterion_id=criteria["news2"].pk, panel_member=hiring_manager, score=1)
    client.force_login(panel_member)

    response = client.get(_url("application_list", closed_vacancy))

    content = response.content.decode()
    assert [a.scored_by_me for a in response.context["applications"]] == [0, 2, 0, 0, 0]
    assert "You have scored 2 of 20." in content
    assert content.count("0 of 4 scored") == 4
    assert content.count("2 of 4 scored") == 1


# The session, the user, their memberships, the vacancy, the criteria, the
# applications with their flags and counts, and the messages.
QUERIES = 7


def _list_queries(client, vacancy):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(_url("application_list", vacancy))
    assert response.status_code == 200
    return len(queries)


def test_application_list_runs_the_same_queries_for_5_and_50_applications(client, panel_member, closed_vacancy, criteria):
    client.force_login(panel_member)
    make_applications(closed_vacancy, 5)
    few = _list_queries(client, closed_vacancy)
    make_applications(closed_vacancy, 45, start=6)

    many = _list_queries(client, closed_vacancy)

    assert (few, many) == (QUERIES, QUERIES)



# Scoring --------------------------------------------------------------------------------


def test_application_score_saves_scores_and_events_and_redirects(client, panel_member, closed_vacancy, applications, criteria):
    client.force_login(panel_member)
    data = {
        f"score_{criteria['registration'].pk}": "3",
        f"note_{criteria['registration'].pk}": "  Current NMC registration  ",
        f"score_{criteria['experience'].pk}": "1",
    }

    response = client.post(_url("application_score", closed_vacancy, "A0002"), data)

    assert response.status_code == 302
    assert response.url == _url("application_list", closed_vacancy)
    scores = Score.objects.filter(application=applications[1], panel_member=panel_member).order_by("criterion__order")
    assert [(s.criterion_id, s.score, s.note) for s in scores] == [
        (criteria["registration"].pk, 3, "Current NMC registration"),
        (criteria["experience"].pk, 1, ""),
    ]
    events = ShortlistingEvent.objects.filter(kind=ShortlistingEvent.Kind.SCORE).order_by("id")
    assert [(e.application_id, e.actor_id, e.detail) for e in events] == [
        (applications[1].pk, panel_member.pk, {"criterion": criteria["registration"].pk, "score": 3, "previous": None}),
        (applications[1].pk, panel_member.pk, {"criterion": criteria["experience"].pk, "score": 1, "previous": None}),
    ]
    closed_vacancy.refresh_from_db()
    assert closed_vacancy.status == Vacancy.Status.SHORTLISTING


def test_application_score_shows_the_users_own_scores_and_only_application_criteria(
    client, panel_member, second_panel_member, closed_vacancy, applications, criteria
):
    record_score(application_id=applications[0].pk, criterion_id=criteria["news2"].pk, panel_member=panel_member, score=2, note="Knows NEWS2")
    record_score(application_id=applications[0].pk, criterion_id=criteria["news2"].pk, panel_member=second_panel_member, score=0, note="Sam's view")
    client.force_login(panel_member)

    response = client.get(_url("application_score", closed_vacancy, "A0001"))

    form = response.context["form"]
    assert [c.pk for c in form.criteria] == [criteria[n].pk for n in ("registration", "mentorship", "experience", "news2")]
    assert form[f"score_{criteria['news2'].pk}"].value() == "2"
    content = response.content.decode()
    assert "Knows NEWS2" in content
    assert "Sam&#x27;s view" not in content and "Sam's view" not in content
    assert criteria["calm"].text not in content


def test_application_score_shows_errors_and_keeps_typed_values(client, panel_member, closed_vacancy, applications, criteria):
    client.force_login(panel_member)
    data = {
        f"score_{criteria['registration'].pk}": "7",
        f"note_{criteria['experience'].pk}": "Two years on a medical ward",
        f"score_{criteria['news2'].pk}": "2",
    }

    response = client.post(_url("application_score", closed_vacancy, "A0001"), data)

    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert "Choose a score from 0 to 3" in content
    assert "Choose a score for this criterion, or remove its note" in content
    assert "Two years on a medical ward" in content
    assert response.context["form"][f"score_{criteria['news2'].pk}"].value() == "2"
    assert Score.objects.count() == 0
    assert ShortlistingEvent.objects.count() == 0


def test_application_score_shows_a_refusal_when_shortlisting_is_not_open(client, panel_member, closed_vacancy, applications, criteria):
    Vacancy.objects.filter(pk=closed_vacancy.pk).update(status=Vacancy.Status.INTERVIEWING)
    client.force_login(panel_member)

    response = client.post(_url("application_score", closed_vacancy, "A0001"), {f"score_{criteria['news2'].pk}": "2"})

    assert response.status_code == 200
    assert "Shortlisting is not open: the vacancy is interviewing." in response.content.decode()
    assert Score.objects.count() == 0


def test_application_score_does_not_let_a_recruiter_score(client, recruiter, closed_vacancy, applications, criteria):
    client.force_login(recruiter)

    page = client.get(_url("application_score", closed_vacancy, "A0001"))
    response = client.post(_url("application_score", closed_vacancy, "A0001"), {f"score_{criteria['news2'].pk}": "2"})

    assert page.status_code == 200
    assert "Only the panel and the hiring manager score applications." in page.content.decode()
    assert response.status_code == 404
    assert Score.objects.count() == 0


# The overview -----------------------------------------------------------------------------


def _score(application, criteria, member, values):
    for name, value in values.items():
        record_score(application_id=application.pk, criterion_id=criteria[name].pk, panel_member=member, score=value)


def test_panel_overview_shows_totals_mean_and_discuss_for_moderation(
    client, recruiter, panel_member, second_panel_member, closed_vacancy, applications, criteria
):
    _score(applications[0], criteria, panel_member, {"registration": 3, "experience": 3})
    _score(applications[0], criteria, second_panel_member, {"registration": 0, "experience": 2})
    _score(applications[1], criteria, panel_member, {"registration": 2})
    _score(applications[1], criteria, second_panel_member, {"registration": 2})
    client.force_login(recruiter)

    response = client.get(_url("panel_overview", closed_vacancy))

    rows = response.context["rows"]
    assert [(r.anonymous_code, r.mean_total, r.essential_met, r.needs_moderation) for r in rows[:2]] == [
        ("A0001", 4.0, True, True),
        ("A0002", 2.0, True, False),
    ]
    content = response.content.decode()
    assert content.count(">Discuss</strong>") == 1
    assert 'id="row-A0001"' in content
    row_a0001 = content.split('id="row-A0001"')[1].split("</tr>")[0]
    assert "Discuss" in row_a0001 and "4.0" in row_a0001
    assert "Complete shortlisting" not in content


# Decisions and completion ----------------------------------------------------------------


def test_application_decision_shows_the_guaranteed_interview_refusal(client, hiring_manager, closed_vacancy, applications):
    client.force_login(hiring_manager)

    response = client.post(
        _url("application_decision", closed_vacancy, "A0003"), {"outcome": "not_shortlisted", "reason": "Others stronger"}
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert GUARANTEED_INTERVIEW_MESSAGE in content
    assert "Others stronger" in content
    assert ShortlistDecision.objects.count() == 0


def test_application_decision_saves_the_decision_and_an_event(client, hiring_manager, closed_vacancy, applications):
    client.force_login(hiring_manager)

    response = client.post(_url("application_decision", closed_vacancy, "A0003"), {"outcome": "reserve", "reason": " Close second "})

    assert response.status_code == 302
    assert response.url == _url("panel_overview", closed_vacancy)
    decision = ShortlistDecision.objects.get()
    assert (decision.application_id, decision.outcome, decision.reason, decision.decided_by_id) == (
        applications[2].pk, "reserve", "Close second", hiring_manager.pk
    )
    event = ShortlistingEvent.objects.get(kind=ShortlistingEvent.Kind.DECISION)
    assert event.detail == {"outcome": "reserve", "reason": "Close second"}


def test_application_decision_asks_for_a_reason(client, hiring_manager, closed_vacancy, applications):
    client.force_login(hiring_manager)

    response = client.post(_url("application_decision", closed_vacancy, "A0001"), {"outcome": "shortlist", "reason": "  "})

    assert response.status_code == 200
    assert "Give the reason for the decision" in response.content.decode()
    assert ShortlistDecision.objects.count() == 0


def test_complete_shortlisting_refuses_while_applications_are_undecided(client, hiring_manager, closed_vacancy, applications):
    decide(application_id=applications[0].pk, outcome="shortlist", reason="Strong", actor=hiring_manager)
    client.force_login(hiring_manager)

    response = client.post(_url("complete_shortlisting", closed_vacancy))

    assert response.status_code == 200
    assert (
        "Decide every application before completing the shortlist. Still to decide: A0002, A0003, A0004, A0005."
        in response.content.decode()
    )
    closed_vacancy.refresh_from_db()
    assert closed_vacancy.status == Vacancy.Status.CLOSED


def test_complete_shortlisting_completes_and_redirects(client, hiring_manager, closed_vacancy, applications, mailoutbox):
    for application, outcome in zip(applications, ["shortlist", "not_shortlisted", "shortlist", "reserve", "not_shortlisted"]):
        decide(application_id=application.pk, outcome=outcome, reason="Scored", actor=hiring_manager)
    Vacancy.objects.filter(pk=closed_vacancy.pk).update(status=Vacancy.Status.SHORTLISTING)
    client.force_login(hiring_manager)

    response = client.post(_url("complete_shortlisting", closed_vacancy))

    assert response.status_code == 302
    assert response.url == _url("panel_overview", closed_vacancy)
    closed_vacancy.refresh_from_db()
    assert closed_vacancy.status == Vacancy.Status.INTERVIEWING
    statuses = list(Application.objects.filter(vacancy=closed_vacancy).order_by("anonymous_number").values_list("status", flat=True))
    assert statuses == ["shortlisted", "not_shortlisted", "shortlisted", "reserve", "not_shortlisted"]


# The CSV ----------------------------------------------------------------------------------


def _csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_panel_overview_csv_lists_codes_totals_and_decisions(client, panel_member, hiring_manager, closed_vacancy, applications, criteria):
    _score(applications[0], criteria, panel_member, {"registration": 3, "experience": 2})
    decide(application_id=applications[0].pk, outcome="shortlist", reason="Strong", actor=hiring_manager)
    client.force_login(panel_member)

    response = client.get(_url("panel_overview_csv", closed_vacancy))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="panel-overview-{closed_vacancy.reference}.csv"'
    rows = _csv_rows(response)
    assert rows[0] == ["Application", "Harry Manager", "Penny Panel", "Mean", "Essential criteria met",
                       "Guaranteed interview", "Discuss", "Decision", "Reason"]
    assert rows[1] == ["A0001", "", "5", "5.0", "Yes", "No", "No", "Shortlist", "Strong"]
    assert rows[3] == ["A0003", "", "", "", "Yes", "Yes", "No", "", ""]
    assert len(rows) == 6


def test_panel_overview_csv_names_the_shortlisted_to_the_hiring_manager_and_panel_after_completion(
    client, hiring_manager, panel_member, recruiter, closed_vacancy, applications, mailoutbox
):
    for application, outcome in zip(applications, ["shortlist", "not_shortlisted", "shortlist", "reserve", "not_shortlisted"]):
        decide(application_id=application.pk, outcome=outcome, reason="Scored", actor=hiring_manager)
    Vacancy.objects.filter(pk=closed_vacancy.pk).update(status=Vacancy.Status.SHORTLISTING)
    complete_shortlisting(vacancy_id=closed_vacancy.pk, actor=hiring_manager)

    client.force_login(hiring_manager)
    manager_rows = _csv_rows(client.get(_url("panel_overview_csv", closed_vacancy)))
    client.force_login(panel_member)
    panel_rows = _csv_rows(client.get(_url("panel_overview_csv", closed_vacancy)))
    client.force_login(recruiter)
    recruiter_rows = _csv_rows(client.get(_url("panel_overview_csv", closed_vacancy)))

    assert manager_rows[0][:2] == ["Application", "Name"]
    assert [row[:2] for row in manager_rows[1:]] == [["A0001", applications[0].candidate.full_name], ["A0002", ""],
                                                     ["A0003", applications[2].candidate.full_name], ["A0004", ""], ["A0005", ""]]
    assert [row[:2] for row in panel_rows] == [row[:2] for row in manager_rows]
    assert recruiter_rows[0][1] != "Name"
    assert all(applications[0].candidate.full_name not in ",".join(row) for row in recruiter_rows)


# Revealing the shortlisted to the hiring manager ------------------------------------------


def _complete(hiring_manager, vacancy, applications, outcomes):
    for application, outcome in zip(applications, outcomes):
        decide(application_id=application.pk, outcome=outcome, reason="Scored", actor=hiring_manager)
    Vacancy.objects.filter(pk=vacancy.pk).update(status=Vacancy.Status.SHORTLISTING)
    complete_shortlisting(vacancy_id=vacancy.pk, actor=hiring_manager)


def test_panel_overview_names_only_the_shortlisted_and_only_to_the_hiring_manager_and_panel_after_completion(
    client, hiring_manager, panel_member, recruiter, closed_vacancy, applications, mailoutbox
):
    names = [application.candidate.get_full_name() for application in applications]
    client.force_login(hiring_manager)
    before = client.get(_url("panel_overview", closed_vacancy)).content.decode()
    assert not any(name in before for name in names)
    assert ">Name</th>" not in before

    _complete(hiring_manager, closed_vacancy, applications,
              ["shortlist", "not_shortlisted", "shortlist", "reserve", "not_shortlisted"])

    response = client.get(_url("panel_overview", closed_vacancy))
    content = response.content.decode()
    assert response.context["reveal"] is True
    assert ">Name</th>" in content
    assert [getattr(row, "name", None) for row in response.context["rows"]] == [names[0], "", names[2], "", ""]
    assert names[0] in content.split('id="row-A0001"')[1].split("</tr>")[0]
    assert names[2] in content.split('id="row-A0003"')[1].split("</tr>")[0]
    assert not any(name in content for name in (names[1], names[3], names[4]))
    client.force_login(panel_member)
    panel = client.get(_url("panel_overview", closed_vacancy))
    assert [getattr(row, "name", None) for row in panel.context["rows"]] == [names[0], "", names[2], "", ""]
    assert not any(name in panel.content.decode() for name in (names[1], names[3], names[4]))
    client.force_login(recruiter)
    other = client.get(_url("panel_overview", closed_vacancy))
    assert other.status_code == 200
    assert other.context["reveal"] is False
    assert not any(name in other.content.decode() for name in names)


# The overview's queries ---------------------------------------------------------------------

# The session, the user, memberships, the vacancy, the essential criteria, the
# applications, the scores, the members, the reveal event and the messages:
# whatever the number of applications.
OVERVIEW_QUERIES = 12


def _overview_queries(client, vacancy, django_assert_max_num_queries):
    with django_assert_max_num_queries(OVERVIEW_QUERIES) as queries:
        response = client.get(_url("panel_overview", vacancy))
    assert response.status_code == 200
    return len(queries)


def test_panel_overview_runs_the_same_queries_for_5_and_200_applications(
    client, hiring_manager, panel_member, closed_vacancy, criteria, django_assert_max_num_queries
):
    few_applications = make_applications(closed_vacancy, 5)
    _score(few_applications[0], criteria, panel_member, {"registration": 3, "experience": 0})
    decide(application_id=few_applications[1].pk, outcome="shortlist", reason="Strong", actor=hiring_manager)
    client.force_login(hiring_manager)
    few = _overview_queries(client, closed_vacancy, django_assert_max_num_queries)
    many_applications = make_applications(closed_vacancy, 195, start=6)
    _score(many_applications[-1], criteria, hiring_manager, {"registration": 1, "news2": 2})
    decide(application_id=many_applications[-1].pk, outcome="reserve", reason="Close", actor=hiring_manager)

    many = _overview_queries(client, closed_vacancy, django_assert_max_num_queries)

    assert few == many


# The panel page -------------------------------------------------------------------------------


@pytest.fixture
def colleague(trust_a):
    return MembershipFactory(
        organisation=trust_a, role=Membership.Role.HIRING_MANAGER, user__full_name="Colin Colleague"
    ).user


@pytest.mark.parametrize("who", ["recruiter", "hiring_manager"])
def test_panel_members_page_lists_the_panel_and_offers_only_the_trusts_other_staff(
    client, request, closed_vacancy, panel_member, colleague, other_recruiter, candidate, who
):
    client.force_login(request.getfixturevalue(who))

    response = client.get(_url("panel_members", closed_vacancy))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Penny Panel" in content.split('id="panel-members"')[1].split("</table>")[0]
    offered = set(response.context["form"].fields["user"].queryset)
    assert colleague in offered
    assert panel_member not in offered
    assert other_recruiter not in offered and candidate not in offered


@pytest.mark.parametrize("who", ["recruiter", "hiring_manager"])
def test_panel_members_page_adds_a_member_of_staff_with_an_event(client, request, closed_vacancy, colleague, who):
    actor = request.getfixturevalue(who)
    client.force_login(actor)

    response = client.post(_url("panel_member_add", closed_vacancy), {"user": colleague.pk})

    assert response.status_code == 302
    assert response.url == _url("panel_members", closed_vacancy)
    assert closed_vacancy.panel_members.filter(pk=colleague.pk).exists()
    event = ShortlistingEvent.objects.get()
    assert (event.kind, event.actor_id, event.detail) == ("assign", actor.pk, {"panel_member": colleague.pk})
    assert "Colin Colleague is on the panel." in client.get(response.url).content.decode()


def test_panel_members_page_posts_adding_and_removing_to_their_own_urls(client, recruiter, closed_vacancy, panel_member):
    client.force_login(recruiter)

    content = client.get(_url("panel_members", closed_vacancy)).content.decode()

    assert f'action="{_url("panel_member_add", closed_vacancy)}"' in content
    assert f'action="{_url("panel_member_remove", closed_vacancy, user_id=panel_member.pk)}"' in content
    assert 'name="remove"' not in content


def test_panel_members_urls_take_only_their_own_method(client, recruiter, closed_vacancy, panel_member, colleague):
    client.force_login(recruiter)

    assert client.post(_url("panel_members", closed_vacancy), {"user": colleague.pk}).status_code == 405
    assert client.get(_url("panel_member_add", closed_vacancy)).status_code == 405
    assert client.get(_url("panel_member_remove", closed_vacancy, user_id=panel_member.pk)).status_code == 405
    assert list(closed_vacancy.panel_members.all()) == [panel_member]
    assert ShortlistingEvent.objects.count() == 0


def test_panel_members_page_refuses_staff_of_another_trust(client, recruiter, closed_vacancy, other_recruiter):
    client.force_login(recruiter)

    response = client.post(_url("panel_member_add", closed_vacancy), {"user": other_recruiter.pk})

    assert response.status_code == 200
    assert "Choose a member of staff of the trust who is not on the panel" in response.content.decode()
    assert not closed_vacancy.panel_members.filter(pk=other_recruiter.pk).exists()
    assert ShortlistingEvent.objects.count() == 0


@pytest.mark.parametrize("who", ["recruiter", "hiring_manager"])
def test_panel_members_page_removes_a_member_with_an_event(client, request, closed_vacancy, panel_member, who):
    actor = request.getfixturevalue(who)
    client.force_login(actor)

    response = client.post(_url("panel_member_remove", closed_vacancy, user_id=panel_member.pk))

    assert response.status_code == 302
    assert response.url == _url("panel_members", closed_vacancy)
    assert not closed_vacancy.panel_members.filter(pk=panel_member.pk).exists()
    event = ShortlistingEvent.objects.get()
    assert (event.kind, event.actor_id, event.detail) == ("remove", actor.pk, {"panel_member": panel_member.pk})


def test_panel_members_page_is_not_found_when_removing_someone_not_on_the_panel(client, recruiter, closed_vacancy, colleague):
    client.force_login(recruiter)

    assert client.post(_url("panel_member_remove", closed_vacancy, user_id=colleague.pk)).status_code == 404
    assert client.post(_url("panel_member_remove", closed_vacancy, user_id=999999)).status_code == 404
    assert client.post(_url("panel_members", closed_vacancy) + "x/remove/").status_code == 404
    assert ShortlistingEvent.objects.count() == 0


def test_panel_member_remove_says_so_when_someone_else_removed_them_first(
    client, recruiter, closed_vacancy, panel_member, monkeypatch
):
    real_remove = scoring.remove_panel_member

    def removed_meanwhile(**kwargs):
        # Another recruiter's removal commits between this page's lookup and its lock.
        closed_vacancy.panel_members.remove(panel_member)
        return real_remove(**kwargs)

    monkeypatch.setattr(scoring, "remove_panel_member", removed_meanwhile)
    client.force_login(recruiter)

    response = client.post(_url("panel_member_remove", closed_vacancy, user_id=panel_member.pk), follow=True)

    assert response.redirect_chain == [(_url("panel_members", closed_vacancy), 302)]
    assert f"{panel_member} is not on the panel." in response.content.decode()
    assert ShortlistingEvent.objects.count() == 0


def test_panel_members_page_is_not_found_for_a_panel_member(client, panel_member, closed_vacancy, colleague):
    client.force_login(panel_member)

    assert client.get(_url("panel_members", closed_vacancy)).status_code == 404
    assert client.post(_url("panel_member_add", closed_vacancy), {"user": colleague.pk}).status_code == 404
    assert client.post(_url("panel_member_remove", closed_vacancy, user_id=panel_member.pk)).status_code == 404
    assert list(closed_vacancy.panel_members.all()) == [panel_member]
    assert ShortlistingEvent.objects.count() == 0


@pytest.mark.parametrize(("who", "linked"), [("recruiter", True), ("hiring_manager", True), ("panel_member", False)])
def test_vacancy_page_links_to_the_panel_page_for_those_who_choose_the_panel(client, request, closed_vacancy, who, linked):
    # The shortlisting links are on the page of a vacancy that was published.
    Vacancy.objects.filter(pk=closed_vacancy.pk).update(published_at=closed_vacancy.closing_at)
    client.force_login(request.getfixturevalue(who))

    content = client.get(reverse("manage:vacancy_detail", kwargs={"reference": closed_vacancy.reference})).content.decode()

    assert (f'href="{_url("panel_members", closed_vacancy)}"' in content) is linked
