from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from withness.accounts import services
from withness.accounts.models import Invite, User

pytestmark = pytest.mark.django_db

SIGNUP = reverse("accounts:signup")


def account(**overrides):
    data = {
        "username": "sam",
        "password1": "gentle-river-77",
        "password2": "gentle-river-77",
        "time_zone": "America/Chicago",
        "country": "US",
    }
    return data | overrides


def test_signup_is_closed_by_default_and_says_whom_to_ask(client, owner):
    response = client.get(SIGNUP)

    html = response.content.decode()
    assert response.status_code == 200
    assert "isn’t taking new accounts" in html
    assert "ask the person who runs this withness" in html
    assert "<form" not in html.split("<main")[1].split("</main>")[0]
    assert html.count("<h1") == 1


def test_a_closed_instance_creates_no_account_even_when_posted_to(client, owner):
    response = client.post(SIGNUP, account())

    assert response.status_code == 200
    assert not User.objects.filter(username="sam").exists()


def test_open_signup_creates_an_ordinary_account_and_logs_in(client, owner, settings):
    settings.SIGNUP = "open"

    response = client.post(SIGNUP, account())

    assert response.status_code == 302
    assert response.url == reverse("accounts:recovery_code")
    sam = User.objects.get(username="sam")
    assert not sam.is_superuser and not sam.is_staff
    assert sam.time_zone == "America/Chicago"
    assert client.session["_auth_user_id"] == str(sam.pk)


def test_open_signup_shows_the_form_with_labels(client, owner, settings):
    settings.SIGNUP = "open"

    html = client.get(SIGNUP).content.decode()

    assert html.count("<h1") == 1
    for field in ("username", "password1", "password2", "time_zone", "country"):
        assert f'<label for="id_{field}">' in html


def test_signup_refuses_a_username_that_differs_only_in_case(client, owner, settings):
    settings.SIGNUP = "open"

    response = client.post(SIGNUP, account(username="ROBIN"))

    assert response.context["form"].errors["username"] == [
        "That username is already taken here. Try another."
    ]


def test_signup_before_setup_goes_to_setup(client, db, settings):
    settings.SIGNUP = "open"

    response = client.get(SIGNUP)

    assert response.url == reverse("accounts:setup")


def test_invite_signup_without_a_code_explains_invitations(client, owner, settings):
    settings.SIGNUP = "invite"

    response = client.get(SIGNUP)

    assert "by invitation" in response.content.decode()
    assert response.context["form"] is None


def test_invite_signup_with_a_valid_code_creates_the_account_and_spends_the_invite(
    client, owner, settings
):
    settings.SIGNUP = "invite"
    invite = Invite.objects.create(created_by=owner)

    response = client.post(f"{SIGNUP}?code={invite.code}", account())

    assert response.status_code == 302
    invite.refresh_from_db()
    assert invite.used_by == User.objects.get(username="sam")
    assert invite.used_at is not None
    assert not invite.is_usable


def test_an_invite_works_only_once(client, owner, settings):
    settings.SIGNUP = "invite"
    invite = Invite.objects.create(created_by=owner)
    client.post(f"{SIGNUP}?code={invite.code}", account())
    client.logout()

    response = client.post(f"{SIGNUP}?code={invite.code}", account(username="alex"))

    assert "This invite link isn’t working" in response.content.decode()
    assert not User.objects.filter(username="alex").exists()


def test_an_expired_invite_does_not_work(client, owner, settings):
    settings.SIGNUP = "invite"
    yesterday = timezone.now() - timedelta(days=1)
    invite = Invite.objects.create(created_by=owner, expires_at=yesterday)

    response = client.post(f"{SIGNUP}?code={invite.code}", account())

    assert "isn’t working" in response.content.decode()
    assert not User.objects.filter(username="sam").exists()


def test_a_switched_off_owners_invite_no_longer_works(client, owner, settings):
    settings.SIGNUP = "invite"
    invite = Invite.objects.create(created_by=owner)
    services.account_switch(user=owner, on=False)

    shown = client.get(f"{SIGNUP}?code={invite.code}")
    response = client.post(f"{SIGNUP}?code={invite.code}", account())

    assert "This invite link isn’t working" in shown.content.decode()
    assert "isn’t working" in response.content.decode()
    assert not User.objects.filter(username="sam").exists()
    invite.refresh_from_db()
    assert not invite.is_usable and not invite.is_used


def test_invites_last_fourteen_days(owner):
    invite = Invite.objects.create(created_by=owner)

    assert timedelta(days=13, hours=23) < invite.expires_at - timezone.now() <= timedelta(days=14)


def test_an_unknown_code_does_not_work(client, owner, settings):
    settings.SIGNUP = "invite"

    response = client.get(f"{SIGNUP}?code=not-a-real-code")

    assert "isn’t working" in response.content.decode()


def test_an_invite_taken_between_showing_and_submitting_the_form_is_refused(owner, settings):
    settings.SIGNUP = "invite"
    invite = Invite.objects.create(created_by=owner)
    invite.used_at = timezone.now()
    invite.save()

    with pytest.raises(services.SignupRefused):
        services.account_create(
            username="sam", password="gentle-river-77", time_zone="UTC", country="",
            invite_code=invite.code,
        )  # fmt: skip


def test_an_invite_stays_spent_when_the_account_that_used_it_is_deleted(client, owner, settings):
    settings.SIGNUP = "invite"
    invite = Invite.objects.create(created_by=owner)
    client.post(f"{SIGNUP}?code={invite.code}", account())
    User.objects.get(username="sam").delete()

    invite.refresh_from_db()
    assert invite.used_by is None
    assert not invite.is_usable


def test_a_signed_in_person_is_sent_home_from_signup(owner_client, settings):
    settings.SIGNUP = "open"

    response = owner_client.get(SIGNUP)

    assert response.url == reverse("journal:home")
