"""Records as numpy columns, in one canonical order.

Every analysis starts here. Sorting on the full content of each record (not
only its time) means the same journal gives the same numbers, to the last
bit, however the caller happened to order the rows.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from operator import attrgetter

import numpy as np

from .records import CheckInRecord, InteractionRecord, SolitudeRecord

NAN = float("nan")


def _opt(value: object) -> tuple:
    return (0, "") if value is None else (1, value)


def _num(value: float | None) -> float:
    return NAN if value is None else float(value)


def _interaction_key(r: InteractionRecord) -> tuple:
    return (
        r.started_at.timestamp(),
        r.duration_min,
        r.people,
        r.mode,
        r.initiated_by,
        _opt(r.depth),
        _opt(r.felt_safe),
        _opt(r.before_pleasant),
        _opt(r.before_energy),
        _opt(r.after_pleasant),
        _opt(r.after_energy),
        r.setting,
        _opt(r.group_size),
        _opt(None if r.entry_id is None else str(r.entry_id)),
    )


def _solitude_key(r: SolitudeRecord) -> tuple:
    return (
        r.started_at.timestamp(),
        r.duration_min,
        r.chosen,
        r.activity,
        _opt(r.restorative),
        _opt(r.before_pleasant),
        _opt(r.before_energy),
        _opt(r.after_pleasant),
        _opt(r.after_energy),
        _opt(None if r.entry_id is None else str(r.entry_id)),
    )


def _checkin_key(r: CheckInRecord) -> tuple:
    return (
        r.day,
        _opt(r.pleasant),
        _opt(r.energy),
        tuple(_opt(s) for s in r.signs),
        _opt(r.sleep_hours),
        _opt(r.social_capacity),
        _opt(None if r.entry_id is None else str(r.entry_id)),
    )


def _canonical(records: Iterable, coarse: Callable, full: Callable) -> list:
    """Sort by a cheap key, then break its (rare) ties by the whole record."""
    rows = sorted(records, key=coarse)
    keys = [coarse(r) for r in rows]
    i = 0
    while i < len(rows):
        j = i + 1
        while j < len(rows) and keys[j] == keys[i]:
            j += 1
        if j - i > 1:
            rows[i:j] = sorted(rows[i:j], key=full)
        i = j
    return rows


@dataclass(frozen=True)
class InteractionColumns:
    records: tuple[InteractionRecord, ...]
    day: np.ndarray  # proleptic ordinal of the local date
    duration: np.ndarray
    before_pleasant: np.ndarray
    after_pleasant: np.ndarray
    before_energy: np.ndarray
    after_energy: np.ndarray

    def __len__(self) -> int:
        return len(self.records)


@dataclass(frozen=True)
class SolitudeColumns:
    records: tuple[SolitudeRecord, ...]
    day: np.ndarray
    duration: np.ndarray
    chosen: np.ndarray
    before_pleasant: np.ndarray
    after_pleasant: np.ndarray
    before_energy: np.ndarray
    after_energy: np.ndarray

    def __len__(self) -> int:
        return len(self.records)


@dataclass(frozen=True)
class CheckInColumns:
    """One row per day; several check-ins on one day are averaged."""

    day: np.ndarray
    pleasant: np.ndarray
    energy: np.ndarray
    signs: np.ndarray  # (days, 5), NaN where not answered
    sleep_hours: np.ndarray
    social_capacity: np.ndarray

    def __len__(self) -> int:
        return len(self.day)


def interaction_columns(
    records: Iterable[InteractionRecord], until: date | None = None
) -> InteractionColumns:
    rows = _canonical(records, attrgetter("started_at"), _interaction_key)
    if until is not None:
        rows = [r for r in rows if r.started_at.date() <= until]
    return InteractionColumns(
        records=tuple(rows),
        day=np.array([r.started_at.date().toordinal() for r in rows], dtype=np.int64),
        duration=np.array([float(r.duration_min) for r in rows], dtype=float),
        before_pleasant=np.array([_num(r.before_pleasant) for r in rows], dtype=float),
        after_pleasant=np.array([_num(r.after_pleasant) for r in rows], dtype=float),
        before_energy=np.array([_num(r.before_energy) for r in rows], dtype=float),
        after_energy=np.array([_num(r.after_energy) for r in rows], dtype=float),
    )


def solitude_columns(
    records: Iterable[SolitudeRecord], until: date | None = None
) -> SolitudeColumns:
    rows = _canonical(records, attrgetter("started_at"), _solitude_key)
    if until is not None:
        rows = [r for r in rows if r.started_at.date() <= until]
    return SolitudeColumns(
        records=tuple(rows),
        day=np.array([r.started_at.date().toordinal() for r in rows], dtype=np.int64),
        duration=np.array([float(r.duration_min) for r in rows], dtype=float),
        chosen=np.array([bool(r.chosen) for r in rows], dtype=bool),
        before_pleasant=np.array([_num(r.before_pleasant) for r in rows], dtype=float),
        after_pleasant=np.array([_num(r.after_pleasant) for r in rows], dtype=float),
        before_energy=np.array([_num(r.before_energy) for r in rows], dtype=float),
        after_energy=np.array([_num(r.after_energy) for r in rows], dtype=float),
    )


def checkin_columns(records: Iterable[CheckInRecord], until: date | None = None) -> CheckInColumns:
    rows = _canonical(records, attrgetter("day"), _checkin_key)
    if until is not None:
        rows = [r for r in rows if r.day <= until]
    if not rows:
        empty = np.zeros(0)
        return CheckInColumns(
            np.zeros(0, dtype=np.int64), empty, empty, np.zeros((0, 5)), empty, empty
        )
    day = np.array([r.day.toordinal() for r in rows], dtype=np.int64)
    values = np.array(
        [
            (
                r.pleasant,
                r.energy,
                r.racing_thoughts,
                r.anxiety,
                r.irritability,
                r.tension,
                r.poor_sleep,
                r.sleep_hours,
                r.social_capacity,
            )
            for r in rows
        ],
        dtype=object,
    )
    values = np.where(values == None, NAN, values).astype(float)  # noqa: E711
    days, inverse = np.unique(day, return_inverse=True)
    if len(days) != len(day):
        values = _nanmean_by_group(values, inverse, len(days))
    return CheckInColumns(
        day=days,
        pleasant=values[:, 0],
        energy=values[:, 1],
        signs=values[:, 2:7],
        sleep_hours=values[:, 7],
        social_capacity=values[:, 8],
    )


def _nanmean_by_group(values: np.ndarray, group: np.ndarray, n: int) -> np.ndarray:
    present = ~np.isnan(values)
    sums = np.zeros((n, values.shape[1]))
    counts = np.zeros((n, values.shape[1]))
    np.add.at(sums, group, np.where(present, values, 0.0))
    np.add.at(counts, group, present)
    with np.errstate(invalid="ignore"):
        return np.where(counts > 0, sums / np.maximum(counts, 1), NAN)
