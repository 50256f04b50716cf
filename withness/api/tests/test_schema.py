"""The OpenAPI schema describes what is really there; the docs page is our own, with no CDN."""

import json
import re

from django.urls import reverse

PATHS = {
    f"/api/v1/{collection}{suffix}"
    for collection in ("people", "interactions", "solitude", "checkins")
    for suffix in ("", "/{pk}")
} | {"/api/v1/insights"}


def schema(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def test_the_openapi_schema_is_json_with_our_paths(client):
    document = schema(client)
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "withness API"
    assert set(document["paths"]) == PATHS
    methods = {m for ops in document["paths"].values() for m in ops}
    assert methods == {"get", "post", "patch", "delete"}


def test_the_schema_says_every_route_needs_a_bearer_token(client):
    document = schema(client)
    schemes = document["components"]["securitySchemes"]
    assert [s["scheme"] for s in schemes.values()] == ["bearer"]
    for operations in document["paths"].values():
        for operation in operations.values():
            assert operation["security"] == [{name: []} for name in schemes]


def test_the_schema_documents_the_scales(client):
    document = schema(client)
    entry = document["components"]["schemas"]["InteractionIn"]["properties"]
    assert (entry["duration_min"]["minimum"], entry["duration_min"]["maximum"]) == (1, 1440)
    assert (entry["before_pleasant"]["minimum"], entry["before_pleasant"]["maximum"]) == (-5, 5)
    list_params = document["paths"]["/api/v1/interactions"]["get"]["parameters"]
    assert {"since", "until", "person", "limit", "offset"} <= {p["name"] for p in list_params}


def test_the_docs_page_lists_every_endpoint(client):
    response = client.get(reverse("api:docs"))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("<h1") == 1
    for path in PATHS:
        assert path in body
    assert 'href="/api/v1/openapi.json"' in body
    assert "Authorization: Bearer" in body


def test_the_docs_page_loads_nothing_from_elsewhere(client):
    body = client.get(reverse("api:docs")).content.decode()
    assert "swagger" not in body.lower() and "cdn" not in body.lower()
    sources = re.findall(r'(?:src|href)="([^"]+)"', body)
    assert sources and all(s.startswith(("/", "#")) for s in sources), sources
    assert "<script>" not in body and "style=" not in body


def test_ninjas_own_swagger_page_is_not_served(client):
    assert client.get("/api/v1/docs/").status_code == 404
