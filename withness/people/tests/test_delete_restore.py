import html

from django.urls import reverse

from withness.people.models import Person
from withness.testing.factories import InteractionFactory, PersonFactory


def test_deleting_moves_a_person_to_recently_deleted_and_offers_undo(owner_client, owner):
    sam = PersonFactory(owner=owner, name="Sam")
    interaction = InteractionFactory(owner=owner, people=[sam])
    response = owner_client.post(reverse("people:delete", args=[sam.pk]), follow=True)
    sam.refresh_from_db()
    assert sam.deleted_at is not None
    assert not Person.objects.for_user(owner).exists()
    assert interaction.people.filter(pk=sam.pk).exists()  # nothing logged is lost
    text = html.unescape(response.content.decode())
    assert response.redirect_chain[-1][0] == reverse("people:list")
    assert f'Sam is in <a href="{reverse("journal:deleted")}">recently deleted</a>' in text
    assert f'action="{reverse("people:restore", args=[sam.pk])}"' in text
    assert ">Undo</button>" in text


def test_the_undo_offer_shows_once(owner_client, owner):
    sam = PersonFactory(owner=owner, name="Sam")
    owner_client.post(reverse("people:delete", args=[sam.pk]))
    assert "Undo" in owner_client.get(reverse("people:list")).content.decode()
    assert "Undo" not in owner_client.get(reverse("people:list")).content.decode()


def test_delete_only_answers_post(owner_client, owner):
    sam = PersonFactory(owner=owner)
    assert owner_client.get(reverse("people:delete", args=[sam.pk])).status_code == 405
    sam.refresh_from_db()
    assert sam.deleted_at is None


def test_undo_brings_the_person_back_with_their_history(owner_client, owner):
    sam = PersonFactory(owner=owner, name="Sam")
    interaction = InteractionFactory(owner=owner, people=[sam])
    owner_client.post(reverse("people:delete", args=[sam.pk]))
    response = owner_client.post(reverse("people:restore", args=[sam.pk]), follow=True)
    sam.refresh_from_db()
    assert sam.deleted_at is None
    assert response.redirect_chain[-1][0] == reverse("people:detail", args=[sam.pk])
    assert "Sam is back" in response.content.decode()
    assert list(response.context["page"].object_list) == [interaction]


def test_a_person_who_is_not_deleted_cannot_be_restored(owner_client, owner):
    sam = PersonFactory(owner=owner)
    assert owner_client.post(reverse("people:restore", args=[sam.pk])).status_code == 404


def test_restore_only_answers_post(owner_client, owner):
    sam = PersonFactory(owner=owner)
    sam.soft_delete()
    assert owner_client.get(reverse("people:restore", args=[sam.pk])).status_code == 405


def test_a_deleted_person_shows_in_the_journals_recently_deleted_list(owner_client, owner):
    sam = PersonFactory(owner=owner, name="Sam")
    sam.soft_delete()
    text = owner_client.get(reverse("journal:deleted")).content.decode()
    assert "Sam" in text
    assert reverse("people:restore", args=[sam.pk]) in text


def test_editing_an_entry_meanwhile_keeps_the_deleted_person_in_it(owner_client, owner):
    sam, kim = PersonFactory(owner=owner, name="Sam"), PersonFactory(owner=owner, name="Kim")
    interaction = InteractionFactory(owner=owner, people=[sam, kim])
    owner_client.post(reverse("people:delete", args=[sam.pk]))
    url = reverse("journal:entry_edit", args=["interaction", interaction.pk])
    data = {k: v for k, v in owner_client.get(url).context["form"].initial.items() if v is not None}
    assert owner_client.post(url, {**data, "note": "a small fix"}).status_code == 302
    owner_client.post(reverse("people:restore", args=[sam.pk]))
    assert set(interaction.people.all()) == {sam, kim}


def test_an_entry_with_a_deleted_person_names_only_the_others(owner_client, owner):
    sam, kim = PersonFactory(owner=owner, name="Sam"), PersonFactory(owner=owner, name="Kim")
    interaction = InteractionFactory(owner=owner, people=[sam, kim])
    owner_client.post(reverse("people:delete", args=[sam.pk]))
    url = reverse("journal:entry_detail", args=["interaction", interaction.pk])
    body = owner_client.get(url).content.decode()
    assert "Kim" in body
    assert "Sam" not in body and reverse("people:detail", args=[sam.pk]) not in body
