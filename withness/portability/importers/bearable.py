"""Bearable's CSV export: one row per reading.

Columns: ``date, weekday, time of day, category, rating/amount, detail, notes``
(newer exports add ``date formatted``). Dates look like ``22nd Sep 2020``;
the time of day is a clock time or one of the buckets ``pre``, ``am``,
``mid``, ``pm``, ``all day``, placed at the clock times in
:data:`BUCKET_TIMES`. Readings of the same date and time of day become one
record:

* ``Mood`` — a number, scaled from ``mood_scale`` (default 1..10) onto -5..+5;
* ``Energy`` — a number, scaled from ``energy_scale`` (default 1..5) onto 0..10;
* ``Symptom`` — ``detail`` like ``Headache (Mild)``; kept in ``extras["symptoms"]``
  and summarised in the note;
* ``Factors`` (and other categories whose detail is a `` | `` list) → activities;
* ``Sleep`` — hours (``7:30`` or ``7.5``) → ``sleep_hours`` (summed);
* ``Gratitudes`` — kept in ``extras["gratitudes"]`` and in the note;
* ``notes`` of any reading → the note.

A time of day comes in whole or not at all: when one of its readings is skipped
(a row error, or a character that can't be read), the others wait with it, so
that importing the corrected file brings that time in once (see :func:`parse`).
"""

from __future__ import annotations

import re
from datetime import date, time
from typing import Any
from zoneinfo import ZoneInfo

from .base import (
    Collector,
    ImportedMood,
    ParseResult,
    ProgressCallback,
    RowError,
    clean_text,
    display_label,
    localize,
    make_key,
    month_number,
    open_csv,
    parse_clock,
    parse_hours,
    parse_number,
    real_date,
    split_list,
)
from .moods import scale_energy, scale_pleasant
from .text import (
    Stream,
    preview,
    read_text,
    some_of,
)

SOURCE = "bearable"

#: Where the buckets are placed on the clock (our choice; Bearable gives no times).
BUCKET_TIMES: dict[str, time] = {
    "pre": time(5, 0),
    "am": time(9, 0),
    "mid": time(13, 0),
    "pm": time(19, 0),
    "all day": time(12, 0),
}
_BUCKET_ALIASES = {
    "allday": "all day",
    "all-day": "all day",
    "morning": "am",
    "afternoon": "mid",
    "midday": "mid",
    "evening": "pm",
    "night": "pm",
}
SEVERITIES = ("none", "mild", "moderate", "severe", "unbearable")

COLUMNS = {
    "date": (),
    "date formatted": ("formatted date",),
    "weekday": (),
    "time of day": ("time",),
    "category": (),
    "rating": ("rating/amount", "rating / amount", "amount"),
    "detail": ("details",),
    "notes": ("note",),
}

_ORDINAL_DATE = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\.?\s+([^\W\d_]+)\.?,?\s+(\d{4})$")
_MONTH_FIRST = re.compile(r"^([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_SYMPTOM = re.compile(r"^(.*?)\s*\((none|mild|moderate|severe|unbearable)\)\s*$", re.IGNORECASE)


def parse_date(value: str) -> date:
    """``22nd Sep 2020``, ``22 September 2020``, ``Sep 22, 2020`` or ``2020-09-22``."""
    raw = value.strip()
    if not raw:
        raise RowError("the date is empty")
    m = _ISO.match(raw)
    if m:
        return real_date(int(m[1]), int(m[2]), int(m[3]), raw)
    m = _ORDINAL_DATE.match(raw)
    if m:
        day_text, month_text, year_text = m[1], m[2], m[3]
    else:
        m = _MONTH_FIRST.match(raw)
        if not m:
            raise RowError(
                f"the date {preview(raw)} could not be read (expected e.g. '22nd Sep 2020')"
            )
        month_text, day_text, year_text = m[1], m[2], m[3]
    month = month_number(month_text)
    if month is None:
        raise RowError(f"the month in the date {preview(raw)} is not an English month name")
    return real_date(int(year_text), month, int(day_text), raw)


def parse_time_of_day(value: str) -> tuple[str, time]:
    """A bucket (``pre``/``am``/``mid``/``pm``/``all day``) or a clock time.

    Returns the normalised text (for grouping and keys) and the clock time."""
    raw = value.strip()
    bucket = " ".join(raw.casefold().split())
    bucket = _BUCKET_ALIASES.get(bucket, bucket)
    if not bucket:
        return "all day", BUCKET_TIMES["all day"]
    if bucket in BUCKET_TIMES:
        return bucket, BUCKET_TIMES[bucket]
    try:
        clock = parse_clock(raw)
    except RowError:
        raise RowError(
            f"the time of day {preview(raw)} is neither a clock time nor one of "
            "pre, am, mid, pm, all day"
        ) from None
    return clock.strftime("%H:%M"), clock


def _when(fields: dict[str, str]) -> tuple[date, str, time]:
    """The date, the time of day (as grouped) and its clock time of one row (or RowError)."""
    formatted = fields.get("date formatted", "").strip()
    day = parse_date(formatted or fields.get("date", ""))
    slot, clock = parse_time_of_day(fields.get("time of day", ""))
    return day, slot, clock


MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _slot_name(day: date, slot: str) -> str:
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year} ({slot})"


def _hold_back(out: Collector, table, groups: dict, lost: list) -> set[tuple[date, str]]:
    """The times of day held back whole: those with a row
    skipped for a character that can't be read (when its date and time of day can be). Every
    lost row is reported, saying what became of the rest of its time."""
    held: set[tuple[date, str]] = set()
    for _, record in out.unreadable_skipped:
        fields = {name: record[i] for name, i in table.columns.items() if i < len(record)}
        try:
            day, slot, _ = _when(fields)
        except RowError:
            continue
        held.add((day, slot))

    waiting = {
        when: len(groups[when]["readings"])
        for when in sorted(held)
        if when in groups and groups[when]["readings"]
    }
    # A reading withness can't use is skipped and the rest of its time kept: such a row is
    # often how the app writes it, and holding its time back would lose that time for good.
    for row_number, reason, when in lost:
        if when in waiting:
            reason += (
                "; the other readings of that time were held back too, to come in whole "
                "once this is corrected"
            )
        elif when in groups and groups[when]["readings"]:
            reason += "; the other readings of that time were kept"
        out.problem(row_number, reason)
    out.problems.sort(key=lambda p: p.row_number)
    if waiting:
        readings = sum(waiting.values())
        listed = some_of([_slot_name(*when) for when in waiting], sep="; ")
        out.note(
            "So that each time of day comes in whole, the other readings of a time with a "
            f"character that can’t be read were held back too: {readings:,} "
            f"{'reading' if readings == 1 else 'readings'} of {listed}. Once those rows "
            "(listed below) are corrected in the file, or it is exported again, import it once "
            "more: those times come in then, and nothing already brought in is doubled."
        )
    return set(waiting)


def parse(
    stream: Stream,
    *,
    tz: ZoneInfo,
    on_progress: ProgressCallback = None,
    mood_scale: tuple[float, float] = (1, 10),
    energy_scale: tuple[float, float] = (1, 5),
) -> ParseResult:
    """Read a Bearable CSV export; readings at the same date and time of day
    are grouped into one record.

    A record's ``source_key`` is made of its date, time of day and readings, so
    re-importing a file adds nothing. A time of day with a character that can't
    be read (a damaged file) is held back whole, with its reason in the report:
    brought in without that reading, it would have another key than the corrected
    file's, and importing the corrected file would bring the same time in twice.
    A reading withness can't use is left out and the rest of its time kept.
    """
    file = read_text(stream)
    out = Collector(SOURCE, on_progress, file)
    table = open_csv(
        file.text,
        source_title="Bearable",
        source_name=SOURCE,
        columns=COLUMNS,
        required=[("date", "date formatted"), ("category",)],
        collector=out,
        expected="date, weekday, time of day, category, rating/amount, detail, notes",
    )

    groups: dict[tuple[date, str], dict[str, Any]] = {}
    other_categories: dict[str, int] = {}
    #: Times of day that lost a reading; the rows lost there, said once it is known what waits.
    lost: list[tuple[int, str, tuple[date, str]]] = []
    for row_number, fields, raw in table.rows:
        out.rows_read += 1
        out.tick()
        try:
            day, slot, clock = _when(fields)
        except RowError as exc:
            out.problem(row_number, str(exc))
            continue
        category = display_label(fields.get("category", ""))
        if not category:
            lost.append((row_number, "the category is empty", (day, slot)))
            continue
        group = groups.setdefault(
            (day, slot),
            {
                "first_row": row_number,
                "clock": clock,
                "moods": [],
                "energies": [],
                "symptoms": [],
                "activities": [],
                "sleep": [],
                "gratitudes": [],
                "notes": [],
                "readings": [],
                "rows": [],
            },
        )
        rating = fields.get("rating", "").strip()
        detail = fields.get("detail", "").strip()
        notes = clean_text(fields.get("notes", ""))
        kind = category.casefold()
        try:
            if kind == "mood":
                value = parse_number(rating, "mood rating")
                low, high = mood_scale
                if not low - 1 <= value <= high:
                    raise RowError(
                        f"the mood rating {preview(rating)} is outside the scale {low:g}–{high:g}"
                    )
                group["moods"].append(value)
            elif kind == "energy":
                value = parse_number(rating, "energy rating")
                low, high = energy_scale
                if not low - 1 <= value <= high:
                    raise RowError(
                        f"the energy rating {preview(rating)} is outside the scale {low:g}–{high:g}"
                    )
                group["energies"].append(value)
            elif kind == "symptom":
                if not detail:
                    raise RowError("the symptom has no name")
                m = _SYMPTOM.match(detail)
                name, severity = (m[1], m[2].capitalize()) if m else (detail, "")
                group["symptoms"].append(
                    {"name": display_label(name), "severity": severity, "rating": rating}
                )
            elif kind in ("sleep", "sleep duration"):
                hours = parse_hours(rating) if rating else parse_hours(detail)
                if hours is None or not 0 <= hours <= 24:
                    raise RowError(
                        f"the sleep {preview(rating or detail)} is not a number of hours"
                    )
                group["sleep"].append(hours)
            elif kind in ("gratitude", "gratitudes"):
                for item in (detail, notes):
                    if item:
                        group["gratitudes"].append(item)
                notes = ""
            elif kind in ("note", "notes"):
                pass
            else:
                items = split_list(detail)
                if kind not in ("factor", "factors"):
                    other_categories[category] = other_categories.get(category, 0) + 1
                    if not items and rating:
                        items = (f"{category} {rating}",)
                group["activities"].extend(items)
        except RowError as exc:
            lost.append((row_number, str(exc), (day, slot)))
            continue
        if notes:
            group["notes"].append(notes)
        group["readings"].append((kind, rating, detail.casefold(), notes))
        group["rows"].append(raw)

    waiting = _hold_back(out, table, groups, lost)

    emitted = {w: g for w, g in groups.items() if g["readings"] and w not in waiting}
    kept = sum(len(group["readings"]) for group in emitted.values())
    times = len(emitted)
    if times < kept:
        out.note(
            f"Bearable keeps one row per reading: the {kept:,} readings make {times:,} "
            f"{'entry' if times == 1 else 'entries'}, one for each date and time of day."
        )
    if other_categories:
        listed = ", ".join(f"{k} ({v})" for k, v in other_categories.items())
        out.note(f"Readings in other categories were kept as activities: {listed}.")

    for (day, slot), group in emitted.items():
        key = make_key(
            SOURCE, day.isoformat(), slot, *sorted("\x1e".join(r) for r in group["readings"])
        )
        pleasant = energy = None
        if group["moods"]:
            mean = sum(group["moods"]) / len(group["moods"])
            pleasant = scale_pleasant(mean, *mood_scale)
        if group["energies"]:
            mean = sum(group["energies"]) / len(group["energies"])
            energy = scale_energy(mean, *energy_scale)
        note_parts = list(dict.fromkeys(group["notes"]))
        if group["symptoms"]:
            note_parts.append(
                "Symptoms: "
                + "; ".join(
                    f"{s['name']} ({s['severity'].lower()})" if s["severity"] else s["name"]
                    for s in group["symptoms"]
                )
            )
        if group["gratitudes"]:
            note_parts.append("Grateful for: " + "; ".join(group["gratitudes"]))
        extras: dict[str, Any] = {"time_of_day": slot}
        if group["symptoms"]:
            extras["symptoms"] = group["symptoms"]
        if group["gratitudes"]:
            extras["gratitudes"] = group["gratitudes"]
        if group["moods"]:
            extras["mood_ratings"] = group["moods"]
        if group["energies"]:
            extras["energy_ratings"] = group["energies"]
        activities = tuple(dict.fromkeys(group["activities"]))
        out.moods.append(
            ImportedMood(
                at=localize(day, group["clock"], tz),
                label="",
                pleasant=pleasant,
                energy=energy,
                activities=activities,
                note="\n\n".join(note_parts),
                source_key=key,
                source_row={"rows": group["rows"]},
                sleep_hours=round(sum(group["sleep"]), 2) if group["sleep"] else None,
                extras=extras,
            )
        )
    return out.result()
