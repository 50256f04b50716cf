from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from withness.people.tests.helpers import local_day
from withness.testing.factories import InteractionFactory, PersonFactory

LIST = reverse("people:list")


def test_an_empty_list_invites_to_add_someone_without_asking_for_contact_details(owner_client):
    response = owner_client.get(LIST)
    text = response.content.decode()
    assert response.status_code == 200
    assert "No one here yet" in text
    assert "A nickname or an initial is enough" in text
    assert "never asks for contact details" in text
    assert reverse("people:add") in text


def test_it_lists_only_the_owners_live_people(owner_client, owner, outsider):
    PersonFactory(owner=owner, name="Sam")
    PersonFactory(owner=owner, name="Gone", deleted_at=timezone.now())
    PersonFactory(owner=outsider, name="Stranger")
    text = owner_client.get(LIST).content.decode()
    assert "Sam" in text
    assert "Gone" not in text
    assert "Stranger" not in text
    assert "No one here yet" not in text


def test_each_row_says_how_often_and_when_they_were_last_logged(owner_client, owner):
    sam = PersonFactory(owner=owner, name="Sam", felt_safety=4, is_safe_person=True)
    newest = timezone.now() - timedelta(days=2)
    InteractionFactory(owner=owner, people=[sam], started_at=timezone.now() - timedelta(days=9))
    InteractionFactory(owner=owner, people=[sam], started_at=newest)
    InteractionFactory(owner=owner, people=[sam], deleted_at=timezone.now())
    text = owner_client.get(LIST).content.decode()
    assert f"Logged twice, last on {local_day(owner, newest)}" in text
    assert "Feels mostly safe to you" in text
    assert "Safe person" in text


def test_someone_with_no_entries_says_so_gently(owner_client, owner):
    PersonFactory(owner=owner, name="Sam")
    assert "Nothing logged yet" in owner_client.get(LIST).content.decode()


def test_the_page_has_one_heading(owner_client, owner):
    PersonFactory(owner=owner)
    assert owner_client.get(LIST).content.decode().count("<h1") == 1
