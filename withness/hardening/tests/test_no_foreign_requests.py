"""Every page, opened in Chromium by its owner, asks nothing of any other host.

withness promises no third-party requests: no CDN, no font service, no analytics. The page
fixture already fails a test that makes one; this test makes sure every page is looked at.
The addresses come from the same place as the cross-user sweep (withness/hardening/sweep.py):
every URL pattern of the project, filled with real ids from a full journal (build_world),
found in the owner's own pages or guessed from their rows. Each page that answers the owner's
GET with a document is then opened in one browser tab, one after another, and every request
it makes is recorded. A Content-Security-Policy violation or an uncaught script error on any
page fails the test too.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse

from withness.hardening.sweep import Actor, Sweep, assignments, is_login_redirect, routes
from withness.testing.browser import sign_in
from withness.testing.world import build_world

pytestmark = pytest.mark.browser

# Opened in the browser: documents that can load something. Downloads (PDF, zip, CSV, ICS)
# and JSON load nothing, and Chromium would only save them.
SHOWN = ("text/html", "image/svg+xml")
# Not opened: it ends the session every later page needs.
SKIPPED = {"accounts:logout": "signs the owner out"}
LOCAL = ("data:", "blob:", "about:")
JSON_ONLY = "api/v1/"  # the API's entries: JSON, never a page


def owner_addresses(owner, world) -> tuple[list[tuple[str, str]], list[str]]:
    """One address per GET pattern that shows the owner a document, and the names of the
    patterns that showed none (POST-only actions, downloads, routes needing more data)."""
    actor = Actor(owner)
    sweep = Sweep(owner=actor, outsider=actor)
    sweep.crawl()
    found, unopened = [], []
    for route in routes():
        if route.name in SKIPPED or (route.pattern.startswith(JSON_ONLY) and route.params):
            continue
        candidates = [{}] if not route.params else sweep.crawled.get(route.pattern, [])
        if route.params:
            candidates = candidates + assignments(route, world)
        for values in candidates:
            url = route.url(values)
            response = actor.request("get", url)
            kind = response.get("Content-Type", "")
            if response.status_code == 200 and kind.startswith(SHOWN):
                found.append((route.name, url))
                break
            if response.status_code in (301, 302, 303) and not is_login_redirect(response):
                found.append((route.name, url))  # the browser follows it to a page
                break
        else:
            unopened.append(route.name)
    return found, unopened


@pytest.fixture
def world(owner):
    return build_world(owner)


def shared_summary(owner) -> tuple[str, str]:
    """The page a therapist opens from a share link: its token is not in any of the owner's
    pages, so the crawl cannot find it."""
    from withness.care import services
    from withness.care.models import TherapistSummary

    summary = TherapistSummary.objects.for_user(owner).first()
    link = services.share_link_create(user=owner, summary=summary, days=7)
    return "care:shared", reverse("care:shared", args=[link.token])


def past_the_code_step(page, user) -> None:
    """With two-step sign-in on (the full journal turns it on), count the code as typed."""
    from importlib import import_module

    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return
    cookie = next(c for c in page.context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME)
    session = import_module(settings.SESSION_ENGINE).SessionStore(session_key=cookie["value"])
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def test_no_page_asks_another_host_for_anything(page, live_server, owner, world):
    addresses, unopened = owner_addresses(owner, world)
    addresses.append(shared_summary(owner))
    unopened.remove("care:shared")
    assert len(addresses) > 50, unopened
    sign_in(page, live_server, owner)
    past_the_code_step(page, owner)
    sign_in_page = resolve_url(settings.LOGIN_URL)

    own = live_server.url
    current = {"url": None}
    foreign, script_errors, policy = [], [], []

    def on_request(request):
        if not request.url.startswith((own, *LOCAL)):
            foreign.append(f"{current['url']} → {request.url}")

    def on_console(message):
        if message.type == "error" and "Content Security Policy" in message.text:
            policy.append(f"{current['url']}: {message.text}")

    page.on("request", on_request)
    page.on("console", on_console)
    page.on("pageerror", lambda error: script_errors.append(f"{current['url']}: {error}"))

    visited = []
    for name, url in addresses:
        current["url"] = url
        response = page.goto(url, wait_until="load")
        assert response is not None and response.status < 400, f"{name}: {url}"
        landed = urlsplit(page.url).path
        assert landed == urlsplit(url).path or landed != sign_in_page, f"{name}: signed out"
        visited.append(url)

    print(f"\n{len(visited)} pages opened; not opened: {', '.join(sorted(unopened))}")
    assert not foreign, "\n".join(foreign)
    assert not policy, "\n".join(policy)
    assert not script_errors, "\n".join(script_errors)
