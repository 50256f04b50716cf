from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from withness.care import selectors, services
from withness.care.models import QuestionnaireAnswer
from withness.care.questionnaires import UCLA3, WHO5

pytestmark = pytest.mark.django_db

INDEX = reverse("care:questionnaires")
WHO5_URL = reverse("care:questionnaire", args=["who5"])
UCLA3_URL = reverse("care:questionnaire", args=["ucla3"])


def answers(values):
    return {f"item_{n}": str(v) for n, v in enumerate(values, 1)}


def test_who5_scores_from_0_to_100():
    assert WHO5.score([0] * 5) == 0
    assert WHO5.score([5] * 5) == 100
    assert WHO5.score([3, 3, 2, 4, 1]) == 52


def test_the_loneliness_scale_scores_from_3_to_9():
    assert UCLA3.score([1, 1, 1]) == 3
    assert UCLA3.score([3, 3, 3]) == 9


def test_taking_who5_saves_the_answers_and_score(owner_client, owner):
    response = owner_client.post(WHO5_URL, answers([3, 3, 2, 4, 1]))

    assert response.status_code == 302
    saved = QuestionnaireAnswer.objects.for_user(owner).get()
    assert (saved.instrument, saved.answers, saved.score) == ("who5", [3, 3, 2, 4, 1], 52)
    assert saved.answered_on == owner.today()


def test_taking_the_loneliness_scale_saves_its_score(owner_client, owner):
    owner_client.post(UCLA3_URL, answers([2, 3, 1]))

    assert QuestionnaireAnswer.objects.for_user(owner).get().score == 6


def test_a_skipped_item_gets_a_clear_message_and_nothing_is_saved(owner_client, owner):
    response = owner_client.post(WHO5_URL, answers([3, 3, 2, 4]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Choose the answer that fits best, even roughly." in html
    assert not QuestionnaireAnswer.objects.filter(owner=owner).exists()


@pytest.mark.parametrize("junk", ["6", "-1", "x", "9999999999999999999"])
def test_an_answer_outside_the_scale_is_refused_with_a_message(owner_client, owner, junk):
    response = owner_client.post(UCLA3_URL, {"item_1": "1", "item_2": "1", "item_3": junk})

    assert "Choose one of the answers listed." in response.content.decode()
    assert not QuestionnaireAnswer.objects.filter(owner=owner).exists()


def test_an_unknown_questionnaire_is_404(owner_client):
    assert owner_client.get("/care/questionnaires/phq9/").status_code == 404
    assert owner_client.get("/care/questionnaires/phq9/chart.svg").status_code == 404


def test_each_page_shows_its_source_and_attribution(owner_client):
    who5 = owner_client.get(WHO5_URL).content.decode()
    ucla = owner_client.get(UCLA3_URL).content.decode()
    index = owner_client.get(INDEX).content.decode()

    assert "Psychiatric Research Unit, Mental Health Centre North Zealand" in who5
    assert "Hughes et al. (2004)" in ucla
    assert "Research on Aging" in index and "DepCare" in index
    assert "not a diagnosis" in index
    assert "often find it helpful to talk with someone" in index


def test_scores_show_as_a_chart_with_a_table_of_the_same_numbers(owner_client, owner):
    services.questionnaire_answer(user=owner, questionnaire=WHO5, answers=[3, 3, 2, 4, 1])
    services.questionnaire_answer(user=owner, questionnaire=WHO5, answers=[4, 4, 3, 4, 3])

    html = owner_client.get(INDEX).content.decode()
    chart = owner_client.get(reverse("care:questionnaire_chart", args=["who5"]))

    assert f'src="{reverse("care:questionnaire_chart", args=["who5"])}"' in html
    assert "<td>52</td>" in html and "<td>72</td>" in html
    assert chart["Content-Type"] == "image/svg+xml"
    ElementTree.fromstring(chart.content)  # well-formed SVG


def test_scores_are_never_shown_to_someone_else(owner, outsider_client):
    services.questionnaire_answer(user=owner, questionnaire=WHO5, answers=[1, 1, 1, 1, 1])

    html = outsider_client.get(INDEX).content.decode()

    assert "<td>20</td>" not in html
    assert "No answers yet" in html


def test_questionnaires_are_off_on_home_until_turned_on(owner_client, owner):
    home = owner_client.get(reverse("journal:home")).content.decode()
    assert "A short check-in, if you like" not in home
    assert services.preferences_for(owner).questionnaire_every_days == 14

    owner_client.post(
        reverse("care:preferences"),
        {"drift_note_on": "on", "questionnaires_on": "on", "questionnaire_every_days": "14"},
    )

    home = owner_client.get(reverse("journal:home")).content.decode()
    assert "A short check-in, if you like" in home
    assert WHO5_URL in home and UCLA3_URL in home


def test_settings_say_the_questionnaires_are_off_only_while_they_are(owner_client):
    settings_page = reverse("accounts:settings")
    off = "The questionnaires stay off until you turn them on."

    assert off in owner_client.get(settings_page).content.decode()

    owner_client.post(
        reverse("care:preferences"), {"questionnaires_on": "on", "questionnaire_every_days": "14"}
    )

    html = owner_client.get(settings_page).content.decode()
    assert off not in html
    assert "You can turn the questionnaires off again whenever you like." in html


def test_a_questionnaire_is_offered_again_only_after_the_chosen_gap(owner):
    preferences = services.preferences_save(user=owner, questionnaires_on=True)
    services.questionnaire_answer(user=owner, questionnaire=WHO5, answers=[3] * 5)
    today = owner.today()

    assert selectors.questionnaires_due(owner, preferences, today) == [UCLA3]
    assert selectors.questionnaires_due(owner, preferences, today + timedelta(days=13)) == [UCLA3]
    assert WHO5 in selectors.questionnaires_due(owner, preferences, today + timedelta(days=14))


def test_a_cadence_not_on_the_list_gets_a_message(owner_client, owner):
    response = owner_client.post(
        reverse("care:preferences"), {"questionnaires_on": "on", "questionnaire_every_days": "1"}
    )

    assert response.status_code == 302
    assert services.preferences_for(owner).pk is None
    messages = [str(m) for m in response.wsgi_request._messages]
    assert "Choose every week, two weeks or four weeks." in messages[0]


def test_the_page_points_to_the_safety_plan_without_repeating_the_footer(owner_client):
    html = owner_client.get(INDEX).content.decode()

    # The footer already says Help now lists people you can reach; say it once.
    assert html.count("lists people you can reach") == 1
    assert "has your own steps for a hard moment" in html
    assert f'href="{reverse("care:safety_plan")}"' in html
