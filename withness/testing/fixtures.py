"""Personas for every test: the owner of a journal, and an outsider who must see nothing of it."""

import pytest

from .factories import PASSWORD, UserFactory


@pytest.fixture(autouse=True)
def keyring():
    """A fresh keyring for each test. Factory users unlock their keys into it, so objects
    made in the test, and requests from a force_login'd client (which run in this same
    context), read and write sealed text; nothing carries over to the next test. Browser
    tests' server runs in another thread and needs a real session key (browser.sign_in)."""
    from withness.accounts import vault

    with vault.opened() as ring:
        forget_every_key(ring)
        yield ring


def forget_every_key(ring) -> None:
    """As if nobody were signed in here: every unlocked key dropped from the keyring."""
    ring.ciphers.clear()
    ring.key_ids.clear()
    ring.keys.clear()


@pytest.fixture
def owner(db):
    return UserFactory(username="robin", is_superuser=True, is_staff=True)


@pytest.fixture
def outsider(db):
    return UserFactory(username="outsider")


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client


@pytest.fixture
def outsider_client(db, outsider):
    from django.test import Client

    other = Client()
    other.force_login(outsider)
    return other


@pytest.fixture
def password():
    return PASSWORD


def unlock_session(client, user) -> str:
    """Keep the user's unlocked key in the client's session, as signing in with the form
    does, and return the secret that belongs in the key cookie."""
    import secrets

    from django.conf import settings

    from withness.accounts import session_keys, vault

    key_id, key = vault.key_for(user.pk)
    secret = secrets.token_urlsafe(32)
    session = client.session
    wrap = vault.wrap_with_secret(key, key_id, secret, session_keys.PURPOSE)
    session[session_keys.SESSION_WRAP] = wrap
    session.save()
    client.cookies[settings.VAULT_COOKIE_NAME] = secret
    return secret


# Re-authentication and two-step sign-in. Signing in (force_login too) counts as confirming,
# so most tests never meet the confirm step; these move a session either side of it.


def confirm_recently(client) -> None:
    """Mark the client's session as having confirmed the password just now."""
    from withness.accounts import reauth

    session = client.session
    session[reauth.CONFIRMED_AT] = reauth._now()
    session.save()


def confirm_long_ago(client) -> None:
    """Mark the session as last confirmed beyond the ten minutes re-authentication allows."""
    from withness.accounts import reauth

    session = client.session
    session[reauth.CONFIRMED_AT] = reauth._now() - reauth.RECENT.total_seconds() - 60
    session.save()


def totp_code(hex_key: str, *, steps_ahead: int = 0) -> str:
    """What an authenticator app shows now (or that many 30-second steps later)."""
    from binascii import unhexlify

    from django_otp.oath import totp

    return f"{totp(unhexlify(hex_key), drift=steps_ahead):06d}"


class TwoFactor:
    def __init__(self, user, key: str, recovery_codes: list[str]):
        self.user, self.key, self.recovery_codes = user, key, recovery_codes

    def code(self, steps_ahead: int = 1) -> str:
        # One step ahead by default: the code that turned it on cannot be used again.
        return totp_code(self.key, steps_ahead=steps_ahead)

    def sign_in(self, client) -> None:
        """Sign the client in past both steps, as if the code had been typed."""
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        client.force_login(self.user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=self.user).persistent_id
        session.save()


@pytest.fixture
def owner_two_factor(owner):
    """The owner with two-step sign-in on; .code() is what their app shows."""
    from django_otp.plugins.otp_totp.models import default_key

    from withness.accounts.two_factor import two_factor_turn_on

    key = default_key()
    _, codes = two_factor_turn_on(user=owner, hex_key=key, code=totp_code(key))
    return TwoFactor(owner, key, codes)
