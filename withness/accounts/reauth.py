"""“Is it still you?” before an action that can’t be undone (a download of everything, a
revoked token, a deleted account).

Signing in, or confirming here, stamps the session; for ten minutes after that nothing more is
asked. Later, the action asks for the password (and a code, with two-step sign-in) first:

- a plain form post is answered, at its own address, by the confirm form carrying every field
  the person had filled in; confirming runs the action with them, so nothing typed is lost;
- a plain GET (a download link) goes to the confirm page and comes back to it afterwards;
- an htmx request is sent to the confirm page (HX-Redirect), which returns to the page the
  person was on.

Use `@recent_auth_required` on views without ids, or `reauth.required(request)` after the
owner check in views with ids, so someone else's id still gets a plain 404. Either way, add
the route to ACTIONS, so the confirm page can say what the person is about to do.
"""

import time
from datetime import timedelta
from functools import wraps
from urllib.parse import urlencode, urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme

RECENT = timedelta(minutes=10)
CONFIRMED_AT = "reauth_confirmed_at"
FAILURES = "reauth_failures"
PAUSED_UNTIL = "reauth_paused_until"
MAX_FAILURES = 5
PAUSE = timedelta(minutes=15)
PREFIX = "reauth"  # the confirm form's own fields, kept apart from the action's

# What each action that asks first does, finishing "You’re about to …". By URL name, so the
# confirm page can say it whichever way it was reached: a form post, a link or htmx.
ACTIONS = {
    "portability:export_json": "download a copy of everything in your journal",
    "portability:export_csv": "download a copy of everything in your journal, as spreadsheets",
    "growth:feed_revoke": "stop your private calendar address, so calendars can no longer read it",
    "care:link_revoke": "revoke a link to a summary you shared, so it no longer opens",
    "api:token_revoke": "revoke an API token, so whatever uses it stops working",
    "accounts:two_factor_turn_on": "turn on two-step sign-in",
    "accounts:two_factor_codes": "make new backup codes for two-step sign-in; the old ones "
    "will stop working",
    "accounts:two_factor_turn_off": "turn off two-step sign-in",
    "accounts:new_recovery_code": "make a new recovery code; the old one will stop working",
}


def _now() -> float:
    return time.time()


def mark_recent(request) -> None:
    request.session[CONFIRMED_AT] = _now()
    request.session.pop(FAILURES, None)


@receiver(user_logged_in, dispatch_uid="withness-reauth-on-login")
def _stamp_on_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        mark_recent(request)


def is_recent(request) -> bool:
    confirmed = request.session.get(CONFIRMED_AT)
    return confirmed is not None and 0 <= _now() - confirmed < RECENT.total_seconds()


# A signed-in session guessing the password: only that session can, so the count lives in it.
def note_failure(request) -> None:
    failures = request.session.get(FAILURES, 0) + 1
    if failures >= MAX_FAILURES:
        request.session[PAUSED_UNTIL] = _now() + PAUSE.total_seconds()
        failures = 0
    request.session[FAILURES] = failures


def paused_message(request) -> str:
    until = request.session.get(PAUSED_UNTIL)
    if until is None or until <= _now():
        return ""
    minutes = max(1, round((until - _now()) / 60))
    return (
        "There were several tries with a password that didn’t match, so confirming is paused "
        f"for about {minutes} minute{'s' if minutes != 1 else ''}. Nothing has changed."
    )


def safe_next(request, url: str | None, default: str = "") -> str:
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return default or reverse("accounts:settings")


def confirm_url(next_url: str, doing: str = "") -> str:
    """The confirm page, returning to `next_url`; `doing` is the action's own address."""
    query = {"next": next_url, **({"doing": doing} if doing else {})}
    return f"{reverse('accounts:reauth')}?{urlencode(query)}"


def action_words(url: str) -> str:
    """What the action at this address does, in plain words; "" for any other address."""
    try:
        match = resolve(urlsplit(url or "").path)
    except Resolver404:
        return ""
    return ACTIONS.get(match.view_name, "")


def required(request, *, action: str = ""):
    """None when the action may go ahead; otherwise the response that asks first.

    `action` says more closely what is about to happen ("revoke the token “phone”") than
    ACTIONS can; without it, the words in ACTIONS are used.

    When the in-place confirm form comes back correct, this stamps the session, takes the
    confirm fields out of request.POST, and returns None so the action runs as first posted.
    """
    if is_recent(request):
        return None
    if request.htmx:
        back = safe_next(request, request.htmx.current_url_abs_path)
        response = HttpResponse(status=204)
        response["HX-Redirect"] = confirm_url(back, doing=request.path)
        return response
    if request.method != "POST":
        return redirect(confirm_url(request.get_full_path()))
    from .forms import ReauthForm  # forms use this module's counters

    confirming = f"{PREFIX}-password" in request.POST
    form = ReauthForm(request.POST if confirming else None, request=request, prefix=PREFIX)
    if confirming and form.is_valid():
        mark_recent(request)
        original = request.POST.copy()
        for name in list(original):
            if name.startswith(f"{PREFIX}-"):
                del original[name]
        request.POST = original
        return None
    carried = [
        (name, value)
        for name, values in request.POST.lists()
        if name != "csrfmiddlewaretoken" and not name.startswith(f"{PREFIX}-")
        for value in values
    ]
    return render(request, "accounts/reauth.html", {
        "form": form,
        "action": request.get_full_path(),
        "doing": action or action_words(request.path),
        "carried": carried,
        "back": safe_next(request, request.headers.get("Referer")),
    })  # fmt: skip


def recent_auth_required(view=None, *, downloads: bool = False):
    """Ask for the password (and a code) first, unless the person confirmed in the last
    ten minutes. Put it under @login_required. `downloads=True` for a file download, so the
    confirm page offers the file rather than following it."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            asked = required(request)
            return asked if asked is not None else view(request, *args, **kwargs)

        wrapper.asks_first = True
        wrapper.downloads = downloads
        return wrapper

    return decorate(view) if view is not None else decorate


@login_required
def confirm(request):
    """The confirm page for links and htmx: asks, then returns to `next`."""
    from .forms import ReauthForm

    next_url = safe_next(request, request.POST.get("next") or request.GET.get("next"))
    # An htmx action sends its own address along; a link's action is where it returns to.
    doing_url = request.POST.get("doing") or request.GET.get("doing") or ""
    doing = action_words(doing_url or next_url)
    form = ReauthForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        mark_recent(request)
        if _is_download(next_url):
            # Following a download would leave this form on screen, looking unsent.
            return render(request, "accounts/reauth_done.html", {"download": next_url})
        messages.success(request, "Thank you. You can go ahead now.")
        return redirect(next_url)
    back = reverse("accounts:settings") if _is_download(next_url) else next_url
    return render(request, "accounts/reauth.html", {
        "form": form, "action": request.path, "next": next_url, "back": back,
        "doing": doing, "doing_url": doing_url,
    })  # fmt: skip


def _is_download(url: str) -> bool:
    try:
        match = resolve(url.split("?")[0])
    except Resolver404:
        return False
    return getattr(match.func, "downloads", False)
