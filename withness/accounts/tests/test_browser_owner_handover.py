"""The last owner's delete-account page, in a real browser at phone and desktop sizes."""

import pytest

from withness.testing.browser import shoot, sign_in
from withness.testing.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_last_owner_sees_who_can_name_a_new_one_before_deleting(
    page, live_server, owner, settings
):
    settings.SIGNUP = "invite"
    UserFactory(username="kit")
    sign_in(page, live_server, owner)

    page.goto("/data/delete-account/")

    assert page.get_by_text("nobody will be able to invite anyone").is_visible()
    shoot(page, "delete-account-last-owner")
