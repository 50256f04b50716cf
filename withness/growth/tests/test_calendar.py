"""The private calendar feed: valid iCalendar at a secret address that can be revoked."""

from datetime import UTC, datetime, timedelta

import icalendar
import pytest
import time_machine
from django.urls import reverse

from withness.growth.models import NudgeSettings
from withness.testing.factories import InteractionFactory, PersonFactory

START = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def feed_url(client):
    client.post(reverse("growth:feed_create"))
    token = NudgeSettings.objects.get().feed_token
    return reverse("growth:feed", args=[token])


def events(response):
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


def test_the_feed_lists_check_ins_and_follow_ups_as_valid_icalendar(
    client, owner_client, owner, clock
):
    sam = PersonFactory(owner=owner, name="Sam", checkin_every_days=14)
    InteractionFactory(owner=owner, people=[sam], started_at=START - timedelta(days=1))
    ana = PersonFactory(owner=owner, name="Ana")
    entry = InteractionFactory(
        owner=owner,
        people=[ana],
        started_at=START,
        duration_min=30,
        after_pleasant=None,
        after_energy=None,
        after_due_at=START + timedelta(hours=1),
    )
    url = feed_url(owner_client)
    client.logout()
    found = events(client.get(url))  # no session: calendar apps cannot sign in
    checkin = found["You might check in with Sam"]
    assert checkin.decoded("DTSTART") == (START + timedelta(days=13)).date()
    follow_up = found["How do you feel after time with Ana?"]
    assert follow_up.decoded("DTSTART") == START + timedelta(hours=1)
    assert str(follow_up["URL"]).endswith(
        reverse("journal:entry_edit", args=["interaction", entry.pk])
    )
    assert all("UID" in e and "DTSTAMP" in e for e in found.values())


def test_a_check_in_already_due_is_placed_today_not_in_the_past(client, owner_client, owner, clock):
    sam = PersonFactory(owner=owner, name="Sam", checkin_every_days=3)
    InteractionFactory(owner=owner, people=[sam], started_at=START - timedelta(days=30))
    found = events(client.get(feed_url(owner_client)))
    assert found["You might check in with Sam"].decoded("DTSTART") == START.date()


def test_a_paused_user_gets_no_check_ins_in_the_feed(client, owner_client, owner, clock):
    PersonFactory(owner=owner, name="Sam", checkin_every_days=3)
    url = feed_url(owner_client)
    owner_client.post(reverse("growth:nudges_pause"), {"length": "14"})
    assert events(client.get(url)) == {}


def test_a_revoked_address_is_404_and_a_new_one_replaces_the_old(client, owner_client, owner):
    first = feed_url(owner_client)
    second = feed_url(owner_client)
    assert first != second
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200
    owner_client.post(reverse("growth:feed_revoke"))
    assert client.get(second).status_code == 404
    assert NudgeSettings.objects.get().feed_token is None


def test_the_address_stops_working_when_its_account_is_deactivated(client, owner_client, owner):
    PersonFactory(owner=owner, name="Sam", checkin_every_days=3)
    url = feed_url(owner_client)
    owner.is_active = False
    owner.save()
    assert client.get(url).status_code == 404


def test_a_made_up_address_is_404(client, owner_client):
    feed_url(owner_client)
    assert client.get(reverse("growth:feed", args=["not-the-secret"])).status_code == 404


def test_the_feed_only_ever_holds_its_owners_entries(client, owner_client, owner, outsider):
    PersonFactory(owner=outsider, name="Outsider's friend", checkin_every_days=1)
    PersonFactory(owner=owner, name="Sam", checkin_every_days=1)
    found = events(client.get(feed_url(owner_client)))
    assert list(found) == ["You might check in with Sam"]


def test_the_reminders_page_shows_the_address_once_created(owner_client):
    assert (
        "Create a calendar address" in owner_client.get(reverse("growth:nudges")).content.decode()
    )
    url = feed_url(owner_client)
    assert url in owner_client.get(reverse("growth:nudges")).content.decode()
