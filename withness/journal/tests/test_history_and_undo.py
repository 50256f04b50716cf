from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from withness.journal.models import CheckIn, Interaction, Solitude
from withness.journal.services import purge_deleted
from withness.testing.factories import (
    CheckInFactory,
    InteractionFactory,
    PersonFactory,
    SolitudeFactory,
)

HISTORY = reverse("journal:history")


def test_history_shows_all_kinds_newest_first(owner_client, owner):
    now = timezone.now()
    old = InteractionFactory(
        owner=owner,
        started_at=now - timedelta(days=2),
        people=[PersonFactory(owner=owner, name="Ana")],
    )
    alone = SolitudeFactory(owner=owner, started_at=now - timedelta(days=1))
    today = CheckInFactory(owner=owner)
    entries = owner_client.get(HISTORY).context["entries"]
    assert entries == [today, alone, old]


@time_machine.travel(datetime(2026, 6, 10, 12, tzinfo=UTC), tick=False)
def test_entries_from_another_year_show_their_year(owner_client, owner):
    CheckInFactory(owner=owner, day=date(2020, 5, 30))
    InteractionFactory(owner=owner, started_at=datetime(2021, 3, 4, 18, 30, tzinfo=UTC))
    CheckInFactory(owner=owner, day=date(2026, 6, 9))
    text = owner_client.get(HISTORY).content.decode()
    assert "Check-in · Sat 30 May 2020" in text and "Thu 4 Mar 2021, " in text
    assert "Check-in · Tue 9 Jun<" in text


def test_history_pages_through_many_entries(owner_client, owner):
    start = timezone.now() - timedelta(days=60)
    for day in range(45):
        SolitudeFactory(owner=owner, started_at=start + timedelta(days=day))
    first = owner_client.get(HISTORY).context
    third = owner_client.get(HISTORY, {"page": 3}).context
    assert len(first["entries"]) == 20 and len(third["entries"]) == 5
    assert first["page"].paginator.num_pages == 3


def test_history_filters_by_person_kind_and_dates(owner_client, owner):
    ana, bo = PersonFactory(owner=owner, name="Ana"), PersonFactory(owner=owner, name="Bo")
    with_ana = InteractionFactory(owner=owner, people=[ana])
    InteractionFactory(owner=owner, people=[bo])
    SolitudeFactory(owner=owner)
    assert owner_client.get(HISTORY, {"person": ana.pk}).context["entries"] == [with_ana]
    assert len(owner_client.get(HISTORY, {"kind": "solitude"}).context["entries"]) == 1
    old = SolitudeFactory(owner=owner, started_at=timezone.now() - timedelta(days=40))
    day = timezone.localtime(old.started_at, owner.zone).date()
    found = owner_client.get(HISTORY, {"start": day.isoformat(), "end": day.isoformat()}).context[
        "entries"
    ]
    assert found == [old]


def test_history_filter_mistakes_are_explained_not_crashed(owner_client, owner):
    response = owner_client.get(
        HISTORY, {"start": "2026-05-02", "end": "2026-05-01", "person": "x", "page": "zz"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "end date is before the start" in body


def test_history_up_to_the_last_day_a_date_can_name_shows_everything(owner_client, owner):
    solitude = SolitudeFactory(owner=owner)
    response = owner_client.get(HISTORY, {"end": "9999-12-31"})
    assert response.status_code == 200
    assert response.context["entries"] == [solitude]


def test_history_answers_htmx_with_the_list_only(owner_client, owner):
    SolitudeFactory(owner=owner)
    response = owner_client.get(HISTORY, headers={"HX-Request": "true"})
    assert b'id="timeline"' in response.content and b"<html" not in response.content


def test_history_invites_when_empty(owner_client):
    assert "Nothing here yet" in owner_client.get(HISTORY).content.decode()


def test_delete_then_undo_brings_the_entry_back(owner_client, owner):
    entry = InteractionFactory(owner=owner, note="keep me")
    response = owner_client.post(
        reverse("journal:entry_delete", args=["interaction", entry.pk]), follow=True
    )
    assert not Interaction.objects.for_user(owner).exists()
    assert "Undo" in response.content.decode()
    owner_client.post(reverse("journal:entry_restore", args=["interaction", entry.pk]))
    assert Interaction.objects.for_user(owner).get().note == "keep me"


@pytest.mark.parametrize(
    ("after", "lands_on"),
    [("/people/", "/people/"), ("/\\evil.example", "/history/"), ("//evil.example", "/history/")],
)
def test_after_a_delete_the_page_goes_back_only_within_the_site(
    owner_client, owner, after, lands_on
):
    entry = InteractionFactory(owner=owner)
    url = reverse("journal:entry_delete", args=["interaction", entry.pk])
    assert owner_client.post(url, {"next": after})["Location"] == lands_on


def test_deleted_entries_wait_in_recently_deleted(owner_client, owner):
    entry = SolitudeFactory(owner=owner)
    entry.soft_delete()
    response = owner_client.get(reverse("journal:deleted"))
    assert response.context["entries"] == [entry]
    assert entry not in owner_client.get(HISTORY).context["entries"]


def test_recently_deleted_is_purged_after_thirty_days(owner):
    entry = SolitudeFactory(owner=owner)
    entry.soft_delete()
    assert purge_deleted(now=timezone.now() + timedelta(days=29)) == 0
    assert purge_deleted(now=timezone.now() + timedelta(days=31)) == 1
    assert not Solitude.objects.filter(pk=entry.pk).exists()


def test_a_check_in_cannot_come_back_over_a_newer_one(owner_client, owner):
    old = CheckInFactory(owner=owner)
    old.soft_delete()
    CheckInFactory(owner=owner)
    response = owner_client.post(
        reverse("journal:entry_restore", args=["checkin", old.pk]), follow=True
    )
    assert "already a check-in for that day" in response.content.decode()
    assert CheckIn.objects.deleted_for(owner).count() == 1


def test_delete_only_answers_post(owner_client, owner):
    entry = SolitudeFactory(owner=owner)
    assert (
        owner_client.get(reverse("journal:entry_delete", args=["solitude", entry.pk])).status_code
        == 405
    )


def test_unknown_kinds_are_not_found(owner_client):
    assert owner_client.get(reverse("journal:entry_new", args=["dream"])).status_code == 404
    assert owner_client.post(reverse("journal:entry_delete", args=["dream", 1])).status_code == 404
