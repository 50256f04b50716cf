"""Bearable parser: grouping readings, scales, buckets, dates."""

import contextlib
import csv
import io
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from withness.portability.importers import ImportFormatError, bearable

SAMPLES = Path(__file__).parent / "samples" / "bearable"
TZ = ZoneInfo("Europe/London")
HEADER = ["date", "weekday", "time of day", "category", "rating/amount", "detail", "notes"]


def parse(data, **kw):
    return bearable.parse(data, tz=kw.pop("tz", TZ), **kw)


def csv_text(*rows, header=HEADER):
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def test_sample_groups_twelve_symptom_readings_into_four_times_of_day():
    result = parse((SAMPLES / "omegajak_parser_rs_test_fixture.csv").read_bytes())
    assert result.rows_read == 12
    assert result.problems == []
    assert len(result.moods) == 4
    assert result.notes_about_file == [
        "Bearable keeps one row per reading: the 12 readings make 4 entries, "
        "one for each date and time of day."
    ]
    by_slot = {m.extras["time_of_day"]: m for m in result.moods}
    assert {slot: len(m.extras["symptoms"]) for slot, m in by_slot.items()} == {
        "am": 4,
        "mid": 3,
        "pm": 3,
        "pre": 2,
    }
    assert {slot: (m.at.hour, m.at.minute) for slot, m in by_slot.items()} == {
        "pre": (5, 0),
        "am": (9, 0),
        "mid": (13, 0),
        "pm": (19, 0),
    }
    assert all(m.at.date().isoformat() == "2022-01-05" for m in result.moods)
    assert all(m.pleasant is None and m.energy is None for m in result.moods)
    am = by_slot["am"]
    assert am.extras["symptoms"][0] == {"name": "Headache", "severity": "Mild", "rating": "1"}
    assert am.note == (
        "Symptoms: Headache (mild); Neck pain (mild); Back (lower) pain (moderate); "
        "Back (mid) pain (severe)"
    )
    assert by_slot["pm"].extras["symptoms"][-1]["severity"] == "Unbearable"
    assert len(am.source_row["rows"]) == 4


def test_mood_energy_factors_sleep_and_gratitude_in_one_record():
    text = csv_text(
        ["22nd Sep 2020", "Tuesday", "pm", "Mood", "7", "", "long day"],
        ["22nd Sep 2020", "Tuesday", "pm", "Energy", "3", "", ""],
        ["22nd Sep 2020", "Tuesday", "pm", "Factors", "", "Friends | Walk / outside | Rain", ""],
        ["22nd Sep 2020", "Tuesday", "all day", "Sleep", "7:30", "", ""],
        ["22nd Sep 2020", "Tuesday", "all day", "Gratitudes", "", "My sister's call", ""],
        ["1st Oct 2020", "Thursday", "08:30", "Mood", "10", "", ""],
        ["3rd Oct 2020", "Saturday", "8:30 pm", "Mood", "1", "", ""],
        ["3rd Oct 2020", "Saturday", "20:30", "Energy", "5", "", ""],
    )
    result = parse(text)
    assert result.problems == []
    pm, all_day, morning, evening = result.moods
    assert (pm.pleasant, pm.energy) == (1.5, 5.0)
    assert pm.activities == ("Friends", "Walk / outside", "Rain")
    assert pm.note == "long day"
    assert pm.at == datetime(2020, 9, 22, 19, 0, tzinfo=TZ)
    assert all_day.sleep_hours == 7.5
    assert all_day.extras["gratitudes"] == ["My sister's call"]
    assert all_day.note == "Grateful for: My sister's call"
    assert all_day.at.hour == 12
    assert (morning.pleasant, morning.energy) == (5.0, None)
    assert morning.at == datetime(2020, 10, 1, 8, 30, tzinfo=TZ)
    # 8:30 pm and 20:30 are the same time of day: one record
    assert (evening.pleasant, evening.energy) == (-5.0, 10.0)


def test_other_scales_can_be_given():
    text = csv_text(["5th Jan 2022", "", "am", "Mood", "3", "", ""])
    assert parse(text, mood_scale=(1, 5)).moods[0].pleasant == 0.0
    assert parse(text).moods[0].pleasant == -3.0  # (3 - 1) / 9 * 10 - 5 = -2.8


def test_newer_export_with_a_formatted_date_column_and_other_categories():
    header = [
        "date",
        "date formatted",
        "weekday",
        "time of day",
        "category",
        "rating/amount",
        "detail",
        "notes",
    ]
    text = csv_text(
        ["22nd Sep 2020", "2020-09-22", "Tuesday", "am", "Social", "", "Friends | Family", ""],
        ["22nd Sep 2020", "2020-09-22", "Tuesday", "am", "Steps", "5400", "", ""],
        header=header,
    )
    result = parse(text)
    assert result.moods[0].activities == ("Friends", "Family", "Steps 5400")
    assert any("Social (1), Steps (1)" in n for n in result.notes_about_file)


def test_bad_rows_are_reported_and_the_rest_grouped():
    text = csv_text(
        ["31st Feb 2021", "", "am", "Mood", "5", "", ""],
        ["2021-02-28", "", "sometime", "Mood", "5", "", ""],
        ["28th Feb 2021", "", "am", "Mood", "lots", "", ""],
        ["28th Feb 2021", "", "am", "Mood", "12", "", ""],
        ["28th Feb 2021", "", "am", "Energy", "4", "", ""],
        ["28th Feb 2021", "", "am", "", "4", "", ""],
        ["28th Feb 2021", "", "am", "Sleep", "forever", "", ""],
        ["28 Febtember 2021", "", "am", "Mood", "5", "", ""],
        ["28th Feb 2021", "", "pm", "Energy", "2", "", ""],
        ["28th Feb 2021", "", "pm", "Energy", "4", "", ""],
        ["1st Mar 2021", "", "pm", "Mood", "x", "", ""],
    )
    result = parse(text)
    # A reading withness can't use is left out; the rest of its time comes in.
    assert [(m.extras["time_of_day"], m.energy) for m in result.moods] == [
        ("am", 7.5),
        ("pm", 5.0),
    ]
    assert result.moods[0].pleasant is None
    kept = "; the other readings of that time were kept"
    assert [str(p) for p in result.problems] == [
        "row 2: the date '31st Feb 2021' is not a real date",
        "row 3: the time of day 'sometime' is neither a clock time nor one of pre, am, mid, "
        "pm, all day",
        f"row 4: the mood rating 'lots' is not a number{kept}",
        f"row 5: the mood rating '12' is outside the scale 1–10{kept}",
        f"row 7: the category is empty{kept}",
        f"row 8: the sleep 'forever' is not a number of hours{kept}",
        "row 9: the month in the date '28 Febtember 2021' is not an English month name",
        "row 12: the mood rating 'x' is not a number",  # nothing else at that time
    ]
    assert not any("held back" in n for n in result.notes_about_file)


READINGS = [
    ["5th Jan 2022", "Wednesday", "am", "Mood", "7", "", "slept badly"],
    ["5th Jan 2022", "Wednesday", "am", "Energy", "2", "", ""],
    ["5th Jan 2022", "Wednesday", "am", "Symptom", "1", "Headache (Mild)", "after coffee"],
    ["5th Jan 2022", "Wednesday", "pm", "Mood", "6", "", "a walk with Zoë"],
    ["5th Jan 2022", "Wednesday", "pm", "Factors", "", "Friends | Walk", ""],
    ["6th Jan 2022", "Thursday", "am", "Mood", "5", "", ""],
]


def readings(index=None, column="", value=""):
    """The readings as a file, with one cell of one of them changed."""
    rows = [list(row) for row in READINGS]
    if index is not None:
        rows[index][HEADER.index(column)] = value
    return csv_text(*rows).encode()


def cut_in_half(data, text):
    """``data`` with the first character of ``text`` after it cut in half."""
    return data.replace(text.encode(), text.encode() + "—".encode()[:-1], 1)


def slots(result):
    return {(m.at.date().isoformat(), m.extras["time_of_day"]): m for m in result.moods}


@pytest.mark.parametrize(
    ("damaged", "row"),
    [
        (cut_in_half(readings(), "after "), 4),  # in the note of the symptom reading
        (cut_in_half(readings(), "slept "), 2),  # in the note of the mood reading
    ],
    ids=["in a symptom's note", "in a mood's note"],
)
def test_a_time_that_lost_a_reading_waits_whole_for_the_corrected_file(damaged, row):
    fixed = parse(readings())
    result = parse(damaged)
    # The morning of 5 January waits; the other times come in with the keys the corrected
    # file gives them, so importing that file later brings in the morning, once, and
    # nothing else again.
    assert set(slots(fixed)) == {("2022-01-05", "am"), ("2022-01-05", "pm"), ("2022-01-06", "am")}
    assert set(slots(result)) == {("2022-01-05", "pm"), ("2022-01-06", "am")}
    assert {m.source_key for m in result.moods} < {m.source_key for m in fixed.moods}
    assert [p.row_number for p in result.problems] == [row]
    assert any("2 readings of 5 Jan 2022 (am)." in n for n in result.notes_about_file)
    morning = slots(fixed)[("2022-01-05", "am")]
    assert morning.extras["symptoms"][0]["name"] == "Headache" and morning.energy == 2.5
    assert morning.note.startswith("slept badly\n\nafter coffee")


@pytest.mark.parametrize(
    ("damaged", "row"),
    [
        (readings(1, "rating/amount", "2x"), 3),
        (readings(2, "detail", ""), 4),  # a symptom with no name
        (readings(1, "category", ""), 3),
    ],
    ids=["bad rating", "symptom with no name", "no category"],
)
def test_a_reading_withness_cannot_use_leaves_the_rest_of_its_time(damaged, row):
    # Such a row may be how the app writes it: holding its time back could lose it for good.
    result = parse(damaged)
    assert set(slots(result)) == {("2022-01-05", "am"), ("2022-01-05", "pm"), ("2022-01-06", "am")}
    assert [p.row_number for p in result.problems] == [row]
    assert result.problems[0].reason.endswith("; the other readings of that time were kept")
    assert not any("held back" in n for n in result.notes_about_file)


def test_a_skipped_row_whose_time_cannot_be_told_holds_nothing_back():
    result = parse(cut_in_half(readings(), '"Wednesday","p'))  # the evening's time of day
    assert len(result.moods) == 3
    assert [p.row_number for p in result.problems] == [5]
    assert not any("held back" in n for n in result.notes_about_file)


def test_keys_are_stable_and_change_with_the_readings():
    data = (SAMPLES / "omegajak_parser_rs_test_fixture.csv").read_bytes()
    keys = [m.source_key for m in parse(data).moods]
    assert keys == [m.source_key for m in parse(data, tz=ZoneInfo("UTC")).moods]
    assert len(set(keys)) == 4
    fewer = data.decode().rsplit("\n", 1)[0]  # drop the last pm reading
    changed = {m.extras["time_of_day"]: m.source_key for m in parse(fewer).moods}
    original = {m.extras["time_of_day"]: m.source_key for m in parse(data).moods}
    assert changed["am"] == original["am"] and changed["pm"] != original["pm"]


def test_wrong_files():
    with pytest.raises(ImportFormatError, match="Bearable"):
        parse("date,mood\n2021-01-01,7\n")
    vcf = Path(__file__).parent / "samples/monica/monicahq_tests_stubs_vcard_stub.vcf"
    with pytest.raises(ImportFormatError, match="vCard"):
        parse(vcf.read_bytes())


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.binary()))
def test_arbitrary_input_raises_nothing_but_import_format_error(data):
    with contextlib.suppress(ImportFormatError):
        parse(data)


cells = st.text(max_size=15)
rows = st.tuples(
    st.sampled_from(["22nd Sep 2020", "2020-09-22", "31st Feb 2021", "", "x"]) | cells,
    cells,
    st.sampled_from(["am", "pm", "pre", "mid", "all day", "08:30", "nope"]) | cells,
    st.sampled_from(["Mood", "Energy", "Symptom", "Factors", "Sleep", "Gratitudes"]) | cells,
    st.sampled_from(["1", "10", "7:30", "0", "-3", "1e9", "nan"]) | cells,
    st.sampled_from(["Headache (Mild)", "a | b", ""]) | cells,
    cells,
).map(list)


@settings(max_examples=200, deadline=None)
@given(st.lists(rows | st.lists(cells, max_size=10), max_size=15))
def test_any_rows_under_a_good_header_never_raise(data):
    result = parse(csv_text(*data))
    assert all(m.at.tzinfo is TZ for m in result.moods)
    for m in result.moods:
        assert m.pleasant is None or -5 <= m.pleasant <= 5
        assert m.energy is None or 0 <= m.energy <= 10
