"""Two tabs open on one entry: the second save is told, and nothing is silently overwritten."""

import pytest

from withness.journal.entries import STALE_MESSAGE
from withness.journal.models import CheckIn, Interaction, Solitude
from withness.testing.factories import (
    CheckInFactory,
    InteractionFactory,
    PersonFactory,
    SolitudeFactory,
)

from .forms_in_pages import form_data


@pytest.mark.parametrize(
    ("factory", "model", "url"),
    [
        (InteractionFactory, Interaction, "/entries/interaction/{pk}/edit/"),
        (SolitudeFactory, Solitude, "/entries/solitude/{pk}/edit/"),
        (CheckInFactory, CheckIn, "/check-in/{pk}/"),
    ],
)
def test_the_second_tab_is_told_the_entry_changed(owner_client, owner, factory, model, url):
    extra = {"people": [PersonFactory(owner=owner)]} if model is Interaction else {}
    entry = factory(owner=owner, note="as it was", **extra)
    address = url.format(pk=entry.pk)
    first_tab = form_data(owner_client.get(address).content.decode())
    second_tab = form_data(owner_client.get(address).content.decode())
    assert "revision" in first_tab

    first_tab["note"] = ["written in the first tab"]
    response = owner_client.post(address, first_tab)
    assert response.status_code == 302, response.content.decode()[:2000]

    second_tab["note"] = ["written in the second tab"]
    response = owner_client.post(address, second_tab)
    assert response.status_code == 200
    assert STALE_MESSAGE.split(":")[0] in response.content.decode().replace("&#x27;", "'")
    entry = model.objects.get(pk=entry.pk)
    assert entry.note == "written in the first tab"
    assert entry.revision == first_tab_revision_plus_one(first_tab)


def first_tab_revision_plus_one(form):
    return int(form["revision"][0]) + 1
