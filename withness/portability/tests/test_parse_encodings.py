"""How every importer reads a file's text: UTF-16 without a byte-order mark, Windows-1252
(a CSV re-saved by Excel), mixed line endings, and UTF-8 with a damaged byte."""

import csv
import io
import json
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from withness.portability import importers
from withness.portability.importers import detect
from withness.portability.importers.text import (
    UNREADABLE,
    read_text,
    utf16_without_bom,
)

from .journals import SAMPLE_SOURCES, SAMPLES

TZ = ZoneInfo("Europe/Berlin")
HEADER = "full_date,date,weekday,time,mood,activities,note_title,note\n"

#: One small file per importer (and form), written as people write: accents, curly
#: apostrophes, a note over two lines. The em dash (—) is in one record only; the tests
#: that damage a file cut that character in half.
FILES = {
    "daylio": (
        "daylio",
        "export.csv",
        HEADER + '2021-09-28,28 Sep,Tuesday,18:52,good,friends | café,,"a café, with Zoë"\n'
        '2021-09-27,27 Sep,Monday,10:00 pm,meh,,,"it’s fine\nreally"\n'
        "2021-09-26,26 Sep,Sunday,08:00,rad,,,Lunch — late\n",
    ),
    "howwefeel": (
        "howwefeel",
        "HowWeFeelEmotions.csv",
        "Date,Mood,Tags (People),Tags (Places),Tags (Events),Exercise,Sleep,Menstrual,Steps,"
        "Meditation,Weather,Temperature (F),Water (cups),Caffeine (mg),Alcoholic Drinks,Notes,"
        "Reflections,Takeaways\n"
        '2026 Sun Feb 8 4:04 PM,Mellow,Zoë,café,,,,,,,,,,,,"a café, with Zoë",it’s fine,\n'
        "2026 Sat Feb 7 11:10 AM,Hopeful,,,,,,,,,,,,,,Lunch — late,,\n",
    ),
    "bearable": (
        "bearable",
        "bearable.csv",
        "date,weekday,time of day,category,rating/amount,detail,notes\n"
        '5th Jan 2022,Wednesday,am,Mood,7,,"a café, with Zoë"\n'
        "5th Jan 2022,Wednesday,am,Factors,,friends | café,it’s fine\n"
        "6th Jan 2022,Thursday,pm,Mood,4,,Lunch — late\n",
    ),
    "jrnl plain": (
        "jrnl",
        "my.journal",
        "[2021-09-28 18:52] A café with Zoë.\nit’s fine\n\n[2021-09-27 10:00] Lunch — late.\n",
    ),
    "jrnl json": (
        "jrnl",
        "export.json",
        json.dumps(
            {
                "tags": {},
                "entries": [
                    {
                        "date": "2021-09-28",
                        "time": "18:52",
                        "title": "A café with Zoë.",
                        "body": "it’s fine",
                        "tags": [],
                        "starred": False,
                    },
                    {
                        "date": "2021-09-27",
                        "time": "10:00",
                        "title": "Lunch — late.",
                        "body": "",
                        "tags": [],
                        "starred": False,
                    },
                ],
            },
            ensure_ascii=False,
            indent=1,
        ),  # fmt: skip
    ),
    "vcard": (
        "vcard",
        "contacts.vcf",
        "BEGIN:VCARD\nVERSION:3.0\nFN:Zoë Martín\nNICKNAME:from the café\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ana Lunch — Late\nEND:VCARD\n",
    ),
    "contacts csv": (
        "vcard",
        "contacts.csv",
        "first_name,last_name,nickname\nZoë,Martín,from the café\nAna,Lunch — Late,\n",
    ),
}
CASES = pytest.mark.parametrize("case", FILES)

SAMPLE_FILES = [(path, source) for path, source in SAMPLE_SOURCES if source]


def parse(source, data):
    return importers.parse(source, data, tz=TZ)


def imported(result):
    """What an import would keep: every record, as one string to search."""
    return repr(result.moods) + repr(result.people)


def texts(result):
    """What a person reads of each record."""
    return [(m.label, m.title, m.note, m.activities, m.people) for m in result.moods] + [
        (p.name, p.nickname) for p in result.people
    ]


def keys(result):
    return [m.source_key for m in result.moods] + [p.source_key for p in result.people]


def with_line_endings(text, endings):
    lines = text.split("\n")
    return (
        "".join(line + endings[i % len(endings)] for i, line in enumerate(lines[:-1])) + (lines[-1])
    )


# --------------------------------------------------------------------------- UTF-16, no BOM


@CASES
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_recognised_and_read_by_every_importer(case, encoding):
    source, name, text = FILES[case]
    data = text.encode(encoding)
    assert detect(name, data[:65536]) == source
    assert detect("", data[:65536]) == source  # from its content, not its name
    result = parse(source, data)
    as_utf8 = parse(source, text.encode())
    assert keys(result) == keys(as_utf8) and keys(result)
    assert imported(result) == imported(as_utf8)
    assert result.problems == [] and result.notes_about_file == as_utf8.notes_about_file
    assert "café" in imported(result) and "\x00" not in imported(result)


@pytest.mark.parametrize(("path", "source"), SAMPLE_FILES)
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_every_sample_reads_the_same_in_utf16_without_a_byte_order_mark(path, source, encoding):
    original = (SAMPLES / path).read_bytes()
    data = original.decode("utf-8").encode(encoding)
    assert detect(path, data[:2048]) == source
    assert keys(parse(source, data)) == keys(parse(source, original))


csv_text = st.text(
    alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=300
)
# What people write in a note: no control characters but tab and line breaks. (A file with
# many more, like binary data, is not taken for text without a byte-order mark.)
note_text = st.text(
    alphabet=st.characters(exclude_categories=("Cs", "Cc"), include_characters="\t\r\n"),
    max_size=300,
)


@settings(max_examples=300, deadline=None)
@given(note=note_text, encoding=st.sampled_from(["utf-16-le", "utf-16-be"]))
def test_any_note_round_trips_through_utf16_without_a_byte_order_mark(note, encoding):
    quoted = '"' + note.replace('"', '""') + '"'
    text = f"{HEADER}2021-09-28,28 Sep,Tuesday,18:52,good,,,{quoted}\n"
    data = text.encode(encoding)
    assert utf16_without_bom(data) == encoding
    assert detect("", data) == "daylio"
    read = read_text(data)
    assert read.text == text and read.notes == [] and read.unreadable_lines == []


@settings(max_examples=300, deadline=None)
@given(text=csv_text)
def test_utf8_text_is_never_taken_for_utf16(text):
    data = text.encode("utf-8")
    assert utf16_without_bom(data) is None
    assert utf16_without_bom(b"\xef\xbb\xbf" + data) is None
    read = read_text(data)
    assert read.text == text.removeprefix("\ufeff") and read.unreadable_lines == []


#: Words as people write them in Western European languages, all in Windows-1252.
WORDS = [
    "café", "Zoë", "naïve", "it’s", "Grüße", "schön", "Spaß", "“quoted”", "–", "€5",
    "cœur", "Ærø", "año", "déjà", "Øl", "façade", "plain", "text", "2021-09-28", "18:52",
]  # fmt: skip
western = st.lists(
    st.tuples(st.sampled_from(WORDS), st.sampled_from([" ", ", ", "\n", '","', ". "])),
    max_size=60,
).map(lambda pairs: "".join(word + gap for word, gap in pairs))


@settings(max_examples=300, deadline=None)
@given(text=western)
def test_windows_1252_text_reads_back_as_written(text):
    data = text.encode("cp1252")
    assert utf16_without_bom(data) is None
    read = read_text(data)
    assert read.text == text and read.unreadable_lines == []


def test_a_few_stray_nul_bytes_do_not_make_a_utf8_file_utf16():
    data = HEADER.encode() + b"2021-09-28,,,18:52,good,,,caf\xc3\xa9\x00 \x00\x00\x00 \x00\n"
    assert utf16_without_bom(data) is None
    result = parse("daylio", data)
    assert result.moods[0].note == "café"
    assert "NUL characters" in result.notes_about_file[-1]


def test_nul_padding_after_a_utf8_file_is_not_utf16():
    data = (HEADER + "2021-09-28,,,18:52,good,,,café\n").encode() + b"\x00" * 4000
    assert utf16_without_bom(data) is None
    assert parse("daylio", data).moods[0].note == "café"


def test_binary_data_is_not_taken_for_utf16():
    # Little-endian 16-bit numbers have a zero in every other byte, like UTF-16 ASCII,
    # but read as text they are control characters.
    data = bytes(range(1, 30)) * 2 + b"".join(n.to_bytes(2, "little") for n in range(1, 31)) * 40
    assert utf16_without_bom(data) is None


def test_utf16_mostly_in_chinese_is_recognised():
    body = "今天一切都好。我和朋友吃了晚饭，然后散步回家，路上看到了很多漂亮的花和树。" * 6
    text = "".join(f"[2021-09-{day:02} 18:52] {body}\n" for day in range(1, 20))
    for encoding in ("utf-16-le", "utf-16-be"):
        data = text.encode(encoding)
        assert detect("", data) == "jrnl"
        result = parse("jrnl", data)
        assert len(result.moods) == 19 and result.moods[0].title.startswith("今天一切都好。")


# --------------------------------------------------------------------------- Windows-1252


@CASES
def test_a_windows_1252_file_is_read_and_the_note_shows_how_it_came_out(case):
    source, name, text = FILES[case]
    data = with_line_endings(text, ["\r\n"]).encode("cp1252")  # as Excel saves it
    assert detect(name, data) == source
    result = parse(source, data)
    assert keys(result) == keys(parse(source, text.encode()))
    assert "café" in imported(result) and "Ã" not in imported(result)
    note = result.notes_about_file[0]
    assert note.startswith("The file isn’t in UTF-8, so it was read as Windows-1252")
    assert "for example, reads 'café'" in note or "for example, reads 'Zoë'" in note
    assert "save it again as “CSV UTF-8”" in note


def test_a_german_windows_1252_file_with_a_utf8_lookalike_is_still_windows_1252():
    # In Windows-1252 "ß“" is DF 93, a valid UTF-8 pair by chance; the rest is plainly not.
    note = "Das macht Spaß“ – schöne Grüße"
    data = (HEADER + f"2021-09-28,,,18:52,good,,,„{note}\n").encode("cp1252")
    result = parse("daylio", data)
    assert result.moods[0].note == f"„{note}" and result.problems == []
    assert "for example, reads '„Das'" in result.notes_about_file[0]


def test_a_byte_windows_1252_has_no_letter_for_is_not_saved_as_garbage():
    data = (HEADER + "2021-09-28,,,18:52,good,,,café\n").encode("cp1252")
    data += b"2021-09-27,,,18:52,meh,,,caf\xe9 \x81 au lait\n"
    result = parse("daylio", data)
    assert [m.note for m in result.moods] == ["café"]
    assert [str(p) for p in result.problems] == [
        "row 3: a character in this row can’t be read, so the row was skipped rather than "
        "saved garbled"
    ]


# --------------------------------------------------------------------------- line endings


@CASES
@pytest.mark.parametrize(
    "endings", [["\r\n"], ["\r"], ["\r\n", "\r", "\n"], ["\n", "\r"]], ids=repr
)
def test_mixed_line_endings_read_as_the_same_records(case, endings):
    source, name, text = FILES[case]
    data = with_line_endings(text, endings).encode()
    assert detect(name, data) == source
    result = parse(source, data)
    plain = parse(source, text.encode())
    assert keys(result) == keys(plain) and keys(result)
    assert texts(result) == texts(plain)
    assert result.problems == [] and result.notes_about_file == plain.notes_about_file
    assert all("\r" not in m.note and "\r" not in m.title for m in result.moods)


# --------------------------------------------------------------------------- damaged UTF-8


def damaged(text, encoding="utf-8"):
    """The file with its one em dash cut in half, as a broken copy or upload leaves it."""
    whole = "—".encode(encoding)
    data = text.encode(encoding)
    assert data.count(whole) == 1
    return data.replace(whole, whole[:-1])


@CASES
def test_a_damaged_byte_skips_only_its_record_and_says_where(case):
    source, name, text = FILES[case]
    data = damaged(text)
    assert detect(name, data) == source
    result = parse(source, data)
    whole = parse(source, text.encode())
    kept = imported(result)
    # The rest reads as written: no Windows-1252 guess turning 'café' into 'cafÃ©'.
    assert "café" in kept and "Zoë" in kept and "Ã" not in kept and UNREADABLE not in kept
    assert "Lunch" not in kept and len(keys(result)) == len(keys(whole)) - 1
    assert set(keys(result)) < set(keys(whole))
    (problem,) = result.problems
    assert "a character in this" in problem.reason and "can’t be read" in problem.reason
    assert "was skipped rather than saved garbled" in problem.reason
    line = text[: text.index("—")].count("\n") + 1
    note = result.notes_about_file[0]
    assert note.startswith(f"Line {line} of the file has a character that can’t be read (shown")
    assert "skipped, so nothing garbled is saved (see below)" in note
    assert "export the file again, or retype that character in a text editor" in note
    assert not any("Windows-1252" in n for n in result.notes_about_file)


# Any text but NUL, the replacement character itself (a file that already holds "�" and
# is damaged too has those rows skipped as well: they can't be told apart) and BEL, which
# marks the character to cut.
note_text = st.text(
    alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00\x07\ufffd"),
    max_size=80,
)
wide = st.characters(min_codepoint=0x80, exclude_categories=("Cs",), exclude_characters="\ufffd")


@settings(max_examples=200, deadline=None)
@given(
    notes=st.lists(note_text, min_size=1, max_size=6),
    cut=st.tuples(note_text, wide, note_text),
    where=st.integers(min_value=0),
)
def test_a_character_cut_in_half_anywhere_costs_only_its_row(notes, cut, where):
    before, broken, after = cut
    at = where % (len(notes) + 1)
    notes = [*notes[:at], f"{before}\x07{after}", *notes[at:]]
    buffer = io.StringIO(newline="")
    # Every field quoted: the csv module leaves a lone "\r" unquoted, which ends a row.
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(HEADER.strip().split(","))
    writer.writerow(["2020-01-01", "", "", "08:00", "good", "", "", "a café"])
    for day, note in enumerate(notes, start=2):
        writer.writerow([f"2020-01-{day:02}", "", "", "08:00", "good", "", "", note])
    text = buffer.getvalue().encode()
    whole = text.replace(b"\x07", broken.encode())
    data = text.replace(b"\x07", broken.encode()[:-1])  # its last byte lost

    expected = parse("daylio", whole)
    result = parse("daylio", data)
    lost = f"2020-01-{at + 2:02}"
    assert result.moods == [m for m in expected.moods if m.source_row["full_date"] != lost]
    assert [p.row_number for p in result.problems] == [at + 3]
    assert UNREADABLE not in imported(result)


def test_each_damaged_row_is_listed_and_counted():
    rows = [f"2021-09-{day:02},,,18:52,good,,,café {day}\n" for day in range(1, 11)]
    data = b"".join(
        row.encode().replace(b"\xc3\xa9", b"\xc3") if day in (3, 7) else row.encode()
        for day, row in enumerate(rows, start=1)
    )
    result = parse("daylio", HEADER.encode() + data)
    assert len(result.moods) == 8 and result.rows_read == 10
    assert [p.row_number for p in result.problems] == [4, 8]
    assert result.notes_about_file[0].startswith("Lines 4 and 8 of the file have a character")
    assert "The 2 rows with one were skipped" in result.notes_about_file[0]


def test_a_damaged_byte_outside_any_record_is_said_but_skips_nothing():
    text = "Written by hand — my journal\n" + FILES["jrnl plain"][2].replace("—", "-")
    result = parse("jrnl", damaged(text))
    assert len(result.moods) == 2
    assert result.notes_about_file[0] == (
        "Line 1 of the file has a character that can’t be read (shown as �). The file may be "
        "damaged there, or that part was saved another way. Nothing that is brought in is "
        "affected."
    )


def test_a_utf16_file_cut_off_mid_character_skips_the_cut_record():
    source, name, text = FILES["daylio"]
    data = ("\ufeff" + text).encode("utf-16-le")[:-3]  # the last "e" and half the newline
    result = parse(source, data)
    assert len(result.moods) == 2 and UNREADABLE not in imported(result)
    assert [p.row_number for p in result.problems] == [4]  # the note's two lines are one row


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_lone_half_of_a_utf16_pair_is_unreadable_not_saved(encoding):
    text = FILES["daylio"][2].replace("—", "\U0001f600")
    data = text.encode(encoding)
    whole = "\U0001f600".encode(encoding)
    result = parse("daylio", data.replace(whole, whole[:2]))
    assert len(result.moods) == 2 and [p.row_number for p in result.problems] == [4]
    assert detect("", data.replace(whole, whole[:2])) == "daylio"


def test_half_a_character_in_a_jrnl_json_escape_skips_that_entry():
    entries = [
        {"date": "2021-09-28", "time": "18:52", "title": "A café.", "body": ""},
        {"date": "2021-09-27", "time": "10:00", "title": "Half \ud83d a face.", "body": ""},
    ]
    data = json.dumps({"entries": entries}).encode()  # escaped: "\\ud83d", valid JSON
    result = parse("jrnl", data)
    assert [m.title for m in result.moods] == ["A café."]
    assert [str(p) for p in result.problems] == [
        "entry 2: a character in this entry can’t be read, so the entry was skipped rather "
        "than saved garbled"
    ]


def test_text_passed_in_as_a_string_with_half_a_character_is_caught_too():
    text = HEADER + "2021-09-28,,,18:52,good,,,half \ud83d a face\n2021-09-27,,,18:52,meh,,,café\n"
    result = parse("daylio", text)
    assert [m.note for m in result.moods] == ["café"]
    assert [p.row_number for p in result.problems] == [2]
    assert result.notes_about_file[0].startswith("Line 2 of the file has a character")
