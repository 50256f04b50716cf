"""What every importer produces, and the tolerant readers they share.

Plain Python only (no Django): a parser turns one exported file into
:class:`ParseResult` — plain dataclasses plus a per-row report — and a later
step decides what to write to the database.

Rules every parser keeps:

* It never raises because of one bad row. The row is skipped and described in
  ``ParseResult.problems`` in plain, specific words.
* It raises :class:`ImportFormatError` only when the file as a whole is not the
  format it reads (for example, the header lacks a column it needs), with a
  message a person can act on.
* Naive times in the file are read as local times in the ``tz`` the caller
  passes; every ``at`` is timezone-aware.
* Every record keeps its raw source row and a ``source_key``: a hash of the
  normalised row, so importing the same file twice can skip what is already
  there.
"""

from __future__ import annotations

import csv
import hashlib
import html
import html.entities
import io
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from .errors import ImportFormatError, RowError
from .text import (
    NEWLINE,
    UNREADABLE,
    FileText,
    describe_lines,
    has_unreadable,
    preview,
)

ProgressCallback = Callable[[int], None] | None

#: How often (in rows) a parser calls ``on_progress``.
PROGRESS_EVERY = 500

# Notes can be long (the csv module's default limit is 128 KiB per field); only
# ever raise the limit, never lower what another part of the program set.
csv.field_size_limit(max(csv.field_size_limit(), 64 * 1024 * 1024))


# --------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class ImportedMood:
    """One moment from another app: a mood or day entry, a journal entry.

    ``pleasant`` is -5..+5 and ``energy`` 0..10 (steps of 0.5); either is
    ``None`` when the source does not say (Daylio has no energy axis) or when
    the label is not mapped yet (see ``ParseResult.unmapped_labels`` and
    :func:`withness.portability.importers.moods.apply_label_mapping`).
    """

    at: datetime
    label: str
    pleasant: float | None
    energy: float | None
    activities: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    title: str = ""
    note: str = ""
    source_key: str = ""
    source_row: dict[str, Any] = field(default_factory=dict)
    #: Hours slept, when the source records it (Bearable ``Sleep``, How We Feel ``Sleep``).
    sleep_hours: float | None = None
    #: Anything else worth keeping in structured form (symptoms, starred, weather …).
    extras: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ImportedPerson:
    name: str
    nickname: str = ""
    source_key: str = ""
    source_row: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RowProblem:
    """A row that was skipped (or only partly read), and why.

    ``row_number`` counts like a spreadsheet does (the header is row 1) for CSV
    files; ``unit`` says what is counted for other formats ("line", "entry",
    "card").
    """

    row_number: int
    reason: str
    unit: str = "row"

    def __str__(self) -> str:
        return f"{self.unit} {self.row_number}: {self.reason}"


@dataclass
class ParseResult:
    moods: list[ImportedMood] = field(default_factory=list)
    people: list[ImportedPerson] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    #: Remarks about the file as a whole ("3 rows had more fields than the header …").
    notes_about_file: list[str] = field(default_factory=list)
    #: Labels with no known state, with how often each appears; review and map them.
    unmapped_labels: dict[str, int] = field(default_factory=dict)
    source: str = ""
    #: Data rows (or entries, or cards) looked at, including skipped ones.
    rows_read: int = 0

    def report(self) -> str:
        """A short plain-text report for the CLI or a log."""
        lines = [
            f"{self.source or 'import'}: read {self.rows_read} records; "
            f"{len(self.moods)} entries and {len(self.people)} people to import; "
            f"{len(self.problems)} problem{'' if len(self.problems) == 1 else 's'}."
        ]
        lines += [f"  note: {n}" for n in self.notes_about_file]
        lines += [f"  skipped {p}" for p in self.problems]
        if self.unmapped_labels:
            listed = ", ".join(f"{k!r} ({v})" for k, v in self.unmapped_labels.items())
            lines.append(f"  labels to map to a state before importing: {listed}")
        return "\n".join(lines)


_PLURALS = {"entry": "entries"}


class Collector:
    """Mutable helper a parser fills while reading; ``result()`` freezes it."""

    def __init__(
        self, source: str, on_progress: ProgressCallback = None, file: FileText | None = None
    ) -> None:
        self.source = source
        self.moods: list[ImportedMood] = []
        self.people: list[ImportedPerson] = []
        self.problems: list[RowProblem] = []
        self.notes: list[str] = list(file.notes) if file else []
        self._unreadable_lines = list(file.unreadable_lines) if file else []
        #: What was skipped for a character that can't be read: (what, the row's text).
        self.unreadable_skipped: list[tuple[str, object]] = []
        self._labels: dict[str, list] = {}  # normalised -> [display, count]
        self._seen: dict[str, int] = {}
        self._people_seen: set[str] = set()
        self.rows_read = 0
        self._on_progress = on_progress

    def problem(self, row_number: int, reason: str, unit: str = "row") -> None:
        self.problems.append(RowProblem(row_number, reason, unit))

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def unreadable(
        self, number: int, value: object, unit: str = "row", what: str = "row", halves: bool = False
    ) -> bool:
        """True, with the row reported as skipped, when ``value`` (the row's text) holds bytes
        the file's encoding could not read: saved, they would be garbled text. With
        ``halves``, also half a character (which a JSON escape can make; no text from
        :func:`read_text` holds one), which could not be saved at all."""
        marked = bool(self._unreadable_lines)
        if not (marked or halves) or not has_unreadable(value, marked=marked, halves=halves):
            return False
        self.problem(
            number,
            f"a character in this {what} can’t be read, so the {what} was skipped rather "
            "than saved garbled",
            unit,
        )
        self.unreadable_skipped.append((what, value))
        return True

    def _unreadable_note(self) -> str:
        lines = self._unreadable_lines
        where = describe_lines(lines)
        text = (
            f"{where[0].upper()}{where[1:]} of the file {'has' if len(lines) == 1 else 'have'} "
            f"a character that can’t be read (shown as {UNREADABLE}). The file may be damaged "
            "there, or that part was saved another way."
        )
        skipped = len(self.unreadable_skipped)
        if not skipped:
            return text + " Nothing that is brought in is affected."
        what = self.unreadable_skipped[0][0]
        if skipped == 1:
            which, them = f"The {what} with it was", "it"
        else:
            which, them = f"The {skipped:,} {_PLURALS.get(what, what + 's')} with one were", "them"
        return text + (
            f" {which} skipped, so nothing garbled is saved (see below). To bring {them} in "
            "too, export the file again, or retype that character in a text editor, and import "
            "it once more: nothing already brought in is doubled."
        )

    def unmapped(self, label: str) -> None:
        key = norm_label(label)
        entry = self._labels.setdefault(key, [display_label(label), 0])
        entry[1] += 1

    def is_duplicate(
        self, key: str, row_number: int, unit: str = "row", what: str = "entry"
    ) -> bool:
        """Record ``key``; if it was seen before, note a problem and say so."""
        first = self._seen.get(key)
        if first is None:
            self._seen[key] = row_number
            return False
        detail = " (same time and content)" if what == "entry" else ""
        self.problem(
            row_number,
            f"the same {what} as {unit} {first}{detail}; it is imported once",
            unit,
        )
        return True

    def add_person(self, person: ImportedPerson) -> None:
        if person.source_key in self._people_seen:
            return
        self._people_seen.add(person.source_key)
        self.people.append(person)

    def tick(self, force: bool = False) -> None:
        if self._on_progress is None:
            return
        if force or self.rows_read % PROGRESS_EVERY == 0:
            self._on_progress(self.rows_read)

    def result(self) -> ParseResult:
        self.tick(force=True)
        notes = self.notes
        if self._unreadable_lines:
            notes = [self._unreadable_note(), *notes]
        return ParseResult(
            moods=self.moods,
            people=self.people,
            problems=self.problems,
            notes_about_file=notes,
            unmapped_labels=dict(self._labels.values()),
            source=self.source,
            rows_read=self.rows_read,
        )


def display_label(label: str) -> str:
    """A label as shown to people: stray and doubled spaces removed."""
    return " ".join(label.split())


def norm_label(label: str) -> str:
    """A label as compared: spaces tidied, case ignored."""
    return display_label(label).casefold()


_TAG_NAMES = (
    "a|b|i|u|s|em|strong|br|p|div|span|ul|ol|li|font|strike|del|ins|sub|sup|small|big|"
    "code|pre|hr|blockquote|h[1-6]|mark|label"
)
_HTML_ATTRIBUTES = r"""(?:\s+[a-zA-Z_:][-\w:.]*\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>]+))*"""
_HTML_TAG = re.compile(rf"<(/?)({_TAG_NAMES}){_HTML_ATTRIBUTES}\s*/?>", re.IGNORECASE)
_HTML_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
_BLOCK_TAGS = {"p", "div", "ul", "ol", "blockquote", "pre", "hr", "h1", "h2", "h3", "h4", "h5"}


def _entity(m: re.Match) -> str:
    text = m.group(0)
    if text[1] == "#" or text[1:] in html.entities.html5:
        return html.unescape(text)
    return text


def html_to_text(value: str) -> str:
    """Strip the little HTML some apps put in notes, keeping line breaks and lists."""
    if "<" not in value and "&" not in value:
        return value

    def tag(m: re.Match) -> str:
        closing, name = m.group(1), m.group(2).lower()
        if name == "br":
            return "\n"
        if name == "li":
            return "" if closing else "\n- "
        if name in _BLOCK_TAGS or name == "h6":
            return "\n"
        return ""

    value = _HTML_TAG.sub(tag, value)
    value = _HTML_ENTITY.sub(_entity, value)
    return value


def clean_text(value: str | None, *, strip_html: bool = False, collapse: bool = True) -> str:
    """Normalise line endings and trailing spaces; optionally strip HTML.

    With ``collapse`` (the default), runs of blank lines shrink to one.
    """
    if not value:
        return ""
    if (
        "\n" not in value
        and "\r" not in value
        and not (strip_html and ("<" in value or "&" in value))
    ):
        return value.strip()
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    if strip_html:
        value = html_to_text(value)
    lines = [line.rstrip() for line in value.split("\n")]
    value = "\n".join(lines).strip()
    return re.sub(r"\n{3,}", "\n\n", value) if collapse else value


def split_list(value: str | None, separators: str = "|") -> tuple[str, ...]:
    """Split a list cell, trim each item, drop empties and repeats (order kept)."""
    if not value:
        return ()
    if len(separators) == 1:
        parts = value.split(separators)
    else:
        parts = re.split("[" + re.escape(separators) + "]", value)
    seen: dict[str, str] = {}
    for part in parts:
        item = display_label(part)
        if item and item.casefold() not in seen:
            seen[item.casefold()] = item
    return tuple(seen.values())


def make_key(source: str, *parts: object) -> str:
    """A stable natural key: the source name and a hash of the normalised parts."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    digest = hashlib.sha256(joined.encode("utf-8", errors="surrogatepass")).hexdigest()
    return f"{source}:{digest[:32]}"


# --------------------------------------------------------------------------- dates and times

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

_ISO_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_CLOCK = re.compile(
    r"^(\d{1,2})(?:[:.](\d{2}))?(?::(\d{2})(?:\.\d+)?)?\s*(?:([aApP])\.?\s*[mM]\.?)?$"
)


#: Years a journal entry can plausibly have; outside them a date is a typo (and far
#: years would overflow when converted to UTC).
YEARS = range(1900, 2200)


def plausible(day: date, shown: str) -> date:
    if day.year not in YEARS:
        raise RowError(
            f"the date {preview(shown)} is not a plausible date for a journal entry "
            f"(the year {day.year})"
        )
    return day


def real_date(year: int, month: int, day: int, shown: str) -> date:
    try:
        value = date(year, month, day)
    except ValueError:
        raise RowError(f"the date {preview(shown)} is not a real date") from None
    return plausible(value, shown)


def parse_iso_date(value: str) -> date:
    """``2021-09-28`` (also with ``/`` or ``.``)."""
    value = value.strip()
    if not value:
        raise RowError("the date is empty")
    m = _ISO_DATE.match(value)
    if not m:
        raise RowError(f"the date {preview(value)} is not in the form YYYY-MM-DD")
    return real_date(int(m[1]), int(m[2]), int(m[3]), value)


def parse_clock(value: str) -> time:
    """A time of day in 12 h (``10:00 pm``, ``6:50 PM``) or 24 h (``18:52``) form."""
    raw = value
    value = value.strip()
    if not value:
        raise RowError("the time is empty")
    m = _CLOCK.match(value)
    if not m or (m[2] is None and m[4] is None):
        raise RowError(f"the time {preview(raw)} is not a time of day")
    hour, minute, second = int(m[1]), int(m[2] or 0), int(m[3] or 0)
    if m[4]:
        if not 1 <= hour <= 12:
            raise RowError(f"the time {preview(raw)} has an hour that is not on a 12-hour clock")
        hour = hour % 12 + (12 if m[4].lower() == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise RowError(f"the time {preview(raw)} is not a time of day")
    return time(hour, minute, second)


def month_number(name: str) -> int | None:
    return MONTHS.get(name.strip().rstrip(".").casefold())


def localize(day: date, clock: time, tz: ZoneInfo) -> datetime:
    """Attach ``tz`` to a naive local date and time (the earlier one when a
    clock time happens twice at the end of summer time)."""
    return datetime.combine(day, clock).replace(tzinfo=tz)


# --------------------------------------------------------------------------- CSV


def _norm_header(name: str) -> str:
    return re.sub(r"[\s_]+", " ", name.strip().strip('"').strip()).casefold()


@dataclass
class CsvTable:
    header: list[str]
    #: canonical column name -> index in the row
    columns: dict[str, int]
    delimiter: str
    rows: Iterator[tuple[int, dict[str, str], dict[str, str]]]

    def has(self, name: str) -> bool:
        return name in self.columns


def open_csv(
    text: str,
    *,
    source_title: str,
    columns: dict[str, Sequence[str]],
    required: Sequence[Sequence[str]],
    collector: Collector,
    expected: str,
    source_name: str = "",
    join_overflow: bool = True,
) -> CsvTable:
    """Find the header by name and return an iterator over the data rows.

    ``columns`` maps canonical names to accepted header spellings (compared
    without case, with ``_`` and spaces alike). ``required`` is a list of
    alternatives: each inner list names columns of which at least one must be
    present. Raises :class:`ImportFormatError` when they are not.

    Each data row comes as ``(row_number, fields, raw)``: ``fields`` by
    canonical name (missing columns are empty strings), ``raw`` by the file's
    own header names. A row with more fields than the header keeps the leading
    columns and has the rest joined into the last column, with a note (or,
    with ``join_overflow=False``, kept apart in ``raw["(extra fields)"]``).
    """
    if not text.strip():
        raise ImportFormatError(
            f"The file is empty: there is nothing to import from {source_title}."
        )

    aliases = {
        _norm_header(alias): canonical
        for canonical, names in columns.items()
        for alias in (canonical, *names)
    }

    def locate(header: list[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for i, name in enumerate(header):
            canonical = aliases.get(_norm_header(name))
            if canonical and canonical not in found:
                found[canonical] = i
        return found

    def first_record(delimiter: str) -> list[str] | None:
        try:
            for record in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
                if any(cell.strip() for cell in record):
                    return record
        except csv.Error:
            return None
        return None

    best: tuple[str, list[str], dict[str, int]] | None = None
    for delimiter in (",", ";", "\t"):
        header = first_record(delimiter)
        if header is None:
            continue
        found = locate(header)
        if all(any(alt in found for alt in group) for group in required):
            best = (delimiter, header, found)
            break
    if best is None:
        first = next((line for line in NEWLINE.split(text) if line.strip()), "")
        raise ImportFormatError(
            f"This does not look like a {source_title} export: its first line should name "
            f"the columns {expected}, but it reads {preview(first, 80)}."
            + source_title_hint(text, source_name)
        )
    delimiter, header, found = best
    if source_name:
        from .detect import TITLES, detect  # late import: detect.py imports this module

        other = detect("", text[:4096].encode("utf-8", errors="replace"))
        if other and other != source_name:
            title = TITLES.get(other, other)
            raise ImportFormatError(
                f"This looks like a {title} file, not a {source_title} export: "
                f"choose the {title} importer instead."
            )
    width = len(header)
    last = width - 1

    def rows() -> Iterator[tuple[int, dict[str, str], dict[str, str]]]:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        row_number = 0
        header_seen = False
        overflow_rows: list[int] = []
        short_rows = 0
        while True:
            try:
                record = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                collector.problem(
                    row_number + 1,
                    f"the file could not be read from here on ({exc}); "
                    "the rows before it were read",
                )
                break
            row_number += 1
            if not header_seen:
                if any(cell.strip() for cell in record):
                    header_seen = True
                continue
            if not any(cell.strip() for cell in record):
                continue
            if collector.unreadable(row_number, record):
                collector.rows_read += 1
                continue
            extra = None
            if len(record) > width:
                overflow_rows.append(row_number)
                if join_overflow:
                    record = record[:last] + [delimiter.join(record[last:])]
                else:
                    record, extra = record[:width], delimiter.join(record[width:])
            elif len(record) < width:
                short_rows += 1
                record = record + [""] * (width - len(record))
            fields = {name: record[i] for name, i in found.items()}
            raw = {header[i] or f"column {i + 1}": record[i] for i in range(width)}
            if extra is not None:
                raw["(extra fields)"] = extra
            yield row_number, fields, raw
        if overflow_rows:
            count = len(overflow_rows)
            listed = ", ".join(str(n) for n in overflow_rows[:10])
            more = f" and {count - 10} more" if count > 10 else ""
            which = (
                f"1 row had more fields than the header (row {listed})"
                if count == 1
                else f"{count} rows had more fields than the header (rows {listed}{more})"
            )
            if join_overflow:
                collector.note(
                    f"{which}, most likely an unquoted comma in free text; the extra text "
                    f"was kept and added to the last column, '{header[last]}'."
                )
            else:
                collector.note(f"{which}; the extra fields were kept with the row but not used.")
        if short_rows:
            collector.note(
                f"{short_rows} row{'s' if short_rows != 1 else ''} had fewer fields than "
                "the header; the missing ones were read as empty."
            )

    return CsvTable(header=header, columns=found, delimiter=delimiter, rows=rows())


def parse_number(value: str, what: str) -> float:
    value = value.strip().replace(",", ".")
    try:
        number = float(value)
    except ValueError:
        raise RowError(f"the {what} {preview(value)} is not a number") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise RowError(f"the {what} {preview(value)} is not a number")
    return number


def parse_hours(value: str) -> float | None:
    """Read a duration in hours: ``7.5``, ``7:30``, ``7h 30m``, ``450 min``. None if unreadable."""
    value = value.strip().lower()
    if not value:
        return None
    m = re.fullmatch(r"(\d{1,2}):(\d{2})(?::\d{2})?", value)
    if m:
        return int(m[1]) + int(m[2]) / 60
    m = re.fullmatch(
        r"(?:(\d{1,2}(?:[.,]\d+)?)\s*h(?:ours?|rs?)?)?\s*(?:(\d{1,3})\s*m(?:in(?:utes?)?)?)?", value
    )
    if m and (m[1] or m[2]):
        return float((m[1] or "0").replace(",", ".")) + int(m[2] or 0) / 60
    m = re.fullmatch(r"\d{1,2}(?:[.,]\d+)?", value)
    if m:
        return float(value.replace(",", "."))
    return None


def snap(value: float, low: float, high: float) -> float:
    """Round to the app's 0.5 steps and keep within ``low..high``."""
    return min(high, max(low, round(value * 2) / 2))


def source_title_hint(text: str, expected: str) -> str:
    """If the text looks like another known source, say which (for error messages)."""
    from .detect import TITLES, detect  # late import: detect.py imports this module

    other = detect("", text[:4096].encode("utf-8", errors="replace"))
    if other and other != expected:
        return f" It looks like a {TITLES.get(other, other)} file: choose that importer instead."
    return ""
