"""jrnl parser: JSON export and plain journal files."""

import contextlib
import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from withness.portability.importers import ImportFormatError, jrnl

SAMPLES = Path(__file__).parent / "samples" / "jrnl"
TZ = ZoneInfo("America/New_York")


def parse(data, **kw):
    return jrnl.parse(data, tz=kw.pop("tz", TZ), **kw)


def sample(name):
    return (SAMPLES / name).read_bytes()


# --------------------------------------------------------------------------- shared samples


def test_json_export_sample():
    result = parse(sample("derived_basic_onefile.export.json"))
    assert len(result.moods) == 3
    assert result.problems == [] and result.people == [] and result.unmapped_labels == {}
    first, second, third = result.moods
    assert first.at == datetime(2020, 8, 29, 11, 11, tzinfo=TZ)
    assert first.title == "Entry the first."
    assert first.note.startswith("Lorem @ipsum dolor sit amet")
    assert first.note.endswith("per inceptos himenaeos.")
    assert set(first.activities) == {"@tagone", "@ipsum", "@tagtwo"}
    assert second.extras == {"starred": True} and first.extras == {}
    assert second.activities == ("@tagtwo",)
    assert "💯 🎶 💩" in third.note
    assert (first.label, first.pleasant, first.energy) == ("", None, None)


@pytest.mark.parametrize(
    "name", ["jrnl-org_basic_onefile.journal", "derived_basic_onefile.export.txt"]
)
def test_plain_journal_gives_the_same_entries_and_keys_as_the_json_export(name):
    from_json = parse(sample("derived_basic_onefile.export.json"))
    plain = parse(sample(name))
    assert len(plain.moods) == 3 and plain.problems == []
    for a, b in zip(from_json.moods, plain.moods, strict=True):
        assert (a.at, a.title, a.note, a.extras) == (b.at, b.title, b.note, b.extras)
        assert set(a.activities) == set(b.activities)
        assert a.source_key == b.source_key


def test_jrnl_1x_journal_without_brackets():
    result = parse(sample("jrnl-org_simple_jrnl-1-9-5.journal"))
    assert len(result.moods) == 2
    first, second = result.moods
    assert first.at == datetime(2010, 6, 10, 15, 0, tzinfo=TZ)
    assert first.title == "A life without chocolate is like a bad analogy."
    assert first.note == ""
    assert second.title == 'He said "[this] is the best time to be alive".'
    # jrnl 1.x did not know square brackets: that line is part of the body
    assert "[2019-08-03 12:55] Some chat log or something" in second.note
    assert second.note.endswith("dui.")
    assert any("jrnl 1.x" in n for n in result.notes_about_file)


def test_people_from_at_tags_when_asked():
    result = parse(sample("jrnl-org_basic_onefile.journal"), people_prefix="@")
    assert [p.name for p in result.people] == ["ipsum", "tagone", "tagtwo", "tagthree"]
    assert result.moods[0].people == ("ipsum", "tagone", "tagtwo")
    assert result.moods[0].activities == ()
    again = parse(sample("derived_basic_onefile.export.json"), people_prefix="@")
    assert {p.source_key for p in again.people} == {p.source_key for p in result.people}


# --------------------------------------------------------------------------- variants


def test_default_12_hour_timeformat_and_fallbacks():
    text = (
        "[2021-04-01 09:05:00 AM] Morning.\nWoke early.\n\n"
        "[2021-04-01 01:30:00 PM] Lunch with @Sam *\nNice.\n\n"
        "[2021-04-02 22:15] Late one #night\n"
    )
    result = parse(text)
    assert [(m.at.day, m.at.hour, m.at.minute) for m in result.moods] == [
        (1, 9, 5),
        (1, 13, 30),
        (2, 22, 15),
    ]
    assert result.moods[1].title == "Lunch with @Sam"
    assert result.moods[1].extras == {"starred": True}
    assert result.moods[1].activities == ("@Sam",)
    assert result.moods[2].activities == ("#night",)


def test_custom_timeformat():
    text = "[10.06.2013 15:40] Dotted dates.\nBody.\n"
    result = parse(text, timeformat="%d.%m.%Y %H:%M")
    assert result.moods[0].at == datetime(2013, 6, 10, 15, 40, tzinfo=TZ)
    with pytest.raises(ImportFormatError, match="timeformat"):
        parse(text)


def test_tags_need_whitespace_before_them():
    text = "[2021-01-01 10:00] Tags\nmail me@example.com, (@paren @ok #a-b/c+d* @ok.\n"
    result = parse(text)
    assert result.moods[0].activities == ("@ok", "#a-b/c+d*")


def test_one_line_entry_splits_after_the_first_sentence():
    text = "[2021-01-01 10:00] First sentence. Then the rest of it"
    result = parse(text)
    assert (result.moods[0].title, result.moods[0].note) == (
        "First sentence.",
        "Then the rest of it",
    )


def test_bad_dates_and_stray_text_are_reported():
    text = (
        "Some notes before any entry\n"
        "[2021-01-01 10:00] Good one\nbody\n"
        "[2021-02-30 10:00] Not a day\nlost body\n"
        "[not a date] just text in the body\n"
        "[2021-03-01 10:00] Another\n"
        "[1066-10-14 09:00] Hastings\n"
    )
    result = parse(text)
    assert [m.title for m in result.moods] == ["Good one", "Another"]
    assert result.moods[0].note == "body"
    assert [str(p) for p in result.problems] == [
        "line 1: the text before the first entry (line 1) does not belong to any entry "
        "and was skipped",
        "line 4: the date '2021-02-30 10:00' is not a real date; this entry was skipped",
        "line 8: the date '1066-10-14 09:00' is not a plausible date for a journal entry "
        "(the year 1066); this entry was skipped",
    ]


def test_duplicate_entries_are_imported_once():
    entry = "[2021-01-01 10:00] Same\nsame body\n"
    result = parse(entry + entry)
    assert len(result.moods) == 1
    assert str(result.problems[0]).startswith("line 3: the same entry as line 1")


def test_json_entries_with_problems():
    data = {
        "tags": {},
        "entries": [
            {"title": "ok", "body": "b", "date": "2021-01-01", "time": "07:30"},
            {"title": "bad", "body": "b", "date": "2021-13-01", "time": "07:30"},
            "not an object",
            {"title": "no time", "body": "#x", "date": "2021-01-02"},
            {"title": "bad time", "body": "", "date": "2021-01-03", "time": "7 o'clock"},
        ],
    }
    result = parse(json.dumps(data))
    assert [m.title for m in result.moods] == ["ok", "no time"]
    assert result.moods[1].at == datetime(2021, 1, 2, 9, 0, tzinfo=TZ)
    assert result.moods[1].activities == ("#x",)
    assert [str(p) for p in result.problems] == [
        "entry 2: the date '2021-13-01' is not a real date",
        "entry 3: the entry is not a JSON object with a date and text",
        "entry 5: the time '7 o'clock' is not a time of day",
    ]
    assert any("09:00" in n for n in result.notes_about_file)


def test_json_with_a_byte_order_mark():
    data = b"\xef\xbb\xbf" + sample("derived_basic_onefile.export.json")
    assert len(parse(data).moods) == 3


@pytest.mark.parametrize(
    "data, words",
    [
        ('{"entries": [', "breaks at line 1"),
        ('{"tags": {}}', "'entries' list"),
        ("[1, 2]", "No jrnl entries found"),
        ("just some words\nand more", "No jrnl entries found"),
        ("", "No jrnl entries found"),
    ],
)
def test_not_a_jrnl_file(data, words):
    with pytest.raises(ImportFormatError, match=words):
        parse(data)


def test_markdown_export_is_not_read_as_a_journal():
    with pytest.raises(ImportFormatError, match="No jrnl entries found"):
        parse(sample("derived_basic_onefile.export.md"))


def test_a_daylio_file_names_the_right_importer():
    daylio = Path(__file__).parent / "samples/daylio/staticf0x_test_data.csv"
    with pytest.raises(ImportFormatError, match="Daylio"):
        parse(daylio.read_bytes())


def test_keys_ignore_the_zone_and_the_star():
    a = parse("[2021-01-01 10:00] T\nb\n").moods[0]
    b = parse("[2021-01-01 10:00] T *\nb\n", tz=ZoneInfo("Asia/Tokyo")).moods[0]
    c = parse("[2021-01-01 10:00] T\nb!\n").moods[0]
    assert a.source_key == b.source_key != c.source_key


def test_progress_is_reported():
    seen = []
    text = "".join(f"[2021-01-01 {h:02d}:{m:02d}] e{h}{m}\n" for h in range(24) for m in range(60))
    result = parse(text, on_progress=seen.append)
    assert len(result.moods) == 1440
    assert seen[-1] == 1440 and seen == sorted(seen)


# --------------------------------------------------------------------------- robustness


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.binary()))
def test_arbitrary_input_raises_nothing_but_import_format_error(data):
    with contextlib.suppress(ImportFormatError):
        parse(data)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=20,
)
entries = st.fixed_dictionaries(
    {},
    optional={
        "title": json_values | st.text(),
        "body": json_values | st.text(),
        "date": st.sampled_from(["2021-01-01", "2021-02-30", "", "x"]) | json_values,
        "time": st.sampled_from(["10:00", "25:00", "", "9:00 pm"]) | json_values,
        "tags": st.lists(st.text(max_size=8), max_size=3) | json_values,
        "starred": json_values,
    },
)


@settings(max_examples=100, deadline=None)
@given(st.lists(entries | json_values, max_size=8))
def test_arbitrary_json_entries_never_raise(items):
    result = parse(json.dumps({"tags": {}, "entries": items}))
    assert len(result.moods) + len(result.problems) == len(items)
