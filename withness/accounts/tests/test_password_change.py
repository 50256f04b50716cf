import pytest
from django.test import Client
from django.urls import reverse

from withness.accounts import vault
from withness.testing.factories import InteractionFactory
from withness.testing.fixtures import forget_every_key

pytestmark = pytest.mark.django_db

CHANGE = reverse("accounts:password_change")


def test_changing_the_password_keeps_this_session(owner_client, owner, password):
    response = owner_client.post(CHANGE, {
        "old_password": password,
        "new_password1": "new-morning-light-9",
        "new_password2": "new-morning-light-9",
    })  # fmt: skip

    assert response.url == reverse("accounts:settings")
    owner.refresh_from_db()
    assert owner.check_password("new-morning-light-9")
    assert owner_client.get(reverse("accounts:settings")).status_code == 200


def test_the_current_password_must_be_right(owner_client, owner):
    response = owner_client.post(CHANGE, {
        "old_password": "wrong",
        "new_password1": "new-morning-light-9",
        "new_password2": "new-morning-light-9",
    })  # fmt: skip

    assert response.context["form"].errors["old_password"] == [
        "That isn’t your current password. Try typing it again."
    ]
    owner.refresh_from_db()
    assert not owner.check_password("new-morning-light-9")
    assert "the password boxes are emptied after any mistake" in response.content.decode()
    assert "emptied" not in owner_client.get(CHANGE).content.decode()


def test_a_weak_new_password_is_refused_next_to_its_field(owner_client, password):
    response = owner_client.post(CHANGE, {
        "old_password": password, "new_password1": "robin", "new_password2": "robin",
    })  # fmt: skip

    errors = response.context["form"].errors
    assert any("too short" in error for error in errors["new_password1"])
    assert any("too similar" in error for error in errors["new_password1"])
    assert "new_password2" not in errors


def test_the_page_has_one_heading_and_labelled_inputs(owner_client):
    html = owner_client.get(CHANGE).content.decode()

    assert html.count("<h1") == 1
    for field in ("old_password", "new_password1", "new_password2"):
        assert f'<label for="id_{field}">' in html


def test_changing_the_password_needs_a_login(client, owner):
    response = client.get(CHANGE)

    assert response.url.startswith(reverse("accounts:login"))


def test_a_failing_rewrap_leaves_the_old_password_and_the_journal_as_they_were(
    owner_client, owner, password, keyring, monkeypatch
):
    note = InteractionFactory(owner=owner, note="quiet-lantern-harbour")

    def broken_rewrap(*args, **kwargs):
        raise OSError("the disk filled up mid-write")

    monkeypatch.setattr(vault, "rewrap", broken_rewrap)
    with pytest.raises(OSError):
        owner_client.post(CHANGE, {
            "old_password": password,
            "new_password1": "new-morning-light-9",
            "new_password2": "new-morning-light-9",
        })  # fmt: skip

    owner.refresh_from_db()
    assert not owner.check_password("new-morning-light-9")
    forget_every_key(keyring)  # as on a real server: only signing in opens the key
    client = Client()
    client.post(reverse("accounts:login"), {"username": "robin", "password": password})
    page = client.get(reverse("journal:entry_detail", args=["interaction", note.pk]))
    assert "quiet-lantern-harbour" in page.content.decode()
