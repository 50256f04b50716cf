"""Entries as numpy columns, in one canonical order.

Every analysis starts here. Records (from CSV files, tests, the synthetic
generator) are turned into columns by ``interaction_columns`` and friends; the
app reads its database straight into the same columns (``*_from_arrays``),
without making a Python object per entry. Sorting on the full content of each
entry (not only its time) means the same journal gives the same numbers, to
the last bit, however the caller happened to order the rows.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date, datetime, tzinfo

import numpy as np

from .records import CheckInRecord, InteractionRecord, SolitudeRecord

NAN = float("nan")
UNIX_DAY_ORDINAL = date(1970, 1, 1).toordinal()
DAY = 86400.0


def _num(value: float | None) -> float:
    return NAN if value is None else float(value)


def _floats(values: Iterable) -> np.ndarray:
    """Numbers (or None, shown as NaN) as a float column."""
    return np.array([NAN if v is None else v for v in values], dtype=float)


def _opt(value: float) -> tuple:
    return (0, 0.0) if value != value else (1, value)  # NaN sorts first, like a missing value


def _tie_order(order: np.ndarray, time: np.ndarray, key) -> np.ndarray:
    """``order`` sorts by time; rows with the same time are sorted by ``key(row)``."""
    sorted_time = time[order]
    tied = np.flatnonzero(sorted_time[1:] == sorted_time[:-1])
    if len(tied) == 0:
        return order
    order = order.copy()
    starts = tied[np.concatenate([[True], np.diff(tied) > 1])]
    for start in starts.tolist():
        end = start + 1
        while end < len(order) and sorted_time[end] == sorted_time[start]:
            end += 1
        order[start:end] = sorted(order[start:end].tolist(), key=key)
    return order


def local_days(epoch: np.ndarray, zone: tzinfo) -> np.ndarray:
    """The local date (proleptic ordinal) of each instant, given in seconds since 1970 UTC.

    Offsets from UTC change a few times a year at most, and never twice within a
    fortnight, so they are looked up at fortnightly edges across the span; in a
    fortnight where the offset changed, a binary search over its instants finds the
    first one after the change.
    """
    epoch = np.asarray(epoch, dtype=float)
    if len(epoch) == 0:
        return np.zeros(0, dtype=np.int64)

    def offset(seconds: float) -> float:
        return datetime.fromtimestamp(seconds, zone).utcoffset().total_seconds()

    span = 14 * DAY
    first = float(np.floor(epoch.min() / span) * span)
    edges = first + span * np.arange(int((epoch.max() - first) // span) + 2)
    at_edge = np.array([offset(s) for s in edges.tolist()])
    slot = ((epoch - first) // span).astype(np.int64)
    offsets = at_edge[slot]
    for changed in np.flatnonzero(at_edge[1:] != at_edge[:-1]).tolist():
        rows = np.flatnonzero(slot == changed)
        rows = rows[np.argsort(epoch[rows], kind="stable")]
        low, high = 0, len(rows)  # first row already on the new offset
        while low < high:
            middle = (low + high) // 2
            if offset(float(epoch[rows[middle]])) == at_edge[changed]:
                low = middle + 1
            else:
                high = middle
        offsets[rows[low:]] = at_edge[changed + 1]
    return np.floor((epoch + offsets) / DAY).astype(np.int64) + UNIX_DAY_ORDINAL


@dataclass(frozen=True)
class InteractionColumns:
    day: np.ndarray  # proleptic ordinal of the local date
    duration: np.ndarray
    before_pleasant: np.ndarray
    after_pleasant: np.ndarray
    before_energy: np.ndarray
    after_energy: np.ndarray
    mode: np.ndarray  # text (object arrays); "" where not given
    initiated_by: np.ndarray
    setting: np.ndarray
    depth: np.ndarray  # NaN where not given
    felt_safe: np.ndarray
    group_size: np.ndarray  # others present, NaN where not given
    entry_id: np.ndarray  # object
    # Who was there, one row per (entry, person): an entry with k people has k rows.
    people: tuple[str, ...]  # person keys, sorted
    person_entry: np.ndarray  # index into the entries, ascending
    person: np.ndarray  # index into ``people``

    def __len__(self) -> int:
        return len(self.day)


@dataclass(frozen=True)
class SolitudeColumns:
    day: np.ndarray
    duration: np.ndarray
    chosen: np.ndarray
    restorative: np.ndarray  # 1.0, 0.0, or NaN where not said
    activity: np.ndarray
    before_pleasant: np.ndarray
    after_pleasant: np.ndarray
    before_energy: np.ndarray
    after_energy: np.ndarray
    entry_id: np.ndarray

    def __len__(self) -> int:
        return len(self.day)


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


def _text(values: Iterable) -> np.ndarray:
    out = np.empty(len(values := list(values)), dtype=object)
    out[:] = [v or "" for v in values]
    return out


def _objects(values: Sequence) -> np.ndarray:
    """Entry ids: whole numbers as an int64 column (cheap to slice), anything else as is."""
    if all(type(v) is int for v in values):
        return np.array(values, dtype=np.int64)
    out = np.empty(len(values), dtype=object)
    out[:] = list(values)
    return out


def interactions_from_arrays(
    *,
    time: np.ndarray,
    day: np.ndarray,
    duration: np.ndarray,
    before_pleasant: np.ndarray,
    before_energy: np.ndarray,
    after_pleasant: np.ndarray,
    after_energy: np.ndarray,
    mode: np.ndarray,
    initiated_by: np.ndarray,
    setting: np.ndarray,
    depth: np.ndarray,
    felt_safe: np.ndarray,
    group_size: np.ndarray,
    entry_id: np.ndarray,
    person_entry: np.ndarray,
    person: np.ndarray,
    people: Sequence[str],
) -> InteractionColumns:
    """Columns from parallel arrays (``time`` in seconds since 1970, only for the order).

    Who was in each entry: one row per pair in ``person_entry`` (index of the entry)
    and ``person`` (index into ``people``, the person keys).
    """
    n = len(time)
    # People in the order of their keys, whatever order they came in.
    ranks = np.argsort(np.array(people, dtype=object), kind="stable") if people else []
    person = np.argsort(ranks)[np.asarray(person, dtype=np.int64)] if len(people) else person
    people = tuple(people[i] for i in ranks) if len(people) else ()
    person_entry = np.asarray(person_entry, dtype=np.int64)
    # A name given twice in one entry is still one person.
    pair = np.unique(person_entry * max(len(people), 1) + person)
    person_entry, person = pair // max(len(people), 1), pair % max(len(people), 1)
    bounds = np.searchsorted(person_entry, np.arange(n + 1))

    values = (duration, before_pleasant, before_energy, after_pleasant, after_energy)

    def key(i: int) -> tuple:
        who = tuple(people[p] for p in person[bounds[i] : bounds[i + 1]].tolist())
        return (
            *(float(v[i]) for v in values[:1]),
            who,
            mode[i],
            initiated_by[i],
            _opt(float(depth[i])),
            _opt(float(felt_safe[i])),
            *(_opt(float(v[i])) for v in values[1:]),
            setting[i],
            _opt(float(group_size[i])),
            str(entry_id[i]),
        )

    order = _tie_order(np.argsort(time, kind="stable"), np.asarray(time, dtype=float), key)
    # Renumber the pairs to the new order of entries.
    position = np.empty(n, dtype=np.int64)
    position[order] = np.arange(n)
    new_entry = position[person_entry]
    by_entry = np.lexsort((person, new_entry))
    return InteractionColumns(
        day=np.asarray(day, dtype=np.int64)[order],
        duration=np.asarray(duration, dtype=float)[order],
        before_pleasant=np.asarray(before_pleasant, dtype=float)[order],
        after_pleasant=np.asarray(after_pleasant, dtype=float)[order],
        before_energy=np.asarray(before_energy, dtype=float)[order],
        after_energy=np.asarray(after_energy, dtype=float)[order],
        mode=mode[order],
        initiated_by=initiated_by[order],
        setting=setting[order],
        depth=np.asarray(depth, dtype=float)[order],
        felt_safe=np.asarray(felt_safe, dtype=float)[order],
        group_size=np.asarray(group_size, dtype=float)[order],
        entry_id=entry_id[order],
        people=people,
        person_entry=new_entry[by_entry],
        person=person[by_entry],
    )


def _timed_arrays(rows: Sequence) -> dict[str, np.ndarray]:
    """What interactions and solitude share: when, for how long, and the state around it."""
    return {
        "time": np.array([r.started_at.timestamp() for r in rows], dtype=float),
        "day": np.array([r.started_at.date().toordinal() for r in rows], dtype=np.int64),
        "duration": np.array([float(r.duration_min) for r in rows], dtype=float),
        "before_pleasant": _floats(r.before_pleasant for r in rows),
        "before_energy": _floats(r.before_energy for r in rows),
        "after_pleasant": _floats(r.after_pleasant for r in rows),
        "after_energy": _floats(r.after_energy for r in rows),
    }


def interaction_columns(
    records: Iterable[InteractionRecord], until_day: date | None = None
) -> InteractionColumns:
    rows = list(records)
    size = [len(r.people) for r in rows]
    keys = [p for r in rows for p in r.people]
    people = sorted(set(keys))
    index = {name: i for i, name in enumerate(people)}
    cols = interactions_from_arrays(
        **_timed_arrays(rows),
        mode=_text(r.mode for r in rows),
        initiated_by=_text(r.initiated_by for r in rows),
        setting=_text(r.setting for r in rows),
        depth=_floats(r.depth for r in rows),
        felt_safe=_floats(r.felt_safe for r in rows),
        group_size=_floats(r.group_size for r in rows),
        entry_id=_objects([r.entry_id for r in rows]),
        person_entry=np.repeat(np.arange(len(rows), dtype=np.int64), size),
        person=np.fromiter(map(index.__getitem__, keys), np.int64, len(keys)),
        people=people,
    )
    return cols if until_day is None else until(cols, until_day)


def solitude_from_arrays(
    *,
    time: np.ndarray,
    day: np.ndarray,
    duration: np.ndarray,
    chosen: np.ndarray,
    restorative: np.ndarray,
    activity: np.ndarray,
    before_pleasant: np.ndarray,
    before_energy: np.ndarray,
    after_pleasant: np.ndarray,
    after_energy: np.ndarray,
    entry_id: np.ndarray,
) -> SolitudeColumns:
    values = (duration, chosen, restorative, before_pleasant, before_energy, after_pleasant)

    def key(i: int) -> tuple:
        return (
            float(duration[i]),
            bool(chosen[i]),
            activity[i],
            *(_opt(float(v[i])) for v in (*values[2:], after_energy)),
            str(entry_id[i]),
        )

    order = _tie_order(np.argsort(time, kind="stable"), np.asarray(time, dtype=float), key)
    return SolitudeColumns(
        day=np.asarray(day, dtype=np.int64)[order],
        duration=np.asarray(duration, dtype=float)[order],
        chosen=np.asarray(chosen, dtype=bool)[order],
        restorative=np.asarray(restorative, dtype=float)[order],
        activity=activity[order],
        before_pleasant=np.asarray(before_pleasant, dtype=float)[order],
        after_pleasant=np.asarray(after_pleasant, dtype=float)[order],
        before_energy=np.asarray(before_energy, dtype=float)[order],
        after_energy=np.asarray(after_energy, dtype=float)[order],
        entry_id=entry_id[order],
    )


def solitude_columns(
    records: Iterable[SolitudeRecord], until_day: date | None = None
) -> SolitudeColumns:
    rows = list(records)
    cols = solitude_from_arrays(
        **_timed_arrays(rows),
        chosen=np.array([bool(r.chosen) for r in rows], dtype=bool),
        restorative=_floats(r.restorative for r in rows),
        activity=_text(r.activity for r in rows),
        entry_id=_objects([r.entry_id for r in rows]),
    )
    return cols if until_day is None else until(cols, until_day)


def checkins_from_arrays(
    *, day: np.ndarray, values: np.ndarray, entry_id: np.ndarray
) -> CheckInColumns:
    """``values``: one row per check-in, the columns pleasant, energy, the five signs,
    sleep hours and social capacity (NaN where not answered)."""
    day = np.asarray(day, dtype=np.int64)
    values = np.asarray(values, dtype=float).reshape(len(day), 9)
    if len(day) == 0:
        empty = np.zeros(0)
        return CheckInColumns(
            np.zeros(0, dtype=np.int64), empty, empty, np.zeros((0, 5)), empty, empty
        )
    days, inverse = np.unique(day, return_inverse=True)
    if len(days) != len(day):
        # Averaged in a canonical order, so the same check-ins give the same bits.
        keys = [tuple(_opt(float(v)) for v in row) + (str(e),)
                for row, e in zip(values.tolist(), entry_id.tolist(), strict=True)]  # fmt: skip
        order = sorted(range(len(day)), key=lambda i: (int(day[i]), keys[i]))
        values, inverse = values[order], inverse[order]
        values = _nanmean_by_group(values, inverse, len(days))
    else:
        values = values[np.argsort(day, kind="stable")]
    return CheckInColumns(
        day=days,
        pleasant=values[:, 0],
        energy=values[:, 1],
        signs=values[:, 2:7],
        sleep_hours=values[:, 7],
        social_capacity=values[:, 8],
    )


def checkin_columns(
    records: Iterable[CheckInRecord], until_day: date | None = None
) -> CheckInColumns:
    rows = list(records)
    values = _floats(
        v
        for r in rows
        for v in (
            r.pleasant,
            r.energy,
            *r.signs,
            r.sleep_hours,
            r.social_capacity,
        )
    )
    cols = checkins_from_arrays(
        day=np.array([r.day.toordinal() for r in rows], dtype=np.int64),
        values=values,
        entry_id=_objects([r.entry_id for r in rows]),
    )
    return cols if until_day is None else until(cols, until_day)


def _nanmean_by_group(values: np.ndarray, group: np.ndarray, n: int) -> np.ndarray:
    present = ~np.isnan(values)
    sums = np.zeros((n, values.shape[1]))
    counts = np.zeros((n, values.shape[1]))
    np.add.at(sums, group, np.where(present, values, 0.0))
    np.add.at(counts, group, present)
    with np.errstate(invalid="ignore"):
        return np.where(counts > 0, sums / np.maximum(counts, 1), NAN)


def epoch_seconds(values: Sequence) -> np.ndarray:
    """Seconds since 1970 from aware datetimes, or from UTC text ("2025-06-30 18:05:00.5")."""
    if len(values) and isinstance(values[0], str):
        return np.array(values, dtype="datetime64[us]").astype(np.int64) / 1e6
    return np.array([v.timestamp() for v in values], dtype=float)


def day_ordinals(values: Sequence) -> np.ndarray:
    """Proleptic ordinals from dates, or from ISO text ("2025-06-30")."""
    if len(values) and isinstance(values[0], str):
        return np.array(values, dtype="datetime64[D]").astype(np.int64) + UNIX_DAY_ORDINAL
    return np.array([v.toordinal() for v in values], dtype=np.int64)


Columns = InteractionColumns | SolitudeColumns | CheckInColumns


def until(cols: Columns, day: date) -> Columns:
    """The same columns without the entries after ``day``."""
    keep = cols.day <= day.toordinal()
    if keep.all():
        return cols
    pairs = ("person_entry", "person")
    changes = {
        f.name: getattr(cols, f.name)[keep]
        for f in fields(cols)
        if isinstance(getattr(cols, f.name), np.ndarray) and f.name not in pairs
    }
    if isinstance(cols, InteractionColumns):
        position = np.cumsum(keep) - 1
        pair = keep[cols.person_entry]
        changes["person_entry"] = position[cols.person_entry[pair]]
        changes["person"] = cols.person[pair]
    return replace(cols, **changes)
