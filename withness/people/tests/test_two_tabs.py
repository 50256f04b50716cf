"""Two tabs open on one person: the second save is told, sees what is saved, and keeps its text."""

import html

from django.urls import reverse

from withness.hardening.tests.forms_in_pages import form_data
from withness.people.forms import STALE_MESSAGE
from withness.people.models import Person
from withness.people.services import person_merge
from withness.testing.factories import PersonFactory


def page(response) -> str:
    return html.unescape(response.content.decode())


def test_the_second_tab_is_told_and_loses_nothing_typed(owner_client, owner):
    sam = PersonFactory(owner=owner, name="Sam", notes="as it was")
    url = reverse("people:edit", args=[sam.pk])
    first_tab = form_data(owner_client.get(url).content.decode())
    second_tab = form_data(owner_client.get(url).content.decode())
    assert first_tab["revision"] == ["1"]

    first_tab["notes"] = ["written in the first tab"]
    assert owner_client.post(url, first_tab).status_code == 302

    typed = "written in the second tab, at length.\n" * 500
    second_tab["notes"] = [typed]
    response = owner_client.post(url, second_tab)
    assert response.status_code == 200
    text = page(response)
    assert STALE_MESSAGE in text
    assert "What is saved now" in text and "written in the first tab" in text
    assert Person.objects.get(pk=sam.pk).notes == "written in the first tab"
    assert form_data(response.content.decode())["notes"] == [typed]

    # Saving again, having seen both, keeps what the second tab typed.
    response = owner_client.post(url, form_data(response.content.decode()))
    assert response.status_code == 302
    assert Person.objects.get(pk=sam.pk).notes == typed


def test_a_tab_opened_before_a_merge_cannot_drop_the_merged_notes(owner_client, owner):
    sam = PersonFactory(owner=owner, name="Sam", notes="mine")
    url = reverse("people:edit", args=[sam.pk])
    open_tab = form_data(owner_client.get(url).content.decode())
    person_merge(user=owner, keep=sam, merge=PersonFactory(owner=owner, notes="from the other"))

    response = owner_client.post(url, open_tab)
    assert STALE_MESSAGE in page(response)
    assert "from the other" in Person.objects.get(pk=sam.pk).notes


def test_the_message_says_saving_again_puts_back_every_field_of_the_form(owner_client, owner):
    sam = PersonFactory(owner=owner, name="Sam", relationship="friend")
    url = reverse("people:edit", args=[sam.pk])
    first_tab = form_data(owner_client.get(url).content.decode())
    second_tab = form_data(owner_client.get(url).content.decode())
    first_tab["relationship"] = ["family"]
    owner_client.post(url, first_tab)

    second_tab["notes"] = ["only the notes changed here"]
    response = owner_client.post(url, second_tab)
    assert "Saving again puts every field as the form has it" in page(response)
    owner_client.post(url, form_data(response.content.decode()))
    assert Person.objects.get(pk=sam.pk).relationship == "friend"  # as the form had it
