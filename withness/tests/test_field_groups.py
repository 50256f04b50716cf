"""Every page's fields come from the one project field template (withness/templates/forms/
field.html): a label tied to its box, the hint and the error note named by the box's
aria-describedby, aria-invalid on a box that needs another look, and the widget's own
autocomplete. These pages once had copies of that template of their own."""

from html.parser import HTMLParser

import pytest
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse

from withness.testing.factories import PersonFactory, UserFactory
from withness.testing.fixtures import confirm_recently

pytestmark = pytest.mark.django_db


class Page(HTMLParser):
    """Each element's attributes by id, and the text of each label, legend and error list."""

    def __init__(self, html: str):
        super().__init__()
        self.by_id: dict[str, dict] = {}
        self.labels: dict[str, str] = {}  # for= -> text
        self.texts: dict[str, str] = {}  # id -> text, for the elements a box names
        self.legends: list[str] = []
        self._open: list[tuple[str, dict, list[str]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.by_id[attrs["id"]] = {"tag": tag, **attrs}
        if tag in ("label", "legend", "ul", "p", "div"):
            self._open.append((tag, attrs, []))

    def handle_endtag(self, tag):
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                _, attrs, parts = self._open.pop(index)
                text = " ".join("".join(parts).split())
                if tag == "label" and attrs.get("for"):
                    self.labels[attrs["for"]] = text
                if tag == "legend":
                    self.legends.append(text)
                if attrs.get("id"):
                    self.texts[attrs["id"]] = text
                for outer in self._open[:index]:
                    outer[2].append(" " + "".join(parts) + " ")
                break

    def handle_data(self, data):
        if self._open:
            self._open[-1][2].append(data)

    def box(self, field_id: str) -> dict:
        assert field_id in self.by_id, f"no element with id {field_id}"
        return self.by_id[field_id]

    def description(self, field_id: str) -> str:
        """What a screen reader reads after the label: each named element's text, in order."""
        ids = self.box(field_id).get("aria-describedby", "").split()
        missing = [i for i in ids if i not in self.texts]
        assert not missing, f"{field_id} is described by missing elements {missing}"
        return " ".join(self.texts[i] for i in ids)


def page(response) -> Page:
    assert response.status_code == 200
    return Page(response.content.decode())


@pytest.mark.parametrize(
    "name", ["accounts/field.html", "portability/_field.html", "people/_field.html"]
)
def test_the_old_copies_of_the_field_template_are_gone(name):
    with pytest.raises(TemplateDoesNotExist):
        get_template(name)


def test_sign_in_boxes_are_labelled_and_offer_saved_passwords(client, owner):
    html = page(client.get(reverse("accounts:login")))

    assert html.labels["id_username"] == "Username"
    assert html.labels["id_password"] == "Password"
    assert html.box("id_username")["autocomplete"] == "username"
    assert html.box("id_password")["autocomplete"] == "current-password"


def test_sign_in_with_empty_boxes_ties_each_note_to_its_box(client, owner):
    html = page(client.post(reverse("accounts:login"), {"username": "", "password": ""}))

    for field in ("id_username", "id_password"):
        assert html.box(field)["aria-invalid"] == "true"
        assert html.box(field)["aria-describedby"] == f"{field}_error"
        assert html.description(field) == "This field is required."


def test_a_wrong_password_note_is_read_from_both_boxes(client, owner):
    # The note is about the pair, not one box: each says it needs another look, and reads it.
    html = page(client.post(reverse("accounts:login"), {"username": "robin", "password": "nope"}))

    note = "That username and password don’t match an account here. Both are case-sensitive."
    assert html.texts["form-errors"] == note
    for field in ("id_username", "id_password"):
        assert html.box(field)["aria-invalid"] == "true"
        assert html.description(field) == note


def test_a_switched_off_account_leaves_the_boxes_unmarked(client, owner, password):
    # Both were right; the note is about the account, so no box is marked as wrong.
    UserFactory(username="kit", is_active=False)
    html = page(client.post(reverse("accounts:login"), {"username": "kit", "password": password}))

    assert html.texts["form-errors"].startswith("This account is switched off.")
    for field in ("id_username", "id_password"):
        assert "aria-invalid" not in html.box(field)
        assert "aria-describedby" not in html.box(field)


def test_set_up_ties_hints_and_errors_to_their_boxes(client, db):
    response = client.post(reverse("accounts:setup"), {
        "username": "robin", "password1": "calm-harbour-42", "password2": "calm-harbour-43",
        "time_zone": "Europe/Berlin", "country": "",
    })  # fmt: skip
    html = page(response)

    assert html.labels == {
        "id_username": "Username",
        "id_password1": "Password",
        "id_password2": "Password again",
        "id_time_zone": "Time zone",
        "id_country": "Country",
    }
    again = html.box("id_password2")
    assert again["aria-invalid"] == "true"
    assert again["autocomplete"] == "new-password"
    assert html.description("id_password2") == (
        "The two passwords don’t match. Type the same one in both boxes."
    )
    assert "aria-invalid" not in html.box("id_username")
    assert html.description("id_username").startswith("What you’ll type to log in.")
    assert html.box("id_password1")["autocomplete"] == "new-password"
    assert html.box("id_username")["autocomplete"] == "username"


def test_the_token_name_in_settings_has_its_label_and_hint(owner_client):
    html = page(owner_client.get(reverse("accounts:settings")))

    assert html.labels["api_token_name"] == "Name"
    assert html.description("api_token_name") == (
        "Something to recognise it by, like “phone shortcut”."
    )
    assert html.labels["id_time_zone"] == "Time zone"
    assert html.description("id_country").startswith("Help now shows crisis lines")


def test_the_import_page_ties_its_notes_to_the_boxes(owner_client):
    response = owner_client.post(reverse("portability:import"), {
        "source": "nowhere", "time_zone": "Nowhere/Land",
    })  # fmt: skip
    html = page(response)

    assert html.labels["id_source"] == "Where is the file from?"
    assert html.labels["id_time_zone"] == "Time zone of the times in the file"
    for field in ("id_source", "id_file", "id_time_zone"):
        assert html.box(field)["aria-invalid"] == "true", field
        assert f"{field}_error" in html.box(field)["aria-describedby"].split(), field
    assert html.description("id_time_zone").startswith(
        "Most apps write times without a zone; we read them as local times here. "
        "We don’t know a time zone called “Nowhere/Land”."
    )


def test_deleting_the_account_ties_a_wrong_password_note_to_the_box(owner_client, password):
    confirm_recently(owner_client)
    html = page(owner_client.post(reverse("portability:delete_account"), {"password": "wrong"}))

    box = html.box("id_password")
    assert html.labels["id_password"] == "Your password"
    assert box["autocomplete"] == "current-password"
    assert box["aria-invalid"] == "true"
    assert html.description("id_password") == (
        "That is not your password. Try typing it again; nothing has changed."
    )


def test_deleting_with_two_step_on_asks_for_a_code_a_phone_can_fill(client, owner_two_factor):
    owner_two_factor.sign_in(client)
    html = page(client.get(reverse("portability:delete_account")))

    assert html.labels["id_code"] == "Code from your app, or a backup code"
    assert html.box("id_code")["autocomplete"] == "one-time-code"
    assert html.description("id_code") == "Codes from your app have 6 digits; backup codes have 10."


def test_the_person_form_ties_hints_and_errors_to_their_boxes(owner_client):
    response = owner_client.post(reverse("people:add"), {
        "name": "Sam", "relationship": "nonsense", "felt_safety": "9", "checkin_every_days": "0",
    })  # fmt: skip
    html = page(response)

    assert html.labels["id_name"] == "Name or nickname"
    assert html.labels["id_relationship"] == "Who they are to you"
    assert html.labels["id_notes"] == "Notes"
    assert "How safe do they feel to you?" in html.legends
    days = html.box("id_checkin_every_days")
    assert days["aria-invalid"] == "true"
    assert html.description("id_checkin_every_days") == (
        "Only if you'd like a gentle nudge. Leave it empty for none. "
        "Give at least 1 day, or leave it empty for no reminder."
    )
    assert html.box("id_relationship")["aria-describedby"] == "id_relationship_error"
    # A group of choices: each choice is marked (the fieldset's description: below).
    assert html.box("id_felt_safety_1")["aria-invalid"] == "true"
    assert html.box("id_name")["autocomplete"] == "off"
    assert "aria-invalid" not in html.box("id_name")


def test_the_person_forms_fieldset_is_described_by_its_hint_and_note(owner_client):
    response = owner_client.post(reverse("people:add"), {"name": "Sam", "felt_safety": "9"})

    html = response.content.decode()
    assert '<fieldset aria-describedby="id_felt_safety_helptext id_felt_safety_error">' in html
    assert '<p class="help" id="id_felt_safety_helptext">' in html
    assert '<ul class="errorlist" id="id_felt_safety_error">' in html


def test_the_merge_choice_is_labelled(owner_client, owner):
    sam = PersonFactory(owner=owner, name="Sam")
    PersonFactory(owner=owner, name="Sammy")

    html = page(owner_client.get(reverse("people:merge", args=[sam.pk])))

    assert html.labels["id_merge"] == "Who should be merged in?"


def test_labels_carry_no_added_colon(owner_client):
    """The field's own words, as in every hand-written label in the app; a label that ends in
    a question mark and one that doesn't look alike."""
    for url in (
        reverse("people:add"),
        reverse("journal:entry_new", args=["interaction"]),
        reverse("journal:checkin"),
    ):
        html = page(owner_client.get(url))
        for text in [*html.labels.values(), *html.legends]:
            assert not text.endswith(":"), (url, text)
