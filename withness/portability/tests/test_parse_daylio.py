"""Daylio CSV parser: samples, header variants, broken rows, keys, speed."""

import csv
import io
import random
from collections import Counter
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from withness.portability.importers import ImportFormatError, apply_label_mapping, daylio
from withness.portability.importers.moods import label_review

SAMPLES = Path(__file__).parent / "samples" / "daylio"
TZ = ZoneInfo("Europe/Berlin")
HEADER = "full_date,date,weekday,time,mood,activities,note_title,note\n"


def parse(data, **kw):
    return daylio.parse(data, tz=kw.pop("tz", TZ), **kw)


def sample(name):
    return (SAMPLES / name).read_bytes()


# --------------------------------------------------------------------------- shared samples


def test_staticf0x_sample_counts():
    result = parse(sample("staticf0x_test_data.csv"))
    assert len(result.moods) == 32
    assert result.rows_read == 32
    assert result.problems == []
    assert result.unmapped_labels == {}
    assert Counter(m.label for m in result.moods) == {
        "rad": 19,
        "good": 5,
        "meh": 4,
        "bad": 2,
        "awful": 2,
    }
    assert sum(1 for m in result.moods if m.note) == 4
    assert sum(1 for m in result.moods if m.activities) == 15
    first = result.moods[0]
    assert first.at == datetime(2020, 5, 30, 18, 50, tzinfo=TZ)
    assert first.activities == ("friends", "gaming", "programming", "nap")
    assert first.note == "Awesome"
    assert (first.pleasant, first.energy) == (4.0, None)
    # the one 24-hour time among 12-hour ones
    assert any(m.at == datetime(2020, 5, 25, 14, 58, tzinfo=TZ) for m in result.moods)
    # 1:23 am is 01:23, 12:19 am is 00:19
    assert any(m.at == datetime(2020, 5, 30, 1, 23, tzinfo=TZ) for m in result.moods)
    assert any(m.at == datetime(2020, 5, 28, 0, 19, tzinfo=TZ) for m in result.moods)


def test_michaelcurrin_sample_renamed_labels_and_stray_spaces():
    result = parse(sample("michaelcurrin_sample.csv"))
    assert len(result.moods) == 3
    assert result.problems == []
    assert result.unmapped_labels == {"sad": 1, "average": 2}
    first = result.moods[0]
    assert first.label == "sad"
    assert first.pleasant is None and first.energy is None
    assert first.activities == (
        "clean",
        "music",
        "movies / tv",
        "bad sleep",
        "tired",
        "sleep early",
        "stomachache",
    )
    assert first.at == datetime(2021, 9, 28, 22, 0, tzinfo=TZ)
    assert result.moods[1].activities[0] == "stressed / frustrated"


def test_michaelcurrin_multiple_moods_per_day():
    result = parse(sample("michaelcurrin_sample_multiple_moods.csv"))
    assert len(result.moods) == 7
    assert result.unmapped_labels == {"OK": 2, "Refreshed": 1, "ok but sleepy": 1, "Anxious": 1}
    by_label = {m.label: m for m in result.moods}
    assert by_label["good"].pleasant == 2.0
    assert by_label["bad"].pleasant == -2.0
    assert by_label["Refreshed"].activities == ("Sleeping",)
    same_day = [m for m in result.moods if m.at.date().isoformat() == "2021-05-12"]
    assert [m.at.hour for m in same_day] == [18, 15]


# --------------------------------------------------------------------------- variants


def test_byte_order_mark_is_ignored():
    plain = sample("staticf0x_test_data.csv")
    with_bom = parse(b"\xef\xbb\xbf" + plain)
    without = parse(plain)
    assert [m.source_key for m in with_bom.moods] == [m.source_key for m in without.moods]
    assert with_bom.problems == []


def test_text_and_file_objects_are_accepted():
    text = sample("michaelcurrin_sample.csv").decode()
    assert len(parse(text).moods) == 3
    assert len(parse(io.StringIO(text)).moods) == 3
    assert len(parse(io.BytesIO(text.encode())).moods) == 3


def test_oldest_header_with_year_column():
    data = (
        "year,date,weekday,time,mood,activities,note\n"
        '2018,18 May,Friday,11:54 pm,rad,"clean | cook | music","Went to a party"\n'
        '2018,17 May,Wednesday,10:21 pm,meh,"cook | stressed ",""\n'
        '2018,May 16,Tuesday,23:41,awful,"","Did nothing today."\n'
    )
    result = parse(data)
    assert [m.at for m in result.moods] == [
        datetime(2018, 5, 18, 23, 54, tzinfo=TZ),
        datetime(2018, 5, 17, 22, 21, tzinfo=TZ),
        datetime(2018, 5, 16, 23, 41, tzinfo=TZ),
    ]
    assert result.moods[1].activities == ("cook", "stressed")
    assert any("older Daylio export" in n for n in result.notes_about_file)


def test_header_without_note_title_gives_the_same_keys():
    new = HEADER + '2021-01-02,2 January,Saturday,9:00 am,good,work,"","a note"\n'
    old = (
        "full_date,date,weekday,time,mood,activities,note\n"
        '2021-01-02,2 January,Saturday,09:00,good,work,"a note"\n'
    )
    assert parse(new).moods[0].source_key == parse(old).moods[0].source_key


def test_mixed_12_and_24_hour_times():
    data = HEADER + (
        "2021-03-01,,,10:00 pm,good,,,\n"
        "2021-03-02,,,22:00,good,,,\n"
        "2021-03-03,,,12:30 am,good,,,\n"
        "2021-03-04,,,12:15 PM,good,,,\n"
        "2021-03-05,,,7:05 a.m.,good,,,\n"
    )
    result = parse(data)
    assert result.problems == []
    assert [(m.at.hour, m.at.minute) for m in result.moods] == [
        (22, 0),
        (22, 0),
        (0, 30),
        (12, 15),
        (7, 5),
    ]


def test_renamed_moods_are_reviewed_then_mapped():
    result = parse(sample("michaelcurrin_sample.csv"))
    review = {r.label: r for r in label_review(result)}
    assert review["average"].count == 2 and not review["average"].mapped
    mapped = apply_label_mapping(result, {"Average": 3, " sad ": (-2.5, 2)})
    assert mapped.unmapped_labels == {}
    assert [(m.label, m.pleasant, m.energy) for m in mapped.moods] == [
        ("sad", -2.5, 2.0),
        ("average", 0.0, None),
        ("average", 0.0, None),
    ]
    # the original result is left alone
    assert result.moods[0].pleasant is None
    # a mapping can override a default label too
    remapped = apply_label_mapping(parse(sample("staticf0x_test_data.csv")), {"meh": (-1, 3)})
    assert {(m.pleasant, m.energy) for m in remapped.moods if m.label == "meh"} == {(-1.0, 3.0)}


@pytest.mark.parametrize(
    "value, words",
    [(7, "levels run from 1 to 5"), ((9, 5), r"between -5 and \+5"), ((1, 11), "between 0 and 10")],
)
def test_label_mapping_rejects_values_off_the_scales(value, words):
    with pytest.raises(ValueError, match=words):
        apply_label_mapping(parse(sample("michaelcurrin_sample.csv")), {"sad": value})


def test_extra_trailing_fields_are_joined_into_the_note():
    data = HEADER + "2021-01-01,1 January,Friday,09:00,good,work,Title,note part one, part two\n"
    result = parse(data)
    assert result.moods[0].note == "note part one, part two"
    assert result.moods[0].title == "Title"
    assert any("row 2" in n and "'note'" in n for n in result.notes_about_file)


def test_missing_and_extra_columns():
    data = "full_date,time,mood,mood_score\n2021-01-01,09:00,rad,5\n2021-01-02,10:00\n"
    result = parse(data)
    assert len(result.moods) == 1
    assert result.moods[0].activities == () and result.moods[0].note == ""
    assert [str(p) for p in result.problems] == ["row 3: the mood is empty"]
    assert any("fewer fields" in n for n in result.notes_about_file)


def test_semicolon_separated_file_from_a_spreadsheet():
    data = "full_date;date;weekday;time;mood;activities;note\n2021-01-01;;;09:00;rad;a | b;hi\n"
    result = parse(data)
    assert result.moods[0].activities == ("a", "b")


def test_notes_with_commas_quotes_newlines_and_html():
    note = (
        '<p class=""x"">She said ""hi"", then <b>left</b></p>'
        "<ul><li>one</li><li>two</li></ul>&amp; more"
    )
    data = HEADER + f'2021-01-01,,,09:00,good,,"<i>A</i> title","{note}\nlast, line"\n'
    data += '2021-01-02,,,09:00,good,,,"a < b and c > d, x&y"\n'
    result = parse(data)
    assert result.moods[0].title == "A title"
    assert result.moods[0].note == 'She said "hi", then left\n\n- one\n- two\n& more\nlast, line'
    assert result.moods[1].note == "a < b and c > d, x&y"


def test_a_very_long_note_and_unicode_survive():
    note = "שלום, 😀 " * 30_000  # right-to-left text, emoji, 270,000 characters
    data = HEADER + f'2021-01-01,,,09:00,good,,,"{note}"\n2021-01-02,,,09:00,good,,,x\n'
    result = parse(data.encode("utf-8"))
    assert result.problems == []
    assert result.moods[0].note == note.strip()
    assert result.moods[1].note == "x"


def test_broken_rows_are_reported_and_the_rest_imported():
    data = HEADER + (
        "2021-02-28,,,09:00,good,,,\n"
        "2021-02-31,,,09:00,good,,,\n"
        "31/02/2021,,,09:00,good,,,\n"
        "2021-03-01,,,25:00,good,,,\n"
        "2021-03-02,,,13:00 pm,good,,,\n"
        "2021-03-03,,,,good,,,\n"
        "2021-03-04,,,09:00,   ,,,\n"
        "9999-12-31,,,23:59,meh,,,\n"
        "2021-03-05,,,09:00,meh,,,\n"
    )
    result = parse(data)
    assert len(result.moods) == 2
    assert [str(p) for p in result.problems] == [
        "row 3: the date '2021-02-31' is not a real date",
        "row 4: the date '31/02/2021' is not in the form YYYY-MM-DD",
        "row 5: the time '25:00' is not a time of day",
        "row 6: the time '13:00 pm' has an hour that is not on a 12-hour clock",
        "row 7: the time is empty",
        "row 8: the mood is empty",
        "row 9: the date '9999-12-31' is not a plausible date for a journal entry (the year 9999)",
    ]
    assert result.rows_read == 9


def test_exact_duplicate_rows_are_imported_once():
    row = "2021-01-01,,,09:00,good,work,,same\n"
    result = parse(HEADER + row + row)
    assert len(result.moods) == 1
    assert [str(p) for p in result.problems] == [
        "row 3: the same entry as row 2 (same time and content); it is imported once"
    ]


@pytest.mark.parametrize(
    "data, words",
    [
        ("", "empty"),
        ("\n\n  \n", "empty"),
        ("date,mood\n2021-01-01,good\n", r"should name the columns full_date \(or year\)"),
        ("year,weekday,time,mood\n2018,Friday,09:00,rad\n", "no 'date' column"),
    ],
)
def test_not_a_daylio_file(data, words):
    with pytest.raises(ImportFormatError, match=words):
        parse(data)


def test_another_apps_file_names_the_right_importer():
    hwf = Path(__file__).parent / "samples/howwefeel/davicedraz_HowWeFeelEmotions.example.csv"
    with pytest.raises(ImportFormatError, match="How We Feel"):
        parse(hwf.read_bytes())


def test_a_zip_backup_is_refused_with_advice():
    with pytest.raises(ImportFormatError, match="Export the data as CSV"):
        parse(b"PK\x03\x04" + b"\x00" * 40)


def test_not_utf8_is_read_as_windows_1252_with_a_note():
    data = (HEADER + "2021-01-01,,,09:00,good,,,caf\xe9\n").encode("cp1252")
    result = parse(data)
    assert result.moods[0].note == "café"
    assert any("Windows-1252" in n for n in result.notes_about_file)


# --------------------------------------------------------------------------- keys


def test_source_keys_are_stable_and_distinct():
    first = parse(sample("staticf0x_test_data.csv"))
    again = parse(sample("staticf0x_test_data.csv"), tz=ZoneInfo("America/Chicago"))
    keys = [m.source_key for m in first.moods]
    assert keys == [m.source_key for m in again.moods]
    assert len(set(keys)) == len(keys) == 32
    assert all(k.startswith("daylio:") for k in keys)


def test_a_changed_row_gets_a_new_key_and_spacing_does_not_matter():
    base = parse(HEADER + "2021-01-01,,,9:00 pm,good,a | b,,note\n").moods[0].source_key
    spaced = parse(HEADER + "2021-01-01,x,y,21:00, Good ,a|b ,,note\n").moods[0].source_key
    changed = parse(HEADER + "2021-01-01,,,21:00,good,a | b,,note!\n").moods[0].source_key
    assert base == spaced
    assert base != changed


def test_times_are_aware_in_the_given_zone_even_at_a_clock_change():
    data = HEADER + "2021-03-28,,,02:30,good,,,\n2021-10-31,,,02:30,good,,,\n"
    result = parse(data)
    assert all(m.at.tzinfo is TZ for m in result.moods)
    assert result.moods[1].at.utcoffset().total_seconds() == 7200  # the first 02:30


# --------------------------------------------------------------------------- robustness


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(), st.binary()))
def test_arbitrary_input_raises_nothing_but_import_format_error(data):
    try:
        result = parse(data)
    except ImportFormatError:
        return
    assert len(result.moods) + len(result.problems) >= 0


cells = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20)
times = st.sampled_from(["10:00 pm", "18:52", "", "7:5", "12:00 am", "x", "23:59"])
dates = st.sampled_from(["2021-09-28", "2021-02-30", "", "28/09/2021", "2020-02-29"])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(dates, cells, cells, times, cells, cells, cells, cells).map(list)
        | st.lists(cells, max_size=12),
        max_size=15,
    )
)
def test_any_rows_under_a_good_header_never_raise(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER.strip().split(","))
    writer.writerows(rows)
    result = parse(buffer.getvalue())
    assert len(result.moods) + len(result.problems) <= result.rows_read
    assert all(m.at.tzinfo is TZ for m in result.moods)


# --------------------------------------------------------------------------- size and progress


def _big_file(rows: int) -> bytes:
    rng = random.Random(7)
    labels = ["rad", "good", "meh", "bad", "awful", "tired but ok"]
    acts = ["work", "friends", "movies / tv", "walk", "good meal", "call mum"]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER.strip().split(","))
    for i in range(rows):
        day = datetime(2010, 1, 1).toordinal() + i // 3
        iso = datetime.fromordinal(day).date().isoformat()
        clock = f"{rng.randint(1, 12)}:{rng.randint(0, 59):02d} {rng.choice(['am', 'pm'])}"
        if i % 2:
            clock = f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
        note = rng.choice(["", "a note, with a comma", 'quoted "word"', "two\nlines", "<b>x</b>"])
        writer.writerow(
            [
                iso,
                "",
                "",
                clock,
                rng.choice(labels),
                " | ".join(rng.sample(acts, 2)),
                "",
                f"{note} {i}",
            ]
        )
    return buffer.getvalue().encode()


def test_ten_thousand_rows_parse_with_progress():
    # How fast is for a benchmark (bench/), not a timed test: these machines are noisy.
    data = _big_file(10_000)
    seen = []
    result = parse(data, on_progress=seen.append)
    assert len(result.moods) == 10_000
    assert result.problems == []
    assert len({m.source_key for m in result.moods}) == 10_000
    assert seen[-1] == 10_000 and seen == sorted(seen) and len(seen) >= 20
