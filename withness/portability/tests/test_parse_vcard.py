"""vCard and contacts-CSV parser: people only."""

import contextlib
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from withness.portability.importers import ImportFormatError, vcard

SAMPLES = Path(__file__).parent / "samples" / "monica"
TZ = ZoneInfo("UTC")


def parse(data, **kw):
    return vcard.parse(data, tz=TZ, **kw)


def card(*lines, version="3.0"):
    return "BEGIN:VCARD\r\nVERSION:" + version + "\r\n" + "\r\n".join(lines) + "\r\nEND:VCARD\r\n"


def test_monica_vcard_sample():
    result = parse((SAMPLES / "monicahq_tests_stubs_vcard_stub.vcf").read_bytes())
    assert result.rows_read == 3
    assert result.problems == [] and result.moods == []
    assert [(p.name, p.nickname) for p in result.people] == [
        ("Bono", ""),
        ("John Doe", ""),
        ("Johnny", "Johnny"),  # empty FN falls back to NICKNAME
    ]
    assert result.people[0].source_row["EMAIL"] == ["EMAIL;TYPE=INTERNET:bono@example.com"]
    assert len({p.source_key for p in result.people}) == 3


def test_monica_csv_stub():
    result = parse((SAMPLES / "monicahq_tests_stubs_single_contact_stub.csv").read_bytes())
    assert [(p.name, p.nickname) for p in result.people] == [("Bono Paul David Hewson", "")]
    assert result.people[0].source_row["(extra fields)"].endswith("bono@example.com")
    assert result.notes_about_file == [
        "1 row had more fields than the header (row 2); the extra fields were kept with the "
        "row but not used."
    ]


def test_folded_escaped_and_quoted_printable_lines():
    text = (
        card("FN:Alexan\r\n dra Smith", "NICKNAME:Al,Lexi")
        + card("FN:Doe\\, Jane", "N:Doe;Jane;;;")
        + card(
            "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:;Ren=C3=A9e;;;",
            "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Ren=C3=A9e Fran=\r\n=C3=A7ois",
            version="2.1",
        )
        + card("N:García;José;Luis;Dr.;", "TEL:+34 600 000 000")
        + card("FN:Photo Person", "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQ")
    )
    result = parse(text)
    assert result.problems == []
    assert [(p.name, p.nickname) for p in result.people] == [
        ("Alexandra Smith", "Al, Lexi"),
        ("Doe, Jane", ""),
        ("Renée François", ""),
        ("Dr. José Luis García", ""),
        ("Photo Person", ""),
    ]
    assert result.people[4].source_row["PHOTO"] == ["(binary data not kept)"]


def test_cards_without_a_name_and_duplicates_are_reported():
    text = (
        card("FN:Sam")
        + card("FN:", "N:;;;;", "ORG:Acme Ltd")
        + card("EMAIL:x@example.com")
        + card("FN:Sam")
    )
    result = parse(text)
    assert [p.name for p in result.people] == ["Sam"]
    assert [str(p) for p in result.problems] == [
        "card 2: the contact has no name (FN, NICKNAME and N are empty); it only names an "
        "organisation, 'Acme Ltd'",
        "card 3: the contact has no name (FN, NICKNAME and N are empty)",
        "card 4: the same contact as card 1; it is imported once",
    ]


def test_uid_keeps_the_key_when_the_name_changes():
    before = parse(card("UID:abc-123", "FN:Sam Lee")).people[0]
    after = parse(card("UID:abc-123", "FN:Samantha Lee")).people[0]
    other = parse(card("FN:Sam Lee")).people[0]
    assert before.source_key == after.source_key != other.source_key


def test_missing_end_and_stray_lines_are_noted():
    text = "junk line\nBEGIN:VCARD\nFN:One\nBEGIN:VCARD\nFN:Two\n"
    result = parse(text)
    assert [p.name for p in result.people] == ["One", "Two"]
    assert len(result.notes_about_file) == 3


def test_contacts_csv_with_spreadsheet_headers():
    text = "id,First Name,Last Name,Nickname\n1,Ada,Lovelace,\n2,,,Bee\n,,,\n4,,,\n"
    result = parse(text)
    assert [(p.name, p.nickname) for p in result.people] == [("Ada Lovelace", ""), ("Bee", "Bee")]
    assert [str(p) for p in result.problems] == [
        "row 5: the contact has no name (the name columns are empty)"
    ]


@pytest.mark.parametrize(
    "data, words",
    [
        ("", "empty"),
        ("hello, world\n1,2\n", "neither a vCard file"),
        ("BEGIN:VCALENDAR\nEND:VCALENDAR\n", "neither a vCard file"),
    ],
)
def test_not_contacts(data, words):
    with pytest.raises(ImportFormatError, match=words):
        parse(data)


def test_a_daylio_file_names_the_right_importer():
    daylio = Path(__file__).parent / "samples/daylio/staticf0x_test_data.csv"
    with pytest.raises(ImportFormatError, match="Daylio"):
        parse(daylio.read_bytes())


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.binary()))
def test_arbitrary_input_raises_nothing_but_import_format_error(data):
    with contextlib.suppress(ImportFormatError):
        parse(data)


props = st.sampled_from(
    ["FN", "N", "NICKNAME", "UID", "EMAIL", "TEL", "ORG", "PHOTO", "item1.EMAIL", "X-Y"]
)
params = st.sampled_from(
    ["", ";CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE", ";ENCODING=b", ";TYPE=HOME", ";CHARSET=nope"]
)
lines = st.tuples(props, params, st.text(max_size=20)).map(lambda t: f"{t[0]}{t[1]}:{t[2]}")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(lines | st.text(max_size=10), max_size=6), min_size=1, max_size=5))
def test_any_cards_never_raise(cards):
    result = parse("".join(card(*c) for c in cards))
    assert len(result.people) + len(result.problems) <= len(cards) + result.rows_read
