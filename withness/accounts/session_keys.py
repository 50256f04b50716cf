"""Keeping the data key between requests, without the database alone being able to open it.

At sign-in the key is wrapped by a fresh random secret. The wrap goes in the session (in
the database); the secret goes only in its own HttpOnly cookie, in the person's browser.
Either half alone opens nothing. Signing out empties the session, and the key is gone.
"""

import secrets

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from . import vault

SESSION_WRAP = "vault_wrap"
SESSION_CODE = "vault_code"  # a recovery code waiting to be shown, sealed like the key
PURPOSE = b"withness session key"
CODE_PURPOSE = b"withness pending recovery code"
NEEDS_RECOVERY = "vault_needs_recovery"
SIGN_IN_AGAIN = "Please sign in again, so your journal can open for you."
CHANGED_ELSEWHERE = (
    "Your password was changed outside withness, so it can’t open your journal’s words. "
    "Your recovery code can: enter it here with a new password."
)


@receiver(user_logged_in, dispatch_uid="withness_vault_session")
def keep_key_for_session(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    found = getattr(request, "vault_unlocked", None) or vault.key_for(user.pk)
    request.session.pop(SESSION_WRAP, None)
    if getattr(request, "vault_needs_recovery", False):
        request.session[NEEDS_RECOVERY] = True
    if found is None:
        return
    key_id, key = found
    secret = secrets.token_urlsafe(32)
    request.session[SESSION_WRAP] = vault.wrap_with_secret(key, key_id, secret, PURPOSE)
    request.vault_cookie = secret
    code = getattr(request, "vault_new_code", None)
    if code:
        remember_code(request, code)


def _secret(request) -> str | None:
    """The key cookie's secret: the one just made at sign-in, or the browser's."""
    return getattr(request, "vault_cookie", None) or request.COOKIES.get(settings.VAULT_COOKIE_NAME)


def remember_code(request, code: str) -> None:
    """Hold a new recovery code for the page that shows it once."""
    secret = _secret(request)
    if secret:
        wrap = vault.wrap_with_secret(code.encode(), "code", secret, CODE_PURPOSE)
        request.session[SESSION_CODE] = wrap


def pending_code(request) -> str | None:
    wrap = request.session.get(SESSION_CODE)
    secret = _secret(request)
    if not wrap or not secret:
        return None
    try:
        return vault.unwrap_with_secret(wrap, secret, CODE_PURPOSE)[1].decode()
    except vault.WrongSecret:
        return None


def forget_code(request) -> None:
    request.session.pop(SESSION_CODE, None)


def open_for_request(request) -> bool:
    """Unlock the signed-in person's key from their session and cookie. True if it opened."""
    wrap = request.session.get(SESSION_WRAP)
    secret = request.COOKIES.get(settings.VAULT_COOKIE_NAME)
    if not wrap or not secret:
        return False
    try:
        key_id, key = vault.unwrap_with_secret(wrap, secret, PURPOSE)
    except vault.WrongSecret:
        return False
    vault.unlock(request.user.pk, key_id, key)
    return True


def set_cookie(request, response) -> None:
    secret = getattr(request, "vault_cookie", None)
    name = settings.VAULT_COOKIE_NAME
    browser_session = settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    if secret:
        response.set_cookie(
            name,
            secret,
            max_age=None if browser_session else settings.SESSION_COOKIE_AGE,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    elif name in request.COOKIES and not request.user.is_authenticated:
        response.delete_cookie(name, samesite="Lax")
