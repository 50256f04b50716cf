"""A name typed as someone new that belongs to someone in recently deleted: the entry saves
with a new person, as before, and the one set aside is offered back, never linked silently."""

import html

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from withness.journal.models import Interaction
from withness.people.models import Person
from withness.testing.factories import InteractionFactory, PersonFactory

from .test_interaction_views import NEW, valid


def set_aside(owner, name: str) -> Person:
    person = PersonFactory(owner=owner, name=name)
    person.soft_delete()
    return person


def offers(response) -> str:
    return html.unescape(response.content.decode())


def test_the_entry_saves_with_someone_new_and_the_earlier_one_is_offered_back(owner_client, owner):
    earlier = set_aside(owner, "Sam")
    response = owner_client.post(NEW, valid(new_people="Sam"), follow=True)

    new = Interaction.objects.get().people.get()
    assert new.name == "Sam" and new != earlier
    earlier.refresh_from_db()
    assert earlier.deleted_at is not None  # still set aside until they choose
    text = offers(response)
    assert "Saved. Thank you for noticing how that felt." in text
    assert (
        f'There is also a Sam in <a href="{reverse("journal:deleted")}">recently deleted</a>. '
        "This entry is with someone new by that name. If they are the same person, you can "
        "bring the earlier Sam back and then merge the two." in text
    )
    assert f'action="{reverse("people:restore", args=[earlier.pk])}"' in text
    assert ">Bring Sam back</button>" in text


def test_the_offer_shows_once(owner_client, owner):
    set_aside(owner, "Sam")
    owner_client.post(NEW, valid(new_people="Sam"), follow=True)
    assert "Bring Sam back" not in owner_client.get(reverse("journal:home")).content.decode()


def test_names_are_matched_whatever_the_case_accents_included(owner_client, owner):
    earlier = set_aside(owner, "Jürgen")
    response = owner_client.post(NEW, valid(new_people="JÜRGEN, Noor"), follow=True)
    text = offers(response)
    assert f'action="{reverse("people:restore", args=[earlier.pk])}"' in text
    assert "Noor" not in text.split('class="messages"')[1].split("</div>")[0]


def test_no_offer_when_the_name_is_someone_in_the_list(owner_client, owner):
    set_aside(owner, "Sam")
    sam = PersonFactory(owner=owner, name="sam")
    response = owner_client.post(NEW, valid(new_people="Sam"), follow=True)
    assert list(Interaction.objects.get().people.all()) == [sam]
    assert "recently deleted" not in offers(response)


def test_no_offer_for_anyone_else_s_deleted_people(owner_client, outsider):
    set_aside(outsider, "Sam")
    response = owner_client.post(NEW, valid(new_people="Sam"), follow=True)
    assert "Bring Sam back" not in offers(response)


def test_a_name_added_while_editing_is_offered_back_too(owner_client, owner):
    earlier = set_aside(owner, "Noor")
    interaction = InteractionFactory(owner=owner, people=[PersonFactory(owner=owner, name="Ana")])
    url = reverse("journal:entry_edit", args=["interaction", interaction.pk])
    response = owner_client.post(url, valid(new_people="Ana, Noor", revision="1"), follow=True)
    assert "Changes saved." in offers(response)
    assert f'action="{reverse("people:restore", args=[earlier.pk])}"' in offers(response)


def test_bringing_them_back_says_the_two_can_be_merged(owner_client, owner):
    earlier = set_aside(owner, "Sam")
    owner_client.post(NEW, valid(new_people="Sam"))
    response = owner_client.post(reverse("people:restore", args=[earlier.pk]), follow=True)
    text = offers(response)
    assert response.redirect_chain[-1][0] == earlier.get_absolute_url()
    assert "Sam is back, with everything logged with them." in text
    assert "There is more than one Sam in your people now. If they are the same person" in text
    assert Person.objects.for_user(owner).filter(name="Sam").count() == 2


def test_bringing_back_someone_with_a_name_of_their_own_says_nothing_of_merging(
    owner_client, owner
):
    earlier = set_aside(owner, "Sam")
    response = owner_client.post(reverse("people:restore", args=[earlier.pk]), follow=True)
    assert "more than one" not in offers(response)


def test_recently_deleted_is_read_once_and_only_when_names_are_typed(owner_client, owner):
    set_aside(owner, "Sam")

    def people_reads(**overrides) -> list[str]:
        with CaptureQueriesContext(connection) as queries:
            assert owner_client.post(NEW, valid(**overrides)).status_code == 302
        reads = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]
        return [sql for sql in reads if "people_person" in sql]

    assert people_reads(new_people="", group="choir") == []
    typed = people_reads(new_people="Noor")
    assert len([sql for sql in typed if "IS NOT NULL" in sql]) == 1
    assert len(typed) == 2  # and the live list once, as the save always read it
