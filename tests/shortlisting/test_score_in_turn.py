"""Scoring applications one after another ("Save and score the next
application"), and the score page before the vacancy closes: the grid to
read, not to fill in."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from shortlisting.models import Score, ShortlistingEvent
from shortlisting.scoring import record_score
from vacancies.models import Vacancy

pytestmark = pytest.mark.django_db


def _url(name, vacancy, code=None):
    kwargs = {"reference": vacancy.reference}
    if code is not None:
        kwargs["code"] = code
    return reverse(f"shortlisting:{name}", kwargs=kwargs)


def _messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def _score_fully(application, criteria, member, value=2):
    for name in ("registration", "mentorship", "experience", "news2"):
        record_score(application_id=application.pk, criterion_id=criteria[name].pk, panel_member=member, score=value)


# Save and score the next application ------------------------------------------------------


def test_application_score_offers_to_save_and_score_the_next_application(
    client, panel_member, closed_vacancy, applications, criteria
):
    client.force_login(panel_member)

    content = client.get(_url("application_score", closed_vacancy, "A0002")).content.decode()

    assert (
        f'<button type="submit" class="nhsuk-button nhsuk-button--secondary" data-module="nhsuk-button" '
        f'formaction="{_url("application_score_next", closed_vacancy, "A0002")}">'
        "Save and score the next application</button>"
    ) in content
    assert ">Save scores</button>" in content


def test_application_score_next_saves_and_goes_to_the_next_application_not_fully_scored(
    client, panel_member, second_panel_member, closed_vacancy, applications, criteria
):
    _score_fully(applications[2], criteria, panel_member)  # A0003: done
    record_score(  # A0004: one of four
        application_id=applications[3].pk, criterion_id=criteria["news2"].pk, panel_member=panel_member, score=1
    )
    _score_fully(applications[3], criteria, second_panel_member)  # someone else's scores do not count
    client.force_login(panel_member)

    response = client.post(
        _url("application_score_next", closed_vacancy, "A0002"),
        {f"score_{criteria['registration'].pk}": "3", f"note_{criteria['registration'].pk}": "NMC pin seen"},
    )

    assert response.status_code == 302
    assert response.url == _url("application_score", closed_vacancy, "A0004")
    assert _messages(response) == ["Your scores for A0002 are saved. Next is A0004."]
    assert list(
        Score.objects.filter(application=applications[1]).values_list("panel_member_id", "criterion_id", "score", "note")
    ) == [(panel_member.pk, criteria["registration"].pk, 3, "NMC pin seen")]
    assert ShortlistingEvent.objects.filter(application=applications[1], kind=ShortlistingEvent.Kind.SCORE).count() == 1


def test_application_score_next_goes_back_to_an_earlier_application_left_unscored(
    client, panel_member, closed_vacancy, applications, criteria
):
    for application in (applications[0], applications[2], applications[3]):
        _score_fully(application, criteria, panel_member)
    client.force_login(panel_member)

    response = client.post(_url("application_score_next", closed_vacancy, "A0005"), {f"score_{criteria['news2'].pk}": "1"})

    assert response.url == _url("application_score", closed_vacancy, "A0002")
    assert _messages(response) == ["Your scores for A0005 are saved. Next is A0002."]


def test_application_score_next_goes_to_the_list_when_every_application_is_scored(
    client, panel_member, closed_vacancy, applications, criteria
):
    for application in applications[:4]:
        _score_fully(application, criteria, panel_member)
    client.force_login(panel_member)
    data = {f"score_{criteria[name].pk}": "2" for name in ("registration", "mentorship", "experience", "news2")}

    response = client.post(_url("application_score_next", closed_vacancy, "A0005"), data)

    assert response.url == _url("application_list", closed_vacancy)
    assert _messages(response) == ["Your scores for A0005 are saved. You have scored every application."]
    assert Score.objects.filter(panel_member=panel_member).count() == 20


def test_application_score_next_goes_to_the_list_when_only_this_application_is_left(
    client, panel_member, closed_vacancy, applications, criteria
):
    for application in applications[:4]:
        _score_fully(application, criteria, panel_member)
    client.force_login(panel_member)

    response = client.post(_url("application_score_next", closed_vacancy, "A0005"), {f"score_{criteria['news2'].pk}": "0"})

    assert response.url == _url("application_list", closed_vacancy)
    assert _messages(response) == [
        "Your scores for A0005 are saved. Every other application is scored; this one still has criteria to score."
    ]
    assert Score.objects.get(application=applications[4]).score == 0


def test_application_score_next_shows_errors_and_saves_nothing(client, panel_member, closed_vacancy, applications, criteria):
    client.force_login(panel_member)

    response = client.post(
        _url("application_score_next", closed_vacancy, "A0001"),
        {f"score_{criteria['registration'].pk}": "4", f"note_{criteria['news2'].pk}": "Knows NEWS2"},
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert "Choose a score from 0 to 3" in content
    assert "Choose a score for this criterion, or remove its note" in content
    assert "Knows NEWS2" in content
    assert Score.objects.count() == 0


def test_application_score_next_is_not_allowed_by_get(client, panel_member, closed_vacancy, applications):
    client.force_login(panel_member)

    response = client.get(_url("application_score_next", closed_vacancy, "A0001"))

    assert response.status_code == 405
    assert Score.objects.count() == 0


# Before the vacancy closes: the grid to read -------------------------------------------------


@pytest.fixture
def published_vacancy(vacancy):
    Vacancy.objects.filter(pk=vacancy.pk).update(status=Vacancy.Status.PUBLISHED)
    vacancy.refresh_from_db()
    return vacancy


def test_application_score_shows_the_grid_read_only_until_the_vacancy_closes(
    client, panel_member, published_vacancy, applications, criteria
):
    client.force_login(panel_member)

    response = client.get(_url("application_score", published_vacancy, "A0001"))

    content = response.content.decode()
    assert "Scoring opens when the vacancy closes." in content
    assert 'name="score_' not in content and 'name="note_' not in content
    assert "Save scores" not in content and "Save and score the next application" not in content
    # The criteria to read beforehand, each not scored yet.
    assert response.context["read_only_rows"] == [
        (criteria[name], None, "") for name in ("registration", "mentorship", "experience", "news2")
    ]
    assert content.count("Not scored yet") == 4
    assert criteria["calm"].text not in content


@pytest.mark.parametrize("name", ["application_score", "application_score_next"])
def test_application_score_refuses_scores_until_the_vacancy_closes(
    client, panel_member, published_vacancy, applications, criteria, name
):
    client.force_login(panel_member)

    response = client.post(_url(name, published_vacancy, "A0001"), {f"score_{criteria['news2'].pk}": "2"})

    assert response.status_code == 200
    content = response.content.decode()
    assert "Shortlisting is not open: the vacancy is published." in content
    assert "Scoring opens when the vacancy closes." in content
    assert Score.objects.count() == 0
    published_vacancy.refresh_from_db()
    assert published_vacancy.status == Vacancy.Status.PUBLISHED


def test_application_score_shows_the_members_scores_read_only_once_shortlisting_is_complete(
    client, panel_member, closed_vacancy, applications, criteria
):
    record_score(
        application_id=applications[0].pk, criterion_id=criteria["news2"].pk, panel_member=panel_member, score=3,
        note="Led the NEWS2 audit",
    )
    Vacancy.objects.filter(pk=closed_vacancy.pk).update(status=Vacancy.Status.INTERVIEWING)
    client.force_login(panel_member)

    response = client.get(_url("application_score", closed_vacancy, "A0001"))

    content = response.content.decode()
    assert "Scoring has ended: the vacancy is interviewing." in content
    assert 'name="score_' not in content and "Save scores" not in content
    assert response.context["read_only_rows"][3][1].score == 3
    assert "3 – exceeded" in content and "Led the NEWS2 audit" in content
    assert content.count("Not scored yet") == 3
