"""Supporting information: up to 1,500 words, beside the criteria the panel assesses from the application."""

from candidates.models import Section, SectionProgress, SupportingInformation
from tests.factories import CriterionFactory


def post(client, application, text, complete="True"):
    return client.post(
        f"/applications/{application.pk}/supporting-information/", {"text": text, "section_complete": complete}
    )


def test_supporting_information_of_1500_words_is_saved(candidate_client, draft):
    text = " ".join(["care"] * 1500)

    response = post(candidate_client, draft, text)

    assert response.status_code == 302
    assert SupportingInformation.objects.get(application=draft).text == text


def test_supporting_information_over_1500_words_is_refused_and_kept_on_the_page(candidate_client, draft):
    text = " ".join(["care"] * 1501)

    response = post(candidate_client, draft, text)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Supporting information must be 1,500 words or fewer. You have 1,501 words" in html
    assert text in html
    assert not SupportingInformation.objects.exists()


def test_supporting_information_over_the_word_limit_cannot_be_saved_for_later_either(candidate_client, draft):
    response = post(candidate_client, draft, " ".join(["care"] * 1600), complete="False")

    assert "Supporting information must be 1,500 words or fewer. You have 1,600 words" in response.content.decode()


def test_supporting_information_of_too_many_characters_is_refused(candidate_client, draft):
    response = post(candidate_client, draft, "a" * 20_001)

    assert "Supporting information must be 20,000 characters or fewer" in response.content.decode()


def test_supporting_information_empty_can_be_saved_for_later_but_not_completed(candidate_client, draft):
    refused = post(candidate_client, draft, "")
    saved = post(candidate_client, draft, "", complete="False")

    assert "Enter your supporting information" in refused.content.decode()
    assert saved.status_code == 302
    assert SectionProgress.objects.get(application=draft, section=Section.SUPPORTING_INFORMATION).completed_at is None


def test_supporting_information_shows_the_criteria_assessed_by_application(candidate_client, draft, vacancy):
    CriterionFactory(vacancy=vacancy, text="NMC registration", order=1)
    CriterionFactory(vacancy=vacancy, text="Leads a team calmly", is_essential=False, order=2)
    CriterionFactory(
        vacancy=vacancy, text="Presentation on safe staffing", order=3,
        assessed_at_application=False, assessed_at_interview=True,
    )

    response = candidate_client.get(f"/applications/{draft.pk}/supporting-information/")

    html = response.content.decode()
    assert [c.text for c in response.context["criteria"]] == ["NMC registration", "Leads a team calmly"]
    assert "Presentation on safe staffing" not in html
    assert 'data-maxlength="1500" data-count-type="words"' in html
    assert "You can enter up to 1,500 words" in html


def test_supporting_information_stores_script_and_shows_it_escaped(candidate_client, draft):
    post(candidate_client, draft, "I <script>alert('x')</script> care")

    assert SupportingInformation.objects.get().text == "I <script>alert('x')</script> care"
    html = candidate_client.get(f"/applications/{draft.pk}/check-your-answers/").content.decode()
    assert "I &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; care" in html
    assert "<script>alert" not in html
