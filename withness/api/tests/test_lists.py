"""Lists: newest first, a page at a time, filtered by days (the owner's days) and by person."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from withness.api.models import Scope
from withness.testing.factories import (
    CheckInFactory,
    InteractionFactory,
    PersonFactory,
    SolitudeFactory,
)

from .helpers import fields

LONDON = ZoneInfo("Europe/London")


def at(day, hour, minute=0):
    """A moment on the owner's own clock (their time zone is Europe/London)."""
    return datetime(2025, 7, day, hour, minute, tzinfo=LONDON)


@pytest.fixture
def read(api_as, owner):
    return api_as(owner, Scope.READ)


def ids(response):
    return [item["id"] for item in response.json()["items"]]


def test_a_list_comes_a_page_at_a_time_newest_first(read, owner):
    entries = [SolitudeFactory(owner=owner, started_at=at(1 + n, 9)) for n in range(7)]
    newest_first = [e.pk for e in reversed(entries)]

    first = read.get("/solitude", {"limit": 3})
    assert first.status_code == 200
    assert first.json() | {"items": None} == {
        "count": 7,
        "limit": 3,
        "offset": 0,
        "next_offset": 3,
        "items": None,
    }
    assert ids(first) == newest_first[:3]
    assert ids(read.get("/solitude", {"limit": 3, "offset": 3})) == newest_first[3:6]
    last = read.get("/solitude", {"limit": 3, "offset": 6})
    assert ids(last) == newest_first[6:] and last.json()["next_offset"] is None
    assert read.get("/solitude", {"offset": 50}).json()["items"] == []


def test_a_page_has_50_by_default_and_200_at_most(read, owner):
    PersonFactory.create_batch(55, owner=owner)
    response = read.get("/people")
    assert len(ids(response)) == 50 and response.json()["next_offset"] == 50
    assert len(ids(read.get("/people", {"limit": 200}))) == 55


@pytest.mark.parametrize(
    "params",
    [{"limit": 201}, {"limit": 0}, {"limit": "many"}, {"offset": -1}, {"offset": 10**12}],
)
def test_page_sizes_out_of_bounds_are_refused_naming_the_parameter(read, params):
    response = read.get("/people", params)
    assert response.status_code == 422
    assert fields(response) == list(params)


def test_interactions_filter_by_days_on_the_owners_clock(read, owner):
    # 23:30 in London on 13 July is 22:30 UTC: it belongs to the 13th, not the 14th.
    late = InteractionFactory(owner=owner, started_at=at(13, 23, 30))
    on_14th = InteractionFactory(owner=owner, started_at=at(14, 0, 30))
    on_15th = InteractionFactory(owner=owner, started_at=at(15, 12))
    InteractionFactory(owner=owner, started_at=at(16, 0, 10))

    response = read.get("/interactions", {"since": "2025-07-14", "until": "2025-07-15"})
    assert ids(response) == [on_15th.pk, on_14th.pk]
    assert response.json()["count"] == 2
    assert ids(read.get("/interactions", {"until": "2025-07-13"})) == [late.pk]
    assert len(ids(read.get("/interactions", {"since": "2025-07-14"}))) == 3


def test_solitude_filters_by_days(read, owner):
    SolitudeFactory(owner=owner, started_at=at(1, 10))
    july_5 = SolitudeFactory(owner=owner, started_at=at(5, 10))
    assert ids(read.get("/solitude", {"since": "2025-07-02", "until": "2025-07-31"})) == [july_5.pk]


def test_check_ins_filter_by_their_day(read, owner):
    for day in (1, 2, 3, 4):
        CheckInFactory(owner=owner, day=date(2025, 7, day))
    response = read.get("/checkins", {"since": "2025-07-02", "until": "2025-07-03"})
    assert [item["day"] for item in response.json()["items"]] == ["2025-07-03", "2025-07-02"]


@pytest.mark.parametrize("collection", ["interactions", "solitude", "checkins"])
@pytest.mark.parametrize("zone", ["Asia/Tokyo", "America/Chicago"])
def test_days_at_the_ends_of_the_calendar_mean_from_the_start_or_to_the_end(
    read, owner, collection, zone
):
    owner.time_zone = zone
    owner.save()
    factory = {"interactions": InteractionFactory, "solitude": SolitudeFactory}
    entry = factory.get(collection, CheckInFactory)(owner=owner)
    response = read.get(f"/{collection}", {"since": "0001-01-01", "until": "9999-12-31"})
    assert response.status_code == 200, response.content
    assert ids(response) == [entry.pk]


def test_interactions_filter_by_person(read, owner):
    sam, kim = PersonFactory(owner=owner, name="Sam"), PersonFactory(owner=owner, name="Kim")
    with_sam = InteractionFactory(owner=owner, people=[sam])
    with_both = InteractionFactory(owner=owner, people=[sam, kim])
    InteractionFactory(owner=owner, people=[kim])
    response = read.get("/interactions", {"person": sam.pk})
    assert sorted(ids(response)) == sorted([with_sam.pk, with_both.pk])
    assert response.json()["items"][0]["people"][0]["name"] in ("Sam", "Kim")


def test_person_and_days_combine(read, owner):
    sam = PersonFactory(owner=owner, name="Sam")
    InteractionFactory(owner=owner, people=[sam], started_at=at(1, 10))
    recent = InteractionFactory(owner=owner, people=[sam], started_at=at(20, 10))
    InteractionFactory(owner=owner, started_at=at(20, 11))
    response = read.get("/interactions", {"person": sam.pk, "since": "2025-07-10"})
    assert ids(response) == [recent.pk]


@pytest.mark.parametrize(
    "params, field",
    [
        ({"since": "yesterday"}, "since"),
        ({"until": "2025-02-30"}, "until"),
        ({"since": "2025-07-10", "until": "2025-07-01"}, "until"),
        ({"person": "Sam"}, "person"),
        ({"person": 99999}, "person"),
        ({"person": 0}, "person"),
    ],
)
def test_bad_filters_are_refused_naming_the_parameter(read, owner, params, field):
    response = read.get("/interactions", params)
    assert response.status_code == 422
    assert fields(response) == [field]
    assert response.json()["detail"][0]["message"]


def test_deleted_things_leave_lists_and_are_not_found(api_as, owner):
    api = api_as(owner, Scope.WRITE)
    kept = SolitudeFactory(owner=owner)
    gone = SolitudeFactory(owner=owner)
    assert api.delete(f"/solitude/{gone.pk}").status_code == 204
    assert ids(api.get("/solitude")) == [kept.pk]
    assert api.get(f"/solitude/{gone.pk}").status_code == 404
    assert api.delete(f"/solitude/{gone.pk}").status_code == 404


def test_a_deleted_person_drops_out_of_entries_and_the_person_filter(api_as, owner):
    api = api_as(owner, Scope.WRITE)
    sam, kim = PersonFactory(owner=owner, name="Sam"), PersonFactory(owner=owner, name="Kim")
    entry = InteractionFactory(owner=owner, people=[sam, kim])
    api.delete(f"/people/{kim.pk}")
    assert [p["name"] for p in api.get(f"/interactions/{entry.pk}").json()["people"]] == ["Sam"]
    assert api.get("/interactions", {"person": kim.pk}).status_code == 422


def test_lists_do_not_query_once_per_entry(read, owner, django_assert_max_num_queries):
    people = PersonFactory.create_batch(3, owner=owner)
    for _ in range(10):
        InteractionFactory(owner=owner, people=people, started_at=at(1, 9) + timedelta(hours=1))
    with django_assert_max_num_queries(8):
        assert len(ids(read.get("/interactions"))) == 10
