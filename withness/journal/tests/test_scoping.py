"""An outsider learns nothing of the owner's journal, even with the right ids."""

import pytest
from django.urls import reverse

from withness.journal.models import Interaction, Solitude
from withness.testing.factories import (
    CheckInFactory,
    InteractionFactory,
    PersonFactory,
    SolitudeFactory,
)


@pytest.fixture
def owned(owner):
    interaction = InteractionFactory(
        owner=owner, note="private words", people=[PersonFactory(owner=owner, name="Secret Sam")]
    )
    solitude = SolitudeFactory(owner=owner)
    checkin = CheckInFactory(owner=owner)
    return {"interaction": interaction, "solitude": solitude, "checkin": checkin}


def urls_for(owned):
    urls = []
    for kind in ("interaction", "solitude"):
        pk = owned[kind].pk
        urls += [
            ("get", reverse("journal:entry_detail", args=[kind, pk])),
            ("get", reverse("journal:entry_edit", args=[kind, pk])),
            ("post", reverse("journal:entry_edit", args=[kind, pk])),
        ]
    for kind, entry in owned.items():
        urls += [
            ("post", reverse("journal:entry_delete", args=[kind, entry.pk])),
            ("post", reverse("journal:entry_restore", args=[kind, entry.pk])),
        ]
    urls += [
        ("get", reverse("journal:checkin_edit", args=[owned["checkin"].pk])),
        ("post", reverse("journal:checkin_edit", args=[owned["checkin"].pk])),
    ]
    return urls


def test_an_outsider_gets_404_on_every_entry_url(outsider_client, owned):
    for method, url in urls_for(owned):
        response = getattr(outsider_client, method)(url)
        assert response.status_code == 404, (method, url)
        assert b"private words" not in response.content
    assert Interaction.objects.filter(deleted_at__isnull=True).count() == 1
    assert Solitude.objects.filter(deleted_at__isnull=True).count() == 1


def test_an_outsider_sees_none_of_it_in_lists(outsider_client, owned):
    for name in ("journal:home", "journal:history", "journal:deleted"):
        body = outsider_client.get(reverse(name)).content.decode()
        assert "Secret Sam" not in body and "private words" not in body


def test_an_outsider_cannot_filter_history_by_the_owners_person(outsider_client, owned):
    person = owned["interaction"].people.get()
    response = outsider_client.get(reverse("journal:history"), {"person": person.pk})
    assert response.context["entries"] == []


def test_signed_out_visitors_are_sent_to_sign_in(client, owned):
    for method, url in urls_for(owned) + [("get", reverse("journal:history"))]:
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/account/login/" in response["Location"]
