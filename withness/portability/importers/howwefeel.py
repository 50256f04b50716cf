"""How We Feel's CSV export (``HowWeFeelEmotions.csv``).

Eighteen columns: ``Date, Mood, Tags (People), Tags (Places), Tags (Events),
Exercise, Sleep, Menstrual, Steps, Meditation, Weather, Temperature (F),
Water (cups), Caffeine (mg), Alcoholic Drinks, Notes, Reflections, Takeaways``.
``Date`` looks like ``2026 Sun Feb 8 4:04 PM``. ``Mood`` is one emotion word
from the app's grid; each maps to a state through its quadrant (see
:mod:`.moods`). ``Tags (People)`` are imported as people. Rows with more fields
than the header (an unquoted comma in free text) keep their leading columns
and have the rest joined into the last column, with a note in the report.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from .base import (
    Collector,
    ImportedMood,
    ImportedPerson,
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
    parse_hours,
    real_date,
    split_list,
)
from .moods import howwefeel_state
from .text import (
    Stream,
    preview,
    read_text,
)

SOURCE = "howwefeel"

COLUMNS = {
    "date": ("date time", "datetime", "timestamp"),
    "mood": ("emotion", "feeling"),
    "people": ("tags (people)", "people"),
    "places": ("tags (places)", "places"),
    "events": ("tags (events)", "events"),
    "exercise": (),
    "sleep": (),
    "menstrual": (),
    "steps": (),
    "meditation": (),
    "weather": (),
    "temperature": ("temperature (f)", "temperature (c)"),
    "water": ("water (cups)",),
    "caffeine": ("caffeine (mg)",),
    "alcohol": ("alcoholic drinks",),
    "notes": ("note",),
    "reflections": (),
    "takeaways": (),
}
_EXTRAS = (
    "exercise",
    "sleep",
    "menstrual",
    "steps",
    "meditation",
    "weather",
    "temperature",
    "water",
    "caffeine",
    "alcohol",
)

_HWF_DATE = re.compile(r"^(\d{4})\s+(?:[^\W\d_]+\.?,?\s+)?([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(.+)$")
_ISO_DATETIME = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})[ T](.+?)(?:Z|[+-]\d{2}:?\d{2})?$")
_TAG_SEPARATORS = ",;|"


def parse_date(value: str) -> datetime:
    """``2026 Sun Feb 8 4:04 PM`` (the app's form), or an ISO date and time."""
    raw = value.strip()
    if not raw:
        raise RowError("the date is empty")
    m = _HWF_DATE.match(raw)
    if m:
        month = month_number(m[2])
        if month is None:
            raise RowError(f"the month in the date {preview(raw)} is not an English month name")
        day: date = real_date(int(m[1]), month, int(m[3]), raw)
        clock_text = m[4]
    else:
        m = _ISO_DATETIME.match(raw)
        if not m:
            raise RowError(
                f"the date {preview(raw)} could not be read (expected a form like "
                "'2026 Sun Feb 8 4:04 PM')"
            )
        day = real_date(int(m[1]), int(m[2]), int(m[3]), raw)
        clock_text = m[4]
    try:
        clock = parse_clock(clock_text)
    except RowError:
        raise RowError(f"the time in the date {preview(raw)} is not a time of day") from None
    return datetime.combine(day, clock)


def parse(stream: Stream, *, tz: ZoneInfo, on_progress: ProgressCallback = None) -> ParseResult:
    """Read a How We Feel CSV export."""
    file = read_text(stream)
    out = Collector(SOURCE, on_progress, file)
    table = open_csv(
        file.text,
        source_title="How We Feel",
        source_name=SOURCE,
        columns=COLUMNS,
        required=[("date",), ("mood",)],
        collector=out,
        expected="Date, Mood, Tags (People), … Notes, Reflections, Takeaways",
    )
    for row_number, fields, raw in table.rows:
        out.rows_read += 1
        out.tick()
        try:
            when = parse_date(fields["date"])
            label = display_label(fields["mood"])
            if not label:
                raise RowError("the mood is empty")
        except RowError as exc:
            out.problem(row_number, str(exc))
            continue

        people = split_list(fields.get("people", ""), _TAG_SEPARATORS)
        activities = split_list(
            ",".join(v for v in (fields.get("places", ""), fields.get("events", "")) if v),
            _TAG_SEPARATORS,
        )
        parts = [clean_text(fields.get("notes", ""))]
        for name, heading in (("reflections", "Reflections"), ("takeaways", "Takeaways")):
            value = clean_text(fields.get(name, ""))
            if value:
                parts.append(f"{heading}: {value}")
        note = "\n\n".join(p for p in parts if p)
        extras = {name: fields[name].strip() for name in _EXTRAS if fields.get(name, "").strip()}
        sleep_hours = parse_hours(fields.get("sleep", ""))
        if sleep_hours is not None and not 0 <= sleep_hours <= 24:
            sleep_hours = None

        key = make_key(
            SOURCE,
            when.isoformat(),
            norm_label(label),
            "|".join(p.casefold() for p in people),
            "|".join(a.casefold() for a in activities),
            note,
        )
        if out.is_duplicate(key, row_number):
            continue
        state = howwefeel_state(label)
        if state is None:
            out.unmapped(label)
            pleasant = energy = None
        else:
            pleasant, energy = state
        for name in people:
            out.add_person(
                ImportedPerson(
                    name=name,
                    source_key=make_key(SOURCE, "person", name.casefold()),
                    source_row={"Tags (People)": fields.get("people", "")},
                )
            )
        out.moods.append(
            ImportedMood(
                at=localize(when.date(), when.time(), tz),
                label=label,
                pleasant=pleasant,
                energy=energy,
                activities=activities,
                people=people,
                note=note,
                source_key=key,
                source_row=raw,
                sleep_hours=sleep_hours,
                extras=extras,
            )
        )
    return out.result()
