"""Journals as CSV files: the machine interface of ``withness insights --input DIR``.

A folder may hold ``interactions.csv``, ``solitude.csv`` and ``checkins.csv``
(UTF-8, with a header row; any of them may be missing). Columns are read by
name; extra columns are ignored. Times are ISO 8601 with a UTC offset. People
are separated by ``;``; an empty cell means a group or strangers. Optional
columns: ``setting`` and ``group_size`` (interactions), ``restorative``
(solitude), and ``id`` on any file, which becomes the entry id (otherwise the
row number is). Bad input raises ValueError naming the file, row and column.
"""

import csv
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .records import (
    ACTIVITIES,
    INITIATED_BY,
    MODES,
    SETTINGS,
    CheckInRecord,
    InteractionRecord,
    SolitudeRecord,
)

INTERACTION_COLUMNS = (
    "started_at",
    "duration_min",
    "people",
    "mode",
    "initiated_by",
    "depth",
    "felt_safe",
    "before_pleasant",
    "before_energy",
    "after_pleasant",
    "after_energy",
)
SOLITUDE_COLUMNS = (
    "started_at",
    "duration_min",
    "chosen",
    "activity",
    "before_pleasant",
    "before_energy",
    "after_pleasant",
    "after_energy",
)
CHECKIN_COLUMNS = (
    "date",
    "pleasant",
    "energy",
    "racing_thoughts",
    "anxiety",
    "irritability",
    "tension",
    "poor_sleep",
    "sleep_hours",
    "social_capacity",
)
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0"}


@dataclass(frozen=True)
class Journal:
    interactions: tuple[InteractionRecord, ...] = ()
    solitude: tuple[SolitudeRecord, ...] = ()
    checkins: tuple[CheckInRecord, ...] = ()


class _Row:
    """One CSV row, with parsers that name the file, row and column on failure."""

    def __init__(self, file: str, number: int, line: int, values: dict[str, str]):
        self.file, self.number, self.line, self.values = file, number, line, values

    def fail(self, column: str, problem: str) -> ValueError:
        value = self.values.get(column, "")
        return ValueError(
            f"{self.file}, row {self.number} (line {self.line}), column '{column}': "
            f"{problem}; got {value!r}"
        )

    def text(self, column: str) -> str:
        return (self.values.get(column) or "").strip()

    def number_or_none(
        self, column: str, low: float, high: float, *, step: float | None = None
    ) -> float | None:
        raw = self.text(column)
        if raw == "":
            return None
        try:
            value = float(raw)
        except ValueError:
            raise self.fail(column, "expected a number") from None
        if not math.isfinite(value) or not low <= value <= high:
            raise self.fail(column, f"expected a number from {low:g} to {high:g}")
        if step is not None and not (value / step).is_integer():
            raise self.fail(column, f"expected a multiple of {step:g}")
        return value

    def whole_or_none(self, column: str, low: int, high: int) -> int | None:
        value = self.number_or_none(column, low, high, step=1)
        return None if value is None else int(value)

    def required(self, column: str) -> str:
        raw = self.text(column)
        if raw == "":
            raise self.fail(column, "this cell is required")
        return raw

    def duration(self) -> float:
        self.required("duration_min")
        value = self.number_or_none("duration_min", 0, 7 * 24 * 60)
        assert value is not None
        return value

    def moment(self, column: str) -> datetime:
        raw = self.required(column)
        try:
            value = datetime.fromisoformat(raw)
        except ValueError:
            raise self.fail(
                column, "expected an ISO 8601 time such as 2025-03-01T18:30+01:00"
            ) from None
        if value.tzinfo is None:
            raise self.fail(column, "the time needs a UTC offset, such as +01:00 or Z")
        return value

    def day(self, column: str) -> date:
        raw = self.required(column)
        try:
            return date.fromisoformat(raw)
        except ValueError:
            raise self.fail(column, "expected a date such as 2025-03-01") from None

    def choice(self, column: str, allowed: Iterable[str], *, required: bool) -> str:
        raw = self.required(column) if required else self.text(column)
        if raw and raw not in allowed:
            raise self.fail(column, f"expected one of {', '.join(allowed)}")
        return raw

    def yes_no(self, column: str, *, required: bool) -> bool | None:
        raw = (self.required(column) if required else self.text(column)).lower()
        if raw in YES:
            return True
        if raw in NO:
            return False
        if raw == "" and not required:
            return None
        raise self.fail(column, "expected yes or no")

    def entry_id(self) -> int | str:
        raw = self.text("id")
        if raw == "":
            return self.number
        return int(raw) if raw.isdigit() else raw

    def state(self, prefix: str) -> tuple[float | None, float | None]:
        return (
            self.number_or_none(f"{prefix}_pleasant", -5, 5, step=0.5),
            self.number_or_none(f"{prefix}_energy", 0, 10, step=0.5),
        )


def _rows(path: Path, required: tuple[str, ...]) -> Iterable[_Row]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        header = [h.strip() for h in (reader.fieldnames or [])]
        if not header:
            raise ValueError(f"{path.name}: the file is empty; expected a header row")
        reader.fieldnames = header
        missing = [c for c in required if c not in header]
        if missing:
            raise ValueError(
                f"{path.name}: missing column{'s' if len(missing) > 1 else ''} "
                f"{', '.join(repr(c) for c in missing)} (the header has: {', '.join(header)})"
            )
        for number, values in enumerate(reader, start=1):
            if None in values:
                raise ValueError(
                    f"{path.name}, row {number} (line {reader.line_num}): more cells than columns"
                )
            yield _Row(path.name, number, reader.line_num, values)


def _interaction(row: _Row) -> InteractionRecord:
    people = tuple(p.strip() for p in row.text("people").split(";") if p.strip())
    return InteractionRecord(
        started_at=row.moment("started_at"),
        duration_min=row.duration(),
        people=people,
        mode=row.choice("mode", MODES, required=True),
        initiated_by=row.choice("initiated_by", INITIATED_BY, required=False),
        depth=row.whole_or_none("depth", 0, 4),
        felt_safe=row.whole_or_none("felt_safe", 0, 10),
        before_pleasant=row.state("before")[0],
        before_energy=row.state("before")[1],
        after_pleasant=row.state("after")[0],
        after_energy=row.state("after")[1],
        setting=row.choice("setting", SETTINGS, required=False),
        group_size=row.whole_or_none("group_size", 0, 10_000),
        entry_id=row.entry_id(),
    )


def _solitude(row: _Row) -> SolitudeRecord:
    return SolitudeRecord(
        started_at=row.moment("started_at"),
        duration_min=row.duration(),
        chosen=bool(row.yes_no("chosen", required=True)),
        activity=row.choice("activity", ACTIVITIES, required=False),
        restorative=row.yes_no("restorative", required=False),
        before_pleasant=row.state("before")[0],
        before_energy=row.state("before")[1],
        after_pleasant=row.state("after")[0],
        after_energy=row.state("after")[1],
        entry_id=row.entry_id(),
    )


def _checkin(row: _Row) -> CheckInRecord:
    return CheckInRecord(
        day=row.day("date"),
        pleasant=row.number_or_none("pleasant", -5, 5, step=0.5),
        energy=row.number_or_none("energy", 0, 10, step=0.5),
        racing_thoughts=row.whole_or_none("racing_thoughts", 0, 2),
        anxiety=row.whole_or_none("anxiety", 0, 2),
        irritability=row.whole_or_none("irritability", 0, 2),
        tension=row.whole_or_none("tension", 0, 2),
        poor_sleep=row.whole_or_none("poor_sleep", 0, 2),
        sleep_hours=row.number_or_none("sleep_hours", 0, 24),
        social_capacity=row.whole_or_none("social_capacity", 0, 10),
        entry_id=row.entry_id(),
    )


def _read(path: Path, columns: tuple[str, ...], parse: Callable) -> tuple:
    return tuple(parse(row) for row in _rows(path, columns)) if path.exists() else ()


def read_journal(folder: str | Path) -> Journal:
    """Read the CSV files in ``folder`` into records."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ValueError(f"{folder}: not a folder")
    return Journal(
        interactions=_read(folder / "interactions.csv", INTERACTION_COLUMNS, _interaction),
        solitude=_read(folder / "solitude.csv", SOLITUDE_COLUMNS, _solitude),
        checkins=_read(folder / "checkins.csv", CHECKIN_COLUMNS, _checkin),
    )


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}" if value.is_integer() else repr(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def write_journal(
    folder: str | Path,
    interactions: Iterable[InteractionRecord] = (),
    solitude: Iterable[SolitudeRecord] = (),
    checkins: Iterable[CheckInRecord] = (),
) -> None:
    """Write records as the three CSV files ``read_journal`` reads back."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    _write(
        folder / "interactions.csv",
        (*INTERACTION_COLUMNS, "setting", "group_size", "id"),
        (
            [
                r.started_at,
                r.duration_min,
                ";".join(r.people),
                r.mode,
                r.initiated_by,
                r.depth,
                r.felt_safe,
                r.before_pleasant,
                r.before_energy,
                r.after_pleasant,
                r.after_energy,
                r.setting,
                r.group_size,
                r.entry_id,
            ]
            for r in interactions
        ),
    )
    _write(
        folder / "solitude.csv",
        (*SOLITUDE_COLUMNS, "restorative", "id"),
        (
            [
                r.started_at,
                r.duration_min,
                r.chosen,
                r.activity,
                r.before_pleasant,
                r.before_energy,
                r.after_pleasant,
                r.after_energy,
                r.restorative,
                r.entry_id,
            ]
            for r in solitude
        ),
    )
    _write(
        folder / "checkins.csv",
        (*CHECKIN_COLUMNS, "id"),
        ([r.day, r.pleasant, r.energy, *r.signs, r.sleep_hours, r.social_capacity, r.entry_id]
         for r in checkins),
    )  # fmt: skip


def _write(path: Path, header: tuple[str, ...], rows: Iterable[list]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows([_cell(v) for v in row] for row in rows)
