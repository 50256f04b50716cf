"""Adding someone whose name belongs to a person in recently deleted: the name hint says so
and offers them back (people:restore) rather than a second person by that name. The browser's
side of it is in withness/tests/test_browser_field_groups.py."""

import html
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from withness.people.models import Person
from withness.testing.factories import InteractionFactory, PersonFactory

pytestmark = pytest.mark.django_db

ADD = reverse("people:add")
CHECK = reverse("people:name_check")


class Buttons(HTMLParser):
    """Each button's attributes and text, and each form's attributes by id."""

    def __init__(self, text: str):
        super().__init__()
        self.buttons: list[dict] = []
        self.forms: dict[str, dict] = {}
        self.tokens: dict[str, bool] = {}
        self._form: str | None = None
        self._button: dict | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = attrs.get("id", "")
            self.forms[self._form] = attrs
        if tag == "input" and attrs.get("name") == "csrfmiddlewaretoken" and self._form:
            self.tokens[self._form] = True
        if tag == "button":
            self._button = {**attrs, "text": ""}
            self.buttons.append(self._button)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        if tag == "button":
            self._button = None

    def handle_data(self, data):
        if self._button is not None:
            self._button["text"] += data

    def named(self, text: str) -> dict:
        found = [b for b in self.buttons if " ".join(b["text"].split()) == text]
        assert len(found) == 1, f"{len(found)} buttons named {text!r}"
        return found[0]


def set_aside(owner, name="Sam", **kwargs) -> Person:
    person = PersonFactory(owner=owner, name=name, **kwargs)
    person.soft_delete()
    return person


def hint(client, **params) -> str:
    return html.unescape(client.get(CHECK, params).content.decode())


def test_typing_the_name_of_someone_in_recently_deleted_offers_them_back(owner_client, owner):
    sam = set_aside(owner)

    text = hint(owner_client, name="  sam ")

    assert f'Sam is in <a href="{reverse("journal:deleted")}">recently deleted</a>' in text
    assert "rather than add them again" in text
    assert "You already have" not in text
    back = Buttons(text).named("Bring Sam back")
    assert back["formaction"] == reverse("people:restore", args=[sam.pk])
    # Not a button of the person form: Enter in the name box still means "Add".
    assert back["form"] == "person-restore"
    assert back["type"] == "submit"


def test_the_add_page_has_the_form_the_hints_button_posts(owner_client, owner):
    set_aside(owner)
    text = owner_client.get(ADD).content.decode()
    page = Buttons(text)

    assert page.forms["person-restore"]["method"] == "post"
    assert page.tokens.get("person-restore")
    assert "Bring" not in text  # nothing typed yet, nothing offered


def test_bringing_them_back_from_the_hint_restores_them_with_their_history(owner_client, owner):
    sam = set_aside(owner)
    interaction = InteractionFactory(owner=owner, people=[sam])
    back = Buttons(hint(owner_client, name="Sam")).named("Bring Sam back")

    response = owner_client.post(back["formaction"], follow=True)

    sam.refresh_from_db()
    assert sam.deleted_at is None
    assert Person.objects.for_user(owner).count() == 1
    assert response.redirect_chain[-1][0] == reverse("people:detail", args=[sam.pk])
    assert list(response.context["page"].object_list) == [interaction]


def test_the_full_add_page_offers_them_back_when_it_comes_back_with_a_problem(owner_client, owner):
    sam = set_aside(owner)

    response = owner_client.post(ADD, {"name": "Sam", "checkin_every_days": "0"})

    assert response.status_code == 200
    assert not Person.objects.for_user(owner).exists()
    page = Buttons(response.content.decode())
    back = page.named("Bring Sam back")
    assert back["formaction"] == reverse("people:restore", args=[sam.pk])
    assert back["form"] == "person-restore" and "person-restore" in page.forms


def test_someone_live_by_that_name_gets_the_usual_hint_instead(owner_client, owner):
    set_aside(owner)
    PersonFactory(owner=owner, name="Sam")

    text = hint(owner_client, name="Sam")

    assert "You already have" in text
    assert "recently deleted" not in text and "Bring" not in text


def test_several_in_recently_deleted_by_that_name_are_pointed_to_there(owner_client, owner):
    set_aside(owner)
    set_aside(owner, name="sam")

    text = hint(owner_client, name="Sam")

    assert "There are 2 people called" in text
    assert f'<a href="{reverse("journal:deleted")}">recently deleted</a>' in text
    assert "<button" not in text


def test_another_persons_deleted_people_never_show(owner_client, owner, outsider):
    set_aside(outsider)
    set_aside(owner, name="Robin")

    assert "Robin is in" in hint(owner_client, name="Robin")
    assert "recently deleted" not in hint(owner_client, name="Sam")
    response = owner_client.post(ADD, {"name": "Sam", "checkin_every_days": "0"})
    assert "recently deleted" not in response.content.decode()
    assert "Bring" not in response.content.decode()


def test_renaming_someone_gets_no_offer_back(owner_client, owner):
    # Editing, bringing someone else back would leave the page: the hint is for adding.
    set_aside(owner)
    robin = PersonFactory(owner=owner, name="Robin")

    assert "Sam is in" in hint(owner_client, name="Sam")
    assert "recently deleted" not in hint(owner_client, name="Sam", person=robin.pk)
    response = owner_client.post(
        reverse("people:edit", args=[robin.pk]), {"name": "Sam", "checkin_every_days": "0"}
    )
    assert "recently deleted" not in response.content.decode()


def test_adding_them_anyway_offers_the_earlier_one_back_on_the_next_page(owner_client, owner):
    # Without script, or saved before the hint came: the person is added as typed, and the
    # page after says who else has the name.
    set_aside(owner)
    response = owner_client.post(ADD, {"name": "Sam"}, follow=True)
    text = html.unescape(response.content.decode())
    assert Person.objects.for_user(owner).filter(name="Sam").count() == 1
    assert "There is also a Sam in" in text and "Bring Sam back" in text
    assert "This entry is with someone new" not in text
