"""Gentle reminders: due only at the user's cadence, quiet when asked, never a backlog."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from withness.growth.models import NudgeSettings
from withness.testing.factories import InteractionFactory, PersonFactory

START = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
DUE = "since you and Sam were in touch"


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def sam(owner, clock):
    sam = PersonFactory(owner=owner, name="Sam", checkin_every_days=7)
    InteractionFactory(owner=owner, people=[sam], started_at=START - timedelta(hours=3))
    return sam


def home(client):
    return client.get(reverse("journal:home")).content.decode()


def test_nobody_is_due_before_their_cadence_has_passed(owner_client, sam, clock):
    assert DUE not in home(owner_client)
    clock.shift(timedelta(days=6))
    assert DUE not in home(owner_client)
    clock.shift(timedelta(days=1))
    body = home(owner_client)
    assert DUE in body and "Last time: 2 March" in body


def test_people_without_a_cadence_are_never_nudged(owner_client, owner, clock):
    PersonFactory(owner=owner, name="Robin")
    clock.shift(timedelta(days=400))
    home(owner_client)
    clock.shift(timedelta(days=1))
    assert "since you and Robin" not in home(owner_client)


def test_logging_time_with_them_resets_the_reminder(owner_client, owner, sam, clock):
    clock.shift(timedelta(days=8))
    assert DUE in home(owner_client)
    InteractionFactory(owner=owner, people=[sam], started_at=START + timedelta(days=8))
    assert DUE not in home(owner_client)


def test_a_deleted_interaction_does_not_count_as_contact(owner_client, owner, sam, clock):
    clock.shift(timedelta(days=8))
    InteractionFactory(
        owner=owner, people=[sam], started_at=START + timedelta(days=8)
    ).soft_delete()
    assert DUE in home(owner_client)


@pytest.mark.parametrize(
    "elsewhere", ["//evil.example", "/\\evil.example", "https://evil.example/"]
)
def test_not_now_never_sends_the_person_to_another_site(owner_client, sam, clock, elsewhere):
    clock.shift(timedelta(days=8))
    url = reverse("growth:nudge_rest", args=[sam.pk, 0])
    response = owner_client.post(url, {"next": elsewhere})
    assert response.status_code == 302 and response["Location"] == reverse("journal:home")


def test_not_now_hides_the_reminder_for_the_rest_of_the_day_only(owner_client, sam, clock):
    clock.shift(timedelta(days=8))
    home(owner_client)
    response = owner_client.post(reverse("growth:nudge_rest", args=[sam.pk, 0]), {"next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert DUE not in home(owner_client)
    clock.shift(timedelta(hours=13, minutes=59))  # 23:59 in London, still the same day
    assert DUE not in home(owner_client)
    clock.shift(timedelta(minutes=2))
    assert DUE in home(owner_client)


def test_snooze_hides_the_reminder_for_a_week(owner_client, sam, clock):
    clock.shift(timedelta(days=8))
    home(owner_client)
    owner_client.post(reverse("growth:nudge_rest", args=[sam.pk, 7]))
    for _ in range(5):
        clock.shift(timedelta(days=1))
        assert DUE not in home(owner_client)
    clock.shift(timedelta(days=3))
    assert DUE in home(owner_client)


def test_only_the_listed_rest_lengths_are_accepted(owner_client, sam):
    assert owner_client.post(reverse("growth:nudge_rest", args=[sam.pk, 365])).status_code == 404


def test_pausing_hides_every_reminder_until_resumed(owner_client, owner, sam, clock):
    PersonFactory(owner=owner, name="Ana", checkin_every_days=1)
    clock.shift(timedelta(days=8))
    home(owner_client)
    response = owner_client.post(reverse("growth:nudges_pause"), {"length": "open"})
    assert response.status_code == 302
    body = home(owner_client)
    assert DUE not in body and "since you and Ana" not in body
    owner_client.post(reverse("growth:nudges_resume"))
    assert DUE in home(owner_client)


def test_a_timed_pause_ends_with_a_plain_welcome_not_a_pile_of_reminders(owner_client, sam, clock):
    clock.shift(timedelta(days=8))
    home(owner_client)
    owner_client.post(reverse("growth:nudges_pause"), {"length": "7"})
    clock.shift(timedelta(days=7))
    assert DUE not in home(owner_client)
    clock.shift(timedelta(days=1))
    body = home(owner_client)
    assert "Welcome back" in body and DUE not in body
    assert not NudgeSettings.objects.get().paused


def test_coming_back_after_a_gap_shows_a_plain_welcome_and_no_backlog(owner_client, owner, clock):
    for name in ("Sam", "Ana", "Kit", "Lee", "Mo"):
        PersonFactory(owner=owner, name=name, checkin_every_days=3)
    home(owner_client)
    clock.shift(timedelta(days=40))
    body = home(owner_client)
    assert "Welcome back" in body
    assert "since you and" not in body
    text = re.sub(r"<[^>]+>", " ", body[body.index("<main") : body.index("</main>")])
    assert not re.search(r"\b40\b", text) and "days away" not in text and "missed" not in text
    assert "Welcome back" in home(owner_client)  # all that day
    clock.shift(timedelta(days=1))
    body = home(owner_client)
    assert "Welcome back" not in body
    assert body.count("since you and") == 3  # never more than a few at once


def test_a_short_absence_brings_no_welcome(owner_client, clock):
    home(owner_client)
    clock.shift(timedelta(days=3))
    assert "Welcome back" not in home(owner_client)


def test_setting_a_cadence_on_the_growth_page(owner_client, owner):
    sam = PersonFactory(owner=owner, name="Sam")
    url = reverse("growth:person_cadence", args=[sam.pk])
    assert owner_client.post(url, {"every_days": "14"}).status_code == 302
    sam.refresh_from_db()
    assert sam.checkin_every_days == 14
    owner_client.post(url, {"every_days": ""})
    sam.refresh_from_db()
    assert sam.checkin_every_days is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "Use at least 1 day"),
        ("366", "Up to 365 days"),
        ("often", "Give a whole number of days"),
    ],
)
def test_a_bad_cadence_gets_a_specific_message_and_nothing_changes(
    owner_client, owner, value, message
):
    sam = PersonFactory(owner=owner, name="Sam", checkin_every_days=7)
    response = owner_client.post(
        reverse("growth:person_cadence", args=[sam.pk]), {"every_days": value}
    )
    assert response.status_code == 200
    assert any(message in e for e in response.context["form"].errors["every_days"])
    sam.refresh_from_db()
    assert sam.checkin_every_days == 7


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Choose how long to pause for."),
        ("forever", "Choose one of the listed lengths."),
    ],
)
def test_a_bad_pause_length_gets_a_specific_message(owner_client, owner, value, message):
    response = owner_client.post(reverse("growth:nudges_pause"), {"length": value})
    assert any(message in e for e in response.context["form"].errors["length"])
    assert not NudgeSettings.objects.filter(owner=owner, paused=True).exists()


def test_due_follow_ups_show_on_home_and_link_to_the_entry_to_finish(owner_client, owner, clock):
    sam = PersonFactory(owner=owner, name="Sam")
    entry = InteractionFactory(
        owner=owner,
        people=[sam],
        started_at=START,
        duration_min=60,
        after_pleasant=None,
        after_energy=None,
        after_due_at=START + timedelta(minutes=90),
    )
    assert "After time with Sam" not in home(owner_client)
    clock.shift(timedelta(minutes=91))
    body = home(owner_client)
    assert "After time with Sam" in body
    assert reverse("journal:entry_edit", args=["interaction", entry.pk]) in body
    entry.after_pleasant, entry.after_energy = 2.0, 4.0
    entry.save()
    assert "After time with Sam" not in home(owner_client)
