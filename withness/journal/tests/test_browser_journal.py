"""A new person, start to finish, in a real browser."""

import pytest
from playwright.sync_api import expect

from withness.journal.models import CheckIn, Interaction, Solitude
from withness.testing.browser import shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def create_owner(page):
    page.goto("/")
    assert "/account/setup/" in page.url
    shoot(page, "setup")
    page.get_by_label("Username").fill("robin")
    page.get_by_label("Password", exact=True).fill("calm-harbour-42")
    page.get_by_label("Password again").fill("calm-harbour-42")
    page.get_by_label("Time zone").select_option("Europe/Berlin")
    page.get_by_role("button", name="Make my account").click()
    page.wait_for_url("**/account/recovery-code/")
    page.get_by_role("button", name="I’ve kept it somewhere safe").click()
    page.wait_for_url("**/")


def test_a_new_person_keeps_a_connection_journal(page):
    create_owner(page)
    shoot(page, "home-empty")

    # Time with someone new, the two-axis state set by keyboard only.
    page.get_by_role("link", name="Time with others").first.click()
    page.get_by_label("Who was it with?").fill("Sam")
    page.get_by_label("Call").check()
    page.get_by_label("How long, in minutes").fill("40")
    before = page.get_by_role("slider", name="How did you feel before?")
    before.focus()
    for key in ["ArrowLeft"] * 4 + ["ArrowUp"] * 4:
        before.press(key)
    assert "revved up / on guard" in page.locator("#before-state output").inner_text()
    after = page.get_by_role("slider", name="And afterwards?")
    after.focus()
    for key in ["ArrowRight"] * 4 + ["ArrowDown"] * 2:
        after.press(key)
    assert "settled and open" in page.locator("#after-state output").inner_text()
    page.get_by_role("group", name="How safe did it feel?").get_by_label("7", exact=True).check()
    page.get_by_role("textbox", name="Note").fill("Talked about the garden.")
    shoot(page, "interaction-form")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/entries/interaction/*/")
    shoot(page, "interaction-detail")
    interaction = Interaction.objects.get()
    assert (interaction.before_pleasant, interaction.before_energy) == (-2.0, 7.0)
    assert (interaction.after_pleasant, interaction.after_energy) == (2.0, 4.0)
    assert interaction.felt_safe == 7

    # Time alone.
    page.get_by_role("link", name="Log", exact=True).click()
    shoot(page, "log")
    page.get_by_role("link", name="Time alone").click()
    page.get_by_label("Nature").check()
    page.get_by_label("How long, in minutes").fill("60")
    page.get_by_label("Yes", exact=True).check()
    shoot(page, "solitude-form")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/entries/solitude/*/")
    assert Solitude.objects.get().activity == "nature"

    # A check-in, with a mistake first: nothing typed is lost.
    page.goto("/check-in/")
    page.get_by_label("Hours of sleep").fill("30")
    page.get_by_label("A line about today").fill("Slow morning.")
    page.get_by_role("button", name="Save check-in").click()
    assert "A day has 24 hours at most" in page.content()
    assert page.get_by_label("A line about today").input_value() == "Slow morning."
    shoot(page, "checkin-error")
    page.get_by_label("Hours of sleep").fill("7.5")
    page.get_by_role("button", name="Save check-in").click()
    page.wait_for_url("**/")
    checkin = CheckIn.objects.get()
    # Untouched answers stay unanswered: no number the person did not choose.
    assert checkin.sleep_hours == 7.5
    assert (checkin.social_capacity, checkin.sleep_quality) == (None, None)
    shoot(page, "home")

    # Find them in history, edit one, delete one and undo.
    page.get_by_role("link", name="History", exact=True).click()
    shoot(page, "history")
    # The filters are folded on a phone, so entries come first; one tap opens them.
    expect(page.get_by_label("Words")).to_be_hidden()
    page.locator("summary", has_text="Filter").click()
    # The note is sealed at rest, and still found by a word in it.
    page.get_by_label("Words").fill("GARDEN")
    page.get_by_label("Words").press("Enter")
    page.wait_for_url("**/history/?*words=GARDEN*")
    expect(page.locator("#timeline .entry")).to_have_count(1)
    expect(page.locator("#timeline .entry mark")).to_have_text("garden")
    shoot(page, "history-words")
    page.get_by_role("link", name="Clear").click()
    page.wait_for_url("**/history/")
    page.locator("summary", has_text="Filter").click()
    page.get_by_label("Show").select_option("solitude")
    page.wait_for_url("**/history/?*kind=solitude*")
    assert page.locator("#timeline .entry").count() == 1
    page.get_by_role("link", name="Time alone").click()
    page.get_by_role("link", name="Edit").click()
    page.get_by_label("How long, in minutes").fill("75")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/entries/solitude/*/")
    assert Solitude.objects.get().duration_min == 75

    page.get_by_role("button", name="Delete").click()
    page.wait_for_url("**/history/")
    shoot(page, "history-after-delete")
    assert not Solitude.objects.for_user(interaction.owner).exists()
    page.get_by_role("button", name="Undo").click()
    page.wait_for_url("**/entries/solitude/*/")
    assert Solitude.objects.for_user(interaction.owner).exists()
