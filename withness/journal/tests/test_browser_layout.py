"""What the eye notices in a real browser: steady menus, even cards, boxes that line up."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from withness.testing.browser import DESKTOP, PHONE, sign_in
from withness.testing.factories import (
    CheckInFactory,
    InteractionFactory,
    SolitudeFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def person(page, live_server):
    user = UserFactory(username="robin")
    sign_in(page, live_server, user)
    return user


def box(locator) -> dict:
    return locator.bounding_box()


def bottom(locator) -> float:
    place = box(locator)
    return place["y"] + place["height"]


def test_history_on_a_phone_shows_entries_on_the_first_screen(page, person):
    for hours in range(1, 5):
        SolitudeFactory(owner=person, started_at=timezone.now() - timedelta(hours=hours))
    page.goto("/history/")
    first = page.locator("#timeline .entry").first
    expect(first).to_be_visible()
    assert bottom(first) <= PHONE["height"]

    page.locator("summary", has_text="Filter").click()
    page.get_by_label("Show").select_option("checkin")
    page.wait_for_url("**/history/?*kind=checkin*")
    expect(page.get_by_text("Nothing matches these filters.")).to_be_visible()
    page.reload()
    expect(page.get_by_label("Show")).to_be_visible()  # still open while a filter is on


def test_the_menu_keeps_its_rows_whichever_page_is_current(page, person):
    def places() -> list[tuple]:
        links = page.get_by_role("navigation", name="Main").get_by_role("link")
        return [(link.inner_text(), box(link)) for link in links.all()]

    page.goto("/")
    on_home = places()
    page.goto("/history/")
    on_history = places()
    page.goto("/people/")
    assert on_home == on_history == places()
    current = page.locator('.site-nav a[aria-current="page"]')
    expect(current).to_have_css("font-weight", "400")


def test_every_entry_card_ends_with_the_same_space(page, person):
    CheckInFactory(owner=person)  # a title line only
    InteractionFactory(owner=person)  # a title and a detail line
    SolitudeFactory(owner=person)
    page.goto("/history/")
    gaps = []
    for card in page.locator("#timeline .entry").all():
        last = card.locator(":scope > *").last
        gaps.append(round(bottom(card) - bottom(last)))
    assert len(gaps) == 3 and max(gaps) - min(gaps) <= 1, gaps


def test_a_mistake_beside_another_field_leaves_the_boxes_level(page, person):
    page.set_viewport_size(DESKTOP)
    page.goto("/check-in/")
    page.get_by_label("Hours of sleep").fill("30")
    page.get_by_role("button", name="Save check-in").click()
    error = page.get_by_text("A day has 24 hours at most.")
    expect(error).to_be_visible()
    page.wait_for_load_state("load")  # stylesheets applied before measuring
    sleep, day = page.get_by_label("Hours of sleep"), page.locator("input[name=day]")
    assert box(sleep)["y"] == box(day)["y"]
    assert box(sleep)["x"] < box(day)["x"]  # still side by side
    # The message stays tied to its box for a screen reader.
    described_by = sleep.get_attribute("aria-describedby").split()
    expect(page.locator(f"#{described_by[-1]}")).to_have_text("A day has 24 hours at most.")
    expect(sleep).to_have_attribute("aria-invalid", "true")


def test_side_by_side_fields_line_up_label_and_box(page, person):
    page.set_viewport_size(DESKTOP)
    page.goto("/log/solitude/")
    start, length = page.get_by_label("When did it start?"), page.get_by_label("How long")
    assert box(start)["y"] == box(length)["y"]
    assert box(start)["height"] == box(length)["height"]  # a date box is no taller
    labels = page.locator(".row label")
    assert box(labels.nth(0))["y"] == box(labels.nth(1))["y"]
