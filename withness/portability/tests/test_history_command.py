from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone
from typer.testing import CliRunner

from withness.cli import app
from withness.testing.factories import (
    CheckInFactory,
    InteractionFactory,
    PersonFactory,
    SolitudeFactory,
)

pytestmark = pytest.mark.django_db(transaction=False)


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture
def journal(owner):
    now = timezone.now()
    sam = PersonFactory(owner=owner, name="Sam")
    noor = PersonFactory(owner=owner, name="Noor")
    for hours in range(1, 13):
        InteractionFactory(
            owner=owner,
            people=[sam if hours % 2 else noor],
            started_at=now - timedelta(hours=hours),
            note=f"talk number {hours}\nsecond line",
        )
    SolitudeFactory(owner=owner, started_at=now - timedelta(minutes=30), note="a walk")
    CheckInFactory(owner=owner)
    gone = InteractionFactory(owner=owner, people=[sam], note="deleted one")
    gone.soft_delete()
    return {"sam": sam, "noor": noor}


def test_history_shows_the_latest_entries_newest_first_one_a_line(journal):
    result = run("history", "-n", 10)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 10
    assert "Check-in for" in lines[0]
    assert "Time alone" in lines[1] and "a walk" in lines[1]
    assert lines[2].endswith("Time with Sam (45 min) — talk number 1 second line")
    assert "deleted one" not in result.output


def test_history_for_a_person_shows_every_entry_with_them_and_only_them(journal):
    result = run("history", "--person", "sam", "-n", 0)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 6
    assert all("Time with Sam" in line for line in lines)


def test_history_for_someone_unknown_or_ambiguous_says_so(journal, owner):
    result = run("history", "--person", "Zed")
    assert result.exit_code == 1
    assert "no one called 'Zed'" in result.output
    PersonFactory(owner=owner, name="Sam")
    assert "2 people called Sam" in run("history", "--person", "Sam").output
    by_number = run("history", "--person", f"#{journal['noor'].pk}", "-n", 0)
    assert len(by_number.output.splitlines()) == 6


def test_history_says_the_year_of_a_check_in_from_another_year(owner):
    owner.time_zone = "Asia/Tokyo"
    owner.save()
    CheckInFactory(owner=owner, day=date(2025, 12, 31))
    CheckInFactory(owner=owner, day=date(2026, 1, 1))
    # 1 January 2026 already in Tokyo, while it is still 2025 in Greenwich.
    with time_machine.travel(datetime(2025, 12, 31, 16, tzinfo=UTC), tick=False):
        lines = run("history").output.splitlines()
    assert [line.split("  ", 1)[1].split(" — ")[0] for line in lines] == [
        "Check-in for 1 January",
        "Check-in for 31 December 2025",
    ]


def test_history_of_an_empty_journal(owner):
    assert "No entries yet." in run("history").output


@pytest.mark.parametrize(
    "args",
    [
        ("history", "-n", -1),
        ("history", "-n", "99999999999999999999"),
        ("search", "walk", "--limit", 0),
        ("search", "walk", "--limit", -5),
        ("search", "walk", "--limit", "99999999999999999999"),
    ],
)
def test_a_count_out_of_range_is_refused_with_its_option_named(owner, args):
    result = run(*args)
    assert result.exit_code == 2
    assert "--number" in result.output or "--limit" in result.output
    assert "Traceback" not in result.output
