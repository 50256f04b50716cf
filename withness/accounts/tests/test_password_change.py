import pytest
from django.urls import reverse

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
