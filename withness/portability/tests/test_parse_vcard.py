"""vCard and contacts-CSV parser: people only."""

import contextlib
import quopri
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


# --------------------------------------------------------------------------- quoted-printable


def qp(charset, value, name="FN"):
    """A quoted-printable field naming ``charset`` (none when empty), as phones write it."""
    named = f";CHARSET={charset}" if charset else ""
    return f"{name}{named};ENCODING=QUOTED-PRINTABLE:{value}"


def names(result):
    return [p.name for p in result.people]


@pytest.mark.parametrize(
    ("charset", "value", "name", "note"),
    [
        (  # Windows-1252 bytes in a card that says UTF-8
            "UTF-8",
            "Zo=EB Mart=EDn",
            "Zoë Martín",
            "Card 1 says its letters are in UTF-8, but they aren’t, so they were read as "
            "Windows-1252 instead: it reads 'Zoë Martín'.",
        ),
        (  # UTF-8 bytes in a card that says ISO-8859-1, which would read them as 'ZoÃ«'
            "ISO-8859-1",
            "Zo=C3=AB",
            "Zoë",
            "Card 1 says its letters are in ISO-8859-1, but they aren’t, so they were read as "
            "UTF-8 instead: it reads 'Zoë'.",
        ),
        (  # a name that is no character set
            "x-mac-nonsense",
            "Zo=C3=AB",
            "Zoë",
            "Card 1 says its letters are in 'x-mac-nonsense', which withness can’t read a "
            "contact in, so they were read as UTF-8 instead: it reads 'Zoë'.",
        ),
        (  # a codec that is not a character set
            "base64",
            "Zo=EB",
            "Zoë",
            "Card 1 says its letters are in 'base64', which withness can’t read a contact in, "
            "so they were read as Windows-1252 instead: it reads 'Zoë'.",
        ),
        (  # none named, and not UTF-8
            "",
            "Zo=EB",
            "Zoë",
            "Card 1 doesn’t say how its letters are written, and they aren’t in UTF-8, so they "
            "were read as Windows-1252 instead: it reads 'Zoë'.",
        ),
    ],
    ids=["utf-8 but windows-1252", "latin-1 but utf-8", "unknown", "base64", "none named"],
)
def test_a_name_in_another_charset_than_the_card_says_is_read_as_its_bytes_are(
    charset, value, name, note
):
    result = parse(card(qp(charset, value), version="2.1") + card("FN:Sam"))
    assert names(result) == [name, "Sam"] and result.problems == []
    assert result.notes_about_file == [
        note + " If a name looks wrong, you can correct it in your people list."
    ]


@pytest.mark.parametrize(
    ("charset", "value", "name"),
    [
        ("UTF-8", "Ren=C3=A9e", "Renée"),
        ("ISO-8859-1", "Ren=E9e", "Renée"),
        ("windows-1252", "=93Ren=E9e=94", "“Renée”"),
        ("Shift_JIS", "=93=FA=96=7B", "日本"),
        ("ISO-8859-2", "=A3ukasz", "Łukasz"),
        ("", "Ren=C3=A9e", "Renée"),
    ],
)
def test_a_name_in_the_charset_the_card_says_is_read_in_it_without_a_note(charset, value, name):
    result = parse(card(qp(charset, value), version="2.1"))
    assert names(result) == [name] and result.problems == [] and result.notes_about_file == []


def test_several_cards_read_another_way_are_told_in_one_note():
    text = "".join(card(qp("UTF-8", f"Zo=EB {n}")) for n in range(1, 8))
    result = parse(text)
    assert len(result.people) == 7
    assert result.notes_about_file == [
        "Cards 1, 2, 3, 4, 5 and 2 more say their letters are in UTF-8, but they aren’t, so "
        "they were read as Windows-1252 instead: card 1, for example, reads 'Zoë 1'. If a "
        "name looks wrong, you can correct it in your people list."
    ]


@pytest.mark.parametrize(
    ("charset", "reason"),
    [
        ("UTF-8", "it says it is written in UTF-8, but it isn’t, nor in Windows-1252"),
        ("windows-1252", "it says it is written in windows-1252, but it isn’t, nor in UTF-8"),
        (
            "x-nope",
            "it says it is written in 'x-nope', which withness can’t read a contact in, and it "
            "isn’t UTF-8 or Windows-1252 either",
        ),
        ("", "it isn’t written in UTF-8 or Windows-1252"),
    ],
)
def test_a_name_no_charset_reads_skips_its_card_rather_than_saving_it_garbled(charset, reason):
    # 0x81 is not a letter in Windows-1252, and alone it is not UTF-8.
    result = parse(card("FN:Sam") + card(qp(charset, "Zo=81")) + card("FN:Ana"))
    assert names(result) == ["Sam", "Ana"]
    assert [str(p) for p in result.problems] == [
        f"card 2: the name in this contact can’t be read ({reason}), so the contact was "
        "skipped rather than saved garbled"
    ]


def test_any_unreadable_field_skips_its_card_with_what_it_was():
    result = parse(card("FN:Sam", qp("UTF-8", "=81=81", name="NOTE")))
    assert result.people == []
    assert [p.reason.split(" (")[0] for p in result.problems] == [
        "the note in this contact can’t be read"
    ]


@pytest.mark.parametrize(
    "charset", ["rot13", "hex", "zlib", "uu", "quopri", "idna", "punycode", "utf-16", "utf-7"]
)
def test_a_codec_that_is_no_character_set_is_never_used_and_never_fails(charset):
    result = parse(card(qp(charset, "Zo=EB Mart=C3=ADn=81"), "UID:1") + card(qp(charset, "Zoey")))
    assert names(result) == ["Zoey"]
    assert "can’t be read" in result.problems[0].reason


def test_letters_written_out_in_a_quoted_printable_field_are_kept():
    # Some tools write the letters themselves and mark the field quoted-printable anyway.
    result = parse(card(qp("UTF-8", "Łukasz Zoë"), qp("UTF-8", "A=00B", name="NICKNAME")))
    assert [(p.name, p.nickname) for p in result.people] == [("Łukasz Zoë", "AB")]


@settings(max_examples=300, deadline=None)
@given(
    value=st.binary(max_size=30),
    charset=st.sampled_from(
        ["UTF-8", "utf-8", "ISO-8859-1", "windows-1252", "Shift_JIS", "x-nope", "base64", ""]
    ),
)
def test_a_quoted_printable_name_is_read_right_or_its_card_skipped(value, charset):
    encoded = quopri.encodestring(value).decode("ascii").replace("=\n", "")
    result = parse(card("FN:Sam") + card(qp(charset, encoded or "x"), "UID:1"))
    assert len(result.people) + len(result.problems) == 2
    assert all("\ufffd" not in p.name and "\x00" not in p.name for p in result.people)
