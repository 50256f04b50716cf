"""Making, using and revoking a token in a real browser, as a person would."""

import json
import urllib.request

import pytest

from withness.accounts.tests.copying import copied_with_the_button
from withness.api.models import ApiToken
from withness.testing.browser import shoot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def people_status(live_server, secret) -> int:
    request = urllib.request.Request(
        live_server.url + "/api/v1/people", headers={"Authorization": f"Bearer {secret}"}
    )
    try:
        with urllib.request.urlopen(request) as response:
            json.load(response)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_person_makes_a_token_uses_it_and_revokes_it(page, live_server, owner):
    sign_in(page, live_server, owner)
    page.goto("/account/settings/#api-tokens")
    section = page.locator("#api-tokens")
    section.get_by_label("Name").fill("phone shortcut")
    section.get_by_label("Read only").check()
    shoot(page, "settings-api-tokens")
    section.get_by_role("button", name="Make a token").click()

    page.wait_for_url("**/api/tokens/")
    secret = page.get_by_label("Copy it now").input_value()
    assert secret.startswith("wtn_")
    shoot(page, "api-token-created")
    assert copied_with_the_button(page, "Copy the token") == secret
    assert people_status(live_server, secret) == 200

    page.get_by_role("link", name="Done, back to Settings").click()
    page.wait_for_url("**/account/settings/#api-tokens")
    assert secret not in page.content()
    page.locator("#api-tokens").get_by_role("button", name="Revoke “phone shortcut”").click()
    page.wait_for_url("**/account/settings/#api-tokens")
    assert "no longer works" in page.content()
    assert ApiToken.objects.get().revoked_at is not None
    assert people_status(live_server, secret) == 401


def test_the_api_docs_page_reads_well(page, live_server):
    page.goto("/api/v1/")
    page.wait_for_url("**/api/v1/docs")
    assert page.get_by_role("heading", level=1).inner_text() == "The withness API"
    shoot(page, "api-docs")


def test_without_javascript_the_token_is_still_there_to_select_by_hand(
    chromium, live_server, owner
):
    context = chromium.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    sign_in(page, live_server, owner)
    page.goto("/account/settings/#api-tokens")
    page.locator("#api-tokens").get_by_label("Name").fill("backup script")
    page.get_by_role("button", name="Make a token").click()

    page.wait_for_url("**/api/tokens/")
    field = page.get_by_label("Copy it now")
    assert field.input_value().startswith("wtn_")
    assert field.get_attribute("readonly") is not None
    assert not page.get_by_role("button", name="Copy the token").is_visible()
    context.close()
