"""Personas for every test: the owner of a journal, and an outsider who must see nothing of it."""

import pytest

from .factories import PASSWORD, UserFactory


@pytest.fixture
def owner(db):
    return UserFactory(username="robin", is_superuser=True, is_staff=True)


@pytest.fixture
def outsider(db):
    return UserFactory(username="outsider")


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client


@pytest.fixture
def outsider_client(db, outsider):
    from django.test import Client

    other = Client()
    other.force_login(outsider)
    return other


@pytest.fixture
def password():
    return PASSWORD
