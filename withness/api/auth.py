"""Who is asking, and may they? A bearer token answers both, before any endpoint runs."""

from ninja.errors import AuthorizationError
from ninja.security import HttpBearer

from .models import Scope
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
        # Views and services scope everything by request.user, exactly as on the web.
        request.user = api_token.owner
        return api_token
