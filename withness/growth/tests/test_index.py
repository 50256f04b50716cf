import re

from django.urls import reverse

from withness.testing.factories import PersonFactory

from .factories import BeliefFactory, ReflectionFactory, ShareFactory


def _cards(body):
    return re.findall(r'<section class="card growth-tool".*?</section>', body, re.S)


def test_every_tool_card_has_a_sentence_and_one_outlined_button(owner_client):
    body = owner_client.get(reverse("growth:index")).content.decode()
    cards = _cards(body)
    assert len(cards) == 6
    for card in cards:
        assert card.count("<h2") == 1 and card.count("<p>") >= 2
        assert card.count('class="button button-small button-quiet"') == 1
        assert card.count("<a ") == 1
    assert "Micro-sharing" not in body and "evidence" not in body.lower()


def test_with_entries_each_card_still_has_one_button(owner_client, owner):
    sam = PersonFactory(owner=owner, name="Sam", is_safe_person=True)
    ShareFactory(owner=owner, person=sam)
    BeliefFactory(owner=owner)
    ReflectionFactory(owner=owner)
    body = owner_client.get(reverse("growth:index")).content.decode()
    for card in _cards(body):
        assert card.count('class="button button-small button-quiet"') == 1
    assert "Add another safe person" in body and "Your beliefs" in body
