"""The gentle note and the questionnaires, end to end at phone size."""

import pytest
from playwright.sync_api import expect

from withness.testing.browser import shoot, sign_in
from withness.testing.factories import UserFactory

from .journals import plant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_slide_shows_the_gentle_note_which_can_be_set_aside(page, live_server):
    user = UserFactory(username="sliding")
    plant(user, slide=True)
    sign_in(page, live_server, user)

    page.goto("/")
    note = page.locator("#drift-note")
    expect(note).to_contain_text("more time alone than you wanted")
    # The note wears its own stylesheet: the accent border, not a bare card.
    assert note.evaluate("(n) => getComputedStyle(n).borderLeftWidth") == "4px"
    expect(note.get_by_role("link").first).to_contain_text("Log a text or call with")
    shoot(page, "care-drift-note")
    note.get_by_role("link", name="Your safety plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your safety plan")

    page.goto("/")
    page.get_by_role("button", name="Not now (hide for a week)").click()
    expect(page.get_by_text("The note is set aside for a week.")).to_be_visible()
    expect(page.locator("#drift-note")).to_have_count(0)


def test_restful_solitude_brings_no_note(page, live_server):
    user = UserFactory(username="resting")
    plant(user, slide=False)
    sign_in(page, live_server, user)

    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("#drift-note")).to_have_count(0)


def answer_who5(page, label):
    page.goto("/care/questionnaires/")
    page.locator("#who5").get_by_role("link", name="Take it now").click()
    for group in page.locator(".questionnaire-form fieldset").all():
        group.get_by_label(label, exact=True).check()
    page.get_by_role("button", name="Save my answers").click()


def test_a_person_takes_who5_twice_and_sees_the_chart(page, live_server):
    user = UserFactory(username="wellbeing")
    sign_in(page, live_server, user)

    page.goto("/account/settings/")
    page.get_by_label("Offer me the short questionnaires now and then").check()
    page.get_by_label("Every two weeks").check()
    page.locator("#care").scroll_into_view_if_needed()
    shoot(page, "care-settings")
    page.locator("#care").get_by_role("button", name="Save").click()
    page.goto("/")
    page.get_by_role("link", name="Well-being (WHO-5)").click()
    shoot(page, "care-questionnaire-who5")
    page.get_by_role("button", name="Save my answers").click()
    expect(
        page.get_by_text("Choose the answer that fits best, even roughly.").first
    ).to_be_visible()

    answer_who5(page, "More than half of the time")
    expect(page.get_by_text("Your score today: 60.")).to_be_visible()
    answer_who5(page, "Most of the time")
    expect(page.get_by_text("Your score today: 80.")).to_be_visible()

    chart = page.locator("#who5 img.score-chart")
    expect(chart).to_be_visible()
    assert chart.evaluate("(img) => img.decode().then(() => img.naturalWidth)") > 0
    expect(page.locator("#who5 table")).to_contain_text("60")
    expect(page.locator("#who5 table")).to_contain_text("80")
    shoot(page, "care-questionnaires")


def test_the_care_tabs_sit_evenly_on_one_row_on_a_phone(page, live_server):
    sign_in(page, live_server, UserFactory(username="tabs"))

    page.goto("/care/questionnaires/")
    tabs = page.get_by_role("navigation", name="Care").get_by_role("link")
    boxes = [tab.bounding_box() for tab in tabs.all()]
    assert len(boxes) == 3
    assert len({round(box["y"]) for box in boxes}) == 1, boxes
    assert all(box["height"] >= 44 for box in boxes)
    # Short on screen, whole for a screen reader.
    expect(tabs.last).to_have_text("Summaries for a therapist")
    assert tabs.last.locator(".care-nav-more").bounding_box()["width"] <= 1
    expect(page.get_by_role("link", name="Summaries for a therapist")).to_be_visible()
