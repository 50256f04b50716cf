"""Personal access tokens: made, named, scoped and revoked in Settings; stored only as a hash."""

import hashlib

import pytest
from django.db import connection
from django.urls import reverse

from withness.api.models import ApiToken, Scope
from withness.api.services import token_create

from .helpers import ApiClient

SETTINGS = reverse("accounts:settings")


def make(owner_client, name="phone shortcut", scope="append"):
    return owner_client.post(reverse("api:token_create"), {"name": name, "scope": scope})


def secret_from(response) -> str:
    return response.context["secret"]


def everything_in_the_database() -> str:
    """Every value in every table, as text: a secret must be in none of them."""
    rows = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')
            rows += [repr(row) for row in cursor.fetchall()]
    return "\n".join(rows)


def test_the_settings_page_has_the_api_tokens_section(owner_client):
    body = owner_client.get(SETTINGS).content.decode()
    assert 'id="api-tokens"' in body
    assert f'action="{reverse("api:token_create")}"' in body
    assert "No tokens yet" in body


def test_making_a_token_shows_its_secret_once(owner_client, owner):
    response = make(owner_client)
    assert response.status_code == 200
    secret = secret_from(response)
    assert secret.startswith("wtn_") and len(secret) > 40
    assert secret in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(owner=owner)
    assert (token.name, token.scope) == ("phone shortcut", Scope.APPEND)
    settings_page = owner_client.get(SETTINGS).content.decode()
    assert secret not in settings_page


def test_the_new_token_is_shown_on_one_read_only_line_with_a_copy_button(owner_client):
    response = make(owner_client)
    html = response.content.decode()
    secret = secret_from(response)

    assert "<textarea" not in html
    assert f'id="api-secret" class="api-secret" value="{secret}" readonly' in html
    assert '<label id="secret-label" for="api-secret">' in html
    # Shown by copy.js only where the clipboard works; without it the field is still there.
    assert 'data-copy="api-secret" hidden>' in html
    assert "accounts/copy.js" in html and "<script>" not in html


def test_only_a_hash_of_the_secret_is_stored_anywhere(owner_client, owner):
    secret = secret_from(make(owner_client))
    token = ApiToken.objects.get(owner=owner)
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret.startswith(token.prefix) and len(token.prefix) < 12
    assert secret not in everything_in_the_database()
    assert secret[len(token.prefix) :] not in everything_in_the_database()


def test_the_settings_page_lists_tokens_by_name_scope_and_prefix(owner_client, owner):
    make(owner_client, name="backup script", scope="read")
    make(owner_client, name="phone", scope="append")
    body = owner_client.get(SETTINGS).content.decode()
    for token in ApiToken.objects.filter(owner=owner):
        assert token.name in body and token.prefix in body
    assert "Read only" in body and "Add entries only" in body
    assert "not used yet" in body


def test_a_token_needs_a_name(owner_client, owner):
    response = make(owner_client, name="  ", scope="read")
    assert response.status_code == 302 and response["Location"] == SETTINGS + "#api-tokens"
    assert not ApiToken.objects.exists()
    body = owner_client.get(SETTINGS).content.decode()
    assert "Give the token a name" in body


def test_a_token_needs_one_of_the_three_scopes(owner_client):
    response = make(owner_client, scope="admin")
    assert response.status_code == 302
    assert not ApiToken.objects.exists()


def test_revoking_a_token_stops_it_at_once(owner_client, owner, client):
    secret = secret_from(make(owner_client, scope="read"))
    api = ApiClient(client, secret)
    assert api.get("/people").status_code == 200
    token = ApiToken.objects.get(owner=owner)
    response = owner_client.post(reverse("api:token_revoke", args=[token.pk]))
    assert response.status_code == 302 and response["Location"] == SETTINGS + "#api-tokens"
    assert api.get("/people").status_code == 401
    body = owner_client.get(SETTINGS).content.decode()
    assert "no longer works" in body and token.prefix not in body


def test_an_outsider_cannot_revoke_someone_elses_token(outsider_client, owner, client):
    token, secret = token_create(user=owner, name="mine", scope=Scope.READ)
    response = outsider_client.post(reverse("api:token_revoke", args=[token.pk]))
    assert response.status_code == 404
    assert ApiClient(client, secret).get("/people").status_code == 200


def test_an_outsider_does_not_see_someone_elses_tokens(outsider_client, owner):
    token, _ = token_create(user=owner, name="owner's shortcut", scope=Scope.READ)
    body = outsider_client.get(SETTINGS).content.decode()
    assert "owner's shortcut" not in body and token.prefix not in body


def test_signed_out_visitors_are_sent_to_sign_in(client, owner):
    token, _ = token_create(user=owner, name="mine", scope=Scope.READ)
    for url in (reverse("api:token_create"), reverse("api:token_revoke", args=[token.pk])):
        response = client.post(url, {"name": "x", "scope": "read"})
        assert response.status_code == 302 and "/account/login/" in response["Location"]
    assert ApiToken.objects.get().revoked_at is None and ApiToken.objects.count() == 1


def test_tokens_are_only_made_and_revoked_by_post(owner_client, owner):
    token, _ = token_create(user=owner, name="mine", scope=Scope.READ)
    assert owner_client.get(reverse("api:token_create")).status_code == 405
    assert owner_client.get(reverse("api:token_revoke", args=[token.pk])).status_code == 405
    assert ApiToken.objects.get().revoked_at is None


@pytest.mark.parametrize(
    "header",
    [None, "Bearer", "Bearer wtn_not-a-real-token", "Basic dXNlcjpwYXNz", "Token abc"],
)
def test_requests_without_a_valid_token_get_401(client, journal, header):
    headers = {"Authorization": header} if header else {}
    response = client.get("/api/v1/people", headers=headers)
    assert response.status_code == 401
    assert "Bearer" in response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert b"Secret Sam" not in response.content


def test_a_revoked_token_gets_401(api_as, owner):
    api = api_as(owner, Scope.WRITE)
    ApiToken.objects.update(revoked_at="2026-01-01T00:00Z")
    assert api.get("/people").status_code == 401
    assert api.post("/people", {"name": "Kim"}).status_code == 401


def test_a_signed_in_session_alone_does_not_open_the_api(owner_client, journal):
    assert owner_client.get("/api/v1/people").status_code == 401


def test_a_token_stops_working_when_its_account_is_deactivated(api_as, owner):
    api = api_as(owner, Scope.READ)
    owner.is_active = False
    owner.save()
    assert api.get("/people").status_code == 401


def test_using_a_token_notes_when_it_was_last_used(api_as, owner):
    api = api_as(owner, Scope.READ)
    assert ApiToken.objects.get().last_used_at is None
    api.get("/people")
    assert ApiToken.objects.get().last_used_at is not None


def test_deleting_an_account_deletes_its_tokens(owner):
    token_create(user=owner, name="t", scope=Scope.READ)
    owner.delete()
    assert not ApiToken.objects.exists()
