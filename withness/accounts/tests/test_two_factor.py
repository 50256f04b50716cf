import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from withness.accounts import two_factor
from withness.accounts.middleware import TwoFactorMiddleware
from withness.api.models import ApiToken
from withness.api.services import token_create
from withness.hardening.sweep import routes
from withness.testing.fixtures import totp_code

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
VERIFY = reverse("accounts:two_factor_verify")
TURN_ON = reverse("accounts:two_factor_turn_on")
HOME = reverse("journal:home")


@pytest.fixture
def clock():
    """Time stands still from now on, so a code stays the current one."""
    with time_machine.travel(datetime.now(UTC), tick=False) as traveller:
        yield traveller


def sign_in_with_password(client, password):
    response = client.post(LOGIN, {"username": "robin", "password": password})
    assert response.status_code == 302
    return response


def shown_key(html: str) -> str:
    """The hex key behind the base32 key the turn-on page shows."""
    from base64 import b32decode

    text = re.search(r'id="setup-key">([A-Z2-7 ]+)<', html)[1].replace(" ", "")
    return b32decode(text + "=" * (-len(text) % 8)).hex()


# Turning it on


def test_the_settings_page_offers_to_turn_it_on(owner_client):
    html = owner_client.get(reverse("accounts:settings")).content.decode()

    assert 'id="two-step"' in html and "Two-step sign-in" in html
    assert TURN_ON in html


def test_the_turn_on_page_shows_a_qr_code_and_the_same_key_on_every_visit(owner_client):
    first = owner_client.get(TURN_ON).content.decode()
    again = owner_client.get(TURN_ON).content.decode()

    assert '<svg class="qr" role="img" aria-label=' in first
    assert shown_key(first) == shown_key(again)
    assert not TOTPDevice.objects.exists()  # nothing is saved until a code confirms it


def test_turning_on_needs_a_code_from_the_app(owner_client, owner, clock):
    key = shown_key(owner_client.get(TURN_ON).content.decode())

    wrong = owner_client.post(TURN_ON, {"code": "000000" if totp_code(key) != "000000" else "1"})
    assert "didn’t match" in wrong.content.decode()
    assert not two_factor.is_on(owner)

    response = owner_client.post(TURN_ON, {"code": totp_code(key)})
    html = response.content.decode()
    assert two_factor.is_on(owner)
    assert html.count("<li><code>") == 10
    assert "Keep these somewhere safe" in html
    assert StaticToken.objects.filter(device__user=owner).count() == 10
    # This session stays signed in: the code it just typed counts as the second step.
    assert owner_client.get(HOME).status_code == 200


def test_a_code_that_is_not_six_digits_is_explained(owner_client, owner):
    response = owner_client.post(TURN_ON, {"code": "abc"})

    assert "6 digits" in response.content.decode()
    assert not two_factor.is_on(owner)


def test_the_code_fields_suit_phones_and_screen_readers(outsider_client, client, owner_two_factor):
    html = outsider_client.get(TURN_ON).content.decode()
    client.force_login(owner_two_factor.user)  # the password step only
    verify = client.get(VERIFY).content.decode()

    for page in (html, verify):
        assert '<label for="id_code">' in page
        assert 'autocomplete="one-time-code"' in page
        assert 'inputmode="numeric"' in page
        assert page.count("<h1") == 1


# Signing in


def test_signing_in_with_two_step_on_needs_the_code(client, owner_two_factor, password, clock):
    sign_in_with_password(client, password)

    assert client.get(HOME).url == f"{VERIFY}?next={HOME.replace('/', '%2F')}"
    response = client.post(VERIFY, {"code": owner_two_factor.code(), "next": HOME})

    assert response.status_code == 302 and response.url == HOME
    assert client.get(HOME).status_code == 200
    assert DEVICE_ID_SESSION_KEY in client.session


def test_a_wrong_code_gets_a_clear_message_and_no_way_in(client, owner_two_factor, password, clock):
    sign_in_with_password(client, password)
    right = owner_two_factor.code()

    response = client.post(VERIFY, {"code": "111111" if right != "111111" else "222222"})

    assert "That code from your app didn’t match" in response.content.decode()
    assert client.get(HOME).status_code == 302


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("12345", "That’s 5 digits; codes from your app have 6."),
        ("1234 567", "That’s 7 digits: codes from your app have 6, backup codes 10."),
        ("123456789012", "That’s 12 digits; backup codes have 10."),
        ("12ab56", "That has letters or other signs in it."),
        ("ABCDE-FGHIJ-KLMNO-PQRST-UVWXY-Z2345", "That looks like your recovery code"),
    ],
)
def test_codes_in_the_wrong_shape_are_explained_for_what_was_typed(
    client, owner_two_factor, password, typed, said
):
    sign_in_with_password(client, password)

    html = client.post(VERIFY, {"code": typed}).content.decode()

    assert said in html
    assert client.get(HOME).status_code == 302


def test_the_code_step_names_both_kinds_of_code_once(client, owner_two_factor, password):
    sign_in_with_password(client, password)

    html = client.get(VERIFY).content.decode()

    assert "a code from your authenticator app, or one of your backup codes" in html
    assert "recovery code" not in html.lower()
    assert html.count("backup code") == 2  # the sentence above, and the box's 6-or-10 note


def test_a_wrong_code_is_explained_once_beside_the_box(client, owner_two_factor, password):
    sign_in_with_password(client, password)

    html = client.post(VERIFY, {"code": "12345"}).content.decode()

    assert html.count("That’s 5 digits") == 1
    assert "form-errors" not in html and "next to each box" not in html
    assert 'aria-describedby="id_code_helptext id_code_error"' in html


def test_wrong_codes_in_a_row_pause_guessing(client, owner_two_factor, password, clock):
    sign_in_with_password(client, password)
    right = owner_two_factor.code()
    wrong = "111111" if right != "111111" else "222222"
    client.post(VERIFY, {"code": wrong})

    paused = client.post(VERIFY, {"code": right}).content.decode()

    assert "pausing for a moment" in paused
    assert client.get(HOME).status_code == 302
    clock.shift(timedelta(seconds=2))
    assert client.post(VERIFY, {"code": right}).status_code == 302


def test_a_backup_code_works_once(client, owner_two_factor, password):
    code = owner_two_factor.recovery_codes[0]
    sign_in_with_password(client, password)

    response = client.post(VERIFY, {"code": code})
    assert response.status_code == 302
    assert client.get(HOME).status_code == 200

    client.post(reverse("accounts:logout"))
    sign_in_with_password(client, password)
    again = client.post(VERIFY, {"code": code})
    assert "That backup code didn’t match, or it has been used already" in again.content.decode()
    assert StaticToken.objects.filter(device__user=owner_two_factor.user).count() == 9


def test_using_a_backup_code_says_how_many_are_left(client, owner_two_factor, password):
    sign_in_with_password(client, password)

    response = client.post(VERIFY, {"code": owner_two_factor.recovery_codes[3]}, follow=True)

    assert "You used a backup code; it won’t work again. 9 left." in response.content.decode()


def test_a_half_signed_in_person_reaches_only_the_code_step(client, owner_two_factor, password):
    token, _ = token_create(user=owner_two_factor.user, name="phone", scope="read")
    sign_in_with_password(client, password)
    checked = 0
    for route in routes():
        if route.params or route.name in TwoFactorMiddleware.OPEN:
            continue
        url = route.url({})
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            checked += 1
            assert response.status_code == 302, f"{method} {url}: {response.status_code}"
            assert response.url.startswith(VERIFY), f"{method} {url} went to {response.url}"
    assert checked > 40
    assert client.post(reverse("api:token_revoke", args=[token.pk])).url.startswith(VERIFY)
    assert ApiToken.objects.get().revoked_at is None


def test_htmx_requests_of_a_half_signed_in_person_are_sent_to_the_code_step(
    client, owner_two_factor, password
):
    sign_in_with_password(client, password)

    response = client.get(HOME, HTTP_HX_REQUEST="true")

    assert response.status_code == 204 and response["HX-Redirect"] == VERIFY


def test_a_half_signed_in_person_can_still_log_out_and_reach_help_now(
    client, owner_two_factor, password
):
    sign_in_with_password(client, password)

    assert client.get(reverse("care:help_now")).status_code == 200
    client.post(reverse("accounts:logout"))
    assert "_auth_user_id" not in client.session


def test_the_code_step_follows_only_safe_next_addresses(client, owner_two_factor, password):
    sign_in_with_password(client, password)

    response = client.post(
        VERIFY, {"code": owner_two_factor.recovery_codes[0], "next": "https://elsewhere.example/"}
    )

    assert response.url == HOME


def test_signed_out_visitors_of_the_code_step_go_to_sign_in(client, owner):
    assert client.get(VERIFY).url.startswith(LOGIN)


def test_turning_it_on_elsewhere_sends_a_password_only_session_to_the_code_step(
    client, owner, password
):
    from django_otp.plugins.otp_totp.models import default_key

    sign_in_with_password(client, password)
    assert client.get(HOME).status_code == 200
    key = default_key()
    two_factor.two_factor_turn_on(user=owner, hex_key=key, code=totp_code(key))

    response = client.get(HOME)

    assert response.status_code == 302 and response.url.startswith(VERIFY)


def test_people_without_two_step_sign_in_skip_the_code_step(owner_client):
    assert owner_client.get(VERIFY).url == HOME
    assert owner_client.get(HOME).status_code == 200


# Backup codes and turning it off


def test_new_backup_codes_replace_the_old_ones(client, owner_two_factor):
    owner_two_factor.sign_in(client)

    html = client.post(reverse("accounts:two_factor_codes")).content.decode()

    assert "<h1>Your new backup codes</h1>" in html and "recovery codes" not in html
    new = re.findall(r"<li><code>(\d{5} \d{5})</code></li>", html)
    assert len(new) == 10 and not set(new) & set(owner_two_factor.recovery_codes)
    assert StaticToken.objects.filter(device__user=owner_two_factor.user).count() == 10


def test_turning_it_off_removes_the_app_and_the_codes(client, owner_two_factor):
    owner_two_factor.sign_in(client)

    response = client.post(reverse("accounts:two_factor_turn_off"))

    assert response.url.endswith("#two-step")
    assert not two_factor.is_on(owner_two_factor.user)
    assert not StaticToken.objects.exists()


def test_the_settings_section_shows_it_is_on(client, owner_two_factor):
    owner_two_factor.sign_in(client)

    html = client.get(reverse("accounts:settings")).content.decode()

    assert "10 backup codes left" in html and "Make new backup codes" in html
    assert "recovery codes" not in html  # the account's recovery code is a different thing
    assert reverse("accounts:two_factor_turn_off") in html
