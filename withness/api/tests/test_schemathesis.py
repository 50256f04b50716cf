"""Schemathesis against the live schema: thousands of generated requests, in-process.

Every operation in /api/v1/openapi.json (whatever routes exist when this runs) gets valid and
invalid requests generated from the schema itself, sent through the real Django WSGI app with
real tokens for a user who has a journal, many of them at ids that exist. Every answer must be
something other than a server error, and must be what the schema says: a documented status, a
documented content type, a body of the documented shape.

Run with -s to see how many requests were sent, how long it took and which statuses came back.
"""

import time
from collections import Counter
from contextlib import contextmanager
from datetime import timedelta

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import IntegrityError, close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from withness.api.models import Scope
from withness.api.services import token_create
from withness.journal.models import CheckIn, Interaction, Solitude
from withness.people.models import Person

from .helpers import CHANGE, new_item

SCHEMA_PATH = "/api/v1/openapi.json"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Examples per operation and token. With the twenty operations of the four collections:
# 20 × (65 + 25 + 10 + 5) = 2,100 requests; routes added later add to that.
BUDGET = [
    (Scope.WRITE, GenerationMode.POSITIVE, 65),
    (Scope.WRITE, GenerationMode.NEGATIVE, 25),
    (Scope.APPEND, GenerationMode.POSITIVE, 10),
    (Scope.READ, GenerationMode.POSITIVE, 5),
]
AT_LEAST = 2_000
MODELS = {"people": Person, "interactions": Interaction, "solitude": Solitude, "checkins": CheckIn}


@contextmanager
def one_connection():
    """Serve requests inside the test's transaction, as Django's own test client does.

    A real WSGI handler closes the connection after each request, which would end the
    transaction that keeps this test's rows apart from every other test's.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def journal_ids(owner):
    """A few rows of everything, so that generated requests often find something."""
    from withness.testing.factories import (
        CheckInFactory,
        InteractionFactory,
        PersonFactory,
        SolitudeFactory,
    )

    people = [PersonFactory(owner=owner, name=f"Person {i}") for i in range(4)]
    today = owner.today()
    return {
        "people": [p.pk for p in people],
        "interactions": [
            InteractionFactory(owner=owner, people=people[i : i + 2]).pk for i in range(4)
        ],
        "solitude": [SolitudeFactory(owner=owner).pk for _ in range(4)],
        # Days well in the past, so a generated check-in for today or yesterday can be added.
        "checkins": [
            CheckInFactory(owner=owner, day=today - timedelta(days=10 + i)).pk for i in range(4)
        ],
    }


def _collection(path: str) -> str:
    return path.removeprefix("/api/v1/").split("/")[0]


def _strategy(operation, mode, ids, owner):
    """Cases for one operation: free ones, and in positive mode also ones aimed at what exists
    (real ids, a real person to filter by) and valid bodies, so the success paths are checked
    as hard as the refusals."""
    free = operation.as_strategy(generation_mode=mode)
    if mode is not GenerationMode.POSITIVE:
        return free
    collection = _collection(operation.path)
    known = ids.get(collection, [])
    path_names = {p.name for p in operation.path_parameters}
    aimed = []
    if "pk" in path_names and known:
        body = CHANGE.get(collection) if operation.method.lower() == "patch" else None
        for pk in known:
            aimed.append(operation.as_strategy(path_parameters={"pk": pk}))
            if body is not None:
                aimed.append(operation.as_strategy(path_parameters={"pk": pk}, body=body))
    elif operation.method.lower() == "post" and collection in MODELS:
        aimed.append(operation.as_strategy(body=new_item(collection, owner)))
    if "person" in {p.name for p in operation.query}:
        aimed += [operation.as_strategy(query={"person": pk}) for pk in ids["people"]]
    return st.one_of(free, *aimed) if aimed else free


def _undelete(ids) -> None:
    """Bring the seeded rows back after a generated delete, so later requests still find them."""
    for collection, model in MODELS.items():
        try:
            with transaction.atomic():
                model.objects.filter(pk__in=ids[collection]).update(deleted_at=None)
        except IntegrityError:  # a generated check-in took the day meanwhile
            pass


def fuzz(strategy, examples: int, headers: dict, seen: Counter, after=None) -> None:
    """Send `examples` generated cases and check every answer against the schema."""

    @hypothesis_settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,  # the same requests on every run, so CI never flickers
        database=None,
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case):
        response = case.call_and_validate(headers=headers, checks=CHECKS)
        seen[response.status_code] += 1
        if after is not None:
            after(case)

    run()


@pytest.mark.django_db
def test_generated_requests_get_documented_answers(owner, journal_ids):
    app = get_wsgi_application()
    secrets = {
        scope: token_create(user=owner, name=f"{scope} fuzz", scope=scope)[1]
        for scope in {scope for scope, _, _ in BUDGET}
    }
    seen = Counter()
    started = time.monotonic()

    def after(case):
        if case.method.upper() == "DELETE":
            _undelete(journal_ids)

    with one_connection():
        schema = schemathesis.openapi.from_wsgi(SCHEMA_PATH, app)
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) >= 20
        for scope, mode, examples in BUDGET:
            headers = {"Authorization": f"Bearer {secrets[scope]}"}
            for operation in operations:
                strategy = _strategy(operation, mode, journal_ids, owner)
                fuzz(strategy, examples, headers, seen, after)

    elapsed = time.monotonic() - started
    sent = sum(seen.values())
    print(f"\nschemathesis: {sent} requests to {len(operations)} operations in {elapsed:.1f}s")
    print("statuses:", dict(sorted(seen.items())))
    assert sent >= AT_LEAST
    assert not any(status >= 500 for status in seen)
