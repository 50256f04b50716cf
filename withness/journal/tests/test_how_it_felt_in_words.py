"""How an entry felt, said in words: no bare "(+4)" in a list, numbers only with their scale."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from withness.journal.titles import change_words
from withness.testing.factories import InteractionFactory, PersonFactory, SolitudeFactory

HISTORY = reverse("journal:history")


def seen(html: str) -> str:
    """The page's text as a sighted reader sees it: no tags, no text kept for screen readers."""
    html = re.sub(r'<span class="visually-hidden">.*?</span>', "", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def rows(client) -> str:
    return seen(client.get(HISTORY).content.decode())


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (None, ""),
        (0, "about as pleasant after"),
        (0.5, "a little more pleasant after"),
        (-1, "a little less pleasant after"),
        (2, "more pleasant after"),
        (-2.5, "less pleasant after"),
        (3, "much more pleasant after"),
        (-4, "much less pleasant after"),
    ],
)
def test_a_change_in_pleasantness_is_said_in_words(change, words):
    assert change_words(change) == words


def test_a_row_says_how_much_more_pleasant_instead_of_a_number(owner_client, owner):
    sam = PersonFactory(owner=owner, name="Sam")
    InteractionFactory(
        owner=owner,
        people=[sam],
        mode="call",
        before_pleasant=-2,
        before_energy=7,
        after_pleasant=2,
        after_energy=4,
    )
    text = rows(owner_client)
    assert "Call · revved up / on guard → settled and open, much more pleasant after" in text
    assert "(+4)" not in text


def test_the_same_words_twice_say_what_changed_without_contradiction(owner_client, owner):
    InteractionFactory(
        owner=owner, before_pleasant=1.5, before_energy=5, after_pleasant=2, after_energy=5
    )
    SolitudeFactory(
        owner=owner, before_pleasant=0, before_energy=5, after_pleasant=0, after_energy=5
    )
    text = rows(owner_client)
    assert "settled and open, and a little more pleasant after" in text
    assert "settled and open → settled and open" not in text
    assert "Nature · somewhere in between, before and after · restorative" in text
    assert "(+0.5)" not in text and "(0)" not in text


def test_home_rows_use_the_same_words(owner_client, owner):
    InteractionFactory(
        owner=owner, before_pleasant=2, before_energy=5, after_pleasant=-1, after_energy=5
    )
    text = seen(owner_client.get(reverse("journal:home")).content.decode())
    assert "settled and open → uneasy, much less pleasant after" in text
    assert "(−3)" not in text


def test_a_screen_reader_hears_then_rather_than_an_arrow(owner_client, owner):
    InteractionFactory(owner=owner, before_pleasant=-2, before_energy=7)
    html = owner_client.get(HISTORY).content.decode()
    assert '<span aria-hidden="true">→</span><span class="visually-hidden">then</span>' in html


def test_an_entry_page_gives_the_numbers_with_their_scales(owner_client, owner):
    entry = InteractionFactory(
        owner=owner,
        before_pleasant=-2,
        before_energy=7,
        after_pleasant=2.5,
        after_energy=4,
        started_at=timezone.now() - timedelta(hours=1),
    )
    url = reverse("journal:entry_detail", args=["interaction", entry.pk])
    text = seen(owner_client.get(url).content.decode())
    assert "Before revved up / on guard pleasantness −2 (−5 to +5), energy 7 (0 to 10)" in text
    assert "After settled and open pleasantness +2.5 (−5 to +5), energy 4 (0 to 10)" in text
    assert "Change Much more pleasant after" in text
    assert "(pleasant" not in text


def test_an_after_still_to_come_shows_no_change(owner_client, owner):
    entry = InteractionFactory(owner=owner, after_pleasant=None, after_energy=None)
    url = reverse("journal:entry_detail", args=["interaction", entry.pk])
    text = seen(owner_client.get(url).content.decode())
    assert "After still to come" in text and "Change" not in text
