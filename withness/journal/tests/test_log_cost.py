"""Saving an entry reads nothing that only the form page shows; the form still checks it all."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from withness.testing.factories import InteractionFactory, PersonFactory

from .test_interaction_views import NEW, valid


def test_logging_reads_neither_the_people_list_nor_past_entries(owner_client, owner):
    PersonFactory(owner=owner)
    with CaptureQueriesContext(connection) as queries:
        response = owner_client.post(NEW, valid(new_people="", group="walking group"))
    assert response.status_code == 302
    reads = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    assert not [sql for sql in reads if "people_person" in sql or "journal_" in sql]


def test_it_accepts_an_own_body_signal_from_an_earlier_entry(owner_client, owner):
    InteractionFactory(owner=owner, body_signals=["hands warm"])
    response = owner_client.post(NEW, valid(body_signals=["hands warm", "jaw_tight"]))
    assert response.status_code == 302


def test_it_refuses_a_body_signal_that_is_neither_built_in_nor_the_users_own(owner_client):
    response = owner_client.post(NEW, valid(body_signals=["made up"]))
    assert response.status_code == 200
    assert "is not one of the listed body signals" in response.content.decode()


def test_the_form_asks_who_it_was_with_until_there_are_people(owner_client, owner):
    assert "Who was it with?" in owner_client.get(NEW).content.decode()
    PersonFactory(owner=owner)
    page = owner_client.get(NEW).content.decode()
    assert "Someone new?" in page and "Who was it with?" not in page
