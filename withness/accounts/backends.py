"""Signing in with the password is the one moment the data key can be opened."""

from django.contrib.auth.backends import ModelBackend

from . import vault


class VaultBackend(ModelBackend):
    """ModelBackend, then: open the data key with the password that just proved right.

    The key goes on the request; the `user_logged_in` receiver (session_keys.py) keeps it
    for the session. Someone from before encryption gets their vault now, and what they
    wrote so far is sealed; their recovery code is shown next.
    """

    def user_can_authenticate(self, user):
        # Asked only once the password proved right: a no here is a switched-off account.
        allowed = super().user_can_authenticate(user)
        self.switched_off = not allowed
        return allowed

    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None and request is not None and getattr(self, "switched_off", False):
            # Whose right password it was; the sign-in form says so (accounts/forms.py).
            request.switched_off = username or True
        if user is None or request is None or password is None:
            return user
        if vault.has_vault(user.pk):
            try:
                vault.unwrap_with_password(user, password)
            except vault.WrongSecret:
                # The password was set outside withness (`manage.py changepassword`), so
                # it no longer opens the key: only the recovery code can now.
                request.vault_needs_recovery = True
                return user
        else:
            request.vault_new_code = vault.create_vault(user, password)
            vault.seal_existing_rows(user)
        request.vault_unlocked = vault.key_for(user.pk)
        return user


def is_not_a_guess(request, credentials) -> bool:
    """django-axes asks this before it counts a failed sign-in (AXES_WHITELIST_CALLABLE).

    The right password for a switched-off account is not a guess, so it does not bring the
    pause closer; wrong ones for the same account still do. Asked before the password is
    checked as well, when nothing is marked yet, so it never lifts a pause already on; and
    only for the name whose password proved right.
    """
    marked = getattr(request, "switched_off", None)
    return bool(marked) and marked == (credentials or {}).get("username")
