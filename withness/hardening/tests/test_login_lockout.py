"""Five wrong passwords in a row pause sign-in for that username from that address."""

from datetime import timedelta

import time_machine
from django.test import Client
from django.utils import timezone

from withness.testing.factories import PASSWORD

LOGIN = "/account/login/"


def attempt(client, username, password, ip="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def fail_five_times(client, username="robin", ip="203.0.113.7"):
    for _ in range(5):
        response = attempt(client, username, "not-the-password", ip)
    return response


def test_four_wrong_passwords_still_let_the_right_one_in(owner):
    client = Client()
    for _ in range(4):
        assert attempt(client, "robin", "nope").status_code == 200
    response = attempt(client, "robin", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_the_fifth_wrong_password_pauses_sign_in_with_a_kind_clear_message(owner):
    client = Client()
    response = fail_five_times(client)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Signing in is paused" in page and "about 15 minutes" in page
    assert page.count("<h1>") == 1
    # Even the right password waits out the pause: that is what stops guessing.
    response = attempt(client, "robin", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_pause_ends_after_a_quarter_of_an_hour(owner):
    client = Client()
    fail_five_times(client)
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert attempt(client, "robin", PASSWORD).status_code == 302


def test_someone_elsewhere_cannot_lock_a_person_out_by_typing_their_name(owner):
    fail_five_times(Client(), ip="198.51.100.9")
    assert attempt(Client(), "robin", PASSWORD, ip="203.0.113.7").status_code == 302


def test_a_lockout_for_one_name_leaves_others_at_the_same_address_alone(owner, outsider):
    fail_five_times(Client(), username="robin")
    assert attempt(Client(), "outsider", PASSWORD).status_code == 302


def test_a_lockout_hides_whether_the_account_exists(owner):
    response = fail_five_times(Client(), username="nobody-here")
    assert response.status_code == 429
    assert "Signing in is paused" in response.content.decode()
