"""Reading an exported file as text: which encoding it is in, what could not be read, and
how to quote it in a message. Every importer reads its file through :func:`read_text`."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import IO

from .errors import ImportFormatError

Stream = str | bytes | bytearray | memoryview | IO[str] | IO[bytes]

#: What a stretch of bytes that can't be read as text becomes, as a text editor shows it.
UNREADABLE = "\ufffd"

#: How much of the start of a file is looked at to tell UTF-16 without a byte-order mark.
UTF16_SAMPLE = 8192

_SURROGATES = re.compile("[\ud800-\udfff]+")
NEWLINE = re.compile(r"\r\n|\r|\n")
_NON_ASCII_WORD = re.compile(r"[\w'\u2019-]*[^\x00-\x7f\ufffd][\w'\u2019-]*")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class FileText:
    """A whole file read as text, and what a person should know about how it was read."""

    text: str
    #: Remarks for the report ("read as Windows-1252 …").
    notes: list[str] = field(default_factory=list)
    #: Lines (counted as a text editor does) where bytes could not be read as text; each
    #: such place is :data:`UNREADABLE` in ``text``.
    unreadable_lines: list[int] = field(default_factory=list)


def utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` when ``data`` looks like UTF-16 text written
    without a byte-order mark (as some Windows tools and phones do); else None.

    Every export's column names, dates, digits and commas are ASCII, and an ASCII
    character in UTF-16 is a zero byte beside its code: the second byte of each pair
    (little-endian) or the first (big-endian). Text in UTF-8 or Windows-1252 has no
    zero bytes at all.
    """
    sample = data[:UTF16_SAMPLE]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    first = sample[0 : 2 * pairs : 2].count(0)
    second = sample[1 : 2 * pairs : 2].count(0)
    for zeros, other, encoding in ((second, first, "utf-16-le"), (first, second, "utf-16-be")):
        # Enough ASCII for a file mostly in, say, Chinese (a few stray NULs in a UTF-8
        # file are not), and fewer zeros on the other side (U+4E00 or U+3000 has one
        # there; padding and most binary data have as many on both).
        if zeros >= max(8, pairs // 64) and other * 2 <= zeros:
            text = sample[: 2 * pairs].decode(encoding, "surrogatepass")
            if len(_CONTROL.findall(text)) * 20 <= len(text):
                return encoding
    return None


def _mark_unreadable(text: str) -> tuple[str, list[int]]:
    """Put :data:`UNREADABLE` where decoding left surrogates (bytes it could not read);
    return the text and the lines where that happened."""
    lines: list[int] = []
    line, position = 1, 0

    def mark(m: re.Match) -> str:
        nonlocal line, position
        line += len(NEWLINE.findall(text, position, m.start()))
        position = m.start()
        if not lines or lines[-1] != line:
            lines.append(line)
        return UNREADABLE

    return _SURROGATES.sub(mark, text), lines


def _decode(data: bytes) -> tuple[str, str, bool]:
    """The bytes as text, the encoding's name, and whether some bytes could not be read
    (they are left as surrogates, for :func:`_mark_unreadable`).

    UTF-8 (with or without a byte-order mark); UTF-16 with a byte-order mark or, told
    by its zero bytes, without one; otherwise Windows-1252, which is how Excel on
    Windows saves a CSV (and which reads Latin-1 text the same). A UTF-8 file with a
    few damaged bytes stays UTF-8, so the rest of it reads as written: it is read as
    Windows-1252 only when most of what is not ASCII is not UTF-8 either.
    """
    bom16 = {b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}.get(data[:2])
    encoding = bom16 or utf16_without_bom(data)
    if encoding:
        body = data[2:] if bom16 else data
        try:
            return body.decode(encoding), "UTF-16", False
        except UnicodeDecodeError:
            pass
        text = body[: len(body) // 2 * 2].decode(encoding, "surrogatepass")
        if len(body) % 2:  # cut off in the middle of a character
            text += "\udcff"
        return text, "UTF-16", True
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8"), "UTF-8", False
    except UnicodeDecodeError:
        pass
    loose = data.decode("utf-8", "surrogateescape")
    escaped = len(data) - len(loose.encode("utf-8", "ignore"))
    readable = len(loose) - len(loose.encode("ascii", "ignore")) - escaped
    damaged = len(list(islice(_SURROGATES.finditer(loose), readable + 1)))
    if readable >= escaped or readable >= damaged:
        return loose, "UTF-8", True
    try:
        return data.decode("cp1252"), "Windows-1252", False
    except UnicodeDecodeError:  # one of the five bytes Windows-1252 has no letter for
        return data.decode("cp1252", "surrogateescape"), "Windows-1252", True


def decode_text(data: bytes) -> str:
    """The bytes as text, the way :func:`read_text` reads them (for a quick look)."""
    text, _, lossy = _decode(data)
    return (_mark_unreadable(text)[0] if lossy else text).removeprefix("\ufeff")


def read_text(stream: Stream) -> FileText:
    """Return the whole file as text, with notes about how it was decoded.

    Accepts text, bytes or a file object opened in either mode. Reads UTF-8 and
    UTF-16 (with or without a byte-order mark, which is removed) and falls back to
    Windows-1252, with a note, when the bytes are neither. Bytes that can't be read
    are marked (see :class:`FileText`), never guessed at; NUL characters are removed.
    """
    notes: list[str] = []
    if isinstance(stream, str):
        data: str | bytes = stream
    elif isinstance(stream, bytes | bytearray | memoryview):
        data = bytes(stream)
    elif hasattr(stream, "read"):
        data = stream.read()
        if isinstance(data, bytearray | memoryview):
            data = bytes(data)
        if not isinstance(data, str | bytes):
            raise TypeError("the stream's read() must return text or bytes")
    else:
        raise TypeError(f"cannot read an import file from a {type(stream).__name__}")

    if isinstance(data, bytes):
        if data.startswith(b"PK\x03\x04"):
            raise ImportFormatError(
                "This is a zip archive (for example a Daylio .daylio backup or an .xlsx "
                "spreadsheet), not a text export. Export the data as CSV (or JSON) and "
                "import that file instead."
            )
        text, encoding, lossy = _decode(data)
    else:
        text, encoding, lossy = (
            data,
            "",
            not data.isascii() and _SURROGATES.search(data) is not None,
        )
    unreadable: list[int] = []
    if lossy:
        text, unreadable = _mark_unreadable(text)
    text = text.removeprefix("\ufeff")
    if encoding == "Windows-1252":
        notes.append(_windows_1252_note(text))
    if "\x00" in text:
        text = text.replace("\x00", "")
        notes.append("The file contained NUL characters; they were removed.")
    return FileText(text, notes, unreadable)


def _windows_1252_note(text: str) -> str:
    example = ""
    m = _NON_ASCII_WORD.search(text)
    if m:
        line = len(NEWLINE.findall(text, 0, m.start())) + 1
        example = f" Line {line:,}, for example, reads {preview(m[0])}."
    return (
        "The file isn’t in UTF-8, so it was read as Windows-1252 (the way Excel on Windows "
        f"saves CSV files).{example} If letters look wrong, import the file just as the app "
        "exported it, or save it again as “CSV UTF-8” and import that."
    )


def some_of(items: Sequence[str], limit: int = 5, sep: str = ", ") -> str:
    """``a``, ``a and b``, ``a, b, c, d, e and 4 more``."""
    shown = list(items[:limit])
    if len(items) > limit:
        return f"{sep.join(shown)} and {len(items) - limit:,} more"
    return shown[0] if len(shown) == 1 else f"{sep.join(shown[:-1])} and {shown[-1]}"


def describe_lines(lines: Sequence[int]) -> str:
    """``line 3``, ``lines 3 and 9``, ``lines 3, 9, 12, 15, 20 and 4 more``."""
    return ("line " if len(lines) == 1 else "lines ") + some_of([f"{n:,}" for n in lines])


def has_unreadable(value: object, *, marked: bool = True, halves: bool = True) -> bool:
    """True when a string anywhere in ``value`` (a string, or lists and dicts of them)
    holds, with ``marked``, :data:`UNREADABLE`, or, with ``halves``, half a character (a
    lone surrogate, as a JSON escape like ``\\ud800`` makes)."""
    if isinstance(value, str):
        return (marked and UNREADABLE in value) or (halves and bool(_SURROGATES.search(value)))
    if isinstance(value, dict):
        return any(
            has_unreadable(k, marked=marked, halves=halves)
            or has_unreadable(v, marked=marked, halves=halves)
            for k, v in value.items()
        )
    if isinstance(value, list | tuple):
        return any(has_unreadable(v, marked=marked, halves=halves) for v in value)
    return False


def preview(value: str, limit: int = 40) -> str:
    """Quote a value for a message, shortened if long."""
    value = value.replace("\n", " ")
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    return f"'{value}'"
