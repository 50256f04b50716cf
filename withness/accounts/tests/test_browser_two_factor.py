"""Turning on two-step sign-in and signing in with it, in a real browser, as a person would."""

import re
from base64 import b32decode

import pytest

from withness.accounts import two_factor
from withness.testing.browser import shoot
from withness.testing.fixtures import totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, password):
    page.goto("/account/login/")
    page.get_by_label("Username").fill("robin")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def key_from_page(page) -> str:
    text = page.locator("#setup-key").inner_text().replace(" ", "")
    return b32decode(text + "=" * (-len(text) % 8)).hex()


def test_a_person_turns_on_two_step_sign_in_and_signs_in_with_a_code(
    page, live_server, owner, password
):
    log_in(page, password)
    page.wait_for_url(live_server.url + "/")
    page.goto("/account/settings/#two-step")
    shoot(page, "two-factor-settings-off")
    page.locator("#two-step").get_by_role("link", name="Turn on two-step sign-in").click()

    page.wait_for_url("**/two-step/on/")
    assert page.get_by_role("img", name="QR code to scan with your authenticator app").is_visible()
    shoot(page, "two-factor-turn-on")
    key = key_from_page(page)
    page.get_by_label("6-digit code from your app").fill(totp_code(key))
    page.get_by_role("button", name="Turn on").click()

    page.get_by_role("heading", name="Two-step sign-in is on.").wait_for()
    codes = re.findall(r"\d{5} \d{5}", page.get_by_label("Backup codes").inner_text())
    assert len(codes) == 10 and two_factor.is_on(owner)
    shoot(page, "two-factor-backup-codes")
    page.get_by_role("link", name="I’ve kept them, back to Settings").click()
    page.wait_for_url("**/account/settings/#two-step")
    assert "10 backup codes left" in page.locator("#two-step").inner_text()
    page.locator("#account").get_by_role("button", name="Log out").click()
    page.wait_for_url("**/account/login/")

    log_in(page, password)
    page.wait_for_url("**/account/login/code/**")
    both = "a code from your authenticator app, or one of your backup codes"
    assert page.get_by_text(both).is_visible()
    shoot(page, "two-factor-code-step")
    page.get_by_label("Code", exact=True).fill("12345")
    page.get_by_role("button", name="Continue").click()
    assert page.locator(".errorlist").inner_text() == "That’s 5 digits; codes from your app have 6."
    assert not page.get_by_role("alert").count()  # one box, one note beside it
    shoot(page, "two-factor-code-wrong")
    # The next step's code: the one that turned it on cannot be used twice.
    page.get_by_label("Code", exact=True).fill(totp_code(key, steps_ahead=1))
    page.get_by_role("button", name="Continue").click()

    page.wait_for_url(live_server.url + "/")
    assert page.get_by_role("link", name="Settings").is_visible()
    page.goto("/account/settings/")
    assert page.get_by_role("heading", name="Settings", level=1).is_visible()


def make_confirmation_old(page) -> None:
    """Move the browser's session past the ten minutes, as if the person had stepped away."""
    from importlib import import_module

    from django.conf import settings

    from withness.accounts import reauth

    cookie = next(c for c in page.context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME)
    session = import_module(settings.SESSION_ENGINE).SessionStore(session_key=cookie["value"])
    session[reauth.CONFIRMED_AT] = reauth._now() - reauth.RECENT.total_seconds() - 60
    session.save()


def test_revoking_a_token_after_a_while_asks_for_the_password_first(
    page, live_server, owner, password
):
    from withness.api.models import ApiToken
    from withness.api.services import token_create

    token_create(user=owner, name="phone shortcut", scope="read")
    log_in(page, password)
    page.wait_for_url(live_server.url + "/")
    make_confirmation_old(page)
    page.goto("/account/settings/#api-tokens")
    page.get_by_role("button", name="Revoke “phone shortcut”").click()

    page.get_by_role("heading", name="Confirm it’s you").wait_for()
    assert ApiToken.objects.get().revoked_at is None
    assert page.get_by_text("You’re about to revoke the token “phone shortcut”").is_visible()
    shoot(page, "reauth-confirm")
    page.get_by_label("Your password").fill(password)
    page.get_by_role("button", name="Confirm").click()

    page.wait_for_url("**/account/settings/#api-tokens")
    assert "no longer works" in page.content()
    assert ApiToken.objects.get().revoked_at is not None
