"""Who is asking, and may they? A bearer token answers both, before any endpoint runs."""

from ninja.errors import AuthorizationError
from ninja.security import HttpBearer

from withness.accounts import vault

from .models import KEY_PURPOSE, Scope
from .selectors import token_for_secret

REFUSALS = {
    Scope.READ: "This token can only read. Make a token with write access to change your journal.",
    Scope.APPEND: (
        "This token can only add new entries; it can never read anything back, so a shared "
        "device or a shortcut can log without showing your journal."
    ),
}


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        api_token = token_for_secret(token)
        if api_token is None:
            return None
        # Checked here, for every endpoint at once, so no route can forget it.
        if not api_token.allows(request.method):
            raise AuthorizationError(message=REFUSALS[api_token.scope])
        api_token.mark_used()
        _open_key(api_token, token)
        # Views and services scope everything by request.user, exactly as on the web.
        request.user = api_token.owner
        return api_token


def _open_key(api_token, secret: str) -> None:
    """Open the owner's data key for this request with the token's own wrap of it.

    A token from before encryption has none: it still works where no sealed text is
    involved; elsewhere it meets VaultLocked, which errors.py turns into a clear 403.
    """
    if api_token.key_wrap:
        try:
            key_id, key = vault.unwrap_with_secret(api_token.key_wrap, secret, KEY_PURPOSE)
        except vault.WrongSecret:
            pass
        else:
            vault.unlock(api_token.owner_id, key_id, key)
            return
    vault.keyring().strict = True
