"""What doesn't fit is refused with a 4xx and clear JSON naming the field, never a 500."""

import pytest

from withness.journal.models import CheckIn, Interaction, Solitude
from withness.people.models import Person
from withness.testing.factories import CheckInFactory, InteractionFactory

from .helpers import fields

INTERACTION = {
    "new_people": ["Sam"],
    "duration_min": 30,
    "before_pleasant": 0,
    "before_energy": 5,
    "after_pleasant": 1,
    "after_energy": 5,
}
SOLITUDE = {
    "duration_min": 30,
    "before_pleasant": 0,
    "before_energy": 5,
    "after_pleasant": 1,
    "after_energy": 5,
}
CHECKIN = {"pleasant": 1, "energy": 5}
PERSON = {"name": "Kim"}
VALID = {
    "/interactions": INTERACTION,
    "/solitude": SOLITUDE,
    "/checkins": CHECKIN,
    "/people": PERSON,
}

CASES = [
    ("/interactions", {"duration_min": 0}, "duration_min"),
    ("/interactions", {"duration_min": 1441}, "duration_min"),
    ("/interactions", {"duration_min": "half an hour"}, "duration_min"),
    ("/interactions", {"duration_min": 12.5}, "duration_min"),
    ("/interactions", {"before_pleasant": 5.5}, "before_pleasant"),
    ("/interactions", {"before_pleasant": 1.25}, "before_pleasant"),
    ("/interactions", {"before_energy": -1}, "before_energy"),
    ("/interactions", {"after_energy": 11}, "after_energy"),
    ("/interactions", {"before_energy": None}, "before_energy"),
    ("/interactions", {"after_pleasant": None}, "after_pleasant"),
    ("/interactions", {"felt_safe": 11}, "felt_safe"),
    ("/interactions", {"depth": 7}, "depth"),
    ("/interactions", {"energy_after": 3}, "energy_after"),
    ("/interactions", {"group_size": 0}, "group_size"),
    ("/interactions", {"mode": "teleport"}, "mode"),
    ("/interactions", {"setting": "moon"}, "setting"),
    ("/interactions", {"initiated_by": "fate"}, "initiated_by"),
    ("/interactions", {"people": [99999]}, "people"),
    ("/interactions", {"people": [2**70]}, "people.0"),
    ("/interactions", {"people": "Sam"}, "people"),
    ("/interactions", {"people": ["Sam"]}, "people.0"),
    ("/interactions", {"new_people": [], "people": []}, "people"),
    ("/interactions", {"new_people": ["x" * 81]}, "new_people"),
    ("/interactions", {"body_signals": ["y" * 41]}, "body_signals"),
    # One name with a comma must not quietly become two people (the web's box splits at commas).
    ("/interactions", {"new_people": ["Sam", "Smith, Jo"]}, "new_people.1"),
    ("/interactions", {"body_signals": ["jaw_tight", "warm, teary"]}, "body_signals.1"),
    ("/interactions", {"body_signals": "jaw_tight"}, "body_signals"),
    ("/interactions", {"started_at": "last tuesday"}, "started_at"),
    ("/interactions", {"started_at": "2099-01-01T10:00:00Z"}, "started_at"),
    ("/interactions", {"started_at": "1850-01-01T10:00:00Z"}, "started_at"),
    ("/interactions", {"note": "n" * 20001}, "note"),
    ("/interactions", {"duraton_min": 30}, "duraton_min"),
    ("/interactions", {"duration_min": None, "ended_at": "2020-01-01T10:00:00Z"}, "ended_at"),
    ("/solitude", {"activity": "skydiving"}, "activity"),
    ("/solitude", {"chosen": "perhaps"}, "chosen"),
    ("/solitude", {"restorative": "very"}, "restorative"),
    ("/checkins", {"pleasant": 6}, "pleasant"),
    ("/checkins", {"energy": None}, "energy"),
    ("/checkins", {"racing_thoughts": 3}, "racing_thoughts"),
    ("/checkins", {"sleep_hours": 6.3}, "sleep_hours"),
    ("/checkins", {"sleep_hours": 25}, "sleep_hours"),
    ("/checkins", {"sleep_quality": 9}, "sleep_quality"),
    ("/checkins", {"social_capacity": -1}, "social_capacity"),
    ("/checkins", {"day": "2099-01-01"}, "day"),
    ("/checkins", {"day": "14/03/2025"}, "day"),
    ("/checkins", {"note": "n" * 501}, "note"),
    ("/people", {"name": None}, "name"),
    ("/people", {"name": "   "}, "name"),
    ("/people", {"name": "n" * 81}, "name"),
    ("/people", {"felt_safety": 9}, "felt_safety"),
    ("/people", {"relationship": "enemy"}, "relationship"),
    ("/people", {"checkin_every_days": 0}, "checkin_every_days"),
    ("/people", {"is_safe_person": "sometimes"}, "is_safe_person"),
]


def nothing_saved():
    return not any(m.objects.exists() for m in (Interaction, Solitude, CheckIn)) and not (
        Person.objects.exclude(name="Sam").exists()
    )


@pytest.mark.parametrize("path, change, field", CASES)
def test_a_value_that_does_not_fit_is_refused_naming_its_field(api, path, change, field):
    response = api.post(path, VALID[path] | change)
    assert response.status_code == 422, response.content
    assert fields(response) == [field], response.json()
    message = response.json()["detail"][0]["message"]
    assert isinstance(message, str) and len(message) > 5
    assert nothing_saved()


@pytest.mark.parametrize("path", list(VALID))
def test_each_valid_example_is_accepted(api, path):
    assert api.post(path, VALID[path]).status_code == 201


def test_every_problem_is_named_at_once(api):
    response = api.post("/interactions", {"duration_min": 0, "before_pleasant": 9})
    assert {"people", "duration_min", "before_pleasant", "before_energy"} <= set(fields(response))


def test_a_day_already_checked_in_is_refused(api, owner):
    CheckInFactory(owner=owner)
    response = api.post("/checkins", CHECKIN)
    assert response.status_code == 422 and fields(response) == ["day"]


def test_a_change_that_does_not_fit_leaves_the_entry_as_it_was(api, owner):
    entry = InteractionFactory(owner=owner, note="as it was", duration_min=45, group="choir")
    response = api.patch(f"/interactions/{entry.pk}", {"duration_min": 0, "note": "changed"})
    assert response.status_code == 422 and fields(response) == ["duration_min"]
    entry.refresh_from_db()
    assert (entry.note, entry.duration_min, entry.revision) == ("as it was", 45, 1)


def test_a_change_naming_someone_with_a_comma_adds_nobody(api, owner):
    entry = InteractionFactory(owner=owner, group="choir")
    response = api.patch(f"/interactions/{entry.pk}", {"new_people": ["Smith, Jo"]})
    assert response.status_code == 422 and fields(response) == ["new_people.0"]
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    "raw, status, field",
    [
        ('{"name": "Kim",}', 400, "body"),
        ("{name: Kim}", 400, "body"),
        ('{"name": "Kim"', 400, "body"),
        (b"\xff\xfe{}", 400, "body"),
        ("", 422, "body"),
        ("[1, 2]", 422, "body"),
        ('"Kim"', 422, "body"),
        ("null", 422, "body"),
        ('{"name": ["Kim"]}', 422, "name"),
    ],
)
def test_a_body_that_is_not_a_json_object_is_refused(api, raw, status, field):
    response = api.post("/people", raw=raw)
    assert response.status_code == status, response.content
    assert fields(response) == [field]
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    "path, raw",
    [
        ("/people", '{"name": "Kim\\ud800"}'),
        (
            "/solitude",
            '{"duration_min": 5, "before_pleasant": 0, "before_energy": 3, '
            '"after_later": true, "note": "\\udfff"}',
        ),
    ],
)
def test_json_text_with_half_a_character_is_refused_not_an_error(api, path, raw):
    # Valid JSON, but a lone surrogate is not text: it could never be stored or sealed.
    response = api.post(path, raw=raw)
    assert response.status_code == 400, response.content
    assert fields(response) == ["body"]
    assert "half a character" in response.json()["detail"][0]["message"]


@pytest.mark.parametrize(
    "content_type, raw",
    [
        ("application/x-www-form-urlencoded", "name=Kim"),
        ("text/plain", '{"name": "Kim"}'),
        ("multipart/form-data; boundary=x", '--x\r\nContent-Disposition: form-data; name="a"\r\n'),
    ],
)
def test_a_body_that_is_not_json_is_refused_as_unsupported(api, content_type, raw):
    response = api.post("/people", raw=raw, content_type=content_type)
    assert response.status_code == 415
    assert fields(response) == ["Content-Type"]
    assert not Person.objects.exists()


def test_json_with_a_charset_or_a_json_suffix_is_accepted(api):
    ok = api.post("/people", raw='{"name": "Kim"}', content_type="application/json; charset=utf-8")
    assert ok.status_code == 201
    assert api.post("/people", raw='{"name": "Lou"}', content_type="application/merge-patch+json")


@pytest.mark.parametrize("pk", ["abc", "1.5", "-1", str(2**70), "0"])
def test_an_id_that_cannot_exist_is_not_found_or_refused(api, pk):
    for response in (
        api.get(f"/people/{pk}"),
        api.patch(f"/interactions/{pk}", {"note": "x"}),
        api.delete(f"/checkins/{pk}"),
    ):
        assert response.status_code in (404, 422), (pk, response.status_code)
        assert response["Content-Type"].startswith("application/json")


def test_a_stale_revision_is_refused_instead_of_overwriting(api, owner):
    entry = InteractionFactory(owner=owner, note="first", group="choir")
    first = api.patch(f"/interactions/{entry.pk}", {"note": "second", "revision": 1})
    assert first.status_code == 200 and first.json()["revision"] == 2
    response = api.patch(f"/interactions/{entry.pk}", {"note": "third", "revision": 1})
    assert response.status_code == 409 and "revision" in response.json()["detail"]
    entry.refresh_from_db()
    assert entry.note == "second"


def test_an_unknown_route_is_a_json_404(api):
    response = api.get("/nonsense")
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("method", "path", "allow", "message"),
    [
        ("delete", "/people", "GET, POST", "doesn't take DELETE requests. Send GET or POST."),
        (
            "put",
            "/interactions/{pk}",
            "GET, PATCH, DELETE",
            "doesn't take PUT requests. Send GET, PATCH or DELETE.",
        ),
        ("post", "/insights", "GET", "doesn't take POST requests. Send GET."),
    ],
)
def test_a_method_the_address_does_not_take_is_a_json_405_naming_the_ones_it_does(
    api, owner, method, path, allow, message
):
    entry = InteractionFactory(owner=owner)

    response = api.send(method, path.format(pk=entry.pk), {"note": "x"})

    assert response.status_code == 405
    assert response["Content-Type"].startswith("application/json")
    assert response["Allow"] == allow
    assert response.json() == {"detail": f"This address {message}"}
