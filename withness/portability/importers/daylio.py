"""Daylio's CSV export (``daylio_export.csv``).

Header today: ``full_date,date,weekday,time,mood,activities,note_title,note``;
older files lack ``note_title``; the oldest have ``year`` instead of
``full_date`` (then ``date`` holds the day and month, e.g. ``18 May``).
Rows are newest first and a day may have several rows. ``time`` comes as
``10:00 pm`` or ``18:52``, both forms in one file. ``mood`` is the person's own
label; the defaults rad/good/meh/bad/awful map to a state, others are listed
in ``unmapped_labels`` for review. ``activities`` is ``" | "``-separated.
Notes may hold commas, quotes, newlines and a little HTML (stripped to text).
"""

from __future__ import annotations

import re
from datetime import date
from zoneinfo import ZoneInfo

from .base import (
    Collector,
    ImportedMood,
    ImportFormatError,
    ParseResult,
    ProgressCallback,
    RowError,
    clean_text,
    display_label,
    localize,
    make_key,
    month_number,
    norm_label,
    open_csv,
    parse_clock,
    parse_iso_date,
    real_date,
    split_list,
)
from .moods import daylio_state
from .text import (
    Stream,
    preview,
    read_text,
)

SOURCE = "daylio"

COLUMNS = {
    "full_date": ("full date",),
    "year": (),
    "date": (),
    "weekday": (),
    "time": (),
    "mood": (),
    "activities": (),
    "note_title": ("note title", "title"),
    "note": ("notes",),
}

_DAY_MONTH = re.compile(r"^(\d{1,2})\.?\s+([^\W\d_]+)\.?$")
_MONTH_DAY = re.compile(r"^([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?$")


def _old_date(year_text: str, day_month: str) -> date:
    """The oldest exports: ``year`` = ``2018`` and ``date`` = ``18 May`` (or ``May 18``)."""
    year_text, day_month = year_text.strip(), day_month.strip()
    if not re.fullmatch(r"\d{4}", year_text):
        raise RowError(f"the year {preview(year_text)} is not a four-digit year")
    m = _DAY_MONTH.match(day_month)
    if m:
        day, month = int(m[1]), month_number(m[2])
    else:
        m = _MONTH_DAY.match(day_month)
        if not m:
            raise RowError(
                f"the date {preview(day_month)} could not be read (expected a day and a "
                "month such as '18 May')"
            )
        day, month = int(m[2]), month_number(m[1])
    if month is None:
        raise RowError(f"the month in {preview(day_month)} is not an English month name")
    return real_date(int(year_text), month, day, f"{day_month} {year_text}")


def parse(stream: Stream, *, tz: ZoneInfo, on_progress: ProgressCallback = None) -> ParseResult:
    """Read a Daylio CSV export. See the module docstring for the variants read."""
    file = read_text(stream)
    out = Collector(SOURCE, on_progress, file)
    table = open_csv(
        file.text,
        source_title="Daylio",
        source_name=SOURCE,
        columns=COLUMNS,
        required=[("full_date", "year"), ("time",), ("mood",)],
        collector=out,
        expected="full_date (or year), date, weekday, time, mood, activities, note",
    )
    if not table.has("full_date") and not table.has("date"):
        raise ImportFormatError(
            "This Daylio export has a 'year' column but no 'date' column, so the day of "
            "each entry cannot be known. Export again from Daylio and import the new file."
        )
    if not table.has("full_date"):
        out.note("This is an older Daylio export (a 'year' column instead of 'full_date').")

    for row_number, fields, raw in table.rows:
        out.rows_read += 1
        out.tick()
        try:
            if table.has("full_date") and fields["full_date"].strip():
                day = parse_iso_date(fields["full_date"])
            elif table.has("year"):
                day = _old_date(fields.get("year", ""), fields.get("date", ""))
            else:
                raise RowError("the date is empty")
            clock = parse_clock(fields["time"])
            label = display_label(fields["mood"])
            if not label:
                raise RowError("the mood is empty")
        except RowError as exc:
            out.problem(row_number, str(exc))
            continue

        activities = split_list(fields.get("activities", ""))
        title = clean_text(fields.get("note_title", ""), strip_html=True)
        note = clean_text(fields.get("note", ""), strip_html=True)
        key = make_key(
            SOURCE,
            day.isoformat(),
            clock.strftime("%H:%M:%S"),
            norm_label(label),
            "|".join(a.casefold() for a in activities),
            title,
            note,
        )
        if out.is_duplicate(key, row_number):
            continue
        state = daylio_state(label)
        if state is None:
            out.unmapped(label)
            pleasant = energy = None
        else:
            pleasant, energy = state
        out.moods.append(
            ImportedMood(
                at=localize(day, clock, tz),
                label=label,
                pleasant=pleasant,
                energy=energy,
                activities=activities,
                title=title,
                note=note,
                source_key=key,
                source_row=raw,
            )
        )
    return out.result()
