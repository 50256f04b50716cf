"""Home: one first step for a new journal, more only once there is something to build on."""

from datetime import UTC, datetime, timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

from withness.testing.factories import (
    CheckInFactory,
    InteractionFactory,
    PersonFactory,
    SolitudeFactory,
)

HOME = reverse("journal:home")
CHECKIN = reverse("journal:checkin")
PROMPT = "Something to wonder about"


def home(client) -> str:
    return client.get(HOME).content.decode()


def test_a_new_journal_offers_one_first_step(owner_client):
    body = home(owner_client)

    assert body.count(f'href="{CHECKIN}"') == 1
    assert "Start a check-in" in body
    assert PROMPT not in body
    assert "Is there someone who feels steady to you?" not in body
    # Logging time with others or alone is still one tap away, quietly.
    assert reverse("journal:entry_new", args=["interaction"]) in body
    assert reverse("journal:entry_new", args=["solitude"]) in body


def test_reflection_prompts_wait_for_a_few_entries(owner_client, owner):
    CheckInFactory(owner=owner, day=owner.today() - timedelta(days=1))
    SolitudeFactory(owner=owner)
    assert PROMPT not in home(owner_client)

    SolitudeFactory(owner=owner, started_at=timezone.now() - timedelta(days=1))
    assert PROMPT in home(owner_client)


def test_a_follow_up_does_not_wait_for_a_few_entries(owner_client, owner):
    InteractionFactory(
        owner=owner,
        after_pleasant=None,
        after_energy=None,
        after_due_at=timezone.now() - timedelta(minutes=5),
    )
    assert "How are you now?" in home(owner_client)


def test_a_reminder_someone_asked_for_does_not_wait_for_entries(owner_client, owner):
    start = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False) as clock:
        PersonFactory(owner=owner, name="Sam", checkin_every_days=7)
        clock.shift(timedelta(days=8))
        assert "since you and Sam were in touch" in home(owner_client)


def test_the_check_in_has_one_name_on_home_and_log(owner_client, owner):
    SolitudeFactory(owner=owner)
    body = home(owner_client)
    assert "<strong>Check-in</strong>" in body and "A minute, no more" in body
    assert body.count(f'href="{CHECKIN}"') == 1  # the tile; no second "Check in" button

    log = owner_client.get(reverse("journal:log")).content.decode()
    assert "<strong>Check-in</strong>" in log
    assert "Daily check-in" not in log and "Check in<" not in body + log


def test_today_sums_up_the_check_in_once_there_is_one(owner_client, owner):
    CheckInFactory(owner=owner, note="Slow morning.")
    body = home(owner_client)
    assert "Done today · change it" in body
    assert "You checked in feeling" in body and "Slow morning." in body
