"""GET /api/v1/insights: the token owner's insights document, and nobody else's."""

import json

from typer.testing import CliRunner

from withness.api.models import Scope
from withness.cli import app
from withness.testing.factories import InteractionFactory, PersonFactory


def test_it_returns_the_same_document_as_the_command_line(api_as, owner):
    sam = PersonFactory(owner=owner, name="Sam")
    for _ in range(5):
        InteractionFactory(owner=owner, people=[sam])
    response = api_as(owner, Scope.READ).get("/insights")
    assert response.status_code == 200
    document = response.json()
    printed = CliRunner().invoke(app, ["insights", "--json", "--user", owner.username])
    assert printed.exit_code == 0, printed.output
    assert document == json.loads(printed.output)
    (person,) = document["people"]
    assert (person["name"], person["person_id"], person["n"]) == ("Sam", sam.pk, 5)


def test_it_shows_only_the_token_owners_journal(api_as, owner, outsider):
    theirs = PersonFactory(owner=outsider, name="Secret Theirs")
    for _ in range(6):
        InteractionFactory(owner=outsider, people=[theirs])
    response = api_as(owner, Scope.READ).get("/insights")
    assert response.status_code == 200
    assert response.json()["people"] == [] and response.json()["counts"]["interactions"] == 0
    assert b"Secret Theirs" not in response.content


def test_an_empty_journal_gives_an_empty_document(api_as, owner):
    document = api_as(owner, Scope.READ).get("/insights").json()
    assert document["people"] == document["modes"] == document["cards"] == []
    assert document["drift"]["flagged"] is False and document["drift"]["since"] is None
    assert document["weekly_balance"] == [] and document["counts"]["entries"] == 0


def test_an_add_only_token_cannot_read_the_insights(api_as, owner):
    sam = PersonFactory(owner=owner, name="Secret Sam")
    InteractionFactory(owner=owner, people=[sam])
    response = api_as(owner, Scope.APPEND).get("/insights")
    assert response.status_code == 403
    assert "can only add new entries" in response.json()["detail"]
    assert b"Secret Sam" not in response.content


def test_it_needs_a_token(client, owner):
    assert client.get("/api/v1/insights").status_code == 401


def test_the_schema_documents_the_insights_document(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/insights"]["get"]
    assert "200" in operation["responses"]
    effect = schema["components"]["schemas"]["Effect"]["properties"]
    assert {"name", "n", "pleasant", "energy", "verdict"} <= set(effect)
