from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from withness.api.models import Scope
from withness.api.services import token_create
from withness.journal.models import CheckIn, Solitude
from withness.testing.factories import CheckInFactory, SolitudeFactory

SOLITUDE = reverse("journal:entry_new", args=["solitude"])
CHECKIN = reverse("journal:checkin")


def solitude(**overrides):
    data = {
        "chosen": "no",
        "activity": "screens",
        "started_at": (timezone.localtime() - timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
        "duration_min": "120",
        "before_pleasant": "-1",
        "before_energy": "3",
        "after_pleasant": "-2.5",
        "after_energy": "2",
        "restorative": "no",
    }
    data.update(overrides)
    return data


def checkin(**overrides):
    data = {
        "pleasant": "-1.5",
        "energy": "8",
        "racing_thoughts": "2",
        "anxiety": "1",
        "sleep_hours": "5.5",
        "sleep_quality": "2",
        "social_capacity": "3",
        "note": "A lot on.",
    }
    data.update(overrides)
    return data


def test_it_logs_unchosen_time_alone(owner_client, owner):
    owner_client.post(SOLITUDE, solitude())
    entry = Solitude.objects.get()
    assert (entry.owner, entry.chosen, entry.activity, entry.restorative) == (
        owner,
        False,
        "screens",
        False,
    )
    assert entry.after_words == "shut down / flat"


def test_not_sure_if_restorative_is_stored_as_unknown(owner_client):
    owner_client.post(SOLITUDE, solitude(restorative="unsure", chosen="yes"))
    entry = Solitude.objects.get()
    assert entry.restorative is None and entry.chosen is True


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"chosen": "maybe"}, "chosen"),
        ({"activity": "sleepwalking"}, "activity"),
        ({"duration_min": "100000"}, "duration_min"),
        ({"after_energy": "10.5"}, "after_energy"),
    ],
)
def test_solitude_bad_input_is_refused(owner_client, overrides, field):
    response = owner_client.post(SOLITUDE, solitude(**overrides))
    assert field in response.context["form"].errors
    assert not Solitude.objects.exists()


def test_solitude_edit_round_trips_its_choices(owner_client, owner):
    entry = SolitudeFactory(owner=owner, chosen=False, restorative=None)
    form = owner_client.get(reverse("journal:entry_edit", args=["solitude", entry.pk])).context[
        "form"
    ]
    assert form.initial["chosen"] == "no" and form.initial["restorative"] == ""


def test_a_daily_check_in_is_saved_for_today(owner_client, owner):
    response = owner_client.post(CHECKIN, checkin())
    assert response.status_code == 302
    entry = CheckIn.objects.get()
    assert entry.day == owner.today()
    assert (entry.racing_thoughts, entry.anxiety, entry.tension) == (2, 1, 0)
    assert entry.words == "revved up / on guard"


def test_the_check_in_page_edits_todays_check_in_rather_than_adding_one(owner_client, owner):
    CheckInFactory(owner=owner, pleasant=2)
    owner_client.post(CHECKIN, checkin(revision="1"))
    assert CheckIn.objects.count() == 1
    assert CheckIn.objects.get().pleasant == -1.5


def test_one_check_in_a_day(owner_client, owner):
    yesterday = owner.today() - timedelta(days=1)
    CheckInFactory(owner=owner, day=yesterday)
    response = owner_client.post(CHECKIN, checkin(day=yesterday.isoformat()))
    assert response.context["form"].errors["day"] == [
        "You already checked in for that day. Open it from History to change it."
    ]


def test_the_api_is_told_of_a_taken_day_in_its_own_words(client, owner):
    yesterday = owner.today() - timedelta(days=1)
    CheckInFactory(owner=owner, day=yesterday)
    _, secret = token_create(user=owner, name="script", scope=Scope.WRITE)
    response = client.post(
        "/api/v1/checkins",
        {"day": yesterday.isoformat(), "pleasant": 1, "energy": 5},
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {
            "field": "day",
            "message": f"There is already a check-in for {yesterday}. To change it, with a "
            "token that can read and change entries, find it with "
            f"GET /api/v1/checkins?since={yesterday}&until={yesterday}, "
            "then PATCH /api/v1/checkins/{id}.",
        }
    ]


def test_sleep_quality_can_be_left_unnoted_in_plain_words(owner_client, owner):
    html = owner_client.get(CHECKIN).content.decode()
    assert "---------" not in html
    assert "Not noted" in html

    owner_client.post(CHECKIN, checkin(sleep_quality=""))
    assert CheckIn.objects.get().sleep_quality is None


def test_each_field_group_is_wrapped_and_its_hint_is_styled_as_a_hint(owner_client):
    html = owner_client.get(reverse("journal:entry_new", args=["interaction"])).content.decode()
    # forms/field.html, the project's field template (FORM_RENDERER in settings).
    assert '<div class="field">\n<label for="id_group">' in html
    assert '<p class="help" id="id_group_helptext">' in html
    assert 'aria-describedby="id_group_helptext"' in html
    assert 'class="helptext"' not in html


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"sleep_hours": "25"}, "sleep_hours", "24 hours at most"),
        ({"sleep_hours": "-1"}, "sleep_hours", "below 0"),
        ({"sleep_hours": "7.2"}, "sleep_hours", "half hours"),
        ({"social_capacity": "12"}, "social_capacity", "from 0 to 10"),
        ({"anxiety": "3"}, "anxiety", "valid choice"),
        ({"pleasant": ""}, "pleasant", "Choose a point"),
        ({"day": "2999-01-01"}, "day", "hasn't come yet"),
        ({"day": "31/02/2026"}, "day", "Give a date"),
        ({"note": "n" * 501}, "note", "under 500 characters"),
    ],
)
def test_check_in_bad_input_gets_a_clear_message(owner_client, overrides, field, message):
    response = owner_client.post(CHECKIN, checkin(**overrides))
    assert message in " ".join(response.context["form"].errors[field])
    assert not CheckIn.objects.exists()


def test_a_check_in_for_an_earlier_day_sorts_on_that_day(owner_client, owner):
    day = owner.today() - timedelta(days=3)
    owner_client.post(CHECKIN, checkin(day=day.isoformat()))
    entry = CheckIn.objects.get()
    assert timezone.localtime(entry.recorded_at, owner.zone).date() == day


def test_today_follows_the_users_time_zone(owner_client, owner):
    owner.time_zone = "Pacific/Auckland"
    owner.save()
    # 11:30 UTC on 1 March is already 00:30 on 2 March in Auckland.
    with time_machine.travel("2026-03-01 11:30Z", tick=False):
        owner_client.post(CHECKIN, checkin())
    assert CheckIn.objects.get().day.isoformat() == "2026-03-02"


def test_an_end_time_is_offered_right_after_the_length_it_replaces(owner_client):
    html = owner_client.get(SOLITUDE).content.decode()
    length = html.index("How long, in minutes")
    end_time = html.index("Give an end time instead")
    assert length < end_time < html.index("How did you feel before?")
    assert end_time < html.index("Did it restore you?")


def test_a_new_check_in_shows_todays_date_in_its_own_time_zone(owner_client, owner):
    owner.time_zone = "Pacific/Auckland"
    owner.save()
    html = owner_client.get(reverse("journal:checkin")).content.decode()
    assert f'name="day" value="{owner.today():%Y-%m-%d}"' in html


@time_machine.travel("2026-06-15 12:00Z")
def test_a_check_in_from_another_year_says_which_year_it_was(owner_client, owner):
    def heading(day) -> str:
        checkin = CheckInFactory(owner=owner, day=day)
        page = owner_client.get(reverse("journal:checkin_edit", args=[checkin.pk])).content
        return page.decode().split("<h1>")[1].split("</h1>")[0]

    assert heading(date(2025, 3, 3)) == "Check-in for Monday 3 March 2025"
    assert heading(date(2026, 3, 2)) == "Check-in for Monday 2 March"


@time_machine.travel("2026-06-15 12:00Z")
def test_a_check_in_from_another_year_is_named_with_its_year(owner_client, owner):
    older = CheckInFactory(owner=owner, day=date(2025, 3, 3))
    recent = CheckInFactory(owner=owner, day=date(2026, 3, 2))
    assert (str(older), str(recent)) == ("Check-in for 3 March 2025", "Check-in for 2 March")

    owner_client.post(reverse("journal:entry_delete", args=["checkin", older.pk]))
    deleted = owner_client.get(reverse("journal:deleted")).content.decode()
    assert "Check-in for 3 March 2025" in deleted
