import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from withness.cli import app
from withness.journal.models import CheckIn, Interaction, Solitude
from withness.people.models import Person
from withness.portability.models import ImportedEntry
from withness.testing.factories import PersonFactory

from .journals import fresh_user, rich_journal

pytestmark = pytest.mark.django_db(transaction=False)
SAMPLES = Path(__file__).parent / "samples"


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def test_log_records_an_interaction_with_a_known_and_a_new_person(owner):
    Person.objects.create(owner=owner, name="Sam")
    result = run(
        "log",
        "--with",
        "sam",
        "--with",
        "Noor",
        "--mode",
        "call",
        "--minutes",
        30,
        "--before",
        "-2,7",
        "--after",
        "1,5",
        "--note",
        "short and kind",
    )
    assert result.exit_code == 0, result.output
    assert "Logged: Time with" in result.output
    talk = Interaction.objects.get(owner=owner)
    assert sorted(p.name for p in talk.people.all()) == ["Noor", "Sam"]
    assert (talk.before_pleasant, talk.before_energy, talk.after_pleasant) == (-2, 7, 1)
    assert talk.mode == "call" and talk.duration_min == 30


def test_log_says_the_year_of_an_entry_from_another_year(owner):
    at = ("--at", "2020-05-30 14:00")
    result = run("log", "--with", "Sam", *at, "--minutes", 30, "--before", "0,5")
    assert result.exit_code == 0, result.output
    assert "— Sat 30 May 2020 14:00, 30 min." in result.output


def test_log_leaves_out_the_year_of_this_year(owner):
    from datetime import UTC, datetime

    import time_machine

    with time_machine.travel(datetime(2020, 12, 31, 12, tzinfo=UTC), tick=False):
        at = ("--at", "2020-05-03 09:05")
        result = run("log", "--with", "Sam", *at, "--minutes", 30, "--before", "0,5")
    assert result.exit_code == 0, result.output
    assert "— Sun 3 May 09:05, 30 min." in result.output


def test_log_with_a_name_in_recently_deleted_adds_someone_new_and_says_so(owner):
    earlier = Person.objects.create(owner=owner, name="Sam")
    earlier.soft_delete()
    result = run("log", "--with", "sam", "--minutes", 30, "--before", "0,5")
    assert result.exit_code == 0, result.output
    new = Interaction.objects.get(owner=owner).people.get()
    assert new.name == "sam" and new != earlier
    assert (
        "There is also a Sam in recently deleted. This entry is with someone new by that "
        "name. If they are the same person, you can bring the earlier Sam back in the app "
        "(History, then Recently deleted) and then merge the two." in result.output
    )
    again = run("log", "--with", "Sam", "--minutes", 30, "--before", "0,5")
    assert "recently deleted" not in again.output  # the new Sam is theirs now


def test_log_alone_records_solitude(owner):
    result = run(
        "log",
        "--alone",
        "--activity",
        "nature",
        "--minutes",
        60,
        "--before",
        "0,3",
        "--after",
        "2,4",
        "--restorative",
        "yes",
    )
    assert result.exit_code == 0, result.output
    walk = Solitude.objects.get(owner=owner)
    assert walk.activity == "nature" and walk.restorative is True and walk.chosen


def test_log_without_after_leaves_it_for_later(owner):
    result = run("log", "--with", "Sam", "--minutes", 10, "--before", "0,5")
    assert result.exit_code == 0, result.output
    assert Interaction.objects.get(owner=owner).after_due_at is not None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--with", "Sam", "--minutes", 30, "--before", "9,5", "--after", "0,5"], "runs from"),
        (["--with", "Sam", "--minutes", 30, "--before", "1"], "two numbers"),
        (["--minutes", 30, "--before", "1,5", "--after", "1,5"], "Choose who"),
        (["--with", "Sam", "--minutes", 3000, "--before", "1,5", "--after", "1,5"], "longer"),
        (
            [
                "--with",
                "Sam",
                "--mode",
                "telepathy",
                "--minutes",
                5,
                "--before",
                "1,5",
                "--after",
                "1,5",
            ],
            "mode",
        ),
    ],
)
def test_log_explains_mistakes_without_a_traceback(owner, args, message):
    result = run("log", *args)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert not Interaction.objects.exists()


def test_log_asks_which_sam_when_there_are_two(owner):
    one = Person.objects.create(owner=owner, name="Sam")
    Person.objects.create(owner=owner, name="Sam")
    result = run("log", "--with", "Sam", "--minutes", 5, "--before", "0,5", "--after", "0,5")
    assert result.exit_code == 1 and f"#{one.pk}" in result.output
    result = run("log", "--with", f"#{one.pk}", "--minutes", 5, "--before", "0,5", "--after", "0,5")
    assert result.exit_code == 0, result.output
    assert list(Interaction.objects.get().people.all()) == [one]


def test_it_needs_to_know_whose_journal_when_there_are_several(owner, outsider):
    result = run("checkin", "1,5")
    assert result.exit_code == 1 and "--user" in result.output
    assert run("checkin", "1,5", "--user", "nobody").exit_code == 1
    result = run("checkin", "1,5", "--user", "outsider", "--anxiety", 2, "--sleep-hours", 6.5)
    assert result.exit_code == 0, result.output
    saved = CheckIn.objects.get(owner=outsider)
    assert (saved.pleasant, saved.energy, saved.anxiety, saved.sleep_hours) == (1, 5, 2, 6.5)


def test_checkin_refuses_a_second_one_for_the_day(owner):
    assert run("checkin", "1,5").exit_code == 0
    result = run("checkin", "2,5")
    assert result.exit_code == 1 and "already checked in" in result.output


def test_it_says_how_to_begin_when_there_are_no_accounts(db):
    result = run("checkin", "1,5")
    assert result.exit_code == 1 and "createuser" in result.output


def test_search_finds_notes_people_and_body_signals(owner):
    made = rich_journal(owner)
    made["talk"].body_signals = ["jaw_tight"]
    made["talk"].save()
    assert "interaction" in run("search", "long note").output
    assert "Alex" in run("search", "alex").output
    assert "interaction" in run("search", "jaw").output
    assert "quiet" in run("search", "quiet").output
    assert "Nothing found" in run("search", "zebra").output
    blank = run("search", "  ")
    assert blank.exit_code == 1 and "Give a word to look for" in blank.output


def test_search_finds_a_person_whatever_the_case_of_an_accented_letter(owner):
    PersonFactory(owner=owner, name="Jürgen")
    assert "Jürgen" in run("search", "JÜRGEN").output


def test_export_writes_json_to_stdout_and_csv_to_a_file(owner, tmp_path):
    rich_journal(owner)
    result = run("export")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["format"] == "withness"
    target = tmp_path / "journal.zip"
    result = run("export", "--format", "csv", "--output", target)
    assert result.exit_code == 0, result.output
    assert "people.person.csv" in zipfile.ZipFile(target).namelist()
    assert run("export", "--format", "xml").exit_code == 1


def test_import_of_a_withness_export_is_idempotent(owner, tmp_path):
    source = fresh_user()
    rich_journal(source)
    path = tmp_path / "export.json"
    assert run("export", "--user", source.username, "--output", path).exit_code == 0
    result = run("import", "withness", path, "--user", owner.username)
    assert result.exit_code == 0, result.output
    assert "Added" in result.output
    again = run("import", "withness", path, "--user", owner.username)
    assert "Added 0 records" in again.output
    assert Person.objects.filter(owner=owner).count() == 4


def test_import_from_daylio_prints_the_review_and_takes_mappings(owner):
    path = SAMPLES / "daylio/michaelcurrin_sample.csv"
    result = run("import", "daylio", path, "--review")
    assert result.exit_code == 0, result.output
    assert "'average' ×2" in result.output
    assert not ImportedEntry.objects.exists()
    result = run("import", "daylio", path, "--map", "sad=-3,2", "--map", "average=4")
    assert result.exit_code == 0, result.output
    assert "3 entries came in." in result.output
    assert ImportedEntry.objects.get(label="sad").pleasant == -3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["myspace", "x.csv"], "Unknown source"),
        (["daylio", "/no/such/file.csv"], "Couldn't read"),
        (["withness", SAMPLES / "daylio/michaelcurrin_sample.csv"], "not valid JSON"),
        (["daylio", SAMPLES / "daylio/michaelcurrin_sample.csv", "--map", "sad"], "LABEL=LEVEL"),
        (["daylio", SAMPLES / "daylio/michaelcurrin_sample.csv", "--map", "sad=8"], "1–5"),
        (["jrnl", SAMPLES / "daylio/michaelcurrin_sample.csv"], "Daylio"),
        (
            ["daylio", SAMPLES / "daylio/michaelcurrin_sample.csv", "--time-zone", "Mars/Base"],
            "not a time zone",
        ),
    ],
)
def test_import_explains_mistakes_without_a_traceback(owner, args, message):
    result = run("import", *args)
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_import_of_every_sample_by_cli(owner):
    for source, path in [
        ("jrnl", "jrnl/jrnl-org_basic_onefile.journal"),
        ("howwefeel", "howwefeel/davicedraz_HowWeFeelEmotions.example.csv"),
        ("bearable", "bearable/omegajak_parser_rs_test_fixture.csv"),
        ("vcard", "monica/monicahq_tests_stubs_vcard_stub.vcf"),
    ]:
        result = run("import", source, SAMPLES / path)
        assert result.exit_code == 0, result.output
    assert ImportedEntry.objects.filter(owner=owner).count() == 3 + 3 + 4 + 3


def test_import_auto_tells_the_app_from_the_file(owner):
    result = run("import", "auto", SAMPLES / "monica/monicahq_tests_stubs_vcard_stub.vcf")
    assert result.exit_code == 0, result.output
    assert ImportedEntry.objects.filter(owner=owner, kind="person").count() == 3
    result = run("import", "auto", SAMPLES / "howwefeel/davicedraz_moods.txt")
    assert result.exit_code == 1 and "couldn’t tell" in result.output


def test_import_says_how_rows_became_entries(owner):
    result = run("import", "vcard", SAMPLES / "monica/monicahq_tests_stubs_single_contact_stub.csv")
    assert result.exit_code == 0, result.output
    assert "Read 1 row; 1 to import." in result.output
    result = run("import", "bearable", SAMPLES / "bearable/omegajak_parser_rs_test_fixture.csv")
    assert "Read 12 rows; 4 to import." in result.output
    assert "the 12 readings make 4 entries, one for each date and time of day" in result.output
