"""The quick `withness history` (direct.py) says exactly what the full command says."""

import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from withness.accounts import vault
from withness.cli import app
from withness.journal.models import Interaction
from withness.portability import direct
from withness.testing.factories import CheckInFactory, InteractionFactory, PersonFactory

from .journals import fresh_user
from .test_round_trip_property import journal_examples, journals, make_journal

pytestmark = pytest.mark.django_db

on_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the quick history reads SQLite files only"
)


def full_command(*args) -> str:
    result = CliRunner().invoke(app, ["history", *map(str, args)])
    return result.output if result.exit_code == 0 else f"exit {result.exit_code}"


def quick(user, *, person: str = "", number: int = 20) -> str:
    connection.ensure_connection()
    db = connection.connection
    person_id = None
    if person:
        person_id = direct.person_named(db, user.pk, person)
        if person_id is None:
            return "declined"
    ring = vault.keyring().ciphers
    lines = direct.history(db, user.pk, user.zone, ring, person_id=person_id, limit=number or None)
    return ("\n".join(lines) if lines else direct.NO_ENTRIES) + "\n"


@on_sqlite
@journal_examples
@given(
    data=journals,
    zone=st.sampled_from(["Europe/Berlin", "America/New_York", "Asia/Kolkata", "UTC"]),
    number=st.sampled_from([0, 1, 3, 20]),
    chosen=st.integers(0, 6),
    by_number=st.booleans(),
    delete_first=st.booleans(),
)
def test_the_quick_history_matches_the_full_command_for_any_journal(
    db, data, zone, number, chosen, by_number, delete_first
):
    owner = fresh_user(time_zone=zone)
    make_journal(owner, data)
    InteractionFactory(note="someone else's words")  # another account's entry, never shown
    if delete_first and (first := Interaction.objects.filter(owner=owner).first()):
        first.soft_delete()

    everything = full_command("--user", owner.username, "-n", number)
    assert quick(owner, number=number) == everything

    names = [p["name"] for p in data["people"]]
    if chosen < len(names):
        pk = owner_people(owner)[chosen]
        person = f"#{pk}" if by_number else names[chosen]
        expected = full_command("--user", owner.username, "--person", person, "-n", number)
        got = quick(owner, person=person, number=number)
        # Where the full command stops (no one by that name, or two), the quick one declines.
        assert got == ("declined" if expected.startswith("exit") else expected)


def owner_people(owner) -> list[int]:
    from withness.people.models import Person

    return list(Person.objects.filter(owner=owner).order_by("pk").values_list("pk", flat=True))


@on_sqlite
def test_a_note_sealed_with_a_key_not_at_hand_reads_as_locked_in_both(owner, keyring):
    sam = PersonFactory(owner=owner, name="Sam")
    InteractionFactory(owner=owner, people=[sam], note="only for the right key")
    with_key = full_command("-n", 5)
    assert "only for the right key" in with_key
    assert quick(owner, number=5) == with_key

    db = connection.connection
    lines = direct.history(db, owner.pk, owner.zone, {}, limit=5)
    assert lines[0].endswith(f"— {vault.LOCKED_WORDS}")
    assert "only for the right key" not in "\n".join(lines)


@on_sqlite
def test_a_check_in_from_another_year_says_its_year_in_both(owner):
    owner.time_zone = "America/New_York"
    owner.save()
    moment = datetime(2027, 1, 1, 3, 0, tzinfo=UTC)  # 31 December 2026, 22:00 in New York
    for day, hours in [(date(2026, 12, 31), 1), (date(2025, 12, 31), 2)]:
        CheckInFactory(owner=owner, day=day, recorded_at=moment - timedelta(hours=hours))

    def lines_at(now) -> list[str]:
        with time_machine.travel(now, tick=False):
            full = full_command("-n", 5)
            assert quick(owner, number=5) == full
        return [line.split("  ", 1)[1] for line in full.splitlines()]

    # Still 2026 on their clock: only the check-in from the year before says its year.
    assert lines_at(moment) == [
        "Check-in for 31 December — settled and open",
        "Check-in for 31 December 2025 — settled and open",
    ]
    # A new year in New York too: both are from another year now.
    assert lines_at(moment + timedelta(hours=6)) == [
        "Check-in for 31 December 2026 — settled and open",
        "Check-in for 31 December 2025 — settled and open",
    ]


@pytest.mark.parametrize(
    "argv, options",
    [
        (["history"], direct.Options()),
        (["history", "-n", "5"], direct.Options(number=5)),
        (["history", "--number=0", "--person", "Sam"], direct.Options(0, "Sam")),
        (["history", "--person=#12", "--user", "robin"], direct.Options(20, "#12", "robin")),
        (["history", "-n", "3", "-n", "7"], direct.Options(number=7)),
    ],
)
def test_the_options_it_knows(argv, options):
    assert direct.parse(argv) == options


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["log", "--alone"],
        ["search", "history"],
        ["history", "--help"],
        ["history", "-n"],
        ["history", "-n", "-3"],
        ["history", "-n", "five"],
        ["history", "-n", "²"],
        ["history", "-n", "99999999999999999999"],
        ["history", "-n=5"],
        ["history", "--person"],
        ["history", "extra"],
    ],
)
def test_anything_else_is_left_to_the_full_command(argv):
    assert direct.parse(argv) is None


# ------------------------------------------------------------------ the real console script


def local_env(home) -> dict[str, str]:
    """The environment for a local SQLite journal in ``home``, even in a PostgreSQL run."""
    env = {k: v for k, v in os.environ.items() if k != "WITHNESS_DATABASE_URL"}
    return env | {"WITHNESS_DATA_DIR": str(home), "WITHNESS_RUNTIME_DIR": str(home / "run")}


def withness(home, *args, stdin="", check=True):
    # The console script's own entry point, saying at exit whether Django was started.
    script = (
        "import atexit, sys; atexit.register(lambda: print("
        "'full' if 'django.db' in sys.modules else 'quick', file=sys.stderr)); "
        "from withness.entry import main; main()"
    )
    command = [sys.executable, "-c", script, *args]
    return subprocess.run(
        command, input=stdin, capture_output=True, text=True, env=local_env(home), check=check
    )


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    """A data directory as `make run` leaves it, with one account, unlocked, and a journal."""
    home = tmp_path_factory.mktemp("withness-home")
    secret = "Lantern-quiet-42\n"
    withness(home, "createuser", "robin", "--time-zone", "Europe/Berlin", stdin=secret * 2)
    withness(home, "unlock", stdin=secret)

    def ago(hours):
        return (timezone.now() - timedelta(hours=hours)).strftime("%Y-%m-%d %H:%M")

    scale = ["--minutes", "30", "--before", "1,5", "--after", "2,6"]
    withness(home, "log", "--with", "Sam", "--at", ago(2), *scale, "--note", "lighthouse walk")
    withness(home, "log", "--with", "Noor", "--at", ago(3), *scale)
    withness(home, "log", "--alone", "--at", ago(1), *scale, "--note", "two\nlines")
    withness(home, "checkin", "2,5")
    return home


def test_the_console_script_answers_history_without_django(home):
    result = withness(home, "history", "-n", "10")
    assert result.stderr.strip() == "quick", result.stdout
    lines = result.stdout.splitlines()
    assert len(lines) == 4, result.stdout
    assert "Check-in for" in lines[0] and "settled and open" in lines[0]
    assert lines[1].endswith("Time alone (30 min) — two lines")
    assert lines[2].endswith("Time with Sam (30 min) — lighthouse walk")
    assert lines[3].endswith("Time with Noor (30 min)")

    for_sam = withness(home, "history", "--person", "sam", "-n", "0")
    assert for_sam.stderr.strip() == "quick"
    assert for_sam.stdout.splitlines() == [lines[2]]


def test_a_reader_that_stops_early_gets_no_traceback(home):
    read_end, write_end = os.pipe()
    os.close(read_end)  # as `withness history | head -1` once head has its line
    script = "from withness.entry import main; main()"
    result = subprocess.run(
        [sys.executable, "-c", script, "history"],
        stdout=write_end,
        stderr=subprocess.PIPE,
        env=local_env(home),
    )
    os.close(write_end)
    assert result.returncode == 1
    assert b"Traceback" not in result.stderr


def test_the_full_command_takes_over_where_the_quick_one_is_not_sure(home):
    unknown = withness(home, "history", "--person", "Zed", check=False)
    assert "full" in unknown.stderr and "no one called 'Zed'" in unknown.stderr
    assert unknown.returncode == 1

    withness(home, "lock")
    locked = withness(home, "history", check=False)
    assert "full" in locked.stderr and "Unlock first: withness unlock" in locked.stderr
    assert "lighthouse" not in locked.stdout
    withness(home, "unlock", stdin="Lantern-quiet-42\n")
    assert withness(home, "history").stderr.strip() == "quick"


def test_a_new_data_directory_gets_a_plain_message_and_createuser_sets_it_up(tmp_path):
    empty = withness(tmp_path, "history", check=False)
    assert empty.returncode == 1
    assert "is not set up yet" in empty.stderr and "Traceback" not in empty.stderr

    made = withness(tmp_path, "createuser", "robin", stdin="Lantern-quiet-42\n" * 2)
    assert "Created robin." in made.stdout
    assert "Unlock first" in withness(tmp_path, "history", check=False).stderr
    withness(tmp_path, "unlock", stdin="Lantern-quiet-42\n")
    first = withness(tmp_path, "history")
    assert first.stdout.strip() == "No entries yet." and first.stderr.strip() == "quick"
