from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils.html import escape

from withness.growth.models import PromptSetAside, Reflection
from withness.growth.prompts import PROMPTS
from withness.testing.factories import SolitudeFactory

from .factories import ReflectionFactory

START = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
OFFER = "Something to wonder about"


def test_there_are_about_twenty_distinct_prompts():
    assert 18 <= len(PROMPTS) <= 25
    assert len(set(PROMPTS.values())) == len(PROMPTS)
    assert all(text.endswith("?") for text in PROMPTS.values())


def test_an_answer_is_saved_with_its_prompt_and_the_day(owner_client, owner):
    with time_machine.travel(START, tick=False):
        response = owner_client.post(
            reverse("growth:reflection_new", args=["most-yourself"]),
            {"answer": "On walks with Ana."},
        )
    assert response.status_code == 302
    reflection = Reflection.objects.get()
    assert reflection.owner == owner and reflection.answered_on == START.date()
    assert reflection.prompt_text == PROMPTS["most-yourself"]


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ("", "Write a few words"),
        ("   \n ", "Write a few words"),
        ("x" * 4001, "up to 4,000 characters"),
    ],
)
def test_an_empty_or_overlong_answer_gets_a_specific_message(owner_client, answer, message):
    response = owner_client.post(
        reverse("growth:reflection_new", args=["most-yourself"]), {"answer": answer}
    )
    assert response.status_code == 200
    assert any(message in e for e in response.context["form"].errors["answer"])
    assert not Reflection.objects.exists()


def test_an_unknown_prompt_is_404(owner_client):
    assert owner_client.get(reverse("growth:reflection_new", args=["made-up"])).status_code == 404
    assert (
        owner_client.post(reverse("growth:prompt_set_aside", args=["made-up"])).status_code == 404
    )


def test_answers_can_be_edited_and_keep_their_date(owner_client, owner):
    reflection = ReflectionFactory(owner=owner, answered_on=START.date())
    owner_client.post(
        reverse("growth:reflection_edit", args=[reflection.pk]), {"answer": "Changed"}
    )
    reflection.refresh_from_db()
    assert reflection.answer == "Changed" and reflection.answered_on == START.date()


def test_editing_with_an_empty_answer_changes_nothing(owner_client, owner):
    reflection = ReflectionFactory(owner=owner, answer="Kept")
    response = owner_client.post(
        reverse("growth:reflection_edit", args=[reflection.pk]), {"answer": ""}
    )
    assert response.status_code == 200
    reflection.refresh_from_db()
    assert reflection.answer == "Kept"


def test_answers_are_searchable_by_answer_or_prompt(owner_client, owner):
    ReflectionFactory(owner=owner, answer="Sea swims with Kit")
    ReflectionFactory(
        owner=owner, answer="Quiet evenings", prompt_text="When does time alone help?"
    )
    search = reverse("growth:reflections")
    assert [r.answer for r in owner_client.get(search, {"q": "sea"}).context["reflections"]] == [
        "Sea swims with Kit"
    ]
    assert [r.answer for r in owner_client.get(search, {"q": "alone"}).context["reflections"]] == [
        "Quiet evenings"
    ]
    body = owner_client.get(search, {"q": "mountains"}).content.decode()
    assert "Nothing matches" in body


def test_home_offers_one_prompt_and_not_today_sets_it_aside(owner_client, owner):
    SolitudeFactory.create_batch(3, owner=owner)  # home offers these once a journal is under way
    with time_machine.travel(START, tick=False) as clock:
        body = owner_client.get("/").content.decode()
        assert body.count(OFFER) == 1
        key = next(k for k in PROMPTS if reverse("growth:reflection_new", args=[k]) in body)
        response = owner_client.post(reverse("growth:prompt_set_aside", args=[key]), {"next": "/"})
        assert response["Location"] == "/"
        assert OFFER not in owner_client.get("/").content.decode()
        clock.shift(timedelta(days=1))
        assert OFFER not in owner_client.get("/").content.decode()  # now and then, not daily
        clock.shift(timedelta(days=1))
        body = owner_client.get("/").content.decode()
        assert OFFER in body and reverse("growth:reflection_new", args=[key]) not in body
    assert PromptSetAside.objects.get().owner == owner


def test_after_answering_no_prompt_is_offered_for_a_couple_of_days(owner_client, owner):
    SolitudeFactory.create_batch(3, owner=owner)  # home offers these once a journal is under way
    with time_machine.travel(START, tick=False) as clock:
        owner_client.post(
            reverse("growth:reflection_new", args=["most-yourself"]), {"answer": "Here"}
        )
        assert OFFER not in owner_client.get("/").content.decode()
        clock.shift(timedelta(days=2))
        body = owner_client.get("/").content.decode()
        assert OFFER in body
        assert reverse("growth:reflection_new", args=["most-yourself"]) not in body


def test_search_is_offered_only_once_there_are_five_answers(owner_client, owner):
    page = reverse("growth:reflections")
    ReflectionFactory.create_batch(4, owner=owner)
    assert 'role="search"' not in owner_client.get(page).content.decode()
    ReflectionFactory(owner=owner)
    assert 'role="search"' in owner_client.get(page).content.decode()


def test_a_search_in_progress_keeps_its_box_even_with_few_answers(owner_client, owner):
    ReflectionFactory(owner=owner)
    body = owner_client.get(reverse("growth:reflections"), {"q": "sea"}).content.decode()
    assert 'role="search"' in body


def test_a_few_prompts_show_and_the_rest_are_folded(owner_client):
    body = owner_client.get(reverse("growth:reflections")).content.decode()
    shown, folded = body.split('<details class="more card growth-prompts-more">')
    texts = [escape(text) for text in PROMPTS.values()]
    assert all(text in shown for text in texts[:5])
    assert all(text in folded and text not in shown for text in texts[5:])
    assert f"{len(PROMPTS) - 5} more questions" in folded
