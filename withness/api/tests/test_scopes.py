"""Read tokens only read, write tokens do everything, add-only tokens add and never read back."""

import pytest

from withness.api.models import Scope
from withness.journal.models import CheckIn, Interaction, Solitude
from withness.people.models import Person

from .helpers import COLLECTIONS, PRIVATE, call, new_item, routes

MODELS = {"people": Person, "interactions": Interaction, "solitude": Solitude, "checkins": CheckIn}
OK = {"get": 200, "post": 201, "patch": 200, "delete": 204}


def live_counts():
    return {
        name: model.objects.filter(deleted_at__isnull=True).count()
        for name, model in MODELS.items()
    }


def test_a_write_token_can_do_everything(api_as, owner, journal):
    api = api_as(owner, Scope.WRITE)
    for method, path, body in routes(journal):
        response = call(api, method, path, body, owner)
        assert response.status_code == OK[method], (method, path, response.content)


def test_a_read_token_can_read_everything(api_as, owner, journal):
    api = api_as(owner, Scope.READ)
    for method, path, _ in routes(journal):
        if method == "get":
            response = api.get(path)
            assert response.status_code == 200, path
    assert b"Secret Sam" in api.get("/people").content


def test_a_read_token_cannot_change_anything(api_as, owner, journal):
    api = api_as(owner, Scope.READ)
    before = live_counts()
    for method, path, body in routes(journal):
        if method == "get":
            continue
        response = call(api, method, path, body, owner)
        assert response.status_code == 403, (method, path)
        assert "can only read" in response.json()["detail"]
    assert live_counts() == before
    assert Interaction.objects.get().note == "private words"


def test_an_add_only_token_can_add_to_every_collection(api_as, owner, journal):
    api = api_as(owner, Scope.APPEND)
    before = live_counts()
    for collection in COLLECTIONS:
        response = api.post(f"/{collection}", new_item(collection, owner))
        assert response.status_code == 201, (collection, response.content)
        model = MODELS[collection]
        assert model.objects.filter(owner=owner, pk=response.json()["id"]).exists()
    after = live_counts()
    assert all(after[name] > before[name] for name in MODELS)


def test_an_add_only_token_gets_back_only_the_new_id(api_as, owner, journal):
    api = api_as(owner, Scope.APPEND)
    for collection in COLLECTIONS:
        response = api.post(f"/{collection}", new_item(collection, owner))
        assert set(response.json()) == {"id", "detail"}, collection
        for word in (b"a gentle call", b"a slow walk", b"an easier day", b"Alex", b"Robin"):
            assert word not in response.content


def test_an_add_only_token_linking_a_known_name_reveals_nothing(api_as, owner, journal):
    api = api_as(owner, Scope.APPEND)
    response = api.post(
        "/interactions", {**new_item("interactions", owner), "new_people": ["secret sam"]}
    )
    assert response.status_code == 201 and set(response.json()) == {"id", "detail"}
    assert Interaction.objects.get(pk=response.json()["id"]).people.get() == journal["people"]
    assert b"Secret Sam" not in response.content


def test_an_add_only_token_can_never_read_anything_back(api_as, owner, journal):
    api = api_as(owner, Scope.APPEND)
    for method, path, _ in routes(journal):
        if method != "get":
            continue
        for params in ({}, {"limit": 1}, {"person": journal["people"].pk}):
            response = api.get(path, params)
            assert response.status_code == 403, path
            assert "can only add new entries" in response.json()["detail"]
            assert not any(word in response.content for word in PRIVATE)


@pytest.mark.parametrize("method", ["patch", "delete"])
def test_an_add_only_token_cannot_change_or_delete(api_as, owner, journal, method):
    api = api_as(owner, Scope.APPEND)
    before = live_counts()
    for verb, path, body in routes(journal):
        if verb == method:
            assert call(api, verb, path, body, owner).status_code == 403, path
    assert live_counts() == before
    assert Person.objects.get().notes == "private person notes"


def test_the_openapi_schema_needs_no_token(client):
    assert client.get("/api/v1/openapi.json").status_code == 200
