"""Help now and the safety plan stay readable offline once visited (our own service worker)."""

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from withness.care.services import safety_plan_save
from withness.testing.browser import sign_in
from withness.testing.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def wait_for_worker(page, path):
    """Until the worker controls the page and has kept `path` (evaluate, since CSP forbids eval)."""
    kept = page.evaluate(
        """async (path) => {
            await navigator.serviceWorker.ready;
            for (let i = 0; i < 100; i++) {
                const cache = await caches.open("withness-care-v1");
                if (navigator.serviceWorker.controller && (await cache.match(path))) return true;
                await new Promise((resolve) => setTimeout(resolve, 100));
            }
            return false;
        }""",
        path,
    )
    assert kept, f"the service worker never kept {path}"


def test_help_now_is_there_offline_after_one_visit(page):
    page.goto("/help-now/?country=GB")
    wait_for_worker(page, "/help-now/")
    page.reload()  # now through the worker, which keeps this exact page too

    page.context.set_offline(True)
    page.reload()

    expect(page.get_by_role("heading", level=1)).to_have_text("Help now")
    expect(page.locator('a[href="tel:999"]').first).to_be_visible()
    # And the browser really is offline: a page never visited does not load.
    with pytest.raises(PlaywrightError):
        page.goto("/account/signup/")
    page.context.set_offline(False)


def test_the_safety_plan_is_there_offline_and_forgotten_after_signing_out(page, live_server):
    user = UserFactory(username="offline", country="GB")
    safety_plan_save(user=user, settle_alone="Cold water on my face")
    sign_in(page, live_server, user)

    page.goto("/care/safety-plan/")
    wait_for_worker(page, "/help-now/")
    page.reload()
    page.context.set_offline(True)
    page.reload()
    expect(page.get_by_text("Cold water on my face")).to_be_visible()
    # The stylesheets came from the worker's cache too, so the page still looks like itself.
    background = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
    assert background == "rgb(247, 244, 238)"

    page.context.set_offline(False)
    page.goto("/account/settings/")
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/account/login/**")
    kept = page.evaluate(
        "caches.open('withness-care-v1').then(c => c.keys()).then(k => k.map(r => r.url))"
    )
    assert not [url for url in kept if "/care/safety-plan/" in url]
