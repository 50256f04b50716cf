"""History's date filters at the very ends of the calendar, where no moment can be written."""

import pytest
from django.urls import reverse

from withness.testing.factories import CheckInFactory, SolitudeFactory

HISTORY = reverse("journal:history")


@pytest.mark.parametrize("zone", ["Asia/Tokyo", "America/Los_Angeles"])
@pytest.mark.parametrize(
    "query",
    [{"start": "0001-01-01"}, {"end": "9999-12-31"}, {"start": "0001-01-01", "end": "9999-12-31"}],
)
def test_the_first_and_last_days_of_the_calendar_leave_everything_in(
    owner_client, owner, zone, query
):
    owner.time_zone = zone
    owner.save(update_fields=["time_zone"])
    SolitudeFactory(owner=owner, note="a quiet walk")
    CheckInFactory(owner=owner)
    for kind in ("", "solitude", "checkin"):
        response = owner_client.get(HISTORY, {**query, "kind": kind})
        assert response.status_code == 200
        assert len(response.context["entries"]) == (2 if not kind else 1)
