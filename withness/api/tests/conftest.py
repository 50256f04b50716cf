import pytest
from django.test import Client

from withness.api.models import Scope
from withness.api.services import token_create

from .helpers import ApiClient


@pytest.fixture
def api_as(db):
    """api_as(user, scope) → a client holding a fresh token of that scope for that user.

    CSRF checks are on, as for a real script: the API must work without a session or cookie.
    """

    def make(user, scope=Scope.WRITE):
        _, secret = token_create(user=user, name=f"{scope} token", scope=scope)
        return ApiClient(Client(enforce_csrf_checks=True), secret)

    return make


@pytest.fixture
def api(api_as, owner):
    return api_as(owner, Scope.WRITE)


@pytest.fixture
def journal(owner):
    """One of everything, owned by the owner, with words an outsider must never see."""
    from withness.testing.factories import (
        CheckInFactory,
        InteractionFactory,
        PersonFactory,
        SolitudeFactory,
    )

    person = PersonFactory(owner=owner, name="Secret Sam", notes="private person notes")
    return {
        "people": person,
        "interactions": InteractionFactory(owner=owner, note="private words", people=[person]),
        "solitude": SolitudeFactory(owner=owner, note="private quiet"),
        "checkins": CheckInFactory(owner=owner, note="private day"),
    }
