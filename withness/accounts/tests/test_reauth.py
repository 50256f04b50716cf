import re
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse

from withness.accounts import reauth
from withness.api.models import ApiToken
from withness.api.services import token_create
from withness.care.models import ShareLink, TherapistSummary
from withness.care.services import share_link_create
from withness.growth import services as growth_services
from withness.growth.models import NudgeSettings
from withness.hardening.sweep import routes
from withness.testing.fixtures import confirm_long_ago, confirm_recently

pytestmark = pytest.mark.django_db

CONFIRM = reverse("accounts:reauth")
EXPORT = reverse("portability:export_json")
SETTINGS = reverse("accounts:settings")


@pytest.fixture
def token(owner):
    made, _ = token_create(user=owner, name="phone shortcut", scope="read")
    return made


def revoke_url(token):
    return reverse("api:token_revoke", args=[token.pk])


def is_revoked(token) -> bool:
    return ApiToken.objects.get(pk=token.pk).revoked_at is not None


# The ten minutes


def test_nothing_more_is_asked_within_ten_minutes_of_signing_in(client, owner, token):
    start = datetime.now(UTC)
    with time_machine.travel(start, tick=False) as clock:
        client.force_login(owner)
        clock.shift(timedelta(minutes=9))

        assert client.get(EXPORT)["Content-Type"].startswith("application/json")
        assert client.post(revoke_url(token)).status_code == 302
    assert is_revoked(token)


def test_after_ten_minutes_the_download_asks_first(client, owner):
    start = datetime.now(UTC)
    with time_machine.travel(start, tick=False) as clock:
        client.force_login(owner)
        clock.shift(timedelta(minutes=11))

        response = client.get(EXPORT)

    assert response.status_code == 302
    assert response.url == f"{CONFIRM}?next={EXPORT.replace('/', '%2F')}"


def test_confirming_offers_the_download_and_then_lets_it_through(owner_client, password):
    confirm_long_ago(owner_client)

    response = owner_client.post(CONFIRM, {"password": password, "next": EXPORT})

    html = response.content.decode()
    assert response.status_code == 200 and f'href="{EXPORT}"' in html and html.count("<h1") == 1
    assert owner_client.get(EXPORT)["Content-Type"].startswith("application/json")


def test_confirming_returns_to_a_page_it_came_from(owner_client, password):
    confirm_long_ago(owner_client)
    back = reverse("growth:nudges")

    response = owner_client.post(CONFIRM, {"password": password, "next": back})

    assert response.url == back


def test_the_confirm_page_ignores_addresses_elsewhere(owner_client, password):
    confirm_long_ago(owner_client)

    response = owner_client.post(
        CONFIRM, {"password": password, "next": "https://elsewhere.example/"}
    )

    assert response.url == SETTINGS


# Posts that can't be undone


def test_a_revoke_without_confirming_changes_nothing(owner_client, token):
    confirm_long_ago(owner_client)

    response = owner_client.post(revoke_url(token))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Confirm it’s you" in html and html.count("<h1") == 1
    assert f'action="{revoke_url(token)}"' in html
    assert not is_revoked(token)


def test_confirming_in_place_finishes_the_action(owner_client, token, password):
    confirm_long_ago(owner_client)

    response = owner_client.post(revoke_url(token), {"reauth-password": password})

    assert response.status_code == 302 and response.url.endswith("#api-tokens")
    assert is_revoked(token)


def test_what_was_typed_is_carried_through_the_confirm_step(owner_client, token):
    confirm_long_ago(owner_client)

    html = owner_client.post(revoke_url(token), {"note": "typed <words>"}).content.decode()

    assert '<input type="hidden" name="note" value="typed &lt;words&gt;">' in html
    assert 'name="csrfmiddlewaretoken"' in html  # its own, fresh; the old one is not echoed
    assert html.count('name="csrfmiddlewaretoken"') == 1


def test_a_wrong_password_changes_nothing_and_says_so(owner_client, token):
    confirm_long_ago(owner_client)

    response = owner_client.post(revoke_url(token), {"reauth-password": "not-it"})

    assert "That is not your password" in response.content.decode()
    assert not is_revoked(token)


def test_many_wrong_passwords_pause_confirming(owner_client, token, password):
    confirm_long_ago(owner_client)
    for _ in range(5):
        owner_client.post(revoke_url(token), {"reauth-password": "not-it"})

    response = owner_client.post(revoke_url(token), {"reauth-password": password})

    assert "paused" in response.content.decode()
    assert not is_revoked(token)


def test_htmx_requests_are_sent_to_the_confirm_page_and_back(owner_client, token):
    confirm_long_ago(owner_client)
    here = "http://testserver" + SETTINGS + "#api-tokens"

    response = owner_client.post(
        revoke_url(token), HTTP_HX_REQUEST="true", HTTP_HX_CURRENT_URL=here
    )

    assert response.status_code == 204
    sent_to = urlsplit(response["HX-Redirect"])
    assert sent_to.path == CONFIRM
    assert parse_qs(sent_to.query) == {
        "next": [SETTINGS + "#api-tokens"],
        "doing": [revoke_url(token)],
    }
    assert not is_revoked(token)


def test_someone_elses_token_is_not_found_before_any_confirming(outsider_client, token):
    confirm_long_ago(outsider_client)

    assert outsider_client.post(revoke_url(token)).status_code == 404


def test_the_fixture_helper_marks_a_session_as_just_confirmed(owner_client, token):
    confirm_long_ago(owner_client)
    confirm_recently(owner_client)

    assert owner_client.post(revoke_url(token)).status_code == 302


@pytest.mark.parametrize("name", ["export_json", "export_csv"])
def test_both_downloads_ask_after_ten_minutes(owner_client, name):
    confirm_long_ago(owner_client)

    assert owner_client.get(reverse(f"portability:{name}")).url.startswith(CONFIRM)


def test_turning_off_the_calendar_feed_asks_first(owner_client, owner):
    growth_services.feed_create(user=owner)
    confirm_long_ago(owner_client)
    before = list(NudgeSettings.objects.filter(owner=owner).values_list("feed_token", flat=True))

    response = owner_client.post(reverse("growth:feed_revoke"))

    assert response.status_code == 200 and "Confirm it’s you" in response.content.decode()
    after = list(NudgeSettings.objects.filter(owner=owner).values_list("feed_token", flat=True))
    assert before == after


def test_revoking_a_therapist_link_asks_first(owner_client, owner, password):
    summary = TherapistSummary.objects.create(
        owner=owner, start=datetime(2026, 1, 1).date(), end=datetime(2026, 1, 28).date()
    )
    link = share_link_create(user=owner, summary=summary, days=7)
    url = reverse("care:link_revoke", args=[summary.pk, link.pk])
    confirm_long_ago(owner_client)

    assert "Confirm it’s you" in owner_client.post(url).content.decode()
    assert ShareLink.objects.get(pk=link.pk).revoked_at is None

    owner_client.post(url, {"reauth-password": password})
    assert ShareLink.objects.get(pk=link.pk).revoked_at is not None


# With two-step sign-in, confirming needs a code too


def test_with_two_step_sign_in_confirming_needs_a_code(client, owner_two_factor, password, token):
    owner_two_factor.sign_in(client)
    confirm_long_ago(client)

    asked = client.post(revoke_url(token), {"reauth-password": password}).content.decode()
    assert 'name="reauth-code"' in asked and 'autocomplete="one-time-code"' in asked
    assert not is_revoked(token)

    client.post(revoke_url(token), {"reauth-password": password, "reauth-code": "000"})
    assert not is_revoked(token)

    code = owner_two_factor.recovery_codes[0]  # the fixture's name for the backup codes
    client.post(revoke_url(token), {"reauth-password": password, "reauth-code": code})
    assert is_revoked(token)


# Deleting the account always asks, with the same confirm form


def test_deleting_the_account_asks_even_right_after_signing_in(owner_client, owner):
    response = owner_client.post(reverse("portability:delete_account"), {})

    assert response.status_code == 200
    assert get_user_model().objects.filter(pk=owner.pk).exists()


def test_deleting_the_account_with_two_step_sign_in_needs_a_code(
    client, owner_two_factor, password
):
    owner_two_factor.sign_in(client)
    url = reverse("portability:delete_account")

    assert 'name="code"' in client.get(url).content.decode()
    client.post(url, {"password": password})
    assert get_user_model().objects.filter(pk=owner_two_factor.user.pk).exists()

    client.post(url, {"password": password, "code": owner_two_factor.recovery_codes[0]})
    assert not get_user_model().objects.filter(pk=owner_two_factor.user.pk).exists()


# The confirm page says what the person is about to do


def about_to(html: str) -> str:
    """The “You’re about to …” line, tags stripped; "" when the page has none."""
    found = re.search(r'<p class="reauth-doing">(.*?)</p>', html, re.S)
    return re.sub(r"<[^>]+>", "", found[1]) if found else ""


def test_revoking_a_token_says_which_token_is_about_to_be_revoked(owner_client, token):
    confirm_long_ago(owner_client)

    html = owner_client.post(revoke_url(token)).content.decode()

    assert about_to(html) == (
        "You’re about to revoke the token “phone shortcut”, so whatever uses it stops working."
    )
    assert "this is something we check first" not in html


def test_a_download_link_says_a_copy_of_the_journal_is_about_to_be_downloaded(owner_client):
    confirm_long_ago(owner_client)

    page = owner_client.get(EXPORT, follow=True).content.decode()

    assert about_to(page) == "You’re about to download a copy of everything in your journal."


def test_a_wrong_password_keeps_saying_what_is_being_confirmed(owner_client, token):
    confirm_long_ago(owner_client)

    html = owner_client.post(revoke_url(token), {"reauth-password": "not-it"}).content.decode()

    assert "revoke the token “phone shortcut”" in about_to(html)
    assert html.count("That is not your password") == 1


def test_an_htmx_action_is_named_on_the_confirm_page_and_after_a_wrong_password(
    owner_client, owner
):
    growth_services.feed_create(user=owner)
    confirm_long_ago(owner_client)
    here = "http://testserver" + reverse("growth:nudges")
    sent_to = owner_client.post(
        reverse("growth:feed_revoke"), HTTP_HX_REQUEST="true", HTTP_HX_CURRENT_URL=here
    )["HX-Redirect"]

    page = owner_client.get(sent_to).content.decode()
    assert about_to(page).startswith("You’re about to stop your private calendar address")

    query = parse_qs(urlsplit(sent_to).query)
    wrong = {"password": "not-it", "next": query["next"][0], "doing": query["doing"][0]}
    again = owner_client.post(CONFIRM, wrong).content.decode()
    assert about_to(again).startswith("You’re about to stop your private calendar address")


@pytest.mark.parametrize(
    "query", [{}, {"next": SETTINGS}, {"doing": "https://elsewhere.example/x"}, {"doing": "/nope/"}]
)
def test_without_a_known_action_the_page_asks_plainly_and_names_nothing(owner_client, query):
    confirm_long_ago(owner_client)

    html = owner_client.get(CONFIRM, query).content.decode()

    assert about_to(html) == ""
    assert "before this step" in html


def test_every_action_that_asks_first_has_words_for_the_confirm_page():
    asking = [r.name for r in routes() if getattr(r.callback, "asks_first", False)]

    assert len(asking) >= 7
    # The two that ask from inside the view, after their owner check:
    for name in [*asking, "api:token_revoke", "care:link_revoke"]:
        assert reauth.ACTIONS.get(name), f"{name} has no words in reauth.ACTIONS"
