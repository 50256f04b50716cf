"""Real-browser tests in the system Chromium, through Playwright.

Without /usr/bin/chromium these tests skip with a clear reason, unless
WITHNESS_REQUIRE_BROWSER=1 (CI sets it), when its absence is a failure.
Screenshots of every page land in screenshots/ at phone and desktop sizes.
"""

import os
import re
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("WITHNESS_CHROMIUM", "/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[2] / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def require_chromium():
    if Path(CHROMIUM).exists():
        return
    reason = (
        f"Chromium not found at {CHROMIUM}: "
        "install the Debian packages chromium and chromium-driver."
    )
    if os.environ.get("WITHNESS_REQUIRE_BROWSER") == "1":
        pytest.fail(reason + " (WITHNESS_REQUIRE_BROWSER=1 makes this a failure)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium():
    require_chromium()
    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # tests make between steps are still plain synchronous calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(viewport=PHONE, base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.foreign_requests = []
    page.on("request", lambda request: _note_foreign(page, live_server.url, request.url))
    yield page
    context.close()
    assert not page.foreign_requests, f"requests to other hosts: {page.foreign_requests}"


def _note_foreign(page, base, url):
    if not (url.startswith((base, "data:", "blob:"))):
        page.foreign_requests.append(url)


def shoot(page, name: str) -> None:
    """Screenshot the page at phone and desktop sizes, then check it with axe."""
    SHOTS.mkdir(exist_ok=True)
    slug = re.sub(r"[^a-z0-9-]+", "-", name.lower())
    original = page.viewport_size
    for label, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        page.screenshot(path=SHOTS / f"{slug}-{label}.png", full_page=True)
    page.set_viewport_size(original)
    assert_accessible(page, name)


def assert_accessible(page, name: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, f"axe on {name}: " + "; ".join(serious)


def clear_screenshots():
    shutil.rmtree(SHOTS, ignore_errors=True)


def sign_in(page, live_server, user) -> None:
    """Start the browser already signed in as this user (the sign-in form has its own test)."""
    from django.conf import settings
    from django.test import Client

    from .fixtures import unlock_session

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    # The server runs in another thread, without the test's keyring: it opens the key from
    # the session and its cookie, as for anyone who signed in with the form.
    secret = unlock_session(client, user)
    page.context.add_cookies([
        {"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url},
        {"name": settings.VAULT_COOKIE_NAME, "value": secret, "url": live_server.url},
    ])  # fmt: skip
