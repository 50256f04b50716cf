"""Sealed words open only through a real sign-in, and the recovery code is kept once."""

import pytest

from withness.accounts.tests.copying import copied_with_the_button
from withness.testing.browser import shoot, sign_in
from withness.testing.factories import InteractionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHRASE = "the harbour lights at dusk"


def test_a_note_opens_after_signing_in_with_the_form(page, live_server, owner, password):
    interaction = InteractionFactory(owner=owner, note=f"We watched {PHRASE}.")

    page.goto("/account/login/")
    page.get_by_label("Username").fill("robin")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(live_server.url + "/")
    page.goto(f"/entries/interaction/{interaction.pk}/")

    assert PHRASE in page.content()


def test_a_new_account_keeps_its_recovery_code_before_anything_else(page, live_server):
    page.goto("/account/setup/")
    page.get_by_label("Username").fill("robin")
    page.get_by_label("Password", exact=True).fill("calm-harbour-42")
    page.get_by_label("Password again").fill("calm-harbour-42")
    page.get_by_role("button").last.click()
    page.wait_for_url(live_server.url + "/account/recovery-code/")
    code = page.get_by_label("Recovery code").inner_text()
    shoot(page, "recovery-code")
    assert copied_with_the_button(page, "Copy the recovery code") == code

    assert len(code.split("-")) == 6
    page.get_by_role("button", name="I’ve kept it somewhere safe").click()
    page.wait_for_url(live_server.url + "/")


def test_a_lost_recovery_code_is_replaced_from_settings(page, live_server, owner, password):
    page.goto("/account/login/")
    page.get_by_label("Username").fill("robin")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(live_server.url + "/")
    page.goto("/account/settings/#recovery-code")
    page.get_by_role("button", name="Make a new recovery code").click()
    page.wait_for_url(live_server.url + "/account/recovery-code/")
    shoot(page, "recovery-code-new")

    assert page.get_by_text("The old one no longer works").is_visible()
    assert len(page.get_by_label("Recovery code").inner_text().split("-")) == 6
    page.get_by_role("button", name="I’ve kept it somewhere safe").click()
    page.wait_for_url("**/account/settings/**")
    assert page.get_by_role("heading", name="Recovery code").is_visible()


def test_the_owner_reads_who_can_join_in_plain_words(page, live_server, owner, settings):
    settings.SIGNUP = "closed"
    sign_in(page, live_server, owner)
    page.goto("/account/settings/#invites")

    section = page.locator("#invites")
    assert section.get_by_text("Nobody new can join").is_visible()
    assert section.get_by_text("For whoever runs this withness:").is_visible()
    section.scroll_into_view_if_needed()
    shoot(page, "settings-who-can-join")
