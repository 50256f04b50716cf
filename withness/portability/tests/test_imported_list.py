"""The list of entries brought in from other apps: by app, by month, a page at a time."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from withness.journal.models import CheckIn
from withness.portability.models import ImportedEntry, ImportedKind
from withness.testing.factories import CheckInFactory

pytestmark = pytest.mark.django_db

LIST = reverse("portability:imported")


def imported(owner, source, at, note, checkin=None):
    return ImportedEntry.objects.create(
        owner=owner, source=source, source_key=f"{source}-{note}", kind=ImportedKind.MOOD,
        at=at, label="good", note=note, checkin=checkin,
    )  # fmt: skip


@pytest.fixture
def entries(owner, outsider):
    owner.time_zone = "Pacific/Auckland"
    owner.save()
    imported(owner, "daylio", datetime(2026, 2, 27, 12, tzinfo=UTC), "late February")
    # 1 March, 00:30 in Auckland: March there, February in UTC.
    imported(owner, "daylio", datetime(2026, 2, 28, 11, 30, tzinfo=UTC), "first of March")
    imported(owner, "bearable", datetime(2026, 3, 15, tzinfo=UTC), "mid March")
    imported(outsider, "daylio", datetime(2026, 3, 2, tzinfo=UTC), "the outsider's")


def test_one_app_at_a_time(owner_client, entries):
    page = owner_client.get(LIST, {"source": "bearable"}).content.decode()
    assert "mid March" in page and "late February" not in page
    assert '<option value="daylio">Daylio</option>' in page


def test_one_month_in_the_persons_own_time_zone(owner_client, entries):
    page = owner_client.get(LIST, {"month": "2026-03"}).content.decode()
    assert "first of March" in page and "mid March" in page
    assert "late February" not in page and "the outsider's" not in page


def test_a_month_with_nothing_says_so(owner_client, entries):
    page = owner_client.get(LIST, {"month": "2025-01"}).content.decode()
    assert "in that month" in page and "Show all" in page


@pytest.mark.parametrize(
    ("month", "message"),
    [
        ("March", "Month: give it as year and month, like 2026-03."),
        ("2026-13", "Month: give it as year and month, like 2026-03."),
        ("0999-01", "Month: choose one between 1900 and next year."),
    ],
)
def test_a_bad_month_is_named_and_everything_is_shown(owner_client, entries, month, message):
    response = owner_client.get(LIST, {"month": month})
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page and "late February" in page and "mid March" in page


def test_an_unknown_app_is_refused_without_an_error_page(owner_client, entries):
    response = owner_client.get(LIST, {"source": "myspace"})
    assert response.status_code == 200 and "late February" in response.content.decode()


def test_pages_keep_the_filter(owner_client, owner):
    for n in range(51):
        imported(owner, "daylio", datetime(2026, 3, 1 + n % 28, tzinfo=UTC), f"entry {n}")
    page = owner_client.get(LIST, {"source": "daylio"}).content.decode()
    assert "?source=daylio&amp;page=2" in page
    second = owner_client.get(LIST, {"source": "daylio", "page": 2}).content.decode()
    assert "Page 2 of 2" in second


def test_an_entry_links_to_its_check_in_while_that_is_not_deleted(owner_client, owner):
    checkin = CheckInFactory(owner=owner)
    imported(owner, "daylio", datetime(2026, 3, 1, tzinfo=UTC), "with a check-in", checkin)
    link = reverse("journal:checkin_edit", args=[checkin.pk])
    assert link in owner_client.get(LIST).content.decode()
    CheckIn.objects.filter(pk=checkin.pk).update(deleted_at=datetime(2026, 3, 2, tzinfo=UTC))
    assert link not in owner_client.get(LIST).content.decode()


def test_each_entry_names_its_app_as_people_know_it(owner, owner_client):
    imported(owner, "howwefeel", datetime(2026, 3, 15, tzinfo=UTC), "a calm walk")
    page = owner_client.get(LIST).content.decode()
    assert "· How We Feel</span>" in page and "· howwefeel" not in page
