import html

import pytest
from django.urls import reverse

from withness.people.models import Person
from withness.testing.factories import InteractionFactory, PersonFactory

ADD = reverse("people:add")


def edit(person):
    return reverse("people:edit", args=[person.pk])


def details(**overrides):
    data = {
        "name": "Sam",
        "relationship": "friend",
        "felt_safety": "4",
        "is_safe_person": "on",
        "checkin_every_days": "",
        "notes": "We met at the allotment.",
    }
    data.update(overrides)
    return data


def test_a_name_alone_is_enough_to_add_someone(owner_client, owner):
    response = owner_client.post(ADD, {"name": "  J  "})
    person = Person.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("people:detail", args=[person.pk])
    assert (person.owner, person.name, person.felt_safety, person.relationship) == (
        owner,
        "J",
        None,
        "",
    )
    assert not person.is_safe_person


def test_it_adds_someone_with_all_their_details(owner_client, owner):
    owner_client.post(ADD, details(checkin_every_days="14"))
    person = Person.objects.get()
    assert person.name == "Sam"
    assert person.relationship == "friend"
    assert person.felt_safety == 4
    assert person.is_safe_person
    assert person.checkin_every_days == 14
    assert person.notes == "We met at the allotment."


def test_the_add_form_asks_for_nothing_but_a_name(owner_client):
    text = owner_client.get(ADD).content.decode()
    assert "Only a name is needed" in text
    for asked in ("phone", "email", "address"):
        assert f'name="{asked}' not in text


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": ""}, "name", "Give them a name. A nickname or an initial is enough."),
        ({"name": "   "}, "name", "Give them a name. A nickname or an initial is enough."),
        ({"name": "x" * 81}, "name", "Keep the name to 80 characters or fewer; this one has 81."),
        (
            {"felt_safety": "7"},
            "felt_safety",
            "Choose one of the five steps, from “Not safe” to “Safe”, or “Not sure yet”.",
        ),
        ({"felt_safety": "0"}, "felt_safety", "Choose one of the five steps"),
        ({"felt_safety": "safe"}, "felt_safety", "Choose one of the five steps"),
        ({"relationship": "boss"}, "relationship", "Choose one of the relationships in the list."),
        ({"notes": "x" * 20001}, "notes", "Notes can be up to 20,000 characters; this has 20001."),
        ({"checkin_every_days": "0"}, "checkin_every_days", "Give at least 1 day"),
        ({"checkin_every_days": "400"}, "checkin_every_days", "Give 365 days (a year) or fewer"),
        ({"checkin_every_days": "soon"}, "checkin_every_days", "Give a whole number of days"),
        ({"name": "Sam\x00"}, "name", "Null characters are not allowed."),
    ],
)
def test_bad_input_is_refused_with_a_specific_message_and_nothing_is_saved(
    owner_client, overrides, field, message
):
    response = owner_client.post(ADD, details(**overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert any(message in error for error in errors), errors
    assert "Nothing was saved yet" in response.content.decode()
    assert not Person.objects.exists()


def test_a_refused_edit_changes_nothing_and_keeps_what_was_typed(owner_client, owner):
    sam = PersonFactory(owner=owner, name="Sam", notes="Original.", felt_safety=3)
    response = owner_client.post(edit(sam), details(name="Samantha", notes="y" * 20001))
    assert response.status_code == 200
    assert "Edit Sam</h1>" in response.content.decode()  # the heading still shows the saved name
    assert 'value="Samantha"' in response.content.decode()
    sam.refresh_from_db()
    assert (sam.name, sam.notes, sam.felt_safety) == ("Sam", "Original.", 3)


def test_the_edit_form_starts_with_what_is_saved(owner_client, owner):
    sam = PersonFactory(owner=owner, name="Sam", relationship="family", felt_safety=5)
    form = owner_client.get(edit(sam)).context["form"]
    assert form["name"].value() == "Sam"
    assert form["relationship"].value() == "family"
    assert form["felt_safety"].value() == 5


def test_renaming_keeps_the_same_person_and_their_history(owner_client, owner):
    sam = PersonFactory(owner=owner, name="Sam")
    interaction = InteractionFactory(owner=owner, people=[sam])
    response = owner_client.post(edit(sam), details(name="Samira"), follow=True)
    sam.refresh_from_db()
    assert sam.name == "Samira"
    assert list(interaction.people.all()) == [sam]
    assert Person.objects.count() == 1
    assert "Renamed to Samira. Their history stays with them." in response.content.decode()
    assert response.context["page"].object_list[0] == interaction


def test_editing_can_clear_optional_details(owner_client, owner):
    sam = PersonFactory(
        owner=owner,
        name="Sam",
        relationship="friend",
        felt_safety=4,
        is_safe_person=True,
        checkin_every_days=7,
        notes="x",
    )
    owner_client.post(edit(sam), {"name": "Sam"})
    sam.refresh_from_db()
    assert (sam.relationship, sam.felt_safety, sam.is_safe_person) == ("", None, False)
    assert (sam.checkin_every_days, sam.notes) == (None, "")


def test_a_shared_name_is_allowed_with_a_gentle_hint(owner_client, owner):
    PersonFactory(owner=owner, name="Sam")
    response = owner_client.post(ADD, details(name="sam"), follow=True)
    assert Person.objects.filter(name__iexact="sam").count() == 2
    text = html.unescape(response.content.decode())
    assert "You have more than one sam now. That's fine" in text
    assert "merge them" in text


def test_someone_else_with_the_same_name_is_not_hinted_at(owner_client, owner, outsider):
    PersonFactory(owner=outsider, name="Sam")
    response = owner_client.post(ADD, details(), follow=True)
    assert "more than one" not in response.content.decode()


def test_saving_a_person_without_renaming_gives_no_namesake_hint_about_themselves(
    owner_client, owner
):
    sam = PersonFactory(owner=owner, name="Sam")
    response = owner_client.post(edit(sam), details(), follow=True)
    assert "Changes saved." in response.content.decode()
    assert "more than one" not in response.content.decode()


def test_the_name_check_hints_at_namesakes_while_typing(owner_client, owner, outsider):
    sam = PersonFactory(owner=owner, name="Sam", relationship="neighbour")
    PersonFactory(owner=outsider, name="Robin")
    url = reverse("people:name_check")
    hint = owner_client.get(url, {"name": " SAM "}).content.decode()
    assert "You already have" in hint and "(neighbour)" in hint
    # The answer fills the live region, which stays: one swapped out whole may go unread.
    assert 'id="name-hint"' not in hint
    assert "You already have" not in owner_client.get(url, {"name": "Robin"}).content.decode()
    own = owner_client.get(url, {"name": "Sam", "person": sam.pk}).content.decode()
    assert "You already have" not in own


def test_the_add_form_checks_the_name_with_htmx(owner_client):
    text = owner_client.get(ADD).content.decode()
    assert f'hx-get="{reverse("people:name_check")}"' in text
    assert 'id="name-hint"' in text and 'hx-swap="innerHTML"' in text
