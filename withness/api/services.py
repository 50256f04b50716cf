"""Writes about API tokens. The journal itself is written through the journal's own services."""

from django.utils import timezone

from withness.accounts import vault

from .models import KEY_PURPOSE, ApiToken, hash_secret, new_secret


def token_create(*, user, name: str, scope: str) -> tuple[ApiToken, str]:
    """A new token and its secret. The secret is returned once and never stored."""
    secret = new_secret()
    # Made from a signed-in session, so the data key is open here: wrapped for the token,
    # requests with it can read and write the owner's sealed words.
    found = vault.key_for(user.pk)
    token = ApiToken.objects.create(
        owner=user,
        name=name,
        scope=scope,
        token_hash=hash_secret(secret),
        prefix=secret[: ApiToken._meta.get_field("prefix").max_length],
        key_wrap=vault.wrap_with_secret(found[1], found[0], secret, KEY_PURPOSE) if found else None,
    )
    return token, secret


def token_revoke(*, token: ApiToken) -> bool:
    """Stop a token working, from the very next request. False if it was already revoked."""
    if token.revoked_at is not None:
        return False
    token.revoked_at = timezone.now()
    token.key_wrap = None
    token.save(update_fields=["revoked_at", "key_wrap"])
    return True
