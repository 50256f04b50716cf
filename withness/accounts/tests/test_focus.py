"""After a failed submit an account page opens on the first box with a problem (autofocus,
no script), so a keyboard or screen-reader user lands on it rather than at the top; with no
problem a page keeps the focus it had. The browser's side of it is in
withness/tests/test_browser_field_groups.py."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from withness.accounts import services
from withness.testing.fixtures import confirm_long_ago

pytestmark = pytest.mark.django_db

SETUP = reverse("accounts:setup")
SIGNUP = reverse("accounts:signup")
LOGIN = reverse("accounts:login")


class Focus(HTMLParser):
    """The ids of the elements with autofocus, in page order."""

    def __init__(self, html: str):
        super().__init__()
        self.ids: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "autofocus" in attrs:
            self.ids.append(attrs.get("id", tag))


def focused(response) -> list[str]:
    assert response.status_code == 200
    return Focus(response.content.decode()).ids


def account(**overrides):
    data = {
        "username": "robin",
        "password1": "calm-harbour-42",
        "password2": "calm-harbour-42",
        "time_zone": "Europe/Berlin",
        "country": "",
    }
    return data | overrides


def test_set_up_opens_on_the_box_that_needs_another_look_not_the_username(client, db):
    response = client.post(SETUP, account(password2="calm-harbour-43"))

    assert focused(response) == ["id_password2"]


def test_set_up_opens_on_the_first_problem_in_the_order_the_page_shows_the_boxes(client, db):
    # The time zone comes after the passwords on the page, though not in the model's fields.
    response = client.post(SETUP, account(password1="abc", password2="abc", time_zone="Mars"))

    assert 'id="id_time_zone_error"' in response.content.decode()
    assert focused(response) == ["id_password1"]


def test_a_fresh_set_up_page_keeps_its_focus_on_the_username(client, db):
    assert focused(client.get(SETUP)) == ["id_username"]


def test_sign_up_still_opens_on_a_problem_found_while_saving(client, owner, settings, monkeypatch):
    settings.SIGNUP = "open"

    def taken(**kwargs):
        raise services.SignupRefused("That country was refused a moment ago.", field="country")

    # The view adds this note after the form is cleaned; the focus is settled as it is drawn.
    monkeypatch.setattr(services, "account_create", taken)
    response = client.post(SIGNUP, account(username="sam", country="US"))

    assert "refused a moment ago" in response.content.decode()
    assert focused(response) == ["id_country"]


def test_sign_up_opens_on_the_box_that_needs_another_look(client, owner, settings):
    settings.SIGNUP = "open"

    response = client.post(SIGNUP, account(username="sam", country="Atlantis"))

    assert focused(response) == ["id_country"]


def test_a_wrong_password_at_sign_in_opens_on_the_username(client, owner):
    assert focused(client.post(LOGIN, {"username": "robin", "password": "nope"})) == ["id_username"]


def test_an_empty_password_at_sign_in_opens_on_the_password(client, owner):
    assert focused(client.post(LOGIN, {"username": "robin", "password": ""})) == ["id_password"]


def test_a_fresh_sign_in_page_keeps_its_focus_on_the_username(client, owner):
    assert focused(client.get(LOGIN)) == ["id_username"]


def test_changing_the_password_opens_on_the_box_that_needs_another_look(owner_client, password):
    response = owner_client.post(reverse("accounts:password_change"), {
        "old_password": password,
        "new_password1": "calm-harbour-43",
        "new_password2": "calm-harbour-44",
    })  # fmt: skip

    assert focused(response) == ["id_new_password2"]


def test_the_recovery_page_opens_on_the_box_that_needs_another_look(client, owner):
    response = client.post(reverse("accounts:recover"), {
        "username": "robin",
        "code": "1234567890",  # a backup code, not the recovery code
        "new_password1": "calm-harbour-43",
        "new_password2": "calm-harbour-43",
    })  # fmt: skip

    assert focused(response) == ["id_code"]


def test_settings_open_on_a_time_zone_that_needs_another_look(owner_client):
    response = owner_client.post(reverse("accounts:settings"), {"time_zone": "Mars"})

    assert focused(response) == ["id_time_zone"]


def test_settings_without_a_problem_focus_nothing(owner_client):
    assert focused(owner_client.get(reverse("accounts:settings"))) == []


def test_confirming_with_a_wrong_password_opens_on_the_password(owner_client):
    confirm_long_ago(owner_client)
    url = reverse("accounts:reauth") + "?next=" + reverse("accounts:settings")

    assert focused(owner_client.get(url)) == []
    assert focused(owner_client.post(url, {"password": "nope"})) == ["id_password"]
