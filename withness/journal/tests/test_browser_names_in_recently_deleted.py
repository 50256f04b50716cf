"""A name typed that belongs to someone in recently deleted, in a real browser: the entry is
saved, the earlier person is offered back, and once back the two can be merged."""

import pytest
from playwright.sync_api import expect

from withness.people.models import Person
from withness.testing.browser import shoot, sign_in
from withness.testing.factories import PersonFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_someone_in_recently_deleted_is_offered_back_after_saving(page, live_server):
    user = UserFactory(username="robin")
    sign_in(page, live_server, user)
    earlier = PersonFactory(owner=user, name="Sam")
    earlier.soft_delete()

    page.goto("/log/interaction/")
    page.get_by_label("Who was it with?").fill("Sam")
    page.get_by_label("How long, in minutes").fill("30")
    page.get_by_label("I'll add how I feel afterwards later").check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/entries/interaction/*/")
    messages = page.get_by_role("status")
    expect(messages).to_contain_text("There is also a Sam in recently deleted.")
    shoot(page, "interaction-saved-namesake-in-recently-deleted")

    messages.get_by_role("button", name="Bring Sam back").click()
    page.wait_for_url(f"**/people/{earlier.pk}/")
    expect(page.get_by_role("status")).to_contain_text("There is more than one Sam")
    shoot(page, "person-back-with-a-namesake")
    assert Person.objects.for_user(user).filter(name="Sam").count() == 2
