"""The optional e-mail digest: off by default, at most once a day, only with something to say."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from withness.growth.digest import digest_send
from withness.growth.models import NudgeSettings
from withness.people.models import Person
from withness.testing.factories import InteractionFactory, PersonFactory

START = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
BASE = "https://withness.example"


@pytest.fixture
def due(owner):
    with time_machine.travel(START - timedelta(days=10), tick=False):
        PersonFactory(owner=owner, name="Sam", checkin_every_days=7)
    owner.email = "robin@example.org"
    owner.save()
    with time_machine.travel(START, tick=False) as clock:
        yield clock


def test_no_email_is_sent_unless_the_user_turns_it_on(owner, due):
    assert not digest_send(user=owner, base_url=BASE)
    assert mail.outbox == []


def test_turning_it_on_sends_one_short_email_a_day(owner_client, owner, due):
    owner_client.post(reverse("growth:digest_toggle"), {"on": "1"})
    assert digest_send(user=owner, base_url=BASE)
    assert not digest_send(user=owner, base_url=BASE)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["robin@example.org"]
    assert "Sam: if it feels right, you might try" in message.body
    assert f"{BASE}/growth/reminders/" in message.body
    due.shift(timedelta(days=1))
    assert digest_send(user=owner, base_url=BASE)
    assert len(mail.outbox) == 2


def test_turning_it_off_stops_the_emails(owner_client, owner, due):
    owner_client.post(reverse("growth:digest_toggle"), {"on": "1"})
    owner_client.post(reverse("growth:digest_toggle"), {"on": "0"})
    assert not NudgeSettings.objects.get(owner=owner).email_digest
    assert not digest_send(user=owner, base_url=BASE)


def test_nothing_is_sent_while_paused_or_when_nothing_is_due(owner_client, owner, due):
    owner_client.post(reverse("growth:digest_toggle"), {"on": "1"})
    owner_client.post(reverse("growth:nudges_pause"), {"length": "7"})
    assert not digest_send(user=owner, base_url=BASE)
    owner_client.post(reverse("growth:nudges_resume"))
    InteractionFactory(owner=owner, people=list(Person.objects.for_user(owner)), started_at=START)
    assert not digest_send(user=owner, base_url=BASE)
    assert mail.outbox == []


def test_follow_ups_due_are_included_with_a_link_to_finish_them(owner_client, owner, due):
    owner_client.post(reverse("growth:digest_toggle"), {"on": "1"})
    entry = InteractionFactory(
        owner=owner,
        people=list(Person.objects.for_user(owner)),
        started_at=START - timedelta(hours=2),
        after_pleasant=None,
        after_energy=None,
        after_due_at=START - timedelta(minutes=5),
    )
    assert digest_send(user=owner, base_url=BASE)
    edit = reverse("journal:entry_edit", args=["interaction", entry.pk])
    assert f"Time with Sam: {BASE}{edit}" in mail.outbox[0].body


def test_without_an_email_address_nothing_is_sent(owner_client, owner, due):
    owner.email = ""
    owner.save()
    owner_client.post(reverse("growth:digest_toggle"), {"on": "1"})
    assert not digest_send(user=owner, base_url=BASE)


def test_the_daily_command_sends_only_to_those_who_asked(owner_client, owner, outsider, due):
    PersonFactory(owner=outsider, checkin_every_days=1)
    outsider.email = "other@example.org"
    outsider.save()
    owner_client.post(reverse("growth:digest_toggle"), {"on": "1"})
    call_command("growth_digest", base_url=BASE)
    assert [m.to for m in mail.outbox] == [["robin@example.org"]]
