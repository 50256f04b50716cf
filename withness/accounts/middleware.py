from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from . import session_keys, two_factor, vault

# Pages a signed-in person reaches even before their journal opens or the code step is done:
# signing out, the code step itself, and Help now, which must stay one tap away.
ALWAYS_OPEN = frozenset({
    "accounts:logout",
    "accounts:two_factor_verify",
    "care:help_now",
    "care:manifest",
    "care:service_worker",
})  # fmt: skip


def view_name(request) -> str:
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return ""


class VaultMiddleware:
    """Open the signed-in person's data key for this request only (see session_keys.py).

    Someone signed in whose key cannot be opened (the key cookie was cleared, or the session
    predates it) is asked to sign in again, kindly, rather than shown a locked journal.
    A new recovery code waiting to be seen comes before anything else.
    """

    OPEN = ALWAYS_OPEN | {"accounts:login", "accounts:recover", "accounts:recovery_code"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with vault.opened():
            response = self._locked_or_response(request)
        session_keys.set_cookie(request, response)
        return response

    def _locked_or_response(self, request):
        user = request.user
        if not user.is_authenticated:
            return self.get_response(request)
        opened = vault.is_unlocked(user.pk) or session_keys.open_for_request(request)
        if not opened and vault.has_vault(user.pk) and view_name(request) not in self.OPEN:
            return self._sign_in_again(request)
        # A whole page only (not an htmx fragment), so the code page never lands inside one.
        page = request.method == "GET" and request.headers.get("HX-Request") != "true"
        waiting = page and request.session.get(session_keys.SESSION_CODE)
        if waiting and view_name(request) not in self.OPEN:
            return redirect("accounts:recovery_code")
        return self.get_response(request)

    @staticmethod
    def _sign_in_again(request):
        from django.contrib import messages
        from django.contrib.auth import logout
        from django.contrib.messages.storage import default_storage

        needs_recovery = request.session.get(session_keys.NEEDS_RECOVERY)
        logout(request)
        if needs_recovery:
            url, note = reverse("accounts:recover"), session_keys.CHANGED_ELSEWHERE
        else:
            url, note = reverse("accounts:login"), session_keys.SIGN_IN_AGAIN
        if request.method == "GET" and not needs_recovery:
            url += "?" + urlencode({"next": request.get_full_path()})
        if request.headers.get("HX-Request") == "true":
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
        else:
            response = redirect(url)
        # MessageMiddleware comes later in the chain, so the note is stored by hand.
        notes = default_storage(request)
        notes.add(messages.INFO, note)
        notes.update(response)
        return response


class UserTimeZoneMiddleware:
    """Show every time in the signed-in person's own time zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            timezone.activate(request.user.zone)
        else:
            timezone.deactivate()
        return self.get_response(request)


class TwoFactorMiddleware:
    """Someone who has typed the password but not yet the code reaches only the code step.

    Until `request.user.is_verified()`, a person with two-step sign-in on is sent to the
    code step from every page but these: signing out, and Help now, which must stay one tap
    away. Nothing of their journal is served to a half-signed-in session.
    """

    OPEN = ALWAYS_OPEN

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        half_signed_in = user.is_authenticated and not user.is_verified() and two_factor.is_on(user)
        if half_signed_in and view_name(request) not in self.OPEN:
            return self._to_code_step(request)
        return self.get_response(request)

    @staticmethod
    def _to_code_step(request):
        url = reverse("accounts:two_factor_verify")
        htmx = request.headers.get("HX-Request") == "true"  # before HtmxMiddleware runs
        if request.method == "GET" and not htmx:
            url += "?" + urlencode({"next": request.get_full_path()})
        if htmx:
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
            return response
        return redirect(url)
