from pathlib import Path

import pytest

from withness.journal.models import CheckIn
from withness.people.models import Person
from withness.portability.imports import (
    ImportProblem,
    import_run_cancel,
    import_run_create,
    import_run_finish,
    import_run_map,
    import_run_step,
    label_review,
)
from withness.portability.mapping import default_mapping, reviews
from withness.portability.models import ImportedEntry, ImportRun, ImportStatus

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent / "samples"


def run_import(user, source, data, mapping=None, time_zone="Europe/London", name="file"):
    run = import_run_create(user=user, source=source, filename=name, data=data, time_zone=time_zone)
    if mapping is None:
        mapping = default_mapping(reviews(label_review(run)))
    import_run_map(run=run, mapping=mapping)
    return import_run_finish(run=run)


@pytest.mark.parametrize(
    ("source", "path", "entries", "people", "checkins"),
    [
        ("daylio", "daylio/michaelcurrin_sample.csv", 3, 0, 3),
        ("daylio", "daylio/michaelcurrin_sample_multiple_moods.csv", 7, 0, 3),
        ("daylio", "daylio/staticf0x_test_data.csv", 32, 0, 5),
        ("jrnl", "jrnl/derived_basic_onefile.export.json", 3, 0, 0),
        ("jrnl", "jrnl/jrnl-org_basic_onefile.journal", 3, 0, 0),
        ("jrnl", "jrnl/jrnl-org_simple_jrnl-1-9-5.journal", 2, 0, 0),
        ("howwefeel", "howwefeel/davicedraz_HowWeFeelEmotions.example.csv", 3, 0, 3),
        ("bearable", "bearable/omegajak_parser_rs_test_fixture.csv", 4, 0, None),
        ("vcard", "monica/monicahq_tests_stubs_vcard_stub.vcf", 0, 3, 0),
        ("vcard", "monica/monicahq_tests_stubs_single_contact_stub.csv", 0, 1, 0),
    ],
)
def test_each_sample_imports_with_the_expected_counts_and_once_only(
    owner, source, path, entries, people, checkins
):
    data = (SAMPLES / path).read_bytes()
    run = run_import(owner, source, data)
    assert run.status == "done"
    assert ImportedEntry.objects.filter(owner=owner, kind="mood").count() == entries
    assert ImportedEntry.objects.filter(owner=owner, kind="person").count() == people
    assert Person.objects.filter(owner=owner).count() >= people
    if checkins is not None:
        assert CheckIn.objects.filter(owner=owner).count() == checkins
    before = (ImportedEntry.objects.count(), CheckIn.objects.count(), Person.objects.count())

    again = run_import(owner, source, data)

    assert (
        ImportedEntry.objects.count(),
        CheckIn.objects.count(),
        Person.objects.count(),
    ) == before
    assert again.counts.get("already imported") == entries + people


def test_the_check_in_of_a_day_takes_its_moods_and_keeps_the_source_rows(owner):
    data = (SAMPLES / "daylio/staticf0x_test_data.csv").read_bytes()
    run_import(owner, "daylio", data)
    entry = ImportedEntry.objects.filter(owner=owner, label="rad").first()
    assert entry.source_row["mood"].strip() == "rad"
    assert entry.checkin.pleasant >= 0
    assert entry.checkin.energy == 5.0  # Daylio has no energy scale: the middle
    assert entry.checkin.note.startswith("From Daylio: ")
    assert entry.details["activities"]


def test_a_reviewed_mapping_sets_the_state(owner):
    data = (SAMPLES / "daylio/michaelcurrin_sample.csv").read_bytes()
    run_import(owner, "daylio", data, mapping={"sad": (-3, 2), "average": 4})
    sad = ImportedEntry.objects.get(owner=owner, label="sad")
    assert (sad.pleasant, sad.energy) == (-3.0, 2.0)
    assert sad.checkin.energy == 2.0


def test_unmapped_labels_are_kept_without_a_check_in(owner):
    data = (SAMPLES / "daylio/michaelcurrin_sample.csv").read_bytes()
    run = run_import(owner, "daylio", data, mapping={})
    assert run.counts["entries kept without a state"] == 3
    assert not CheckIn.objects.filter(owner=owner).exists()


def test_a_day_with_a_check_in_already_keeps_it(owner):
    CheckIn.objects.create(owner=owner, day="2020-05-30", pleasant=-1, energy=3)
    run_import(owner, "daylio", (SAMPLES / "daylio/staticf0x_test_data.csv").read_bytes())
    kept = CheckIn.objects.get(owner=owner, day="2020-05-30")
    assert kept.pleasant == -1
    assert ImportedEntry.objects.filter(checkin=kept).exists()


def test_people_named_in_how_we_feel_become_people_once(owner):
    Person.objects.create(owner=owner, name="sam")
    data = (
        b"Date,Mood,Tags (People),Tags (Places),Tags (Events),Exercise,Sleep,Menstrual,Steps,"
        b"Meditation,Weather,Temperature (F),Water (cups),Caffeine (mg),Alcoholic Drinks,Notes,"
        b"Reflections,Takeaways\n"
        b"2026 Sun Feb 8 4:04 PM,Calm,Sam;Noor,,,,,,,,,,,,,,,\n"
        b"2026 Mon Feb 9 9:15 AM,Anxious,Noor,,,,,,,,,,,,,,,\n"
    )
    run_import(owner, "howwefeel", data)
    assert sorted(Person.objects.filter(owner=owner).values_list("name", flat=True)) == [
        "Noor",
        "sam",
    ]


def test_bad_rows_are_reported_and_the_rest_imports(owner):
    data = (
        b"full_date,date,weekday,time,mood,activities,note_title,note\n"
        b"2026-03-02,,,9:00 am,rad,,,\n"
        b"2026-02-30,,,9:00 am,rad,,,\n"
        b"2026-03-03,,,25:00,good,,,\n"
    )
    run = run_import(owner, "daylio", data)
    assert ImportedEntry.objects.filter(owner=owner).count() == 1
    assert any("row 3" in p and "not a real date" in p for p in run.problems)
    assert any("row 4" in p for p in run.problems)


def test_a_file_of_another_format_imports_nothing_and_says_so(owner):
    with pytest.raises(ImportProblem, match="Daylio"):
        import_run_create(user=owner, source="daylio", filename="x.csv", data=b"hello,world\n1,2\n")
    with pytest.raises(ImportProblem, match="no importer"):
        import_run_create(user=owner, source="myspace", filename="x", data=b"")


def test_a_mapping_off_the_scale_is_refused(owner):
    data = (SAMPLES / "daylio/michaelcurrin_sample.csv").read_bytes()
    run = import_run_create(user=owner, source="daylio", filename="x", data=data)
    with pytest.raises(ImportProblem, match="levels run from 1 to 5"):
        import_run_map(run=run, mapping={"sad": 9})


def test_a_big_file_imports_in_whole_day_batches(owner):
    lines = ["full_date,date,weekday,time,mood,activities,note_title,note"]
    for i in range(6000):
        day = f"2020-{1 + (i // 600) % 12:02d}-{1 + (i // 24) % 25:02d}"
        lines.append(f"{day},,,{i % 24:02d}:{i % 60:02d},{['rad', 'meh', 'awful'][i % 3]},,,n{i}")
    data = "\n".join(lines).encode()
    run = import_run_create(user=owner, source="daylio", filename="big.csv", data=data)
    import_run_map(run=run, mapping={})
    steps = []
    while run.status != "done":
        run = import_run_step(run=run, limit=1000)
        steps.append(run.done)
    assert len(steps) >= 5
    assert steps[-1] == run.total
    entries = ImportedEntry.objects.filter(owner=owner)
    assert entries.count() == run.total
    # Every day's entries point at one check-in, whichever batch they came in.
    for checkin in CheckIn.objects.filter(owner=owner)[:20]:
        assert {e.at.astimezone(owner.zone).date() for e in entries.filter(checkin=checkin)} == {
            checkin.day
        }


def test_calling_off_an_import_that_a_step_began_meanwhile_leaves_it_going(owner):
    run = ImportRun.objects.create(owner=owner, source="daylio", time_zone="UTC")
    ImportRun.objects.filter(pk=run.pk).update(status=ImportStatus.RUNNING)  # another request

    assert import_run_cancel(run=run) is False  # ``run`` still reads "review"

    assert ImportRun.objects.get(pk=run.pk).status == ImportStatus.RUNNING
