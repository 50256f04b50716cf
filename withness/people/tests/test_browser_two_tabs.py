"""Two tabs on one person, in a real browser: the second save shows both versions."""

import pytest
from playwright.sync_api import expect

from withness.people.models import Person
from withness.testing.browser import shoot, sign_in
from withness.testing.factories import PersonFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_second_tab_sees_what_is_saved_and_keeps_what_it_typed(page, live_server):
    user = UserFactory(username="robin")
    sign_in(page, live_server, user)
    sam = PersonFactory(
        owner=user, name="Sam", relationship="friend", felt_safety=4, notes="Met at the allotment."
    )
    page.goto(f"/people/{sam.pk}/")
    shoot(page, "person-detail")
    second_tab = page.context.new_page()
    for tab in (page, second_tab):
        tab.goto(f"/people/{sam.pk}/edit/")

    page.get_by_label("Notes").fill("Met at the allotment. Brought tomatoes.")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**/people/{sam.pk}/")

    typed = "Met at the allotment.\n\nA long walk today; I felt at ease the whole time."
    second_tab.get_by_label("Notes").fill(typed)
    second_tab.get_by_role("button", name="Save").click()
    expect(second_tab.get_by_role("alert")).to_contain_text("changed somewhere else")
    expect(second_tab.locator(".saved-now")).to_contain_text("Brought tomatoes.")
    expect(second_tab.get_by_label("Notes")).to_have_value(typed)
    shoot(second_tab, "person-edit-changed-elsewhere")

    second_tab.get_by_role("button", name="Save").click()
    second_tab.wait_for_url(f"**/people/{sam.pk}/")
    assert Person.objects.get(pk=sam.pk).notes.replace("\r\n", "\n") == typed  # as sent
