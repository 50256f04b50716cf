"""A person's edit page opened before a safe-person mark or a reminder can't quietly undo it."""

import html

import pytest
from django.urls import reverse

from withness.hardening.tests.forms_in_pages import form_data
from withness.people.forms import STALE_MESSAGE
from withness.people.models import Person
from withness.testing.factories import PersonFactory


def mark_safe(client, person):
    client.post(reverse("growth:safe_person_new"), {"person": person.pk, "reasons": ["kind"]})


def unmark(client, person):
    client.post(reverse("growth:person_unmark", args=[person.pk]))


def remind(client, person):
    client.post(reverse("growth:person_cadence", args=[person.pk]), {"every_days": "14"})


@pytest.mark.parametrize(
    ("safe_before", "change", "kept"),
    [
        (False, mark_safe, {"is_safe_person": True}),
        (True, unmark, {"is_safe_person": False}),
        (False, remind, {"checkin_every_days": 14}),
    ],
)
def test_a_stale_edit_page_is_told_and_the_change_is_kept(
    owner_client, owner, safe_before, change, kept
):
    sam = PersonFactory(owner=owner, name="Sam", is_safe_person=safe_before)
    url = reverse("people:edit", args=[sam.pk])
    open_tab = form_data(owner_client.get(url).content.decode())
    change(owner_client, sam)

    open_tab["notes"] = ["typed in the old tab"]
    response = owner_client.post(url, open_tab)
    assert response.status_code == 200
    assert STALE_MESSAGE in html.unescape(response.content.decode())
    sam = Person.objects.get(pk=sam.pk)
    assert {name: getattr(sam, name) for name in kept} == kept
    assert sam.notes == ""


def test_each_change_is_a_new_revision(owner, owner_client):
    sam = PersonFactory(owner=owner)
    mark_safe(owner_client, sam)
    remind(owner_client, sam)
    unmark(owner_client, sam)
    assert Person.objects.get(pk=sam.pk).revision == 4
