"""Building a summary for a therapist, sharing it, and revoking the link, in a real browser."""

import pytest
from playwright.sync_api import expect

from withness.care.models import ShareLink, TherapistSummary
from withness.testing.browser import PHONE, shoot, sign_in
from withness.testing.factories import UserFactory

from .test_summary import journal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_person_builds_a_summary_shares_it_and_revokes_the_link(page, live_server, chromium):
    user = UserFactory(username="summariser")
    journal(user)
    sign_in(page, live_server, user)

    page.goto("/care/safety-plan/")
    page.get_by_role("link", name="Summaries for a therapist").click()
    shoot(page, "care-summaries-empty")
    page.get_by_role("link", name="Make a summary").click()
    page.get_by_label("Label for Samira Okafor").fill("my friend")
    with page.expect_navigation():
        page.get_by_role("button", name="Show people and notes for these dates").click()
    assert "?" not in page.url  # a label never travels in the address, history or logs
    expect(page.get_by_label("Label for Samira Okafor")).to_have_value("my friend")
    page.get_by_label("Walked by the canal", exact=False).check()
    shoot(page, "care-summary-form")
    page.get_by_role("button", name="Preview").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("A summary from my withness journal")
    summary = page.locator("article.summary")
    expect(summary).to_contain_text("my friend")
    expect(summary).to_contain_text("Walked by the canal with my friend")
    expect(summary).not_to_contain_text("Samira")
    expect(summary).not_to_contain_text("Okafor")
    expect(summary.locator("img.score-chart").first).to_be_visible()
    shoot(page, "care-summary-preview")

    page.emulate_media(media="print")
    expect(page.locator(".site-nav")).to_be_hidden()
    expect(page.locator("#links")).to_be_hidden()
    page.emulate_media(media="screen")

    page.get_by_role("button", name="Make a link").click()
    expect(page.get_by_text("Your link is ready.")).to_be_visible()
    address = page.get_by_label("Link to copy").input_value()
    assert address.startswith(live_server.url + "/care/shared/")

    fresh = chromium.new_context(viewport=PHONE)
    try:
        other = fresh.new_page()
        other.goto(address)
        expect(other.get_by_role("heading", level=1)).to_have_text(
            "A summary from my withness journal"
        )
        expect(other.locator("article.summary")).to_contain_text("my friend")
        expect(other.locator("body")).not_to_contain_text("Samira")
        expect(other.get_by_role("link", name="Help now")).to_have_count(0)
        shoot(other, "care-summary-shared")

        page.reload()
        expect(page.get_by_text("Opened 1 time")).to_be_visible()
        page.get_by_role("button", name="Revoke this link").click()
        expect(page.get_by_text("The link is revoked.")).to_be_visible()
        assert ShareLink.objects.get().revoked_at is not None

        response = other.goto(address)
        assert response.status == 410
        expect(other.get_by_role("heading", level=1)).to_have_text("This link no longer opens")
    finally:
        fresh.close()


def test_a_summary_with_writing_the_pdf_cannot_draw_says_so_by_the_pdf_link(page, live_server):
    user = UserFactory(username="scripts")
    summary = TherapistSummary.objects.create(
        owner=user, start="2026-01-01", end="2026-01-14",
        snapshot={"title": "A summary from my withness journal", "range": "1 to 14 January 2026",
                  "made_on": "14 January 2026", "people_as": "initials or labels",
                  "sections": [{"title": "Notes I picked", "entries": ["Tea with 奶奶 🌱"]}]},
    )  # fmt: skip
    sign_in(page, live_server, user)

    page.goto(f"/care/summaries/{summary.pk}/")

    expect(page.locator("article.summary")).to_contain_text("Tea with 奶奶 🌱")
    expect(page.get_by_text("Printing this page shows it all.", exact=False)).to_be_visible()
    expect(page.get_by_text("This is exactly what a printout or a link will show.")).to_be_visible()
    shoot(page, "care-summary-scripts")
