"""jrnl: the JSON export (``jrnl --export json``) and the plain journal file.

JSON: ``{"tags": {...}, "entries": [{"title", "body", "date": "YYYY-MM-DD",
"time": "HH:MM", "tags": [...], "starred": bool}, ...]}``; times are naive
local times.

Plain file (also what ``jrnl --export txt`` writes): each entry starts with a
line ``[<timeformat>] Title…``, the body runs to the next such line. The
timeformat defaults to jrnl's ``%Y-%m-%d %I:%M:%S %p``; ``%Y-%m-%d %H:%M``
(a common configuration) and a few close variants are tried too, or pass the
journal's own with ``timeformat=``. Files from jrnl 1.x, whose date lines
have no square brackets, are read the way jrnl 1.x read them. Tags are words
starting with ``#`` or ``@`` after whitespace; a title ending in `` *`` marks a
starred entry.

jrnl has no mood, so entries come without a label or state. With
``people_prefix="@"``, ``@name`` tags are read as people rather than tags.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from .base import (
    Collector,
    ImportedMood,
    ImportedPerson,
    ImportFormatError,
    ParseResult,
    ProgressCallback,
    RowError,
    clean_text,
    localize,
    make_key,
    parse_clock,
    parse_iso_date,
    plausible,
    source_title_hint,
)
from .text import (
    FileText,
    Stream,
    preview,
    read_text,
)

SOURCE = "jrnl"

DEFAULT_TIMEFORMAT = "%Y-%m-%d %I:%M:%S %p"
FALLBACK_TIMEFORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %I:%M %p")
#: jrnl's default hour for an entry given without a time.
DEFAULT_TIME = time(9, 0)

TAG = re.compile(r"(?<!\S)([#@][-+*#/\w]+)")
_BRACKET_LINE = re.compile(r"^\[([^\]\n]+)\](?:[ \t](.*))?$")
_DATE_SHAPED = re.compile(r"^\s*\d{1,4}[-./]\d{1,2}[-./]\d{1,4}")
_SENTENCE_END = re.compile(r"[.!?\u2026]['\"\u2019\u201d]?[\])]*\s+")


def parse(
    stream: Stream,
    *,
    tz: ZoneInfo,
    on_progress: ProgressCallback = None,
    timeformat: str | None = None,
    people_prefix: str | None = None,
) -> ParseResult:
    """Read a jrnl JSON export or plain journal file (told apart by content)."""
    file = read_text(stream)
    if file.text.lstrip().startswith("{"):
        return _parse_json(file, tz, on_progress, people_prefix)
    return _parse_plain(file, tz, on_progress, timeformat, people_prefix)


def parse_json(
    stream: Stream,
    *,
    tz: ZoneInfo,
    on_progress: ProgressCallback = None,
    people_prefix: str | None = None,
) -> ParseResult:
    return _parse_json(read_text(stream), tz, on_progress, people_prefix)


def parse_plain(
    stream: Stream,
    *,
    tz: ZoneInfo,
    on_progress: ProgressCallback = None,
    timeformat: str | None = None,
    people_prefix: str | None = None,
) -> ParseResult:
    return _parse_plain(read_text(stream), tz, on_progress, timeformat, people_prefix)


# --------------------------------------------------------------------------- shared


def find_tags(text: str) -> list[str]:
    """Tags as written (first spelling kept), without repeats, in order of appearance."""
    seen: dict[str, str] = {}
    for tag in TAG.findall(text):
        seen.setdefault(tag.casefold(), tag)
    return list(seen.values())


def split_title(text: str) -> tuple[str, str]:
    """Title and body of an entry's text, the way jrnl splits them: the first
    line is the title; a one-line entry is split after its first sentence."""
    text = text.lstrip()
    newline = text.find("\n")
    if newline >= 0:
        return text[:newline].strip(), text[newline:].strip()
    m = _SENTENCE_END.search(text)
    if m:
        return text[: m.end()].strip(), text[m.end() :].strip()
    return text.strip(), ""


def _entry(
    out: Collector,
    *,
    day: date,
    clock: time,
    title: str,
    body: str,
    tags: list[str],
    starred: bool,
    tz: ZoneInfo,
    people_prefix: str | None,
    raw: dict,
    number: int,
    unit: str,
) -> None:
    title = clean_text(title)
    body = clean_text(body, collapse=False)
    key = make_key(SOURCE, day.isoformat(), clock.strftime("%H:%M"), title, body)
    if out.is_duplicate(key, number, unit):
        return
    text = f"{title}\n{body}"
    written = {t.casefold(): t for t in find_tags(text)}
    activities: list[str] = []
    people: list[str] = []
    for tag in tags:
        tag = written.get(tag.casefold(), tag)
        if people_prefix and tag.startswith(people_prefix) and len(tag) > len(people_prefix):
            name = tag[len(people_prefix) :]
            if name.casefold() not in {p.casefold() for p in people}:
                people.append(name)
                out.add_person(
                    ImportedPerson(
                        name=name,
                        source_key=make_key(SOURCE, "person", name.casefold()),
                        source_row={"tag": tag},
                    )
                )
        elif tag.casefold() not in {a.casefold() for a in activities}:
            activities.append(tag)
    out.moods.append(
        ImportedMood(
            at=localize(day, clock, tz),
            label="",
            pleasant=None,
            energy=None,
            activities=tuple(activities),
            people=tuple(people),
            title=title,
            note=body,
            source_key=key,
            source_row=raw,
            extras={"starred": True} if starred else {},
        )
    )


# --------------------------------------------------------------------------- JSON


def _parse_json(
    file: FileText, tz: ZoneInfo, on_progress: ProgressCallback, people_prefix: str | None
) -> ParseResult:
    text = file.text
    out = Collector(SOURCE, on_progress, file)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFormatError(
            f"This is not a valid jrnl JSON export: the JSON breaks at line {exc.lineno}, "
            f"column {exc.colno} ({exc.msg}). Export again with 'jrnl --export json'."
        ) from None
    except (RecursionError, ValueError) as exc:
        raise ImportFormatError(
            f"This is not a valid jrnl JSON export ({exc}). Export again with 'jrnl --export json'."
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise ImportFormatError(
            "This JSON file is not a jrnl export: it should be an object with an "
            "'entries' list, as written by 'jrnl --export json'." + source_title_hint(text, SOURCE)
        )
    missing_time = 0
    halves = "\\u" in text  # half a character comes only from a \u escape
    for number, entry in enumerate(data["entries"], start=1):
        out.rows_read += 1
        out.tick()
        if not isinstance(entry, dict):
            out.problem(number, "the entry is not a JSON object with a date and text", "entry")
            continue
        if out.unreadable(number, entry, "entry", "entry", halves=halves):
            continue
        try:
            raw_date = entry.get("date")
            if not isinstance(raw_date, str):
                raise RowError("the entry has no date")
            day = parse_iso_date(raw_date)
            raw_time = entry.get("time")
            if raw_time is None or (isinstance(raw_time, str) and not raw_time.strip()):
                clock = DEFAULT_TIME
                missing_time += 1
            elif isinstance(raw_time, str):
                clock = parse_clock(raw_time)
            else:
                raise RowError(f"the time {preview(str(raw_time))} is not a time of day")
            title = entry.get("title", "")
            body = entry.get("body", "")
            if not isinstance(title, str) or not isinstance(body, str):
                raise RowError("the title or body is not text")
        except RowError as exc:
            out.problem(number, str(exc), "entry")
            continue
        tags = entry.get("tags")
        if isinstance(tags, list) and all(isinstance(t, str) for t in tags):
            tag_list = [t for t in tags if t]
        else:
            tag_list = find_tags(f"{title}\n{body}")
        _entry(
            out,
            day=day,
            clock=clock,
            title=title,
            body=body,
            tags=tag_list,
            starred=bool(entry.get("starred")),
            tz=tz,
            people_prefix=people_prefix,
            raw=entry,
            number=number,
            unit="entry",
        )
    if missing_time:
        out.note(
            f"{missing_time} entr{'y has' if missing_time == 1 else 'ies have'} no time; "
            "they were placed at 09:00, as jrnl does."
        )
    return out.result()


# --------------------------------------------------------------------------- plain text


def _format_width(fmt: str) -> int:
    return len(datetime(2000, 12, 28, 10, 10, 10).strftime(fmt))


def _try_formats(value: str, formats: tuple[str, ...]) -> datetime | None:
    for fmt in formats:
        try:
            return datetime.strptime(value.strip(), fmt)
        except ValueError:
            continue
    return None


def _why_not(value: str, formats: tuple[str, ...]) -> str:
    m = re.match(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})", value)
    if m:
        try:
            date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return f"the date {preview(value)} is not a real date"
    shown = " or ".join(f"'{f}'" for f in formats[:2])
    return f"the date {preview(value)} does not match the journal's time format ({shown})"


def _parse_plain(
    file: FileText,
    tz: ZoneInfo,
    on_progress: ProgressCallback,
    timeformat: str | None,
    people_prefix: str | None,
) -> ParseResult:
    text = file.text
    out = Collector(SOURCE, on_progress, file)
    formats = (timeformat,) if timeformat else (DEFAULT_TIMEFORMAT, *FALLBACK_TIMEFORMATS)
    widths = sorted({_format_width(f) for f in formats}, reverse=True)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")

    def modern(line: str) -> tuple[datetime | None, str, str] | None:
        m = _BRACKET_LINE.match(line)
        if not m:
            return None
        return _try_formats(m[1], formats), m[1], m[2] or ""

    def legacy(line: str) -> tuple[datetime | None, str, str] | None:
        for width in widths:
            head, rest = line[:width], line[width:]
            if rest and not rest[0].isspace():
                continue
            when = _try_formats(head, formats)
            if when:
                return when, head, rest.strip()
        return None

    # Which kind of file: whichever kind of date line comes first.
    mode = None
    for line in lines:
        hit = modern(line)
        if hit and hit[0]:
            mode = modern
            break
        hit = legacy(line)
        if hit:
            mode = legacy
            out.note(
                "This looks like a journal from jrnl 1.x (dates without square brackets); "
                "it was read the way jrnl 1.x reads it."
            )
            break
    if mode is None:
        raise ImportFormatError(
            "No jrnl entries found: each entry should start with a line like "
            "'[2020-08-29 11:11] Title'. If your jrnl config sets another 'timeformat', "
            "give it when importing." + source_title_hint(text, SOURCE)
        )

    # Split into entries: (line number, header match, body lines).
    entries: list[tuple[int, tuple[datetime | None, str, str], list[str]]] = []
    preamble: list[str] = []
    for number, line in enumerate(lines, start=1):
        hit = mode(line)
        if hit and (hit[0] or _DATE_SHAPED.match(hit[1])):
            entries.append((number, hit, []))
        elif entries:
            entries[-1][2].append(line)
        else:
            preamble.append(line)
    if any(line.strip() for line in preamble):
        where = "line 1" if len(preamble) == 1 else f"lines 1–{len(preamble)}"
        out.problem(
            1,
            f"the text before the first entry ({where}) does not belong to any entry "
            "and was skipped",
            "line",
        )

    for number, (when, shown, first_line), body_lines in entries:
        out.rows_read += 1
        out.tick()
        if out.unreadable(number, [shown, first_line, body_lines], "line", "entry"):
            continue
        if when is None:
            out.problem(number, f"{_why_not(shown, formats)}; this entry was skipped", "line")
            continue
        try:
            plausible(when.date(), shown)
        except RowError as exc:
            out.problem(number, f"{exc}; this entry was skipped", "line")
            continue
        starred = first_line.strip().endswith("*")
        if starred:
            first_line = first_line.strip(" *")
        # As in jrnl: the newline before the next entry's date line is not part of
        # this entry, so a one-line entry is split after its first sentence.
        title, body = split_title("\n".join([first_line, *body_lines]))
        _entry(
            out,
            day=when.date(),
            clock=when.time().replace(second=0, microsecond=0),
            title=title,
            body=body,
            tags=find_tags(f"{title}\n{body}"),
            starred=starred,
            tz=tz,
            people_prefix=people_prefix,
            raw={"line": number, "date": shown, "title": first_line, "body": "\n".join(body_lines)},
            number=number,
            unit="line",
        )
    return out.result()
