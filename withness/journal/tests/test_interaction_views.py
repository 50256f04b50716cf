from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from withness.journal.models import Interaction
from withness.people.models import Person
from withness.testing.factories import InteractionFactory, PersonFactory

NEW = reverse("journal:entry_new", args=["interaction"])


def valid(**overrides):
    data = {
        "new_people": "Sam",
        "mode": "call",
        "started_at": (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "duration_min": "40",
        "before_pleasant": "-2",
        "before_energy": "7.5",
        "after_pleasant": "1.5",
        "after_energy": "5",
        "felt_safe": "8",
        "note": "We talked about the garden.",
    }
    data.update(overrides)
    return data


def test_it_logs_an_interaction_with_a_new_person(owner_client, owner):
    response = owner_client.post(NEW, valid())
    interaction = Interaction.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "journal:entry_detail", args=["interaction", interaction.pk]
    )
    assert interaction.owner == owner
    assert [p.name for p in interaction.people.all()] == ["Sam"]
    assert interaction.before_pleasant == -2 and interaction.after_energy == 5
    assert interaction.state_change() == 3.5


def test_it_reuses_an_existing_person_with_the_same_name(owner_client, owner):
    sam = PersonFactory(owner=owner, name="Sam")
    owner_client.post(NEW, valid(new_people="sam"))
    assert list(Interaction.objects.get().people.all()) == [sam]
    assert Person.objects.count() == 1


def test_it_logs_several_people_and_a_group(owner_client, owner):
    a, b = PersonFactory(owner=owner), PersonFactory(owner=owner)
    owner_client.post(NEW, valid(new_people="", people=[a.pk, b.pk], group="book club"))
    interaction = Interaction.objects.get()
    assert set(interaction.people.all()) == {a, b}
    assert interaction.group == "book club"


def test_it_keeps_built_in_and_own_body_signals(owner_client):
    owner_client.post(NEW, valid(body_signals=["jaw_tight"], own_signals="hands warm, hands warm"))
    assert Interaction.objects.get().body_signals == ["jaw_tight", "hands warm"]


def test_own_words_that_name_a_listed_signal_count_as_that_signal(owner_client):
    owner_client.post(
        NEW, valid(own_signals="numb or far away, JAW TIGHT", body_signals=["jaw_tight"])
    )
    assert Interaction.objects.get().body_signals == ["jaw_tight", "numb"]


def test_own_body_signals_are_offered_next_time(owner_client):
    owner_client.post(NEW, valid(own_signals="tears close"))
    response = owner_client.get(NEW)
    assert "tears close" in response.content.decode()


def test_the_after_state_can_come_later(owner_client):
    owner_client.post(NEW, valid(after_pleasant="", after_energy="", after_later="on"))
    interaction = Interaction.objects.get()
    assert interaction.after_pleasant is None
    assert interaction.after_due_at == interaction.started_at + timedelta(minutes=40 + 30)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"new_people": ""}, "people", "Choose who it was with"),
        ({"duration_min": "1441"}, "duration_min", "longer than a day"),
        ({"duration_min": "0"}, "duration_min", "at least 1 minute"),
        ({"duration_min": "ten"}, "duration_min", "whole number of minutes"),
        ({"duration_min": ""}, "duration_min", "roughly how long"),
        ({"started_at": "2999-01-01T10:00"}, "started_at", "more than two days ahead"),
        ({"started_at": "yesterday"}, "started_at", "Give a date and time"),
        ({"before_pleasant": "6"}, "before_pleasant", "runs from −5"),
        ({"before_energy": "-1"}, "before_energy", "runs from 0"),
        ({"before_energy": "4.3"}, "before_energy", "steps of 0.5"),
        ({"after_pleasant": ""}, "after_pleasant", "add how I feel afterwards later"),
        ({"felt_safe": "11"}, "felt_safe", "from 0 to 10"),
        ({"note": "x" * 20001}, "note", "up to 20,000 characters"),
        ({"people": ["999999"]}, "people", "not in your list"),
        ({"people": ["abc"]}, "people", "not in your list"),
        ({"mode": "telepathy"}, "mode", "Select a valid choice"),
        ({"body_signals": ["glowing"]}, "body_signals", "not one of the listed"),
        ({"own_signals": "x" * 41}, "own_signals", "under 40 characters"),
        ({"new_people": "n" * 81}, "new_people", "too long for a name"),
    ],
)
def test_bad_input_gets_a_clear_message_next_to_the_field(owner_client, overrides, field, message):
    response = owner_client.post(NEW, valid(**overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert Interaction.objects.count() == 0


def test_end_before_start_is_refused(owner_client):
    response = owner_client.post(
        NEW, valid(duration_min="", started_at="2026-01-10T10:00", ended_at="2026-01-10T09:00")
    )
    assert "end is before the start" in " ".join(response.context["form"].errors["ended_at"])


def test_an_end_time_sets_the_duration(owner_client):
    owner_client.post(
        NEW, valid(duration_min="", started_at="2026-01-10T10:00", ended_at="2026-01-10T11:30")
    )
    assert Interaction.objects.get().duration_min == 90


def test_times_on_the_nights_the_clocks_change_are_taken_as_the_clock_read(owner_client, owner):
    assert owner.time_zone == "Europe/London"
    # 01:30 came twice on 26 October 2025 (first in summer time, UTC+1) and never on 30 March.
    owner_client.post(
        NEW, valid(duration_min="", started_at="2025-10-26T01:30", ended_at="2025-10-26T01:50")
    )
    owner_client.post(NEW, valid(started_at="2025-03-30T01:30"))
    skipped, repeated = Interaction.objects.order_by("started_at")
    assert repeated.started_at == datetime(2025, 10, 26, 0, 30, tzinfo=UTC)
    assert repeated.duration_min == 20
    assert skipped.started_at == datetime(2025, 3, 30, 1, 30, tzinfo=UTC)  # 02:30 on the clock


def test_another_users_person_cannot_be_attached(owner_client, outsider):
    theirs = PersonFactory(owner=outsider)
    response = owner_client.post(NEW, valid(new_people="", people=[theirs.pk]))
    assert "people" in response.context["form"].errors
    assert Interaction.objects.count() == 0


def test_editing_keeps_what_was_saved_when_the_edit_is_rejected(owner_client, owner):
    interaction = InteractionFactory(owner=owner, note="kept", people=[PersonFactory(owner=owner)])
    url = reverse("journal:entry_edit", args=["interaction", interaction.pk])
    response = owner_client.post(url, valid(duration_min="5000", note="changed", revision="1"))
    assert response.status_code == 200
    interaction.refresh_from_db()
    assert interaction.note == "kept"
    assert "changed" in response.content.decode()


def test_editing_saves_and_bumps_the_revision(owner_client, owner):
    interaction = InteractionFactory(owner=owner, people=[PersonFactory(owner=owner, name="Ana")])
    url = reverse("journal:entry_edit", args=["interaction", interaction.pk])
    form = owner_client.get(url).context["form"]
    assert form.initial["revision"] == 1
    owner_client.post(url, valid(new_people="Ana", note="edited", revision="1"))
    interaction.refresh_from_db()
    assert (interaction.note, interaction.revision) == ("edited", 2)


def test_a_stale_tab_is_told_the_entry_changed(owner_client, owner):
    interaction = InteractionFactory(owner=owner, note="first", revision=3)
    url = reverse("journal:entry_edit", args=["interaction", interaction.pk])
    response = owner_client.post(url, valid(note="from an old tab", revision="2"))
    assert "changed somewhere else" in response.content.decode()
    interaction.refresh_from_db()
    assert interaction.note == "first"


def test_the_form_works_as_a_page(owner_client):
    response = owner_client.get(NEW)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("<h1") == 1
    assert 'name="before_pleasant"' in body and 'type="range"' in body


def test_opening_from_a_person_page_preselects_them(owner_client, owner, outsider):
    sam = PersonFactory(owner=owner, name="Sam")
    assert owner_client.get(NEW, {"person": sam.pk}).context["form"].initial["people"] == [sam.pk]
    theirs = PersonFactory(owner=outsider)
    assert "people" not in owner_client.get(NEW, {"person": theirs.pk}).context["form"].initial


@pytest.mark.parametrize("person", ["²", "x", "-1", "99999999999999999999999"])
def test_a_person_link_that_names_nobody_opens_an_empty_form(owner_client, person):
    response = owner_client.get(NEW, {"person": person})
    assert response.status_code == 200
    assert "people" not in response.context["form"].initial


def test_an_entry_whose_only_person_is_in_recently_deleted_can_still_be_changed(
    owner_client, owner
):
    gone = PersonFactory(owner=owner, name="Noor")
    interaction = InteractionFactory(owner=owner, note="before", people=[gone])
    gone.soft_delete()
    url = reverse("journal:entry_edit", args=["interaction", interaction.pk])

    response = owner_client.post(url, valid(new_people="", note="just the note", revision="1"))

    assert response.status_code == 302, response.context["form"].errors
    interaction.refresh_from_db()
    assert interaction.note == "just the note"
    assert list(interaction.people.all()) == [gone]  # comes back with the entry if restored


def test_a_new_entry_still_needs_someone(owner_client, owner):
    PersonFactory(owner=owner, name="Noor").soft_delete()
    response = owner_client.post(NEW, valid(new_people=""))
    assert "Choose who it was with" in response.context["form"].errors["people"][0]
    assert Interaction.objects.count() == 0


def test_a_stale_tab_is_told_its_form_cannot_be_saved_and_it_cannot(owner_client, owner):
    interaction = InteractionFactory(owner=owner, note="first", revision=3)
    url = reverse("journal:entry_edit", args=["interaction", interaction.pk])
    stale = valid(note="from an old tab", revision="2")
    for _ in range(2):
        response = owner_client.post(url, stale)
        text = response.content.decode().replace("&#x27;", "'")
        assert "what you typed is still below, but this form can't be saved now" in text
        assert response.context["form"]["note"].value() == "from an old tab"
        stale = {**stale, "revision": response.context["form"]["revision"].value()}
    interaction.refresh_from_db()
    assert (interaction.note, interaction.revision) == ("first", 3)
