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
import quopri
import re
from zoneinfo import ZoneInfo

from .base import (
    Collector,
    ImportedPerson,
    ImportFormatError,
    ParseResult,
    ProgressCallback,
    Stream,
    display_label,
    make_key,
    open_csv,
    preview,
    read_text,
    source_title_hint,
)

SOURCE = "vcard"

_PROPERTY = re.compile(r"^(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)((?:;[^:]*)?):(.*)$", re.DOTALL)
_BINARY = {"PHOTO", "LOGO", "SOUND", "KEY"}
_BEGIN = re.compile(r"^[ \t]*BEGIN:VCARD[ \t\r]*$", re.IGNORECASE | re.MULTILINE)
_KEPT_BINARY = "(binary data not kept)"


def parse(
    stream: Stream, *, tz: ZoneInfo | None = None, on_progress: ProgressCallback = None
) -> ParseResult:
    """Read a vCard file, or a contacts CSV (told apart by content).

    ``tz`` is accepted for a uniform signature; contacts carry no times."""
    text, decode_notes = read_text(stream)
    reader = _parse_vcf if _BEGIN.search(text) else _parse_csv
    result = reader(text, on_progress)
    result.notes_about_file[:0] = decode_notes
    return result


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


def _decode(value: str, params: dict[str, str]) -> str:
    if params.get("ENCODING", "").upper() != "QUOTED-PRINTABLE":
        return value
    charset = params.get("CHARSET", "utf-8")
    try:
        codecs.lookup(charset)
    except LookupError:
        charset = "utf-8"
    raw = quopri.decodestring(value.encode("latin-1", errors="replace"))
    return raw.decode(charset, errors="replace")


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


def _parse_vcf(text: str, on_progress: ProgressCallback) -> ParseResult:
    out = Collector(SOURCE, on_progress)
    card: dict[str, list[tuple[dict[str, str], str]]] | None = None
    raw: dict[str, list[str]] = {}
    card_number = 0
    card_line = 0
    stray = 0

    def finish() -> None:
        nonlocal card
        if card is not None:
            _card_to_person(out, card, raw, card_number)
        card = None

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
        if not binary:
            card.setdefault(name, []).append((params, _decode(m[3], params)))
    if card is not None:
        out.note(f"The last card (line {card_line}) has no END:VCARD line; it was read anyway.")
        finish()
    if stray:
        out.note(f"{stray} line(s) outside any BEGIN:VCARD … END:VCARD block were ignored.")
    if card_number == 0:
        raise ImportFormatError(
            "No contacts found: a vCard file holds cards that start with BEGIN:VCARD."
        )
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


def _parse_csv(text: str, on_progress: ProgressCallback) -> ParseResult:
    out = Collector(SOURCE, on_progress)
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
