"""Each collection end to end: add, read, change (only what is sent), delete softly."""

from datetime import UTC, datetime, timedelta

from django.urls import reverse

from withness.journal.models import CheckIn, Interaction, Solitude
from withness.people.models import Person
from withness.testing.factories import CheckInFactory, InteractionFactory, PersonFactory


def test_people_round_trip(api, owner):
    created = api.post("/people", {"name": "  Kim  Lee ", "relationship": "friend"})
    assert created.status_code == 201
    person = created.json()
    assert person["name"] == "Kim Lee" and person["relationship"] == "friend"
    assert api.get(f"/people/{person['id']}").json() == person

    changed = api.patch(f"/people/{person['id']}", {"felt_safety": 5, "is_safe_person": True})
    assert changed.status_code == 200
    assert changed.json() | {"updated_at": None} == person | {
        "felt_safety": 5,
        "is_safe_person": True,
        "updated_at": None,
    }

    assert api.delete(f"/people/{person['id']}").status_code == 204
    assert Person.objects.deleted_for(owner).get().name == "Kim Lee"
    assert api.get(f"/people/{person['id']}").status_code == 404


def test_an_interaction_round_trip_links_people_by_id_and_by_name(api, owner):
    sam = PersonFactory(owner=owner, name="Sam")
    payload = {
        "people": [sam.pk],
        "new_people": ["Robin", "sam"],
        "mode": "video",
        "depth": 2,
        "felt_safe": 8,
        "duration_min": 40,
        "before_pleasant": -2,
        "before_energy": 7.5,
        "after_pleasant": 1,
        "after_energy": 4,
        "body_signals": ["shoulders_softened", "hands warm"],
        "note": "Felt easy 🌿 — שלום",
    }
    response = api.post("/interactions", payload)
    assert response.status_code == 201
    body = response.json()
    assert sorted(p["name"] for p in body["people"]) == ["Robin", "Sam"]
    assert Person.objects.for_user(owner).count() == 2
    assert body["body_signals"] == ["shoulders_softened", "hands warm"]
    assert (body["mode"], body["depth"], body["felt_safe"]) == ("video", 2, 8)
    assert body["note"] == "Felt easy 🌿 — שלום"
    assert api.get(f"/interactions/{body['id']}").json() == body


def test_a_change_keeps_everything_not_sent(api, owner):
    sam = PersonFactory(owner=owner, name="Sam")
    created = api.post(
        "/interactions",
        {
            "people": [sam.pk],
            "duration_min": 40,
            "before_pleasant": -2,
            "before_energy": 7,
            "after_pleasant": 1,
            "after_energy": 4,
            "body_signals": ["jaw_tight"],
            "felt_safe": 3,
        },
    ).json()
    changed = api.patch(f"/interactions/{created['id']}", {"after_pleasant": 2.5}).json()
    assert changed["after_pleasant"] == 2.5 and changed["revision"] == 2
    same = ("people", "duration_min", "before_pleasant", "body_signals", "felt_safe", "started_at")
    assert {k: changed[k] for k in same} == {k: created[k] for k in same}
    cleared = api.patch(f"/interactions/{created['id']}", {"felt_safe": None}).json()
    assert cleared["felt_safe"] is None and cleared["body_signals"] == ["jaw_tight"]


def test_a_time_without_an_offset_is_on_the_owners_clock(api, owner):
    # The owner lives in London: 10:00 there in July is 09:00 UTC.
    response = api.post("/solitude", {
        "started_at": "2025-07-01T10:00:00",
        "duration_min": 30,
        "before_pleasant": 0,
        "before_energy": 5,
        "after_pleasant": 0,
        "after_energy": 5,
    })  # fmt: skip
    assert response.status_code == 201
    assert Solitude.objects.get().started_at == datetime(2025, 7, 1, 9, 0, tzinfo=UTC)


def test_an_end_time_can_stand_in_for_the_length(api, owner):
    created = api.post("/solitude", {
        "started_at": "2025-07-01T10:00:00Z",
        "ended_at": "2025-07-01T11:15:00Z",
        "before_pleasant": 0,
        "before_energy": 5,
        "after_pleasant": 0,
        "after_energy": 5,
    }).json()  # fmt: skip
    assert created["duration_min"] == 75
    changed = api.patch(f"/solitude/{created['id']}", {"ended_at": "2025-07-01T10:20:00Z"})
    assert changed.json()["duration_min"] == 20


def test_adding_before_it_is_over_asks_for_the_after_state_later(api, owner):
    response = api.post("/interactions", {
        "group": "support group",
        "duration_min": 60,
        "before_pleasant": -1,
        "before_energy": 6,
        "after_later": True,
    })  # fmt: skip
    body = response.json()
    assert response.status_code == 201 and body["after_due_at"] is not None
    assert body["after_pleasant"] is None
    done = api.patch(f"/interactions/{body['id']}", {"after_pleasant": 2, "after_energy": 4})
    assert done.status_code == 200 and done.json()["after_due_at"] is None


def test_solitude_round_trip(api, owner):
    created = api.post("/solitude", {
        "chosen": False,
        "activity": "screens",
        "restorative": False,
        "duration_min": 90,
        "before_pleasant": -1,
        "before_energy": 2,
        "after_pleasant": -2,
        "after_energy": 1.5,
    }).json()  # fmt: skip
    assert (created["chosen"], created["activity"], created["restorative"]) == (
        False,
        "screens",
        False,
    )
    changed = api.patch(f"/solitude/{created['id']}", {"restorative": None}).json()
    assert changed["restorative"] is None and changed["chosen"] is False
    assert api.delete(f"/solitude/{created['id']}").status_code == 204
    assert Solitude.objects.get().deleted_at is not None


def test_a_check_in_round_trip(api, owner):
    today = owner.today()
    created = api.post("/checkins", {"pleasant": -1, "energy": 2, "anxiety": 2, "sleep_hours": 5.5})
    assert created.status_code == 201
    body = created.json()
    assert body["day"] == today.isoformat() and body["anxiety"] == 2 and body["tension"] == 0
    changed = api.patch(f"/checkins/{body['id']}", {"note": "better by evening"}).json()
    assert changed["note"] == "better by evening" and changed["sleep_hours"] == 5.5
    yesterday = (today - timedelta(days=1)).isoformat()
    moved = api.patch(f"/checkins/{body['id']}", {"day": yesterday})
    assert moved.status_code == 200 and moved.json()["day"] == yesterday
    assert api.delete(f"/checkins/{body['id']}").status_code == 204
    assert CheckIn.objects.get().deleted_at is not None


def test_a_day_whose_check_in_was_deleted_can_be_checked_in_again(api, owner):
    old = CheckInFactory(owner=owner)
    api.delete(f"/checkins/{old.pk}")
    assert api.post("/checkins", {"pleasant": 0, "energy": 5}).status_code == 201


def test_deleting_through_the_api_can_be_undone_on_the_web(api, owner, owner_client):
    person = api.post("/people", {"name": "Kim"}).json()
    entry = api.post("/solitude", {
        "duration_min": 5, "before_pleasant": 0, "before_energy": 5, "after_later": True,
    }).json()  # fmt: skip
    api.delete(f"/people/{person['id']}")
    api.delete(f"/solitude/{entry['id']}")
    assert api.get(f"/people/{person['id']}").status_code == 404

    owner_client.post(reverse("people:restore", args=[person["id"]]))
    owner_client.post(reverse("journal:entry_restore", args=["solitude", entry["id"]]))
    assert api.get(f"/people/{person['id']}").json()["name"] == "Kim"
    assert api.get(f"/solitude/{entry['id']}").status_code == 200


def test_an_interaction_needs_someone_or_a_group_as_on_the_web(api):
    response = api.post("/interactions", {
        "duration_min": 5, "before_pleasant": 0, "before_energy": 5, "after_later": True,
    })  # fmt: skip
    assert response.status_code == 422
    assert not Interaction.objects.exists()


def test_a_note_changes_on_an_entry_whose_only_person_is_in_recently_deleted(api, owner):
    sam = PersonFactory(owner=owner, name="Sam")
    made = InteractionFactory(owner=owner, people=[sam], group="")
    sam.soft_delete()
    changed = api.patch(f"/interactions/{made.pk}", {"note": "the walk, remembered"})
    assert changed.status_code == 200, changed.json()
    assert Interaction.objects.get(pk=made.pk).note == "the walk, remembered"
    sam.restore()
    assert list(Interaction.objects.get(pk=made.pk).people.all()) == [sam]
