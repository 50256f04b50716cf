"""An entry in the hour that repeats when the clocks go back stays where it was when edited."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from withness.hardening.tests.forms_in_pages import form_data
from withness.journal.models import Interaction, Solitude
from withness.testing.factories import InteractionFactory, PersonFactory, SolitudeFactory

# Europe/London, 25 October 2026: 01:30 comes twice, first at 00:30 UTC, then at 01:30 UTC.
SECOND_PASS = datetime(2026, 10, 25, 1, 5, tzinfo=UTC)  # 01:05 on the clock, the second time


def edit_url(entry) -> str:
    return reverse("journal:entry_edit", args=[entry.kind, entry.pk])


@pytest.fixture
def entry(owner):
    return InteractionFactory(
        owner=owner, started_at=SECOND_PASS, duration_min=40, people=[PersonFactory(owner=owner)]
    )


def test_a_note_only_save_keeps_an_entry_of_the_second_pass_where_it_was(owner_client, entry):
    form = form_data(owner_client.get(edit_url(entry)).content.decode())
    assert form["started_at"] == ["2026-10-25T01:05"]
    form["note"] = ["only the note changes"]
    assert owner_client.post(edit_url(entry), form).status_code == 302
    entry = Interaction.objects.get(pk=entry.pk)
    assert (entry.note, entry.started_at) == ("only the note changes", SECOND_PASS)


def test_an_end_given_as_the_clock_showed_it_is_the_stored_end(owner_client, entry):
    form = form_data(owner_client.get(edit_url(entry)).content.decode())
    form.update(duration_min=[""], ended_at=["2026-10-25T01:45"])
    response = owner_client.post(edit_url(entry), form)
    assert response.status_code == 302, response.context["form"].errors
    entry = Interaction.objects.get(pk=entry.pk)
    assert (entry.started_at, entry.duration_min) == (SECOND_PASS, 40)


def test_a_time_changed_on_the_form_is_still_read_as_typed(owner_client, owner):
    solitude = SolitudeFactory(owner=owner, started_at=SECOND_PASS)
    form = form_data(owner_client.get(edit_url(solitude)).content.decode())
    form["started_at"] = ["2026-10-25T01:10"]
    assert owner_client.post(edit_url(solitude), form).status_code == 302
    # A time typed in the repeated hour is its first pass, as for a new entry.
    expected = datetime(2026, 10, 25, 0, 10, tzinfo=UTC)
    assert Solitude.objects.get(pk=solitude.pk).started_at == expected
