"""An owner leaving: the delete-account page says when nobody would be left to invite people."""

import pytest
from django.urls import reverse

from withness.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

DELETE = reverse("portability:delete_account")
WARNING = "nobody will be able to invite anyone"


@pytest.fixture(autouse=True)
def invite_only(settings):
    """Only owners invite, so only with invite-only sign-up does losing the last one matter."""
    settings.SIGNUP = "invite"


def test_the_only_owner_hears_before_deleting_that_nobody_could_invite_people(owner_client):
    UserFactory(username="kit")

    html = owner_client.get(DELETE).content.decode()

    assert WARNING in html
    assert "withness make-owner USERNAME" in html


def test_the_deletion_itself_is_not_blocked(owner_client, owner, password):
    UserFactory(username="kit")

    response = owner_client.post(DELETE, {"password": password})

    assert response.status_code == 302
    assert not type(owner).objects.filter(pk=owner.pk).exists()


@pytest.mark.parametrize("others", ["none", "another owner"])
def test_no_warning_when_no_one_else_is_here_or_another_owner_stays(owner_client, others):
    if others == "another owner":
        UserFactory(username="kit", is_superuser=True)

    assert WARNING not in owner_client.get(DELETE).content.decode()


def test_a_switched_off_owner_does_not_count_as_one_who_stays(owner_client):
    UserFactory(username="kit", is_superuser=True, is_active=False)

    assert WARNING in owner_client.get(DELETE).content.decode()


def test_someone_who_is_not_an_owner_sees_no_warning(outsider_client, owner):
    assert WARNING not in outsider_client.get(DELETE).content.decode()


@pytest.mark.parametrize("mode", ["closed", "open"])
def test_no_warning_when_sign_up_is_not_by_invitation(owner_client, settings, mode):
    settings.SIGNUP = mode
    UserFactory(username="kit")

    html = owner_client.get(DELETE).content.decode()

    assert WARNING not in html
    assert "You run this withness" in html
