"""Contacts as people: vCard files (Monica, phones) and a simple contacts CSV.

vCard 3.0 (and the 2.1 and 4.0 files phones write): several cards per file,
folded lines, escaped text, quoted-printable names. A person's name is ``FN``;
a card with an empty ``FN`` falls back to ``NICKNAME``, then to ``N``. A card
with a ``UID`` keeps it as its natural key, so an edited contact is still
recognised on re-import.

The CSV form reads ``first_name``, ``middle_name``, ``last_name``, ``nickname``
or a single ``name`` column by header name (Monica's CSV stub, and the usual
spreadsheet spellings).
"""

from __future__ import annotations

import codecs
import functools
import quopri
import re
from typing import NamedTuple
from zoneinfo import ZoneInfo

from .base import (
    Collector,
    ImportedPerson,
    ImportFormatError,
    ParseResult,
    ProgressCallback,
    display_label,
    make_key,
    open_csv,
    source_title_hint,
)
from .text import (
    FileText,
    Stream,
    preview,
    read_text,
    some_of,
)

SOURCE = "vcard"

_PROPERTY = re.compile(r"^(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)((?:;[^:]*)?):(.*)$", re.DOTALL)
_BINARY = {"PHOTO", "LOGO", "SOUND", "KEY"}
# Any line ending: \r\n, \n, or a lone \r (old Mac tools).
_BEGIN = re.compile(r"(?:^|[\r\n])[ \t]*BEGIN:VCARD[ \t]*(?:[\r\n]|$)", re.IGNORECASE)
_KEPT_BINARY = "(binary data not kept)"


def parse(
    stream: Stream, *, tz: ZoneInfo | None = None, on_progress: ProgressCallback = None
) -> ParseResult:
    """Read a vCard file, or a contacts CSV (told apart by content).

    ``tz`` is accepted for a uniform signature; contacts carry no times."""
    file = read_text(stream)
    reader = _parse_vcf if _BEGIN.search(file.text) else _parse_csv
    return reader(file, on_progress)


# --------------------------------------------------------------------------- vCard text


def _unescape(value: str) -> str:
    out = []
    i = 0
    while i < len(value):
        ch = value[i]
        if ch == "\\" and i + 1 < len(value):
            nxt = value[i + 1]
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def _split_unescaped(value: str, sep: str) -> list[str]:
    parts, current, i = [], [], 0
    while i < len(value):
        ch = value[i]
        if ch == "\\" and i + 1 < len(value):
            current.append(value[i : i + 2])
            i += 2
            continue
        if ch == sep:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    parts.append("".join(current))
    return parts


def _params(text: str) -> dict[str, str]:
    params: dict[str, str] = {}
    for part in text.split(";"):
        if not part:
            continue
        if "=" in part:
            key, _, value = part.partition("=")
            params[key.strip().upper()] = value.strip().strip('"')
        else:  # vCard 2.1 bare parameters: QUOTED-PRINTABLE, HOME, …
            bare = part.strip().upper()
            if bare in ("QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"):
                params["ENCODING"] = bare
            else:
                params.setdefault("TYPE", bare)
    return params


#: What a field is called in a message about it.
_FIELD_WORDS = {
    "FN": "name",
    "N": "name",
    "NICKNAME": "nickname",
    "ORG": "organisation",
    "EMAIL": "email address",
    "TEL": "phone number",
    "ADR": "address",
    "NOTE": "note",
    "TITLE": "job title",
}
#: The encodings tried when a quoted-printable value is not in the charset it names.
_FALLBACKS = ("utf-8", "cp1252")
_SHOWN = {"utf-8": "UTF-8", "cp1252": "Windows-1252"}
# Printable ASCII, and a backslash escape (which unicode-escape would turn into a newline).
_ASCII = bytes(b for b in range(0x20, 0x7F) if b != 0x5C) + b"\\n\t"


@functools.lru_cache(maxsize=64)
def _charset(name: str) -> tuple[str, bool] | None:
    """Python's codec for a CHARSET the card names, and whether it reads one byte as one
    letter (as ISO-8859-1 does); None when it names no character set Python knows, or one
    that does not read ASCII as ASCII (UTF-16, base64, rot13 …), which no card means."""
    try:
        codec = codecs.lookup(name).name
        if _ASCII.decode(codec) != _ASCII.decode("ascii"):
            return None
    except (LookupError, UnicodeError, ValueError, TypeError):
        return None
    try:
        letters = len(bytes(range(0x80, 0x100)).decode(codec, "replace"))
    except (LookupError, UnicodeError, ValueError, TypeError):
        letters = 0
    return codec, codec != "utf-8" and letters == 0x80


class _Value(NamedTuple):
    """A field's value as read: the text (None when no encoding fits its bytes), and, when it
    was not read as the card says, the codec it was read with instead."""

    text: str | None
    read_as: str = ""


def _decode(value: str, params: dict[str, str]) -> _Value:
    """A quoted-printable value read in the charset it names, tried strictly, then as UTF-8,
    then as Windows-1252 (a charset that reads any byte, like ISO-8859-1, comes after UTF-8:
    it would read UTF-8 as garbled letters). Never text with letters replaced by �."""
    if params.get("ENCODING", "").upper() != "QUOTED-PRINTABLE":
        return _Value(value)
    named = params.get("CHARSET", "").strip()
    found = _charset(named) if named else ("utf-8", False)
    order = list(_FALLBACKS)
    if found is not None:
        codec, one_byte = found
        order.insert(1 if one_byte else 0, codec)
    try:
        raw = quopri.decodestring(value.encode("utf-8"))
    except UnicodeEncodeError:  # half a character: read_text leaves none, but never save one
        return _Value(None)
    for codec in dict.fromkeys(order):
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        text = text.replace("\x00", "")  # as read_text does: no database keeps it
        if found is not None and codec == found[0]:
            return _Value(text)
        return _Value(text, read_as=codec)
    return _Value(None)


def _cards(numbers: list[int]) -> str:
    return ("Card " if len(numbers) == 1 else "Cards ") + some_of([str(n) for n in numbers])


def _misread_notes(misread: dict[tuple[str, str], list[tuple[int, str]]]) -> list[str]:
    """Say which cards were read another way than they say, and how one reads now."""
    notes = []
    for (named, read_as), cards in misread.items():
        numbers = [number for number, _ in cards]
        one = len(numbers) == 1
        which = _cards(numbers)
        its = "its" if one else "their"
        if not named:
            why = (
                f"{which} {'doesn’t' if one else 'don’t'} say how {its} letters are written, "
                "and they aren’t in UTF-8"
            )
        elif _charset(named) is None:
            why = (
                f"{which} {'says' if one else 'say'} {its} letters are in {preview(named, 30)}, "
                "which withness can’t read a contact in"
            )
        else:
            why = (
                f"{which} {'says' if one else 'say'} {its} letters are in {named[:30]}, but "
                "they aren’t"
            )
        number, text = cards[0]
        example = "it reads" if one else f"card {number}, for example, reads"
        notes.append(
            f"{why}, so they were read as {_SHOWN[read_as]} instead: {example} "
            f"{preview(text)}. If a name looks wrong, you can correct it in your people list."
        )
    return notes


def _unreadable_field(name: str, named: str) -> str:
    what = _FIELD_WORDS.get(name, f"{name} field")
    found = _charset(named) if named else None
    others = " or ".join(_SHOWN[c] for c in _FALLBACKS if not found or c != found[0])
    if not named:
        why = f"it isn’t written in {others}"
    elif found is None:
        why = (
            f"it says it is written in {preview(named, 30)}, which withness can’t read a "
            f"contact in, and it isn’t {others} either"
        )
    else:
        why = f"it says it is written in {named[:30]}, but it isn’t, nor in {others}"
    return (
        f"the {what} in this contact can’t be read ({why}), so the contact was skipped "
        "rather than saved garbled"
    )


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """Unfold continuation lines (leading space or tab; quoted-printable soft breaks)."""
    out: list[tuple[int, str]] = []
    qp_open = False
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        if out and line[:1] in (" ", "\t") and not qp_open:
            out[-1] = (out[-1][0], out[-1][1] + line[1:])
        elif out and qp_open:
            out[-1] = (out[-1][0], out[-1][1][:-1] + line)
        else:
            out.append((number, line))
        current = out[-1][1]
        qp_open = "QUOTED-PRINTABLE" in current.split(":", 1)[0].upper() and current.endswith("=")
    return out


def _parse_vcf(file: FileText, on_progress: ProgressCallback) -> ParseResult:
    text = file.text
    out = Collector(SOURCE, on_progress, file)
    card: dict[str, list[tuple[dict[str, str], str]]] | None = None
    raw: dict[str, list[str]] = {}
    card_number = 0
    card_line = 0
    stray = 0
    #: Why the card being read can't be brought in (a field no encoding reads), if so.
    unreadable = ""
    #: Its first field read another way than the card says: (charset named, codec, text).
    read_otherwise: tuple[str, str, str] | None = None
    misread: dict[tuple[str, str], list[tuple[int, str]]] = {}

    def finish() -> None:
        nonlocal card, unreadable, read_otherwise
        if card is not None and unreadable:
            out.problem(card_number, unreadable, "card")
        elif card is not None and not out.unreadable(card_number, [card, raw], "card", "contact"):
            _card_to_person(out, card, raw, card_number)
            if read_otherwise:
                named, codec, value = read_otherwise
                misread.setdefault((named, codec), []).append((card_number, value))
        card, unreadable, read_otherwise = None, "", None

    for line_number, line in _logical_lines(text):
        if not line.strip():
            continue
        upper = line.strip().upper()
        if upper == "BEGIN:VCARD":
            if card is not None:
                out.note(
                    f"Card {card_number} (line {card_line}) has no END:VCARD before the next "
                    "card begins; it was read up to there."
                )
                finish()
            card_number += 1
            card_line = line_number
            out.rows_read += 1
            out.tick()
            card, raw = {}, {}
            continue
        if upper == "END:VCARD":
            if card is None:
                stray += 1
            finish()
            continue
        if card is None:
            stray += 1
            continue
        m = _PROPERTY.match(line)
        if not m:
            continue
        name = m[1].upper()
        params = _params(m[2][1:] if m[2] else "")
        binary = name in _BINARY or params.get("ENCODING", "").upper() in ("B", "BASE64")
        raw.setdefault(name, []).append(_KEPT_BINARY if binary else line)
        if binary:
            continue
        value = _decode(m[3], params)
        named = params.get("CHARSET", "").strip()
        if value.text is None:
            unreadable = unreadable or _unreadable_field(name, named)
            continue
        if value.read_as:
            read_otherwise = read_otherwise or (named, value.read_as, value.text)
        card.setdefault(name, []).append((params, value.text))
    if card is not None:
        out.note(f"The last card (line {card_line}) has no END:VCARD line; it was read anyway.")
        finish()
    if stray:
        out.note(f"{stray} line(s) outside any BEGIN:VCARD … END:VCARD block were ignored.")
    if card_number == 0:
        raise ImportFormatError(
            "No contacts found: a vCard file holds cards that start with BEGIN:VCARD."
        )
    for note in _misread_notes(misread):
        out.note(note)
    return out.result()


def _first(card: dict[str, list[tuple[dict[str, str], str]]], name: str) -> str:
    values = card.get(name) or []
    return values[0][1] if values else ""


def _card_to_person(
    out: Collector,
    card: dict[str, list[tuple[dict[str, str], str]]],
    raw: dict[str, list[str]],
    number: int,
) -> None:
    full_name = display_label(_unescape(_first(card, "FN")))
    nicknames = [
        display_label(_unescape(n))
        for _, value in card.get("NICKNAME", [])
        for n in _split_unescaped(value, ",")
        if display_label(_unescape(n))
    ]
    nickname = ", ".join(dict.fromkeys(nicknames))
    name = full_name or (nicknames[0] if nicknames else "")
    if not name and card.get("N"):
        parts = [display_label(_unescape(p)) for p in _split_unescaped(_first(card, "N"), ";")]
        parts += [""] * (5 - len(parts))
        family, given, additional, prefix, suffix = parts[:5]
        name = " ".join(p for p in (prefix, given, additional, family, suffix) if p)
    if not name:
        org = display_label(_unescape(_first(card, "ORG").split(";")[0]))
        extra = f"; it only names an organisation, '{org}'" if org else ""
        out.problem(
            number, f"the contact has no name (FN, NICKNAME and N are empty){extra}", "card"
        )
        return
    uid = _first(card, "UID").strip()
    if uid:
        key = make_key(SOURCE, "uid", uid)
    else:
        emails = sorted(v.strip().casefold() for _, v in card.get("EMAIL", []))
        phones = sorted(re.sub(r"[^\d+]", "", v) for _, v in card.get("TEL", []))
        key = make_key(SOURCE, name.casefold(), nickname.casefold(), *emails, "|", *phones)
    if out.is_duplicate(key, number, "card", what="contact"):
        return
    out.add_person(ImportedPerson(name=name, nickname=nickname, source_key=key, source_row=raw))


# --------------------------------------------------------------------------- CSV

COLUMNS = {
    "name": ("full name", "display name", "fn"),
    "first_name": ("first name", "given name", "firstname"),
    "middle_name": ("middle name", "additional name", "middlename"),
    "last_name": ("last name", "family name", "surname", "lastname"),
    "nickname": ("nick name", "nick"),
}


def _parse_csv(file: FileText, on_progress: ProgressCallback) -> ParseResult:
    text = file.text
    out = Collector(SOURCE, on_progress, file)
    try:
        table = open_csv(
            text,
            source_title="contacts",
            source_name=SOURCE,
            columns=COLUMNS,
            required=[("name", "first_name", "last_name", "nickname")],
            collector=out,
            expected="name, or first_name and last_name (nickname optional)",
            join_overflow=False,
        )
    except ImportFormatError:
        if not text.strip():
            raise
        first = next(line for line in text.splitlines() if line.strip())
        raise ImportFormatError(
            "This is neither a vCard file (no line says BEGIN:VCARD) nor a contacts CSV "
            "(a first line naming columns such as name, or first_name and last_name); "
            f"its first line reads {preview(first, 80)}." + source_title_hint(text, SOURCE)
        ) from None
    for row_number, fields, raw in table.rows:
        out.rows_read += 1
        out.tick()
        nickname = display_label(fields.get("nickname", ""))
        name = display_label(fields.get("name", "")) or " ".join(
            p
            for p in (
                display_label(fields.get("first_name", "")),
                display_label(fields.get("middle_name", "")),
                display_label(fields.get("last_name", "")),
            )
            if p
        )
        name = name or nickname
        if not name:
            out.problem(row_number, "the contact has no name (the name columns are empty)")
            continue
        key = make_key(SOURCE, "csv", name.casefold(), nickname.casefold())
        if out.is_duplicate(key, row_number, what="contact"):
            continue
        out.add_person(ImportedPerson(name=name, nickname=nickname, source_key=key, source_row=raw))
    return out.result()
