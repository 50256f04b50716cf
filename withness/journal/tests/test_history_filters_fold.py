"""History's filters fold away until used, so a phone shows entries on its first screen."""

import re

from django.urls import reverse

from withness.testing.factories import SolitudeFactory

HISTORY = reverse("journal:history")


def filters(client, **query) -> str:
    html = client.get(HISTORY, query).content.decode()
    return re.search(r'<details class="card filters"[^>]*>', html).group(0)


def test_the_filters_are_folded_until_one_is_on(owner_client, owner):
    SolitudeFactory(owner=owner)
    assert "open" not in filters(owner_client)
    assert "open" not in filters(owner_client, page="1")
    assert "open" in filters(owner_client, words="garden")
    assert "open" in filters(owner_client, kind="solitude")
    assert "open" in filters(owner_client, start="2026-03-01")


def test_the_filters_open_to_show_a_mistake(owner_client):
    assert "open" in filters(owner_client, start="2026-05-02", end="2026-05-01")
    assert "open" in filters(owner_client, start="not a date")


def test_the_folded_form_still_updates_the_list_as_it_changes(owner_client):
    html = owner_client.get(HISTORY).content.decode()
    summary = html.index("<summary>Filter</summary>")
    form = html.index('hx-trigger="change, submit"')
    assert summary < form < html.index("</details>")
    assert 'hx-sync="this:replace"' in html and 'hx-target="#timeline"' in html
