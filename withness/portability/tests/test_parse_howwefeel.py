"""How We Feel parser: the sample, every emotion word, people, extra fields."""

import contextlib
import csv
import io
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from withness.portability.importers import ImportFormatError, howwefeel
from withness.portability.importers.moods import (
    HOWWEFEEL_WORDS,
    Quadrant,
    howwefeel_quadrant,
    howwefeel_state,
)

SAMPLES = Path(__file__).parent / "samples" / "howwefeel"
TZ = ZoneInfo("America/Los_Angeles")
HEADER = [
    "Date",
    "Mood",
    "Tags (People)",
    "Tags (Places)",
    "Tags (Events)",
    "Exercise",
    "Sleep",
    "Menstrual",
    "Steps",
    "Meditation",
    "Weather",
    "Temperature (F)",
    "Water (cups)",
    "Caffeine (mg)",
    "Alcoholic Drinks",
    "Notes",
    "Reflections",
    "Takeaways",
]


def parse(data, **kw):
    return howwefeel.parse(data, tz=kw.pop("tz", TZ), **kw)


def csv_text(*rows, header=HEADER):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        cells = [""] * len(header)
        for name, value in row.items():
            cells[header.index(name)] = value
        writer.writerow(cells)
    return buffer.getvalue()


def test_sample_counts_states_and_the_extra_field_rule():
    result = parse((SAMPLES / "davicedraz_HowWeFeelEmotions.example.csv").read_bytes())
    assert len(result.moods) == 3
    assert result.problems == [] and result.people == [] and result.unmapped_labels == {}
    assert [(m.label, m.pleasant, m.energy) for m in result.moods] == [
        ("Mellow", 3.0, 3.0),
        ("Hopeful", 2.0, 6.5),
        ("Thoughtful", 2.0, 4.5),
    ]
    assert [m.at for m in result.moods] == [
        datetime(2026, 2, 8, 16, 4, tzinfo=TZ),
        datetime(2026, 2, 7, 11, 10, tzinfo=TZ),
        datetime(2026, 2, 6, 19, 45, tzinfo=TZ),
    ]
    first = result.moods[0]
    # 19 fields under 18 columns: the leading 17 kept, the rest joined into Takeaways
    assert first.source_row["Reflections"] == "Lorem ipsum dolor sit amet"
    assert first.source_row["Takeaways"] == (
        " consectetur adipiscing elit,Sed do eiusmod tempor incididunt"
    )
    assert first.note == (
        "Lorem ipsum dolor sit amet\n\nReflections: Lorem ipsum dolor sit amet\n\n"
        "Takeaways: consectetur adipiscing elit,Sed do eiusmod tempor incididunt"
    )
    assert first.extras == {"weather": "Clouds", "temperature": "81.88"}
    assert result.notes_about_file == [
        "1 row had more fields than the header (row 2), most likely an unquoted comma in "
        "free text; the extra text was kept and added to the last column, 'Takeaways'."
    ]


def test_every_emotion_word_of_the_app_has_a_state():
    words = (SAMPLES / "davicedraz_moods.txt").read_text().split("\n")
    words = [w for w in words if w.strip()]
    assert len(words) == 95
    assert set(words) == set(HOWWEFEEL_WORDS)
    for word in words:
        pleasant, energy = howwefeel_state(word)
        assert -5 <= pleasant <= 5 and 0 <= energy <= 10
        assert (pleasant * 2).is_integer() and (energy * 2).is_integer()
        quadrant = howwefeel_quadrant(word)
        assert (pleasant > 0) == (quadrant in (Quadrant.HIGH_PLEASANT, Quadrant.LOW_PLEASANT))
        high = quadrant in (Quadrant.HIGH_PLEASANT, Quadrant.HIGH_UNPLEASANT)
        assert (energy > 5) == high, word


@pytest.mark.parametrize(
    "word, quadrant",
    [
        ("Panicked", Quadrant.HIGH_UNPLEASANT),
        ("Dysregulated", Quadrant.HIGH_UNPLEASANT),
        ("Burned Out", Quadrant.LOW_UNPLEASANT),
        ("Disconnected", Quadrant.LOW_UNPLEASANT),
        ("Energized", Quadrant.HIGH_PLEASANT),
        ("Connected", Quadrant.LOW_PLEASANT),
        ("at ease", Quadrant.LOW_PLEASANT),
        ("Lonely", Quadrant.LOW_UNPLEASANT),  # a word from newer app versions
    ],
)
def test_quadrants_of_some_words(word, quadrant):
    assert howwefeel_quadrant(word) == quadrant


def test_people_tags_become_people_once():
    text = csv_text(
        {"Date": "2026 Mon Feb 9 8:00 AM", "Mood": "Calm", "Tags (People)": "Sam, Alex"},
        {"Date": "2026 Mon Feb 9 9:00 PM", "Mood": "Connected", "Tags (People)": "sam;Jo"},
        {
            "Date": "2026 Mon Feb 9 10:00 PM",
            "Mood": "Tired",
            "Tags (Places)": "Home",
            "Tags (Events)": "Dinner | Walk",
            "Sleep": "7h 30m",
        },
    )
    result = parse(text)
    assert [p.name for p in result.people] == ["Sam", "Alex", "Jo"]
    assert result.moods[0].people == ("Sam", "Alex")
    assert result.moods[1].people == ("sam", "Jo")
    assert result.moods[2].activities == ("Home", "Dinner", "Walk")
    assert result.moods[2].sleep_hours == 7.5
    assert result.people[0].source_key == parse(text).people[0].source_key


def test_unknown_words_await_mapping_and_bad_rows_are_reported():
    text = csv_text(
        {"Date": "2026 Mon Feb 9 8:00 AM", "Mood": " Wobbly "},
        {"Date": "2026 Mon Feb 30 8:00 AM", "Mood": "Calm"},
        {"Date": "Feb 9 2026", "Mood": "Calm"},
        {"Date": "2026 Mon Feb 9 8:00 XM", "Mood": "Calm"},
        {"Date": "2026-02-10 18:30:00", "Mood": "Calm"},
        {"Date": "2026 Mon Feb 9 9:00 AM", "Mood": ""},
    )
    result = parse(text)
    assert [m.label for m in result.moods] == ["Wobbly", "Calm"]
    assert result.unmapped_labels == {"Wobbly": 1}
    assert result.moods[1].at == datetime(2026, 2, 10, 18, 30, tzinfo=TZ)
    assert [str(p) for p in result.problems] == [
        "row 3: the date '2026 Mon Feb 30 8:00 AM' is not a real date",
        "row 4: the date 'Feb 9 2026' could not be read (expected a form like "
        "'2026 Sun Feb 8 4:04 PM')",
        "row 5: the time in the date '2026 Mon Feb 9 8:00 XM' is not a time of day",
        "row 7: the mood is empty",
    ]


def test_byte_order_mark_and_missing_optional_columns():
    text = "\ufeffDate,Mood,Notes\n2026 Sun Feb 8 4:04 PM,Calm,hello\n"
    result = parse(text.encode("utf-8"))
    assert result.moods[0].note == "hello"
    assert result.moods[0].people == ()


def test_keys_are_stable_and_distinct():
    data = (SAMPLES / "davicedraz_HowWeFeelEmotions.example.csv").read_bytes()
    keys = [m.source_key for m in parse(data).moods]
    assert keys == [m.source_key for m in parse(data, tz=ZoneInfo("UTC")).moods]
    assert len(set(keys)) == 3


def test_wrong_files():
    with pytest.raises(ImportFormatError, match="How We Feel"):
        parse("full_date,time,mood\n2021-01-01,10:00,rad\n")
    daylio = Path(__file__).parent / "samples/daylio/michaelcurrin_sample.csv"
    with pytest.raises(ImportFormatError, match="looks like a Daylio file"):
        parse(daylio.read_bytes())


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.binary()))
def test_arbitrary_input_raises_nothing_but_import_format_error(data):
    with contextlib.suppress(ImportFormatError):
        parse(data)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.text(max_size=25), max_size=22), max_size=10))
def test_any_rows_under_a_good_header_never_raise(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(rows)
    result = parse(buffer.getvalue())
    assert len(result.moods) + len(result.problems) <= result.rows_read
