"""The growth tools end to end in a real browser, at phone size, with screenshots and axe."""

from datetime import timedelta

import icalendar
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from withness.accounts.tests.copying import copied_with_the_button
from withness.growth.prompts import PROMPTS
from withness.people.models import Person
from withness.testing.browser import shoot, sign_in
from withness.testing.factories import InteractionFactory, PersonFactory, UserFactory

from .factories import ReflectionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEXT_STEP = "A next step, if you want it"


def log_share(page, response_label, what):
    page.get_by_role("link", name="Log a share with Sam").click()
    page.get_by_label("Something you like or would rather do").check()
    page.get_by_label("What you shared").fill(what)
    page.get_by_label(response_label, exact=True).check()
    page.get_by_label("How did it feel in your body?").fill("shoulders softened")
    shoot(page, "growth-share-form")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You and Sam")


def test_a_person_takes_small_steps_with_the_growth_tools(page, live_server):
    user = UserFactory(username="grower")
    PersonFactory(owner=user, name="Sam")
    sign_in(page, live_server, user)

    page.goto("/growth/")
    # Every tool card has the same shape: a title, a sentence, one outlined button.
    cards = page.locator("section.growth-tool")
    expect(cards).to_have_count(6)
    for i in range(6):
        expect(cards.nth(i).locator("a.button.button-quiet")).to_have_count(1)
        expect(cards.nth(i).locator("a:not(.button)")).to_have_count(0)
    expect(page.locator("main")).not_to_contain_text("Micro-sharing")
    shoot(page, "growth-index-empty")
    page.get_by_role("link", name="Choose a safe person").click()
    page.get_by_label("Sam").check()
    page.get_by_label("Listens without fixing").check()
    page.get_by_label("In your own words").fill("Never hurries me.")
    shoot(page, "growth-safe-person-form")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("You count Sam as a safe person.")).to_be_visible()
    shoot(page, "growth-person-safe")

    log_share(page, "Neutral", "I'd rather not go to the party")
    expect(page.get_by_text(NEXT_STEP)).to_have_count(0)
    log_share(page, "Warm", "I love slow mornings")
    expect(page.get_by_text(NEXT_STEP)).to_have_count(0)
    log_share(page, "Warm", "Tea over coffee, always")
    expect(page.get_by_text(NEXT_STEP)).to_be_visible()
    expect(page.locator("#suggestion")).to_contain_text(
        "you might try telling Sam how today is going for you."
    )
    # Each card leads with the person's own words, the step a small label under them.
    expect(page.locator(".growth-share .entry-title")).to_have_text(
        ["“Tea over coffee, always”", "“I love slow mornings”", "“I'd rather not go to the party”"]
    )
    expect(page.locator(".growth-share .growth-step-label").first).to_have_text(
        "Step 1: Something you like or would rather do"
    )
    expect(page.get_by_text("2 of 3 shares with Sam were met warmly.")).to_be_visible()
    page.get_by_label("Remind me after this many days without contact").fill("14")
    page.get_by_role("button", name="Save reminder").click()
    shoot(page, "growth-person-ladder")

    page.goto("/growth/beliefs/new/")
    page.get_by_role("link", name="If I lean on people, I'll be too much for them.").click()
    page.get_by_label("A realistic counter-belief").fill("Some people are glad to be leaned on.")
    page.get_by_label("The belief, 0 to 100").fill("80")
    page.get_by_label("The counter-belief, 0 to 100").fill("20")
    shoot(page, "growth-belief-form")
    page.get_by_role("button", name="Save").click()
    page.get_by_label("The belief", exact=True).fill("60")
    page.get_by_label("The counter-belief", exact=True).fill("45")
    # Each slider shows its number, and follows the keyboard.
    assert page.locator("output.slider-value").all_inner_texts() == ["60", "45"]
    page.get_by_label("The counter-belief", exact=True).press("ArrowRight")
    assert page.locator("output.slider-value").all_inner_texts() == ["60", "50"]
    page.get_by_role("button", name="Save how it feels now").click()
    expect(page.locator("figure.growth-chart img")).to_be_visible()
    expect(page.locator("table tbody tr")).to_have_count(2)
    page.get_by_role("button", name="Link as evidence against").first.click()
    expect(page.get_by_text("A share with Sam (warm)")).to_be_visible()
    # The tag and the Unlink button sit on separate lines, with air between them.
    tag = page.locator(".growth-linked .tag").first.bounding_box()
    unlink = page.get_by_role("button", name="Unlink").first.bounding_box()
    assert unlink["y"] >= tag["y"] + tag["height"] + 6
    expect(page.get_by_role("heading", name="Linked to this belief")).to_be_visible()
    expect(page.get_by_role("heading", name="Not linked yet", exact=False)).to_be_visible()
    page.wait_for_function(
        "() => document.querySelector('figure.growth-chart img').naturalWidth > 0"
    )
    shoot(page, "growth-belief")

    kit = PersonFactory(owner=user, name="Kit", checkin_every_days=3)
    Person.objects.filter(pk=kit.pk).update(created_at=timezone.now() - timedelta(days=10))
    InteractionFactory(
        owner=user,
        group="book club",
        started_at=timezone.now() - timedelta(hours=2),
        duration_min=30,
        after_pleasant=None,
        after_energy=None,
        after_due_at=timezone.now() - timedelta(minutes=30),
    )
    page.goto("/")
    expect(page.get_by_text("It has been a while since you and Kit were in touch.")).to_be_visible()
    expect(page.get_by_role("link", name="After time with book club")).to_be_visible()
    shoot(page, "growth-home")
    page.get_by_role("button", name="Not now for Kit").click()
    expect(page.get_by_text("since you and Kit")).to_have_count(0)
    page.get_by_role("link", name="Write a few words").click()
    prompt = page.get_by_role("heading", level=1).inner_text()
    page.get_by_label("Your answer").fill("A slow walk with Sam, saying little.")
    shoot(page, "growth-reflection-form")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("A slow walk with Sam, saying little.")).to_be_visible()
    expect(page.get_by_text(prompt).first).to_be_visible()
    # One answer needs no search box; the questions are a few, the rest folded away.
    expect(page.get_by_role("search")).to_have_count(0)
    expect(page.locator(".growth-prompts-more")).not_to_have_attribute("open", "")
    shoot(page, "growth-reflections")

    page.goto("/growth/reminders/")
    page.get_by_role("button", name="Create a calendar address").click()
    feed_url = page.get_by_label("Your calendar address").input_value()
    assert copied_with_the_button(page, "Copy the calendar address") == feed_url
    shoot(page, "growth-reminders")
    context = page.context.browser.new_context()  # a calendar app: no session cookie
    response = context.request.get(feed_url)
    assert response.ok and response.headers["content-type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.body())
    assert sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT")) == [
        "How do you feel after time with book club?",
        "You might check in with Kit",
        "You might check in with Sam",
    ]
    context.close()


def test_the_answer_search_appears_with_enough_answers_and_lines_up(page, live_server):
    user = UserFactory(username="searcher")
    ReflectionFactory.create_batch(5, owner=user)
    sign_in(page, live_server, user)
    page.goto("/growth/reflections/")
    box = page.get_by_label("Search your answers").bounding_box()
    button = page.get_by_role("button", name="Search").bounding_box()
    assert abs(button["height"] - box["height"]) < 1 and abs(button["y"] - box["y"]) < 1
    page.get_by_text("15 more questions").click()
    expect(page.get_by_role("link", name=PROMPTS["thank-self"])).to_be_visible()
    shoot(page, "growth-reflections-search")
