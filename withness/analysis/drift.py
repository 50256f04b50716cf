"""When time alone slides into isolation.

A daily isolation index on check-in days, from four parts: the isolation
signs; time alone the user did not choose; days since contact with a safe
person; and how much of the day was spent in the shut-down or on-guard
region (every state logged that day counts, not only the check-in's). It is
smoothed (EWMA) and compared with the user's own baseline: a trailing window
that stops two weeks back, or their first weeks.

A drift is flagged when the smoothed index sits clearly above that baseline
on most of the last few check-ins, including the latest, *and* the same holds
for its distress parts alone, *and* at least one sign of distress rose. So
chosen time alone, restful or not, is never part of the index, and a quiet
spell away from people is not a concern on its own. This is data for a gentle
note, not a prediction of a crisis.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from scipy.signal import lfilter

from .columns import (
    CheckInColumns,
    InteractionColumns,
    SolitudeColumns,
    checkin_columns,
    interaction_columns,
    solitude_columns,
)
from .records import ISOLATION_SIGNS, CheckInRecord, InteractionRecord, SolitudeRecord

SIGNALS = (
    *ISOLATION_SIGNS,
    "unchosen_alone",
    "no_safe_contact",
    "shut_down",
    "on_guard",
    "less_sleep",
    "low_capacity",
)

# Component weights: signs, state region, unchosen time alone, no safe contact.
WEIGHTS = np.array([0.45, 0.2, 0.2, 0.15])
UNCHOSEN_FULL_MIN = 180.0  # this much unchosen time alone in a day counts fully
CONTACT_FULL_DAYS = 7.0
SAFE_FELT = 7  # without named safe people, contact that felt this safe counts

ALPHA = 0.5  # EWMA weight of the newest check-in
BASELINE_FROM, BASELINE_TO = 150, 14  # trailing baseline: days before today
FIRST_WEEKS = 28
MIN_BASELINE = 14  # check-ins
RECENT_CHECKINS = 5  # "most of the last several days": the last five check-ins …
RECENT_DAYS = 10  # … within this many days
MIN_RECENT = 3
SIGNAL_DAYS = 7
# How many baseline spreads count as "clearly above". Chosen on synthetic
# journals (bench/accuracy.py) to keep both missed slides and false alarms
# in the week after a restful retreat near 5 %; a slide is still caught later.
K_SPREAD = 2.0
K_DISTRESS = 2.75
DISTRESS_ONLY = np.array([1.0, 1.0, 1.0, 0.0])
MIN_RISE = 0.08


@dataclass(frozen=True)
class DriftPoint:
    day: date
    index: float | None
    smoothed: float | None


@dataclass(frozen=True)
class Series:
    """The daily index and its smoothed line, as arrays (NaN where unknown)."""

    days: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # ordinals
    index: np.ndarray = field(default_factory=lambda: np.zeros(0))
    smoothed: np.ndarray = field(default_factory=lambda: np.zeros(0))

    def __len__(self) -> int:
        return len(self.days)

    def __iter__(self) -> Iterator[DriftPoint]:
        for d, i, s in zip(
            self.days.tolist(), self.index.tolist(), self.smoothed.tolist(), strict=True
        ):
            yield DriftPoint(date.fromordinal(d), None if i != i else i, None if s != s else s)


@dataclass(frozen=True)
class Drift:
    flagged: bool
    since: date | None
    signals: list[str]
    series: Series = field(default_factory=Series, repr=False)
    baseline: float | None = None
    threshold: float | None = None


def _regions(pleasant: np.ndarray, energy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Shut-down and on-guard flags (NaN when unknown): ``states.region_of``, for arrays."""
    known = ~(np.isnan(pleasant) | np.isnan(energy))
    low = pleasant <= -1
    shut = np.where(known, low & (energy <= 4), np.nan)
    guard = np.where(known, low & (energy >= 6), np.nan)
    return shut, guard


def _region_share(
    days: np.ndarray, checkin_region: np.ndarray, icols: InteractionColumns, scols: SolitudeColumns
) -> np.ndarray:
    """Share of the day's states (check-in and before-states) that were shut down or on guard."""
    day = np.concatenate([icols.day, scols.day])
    p = np.concatenate([icols.before_pleasant, scols.before_pleasant])
    e = np.concatenate([icols.before_energy, scols.before_energy])
    shut, guard = _regions(p, e)
    flag = np.fmax(shut, guard)
    ok = ~np.isnan(flag)
    pos = np.searchsorted(days, day[ok])
    hit = (pos < len(days)) & (days[np.minimum(pos, len(days) - 1)] == day[ok])
    total = np.where(np.isnan(checkin_region), 0.0, checkin_region)
    count = (~np.isnan(checkin_region)).astype(float)
    np.add.at(total, pos[hit], flag[ok][hit])
    np.add.at(count, pos[hit], 1.0)
    with np.errstate(invalid="ignore"):
        return np.where(count > 0, total / np.maximum(count, 1), np.nan)


def _days_since_safe_contact(
    icols: InteractionColumns, safe_people: frozenset[str], days: np.ndarray
) -> np.ndarray:
    if safe_people:
        safe_level = [i for i, p in enumerate(icols.people) if p in safe_people]
        hits = icols.person_entry[np.isin(icols.person, safe_level)]
        safe = np.zeros(len(icols), dtype=bool)
        safe[hits] = True
    else:
        safe = icols.felt_safe >= SAFE_FELT  # NaN (not said) is never safe
    contact = np.unique(icols.day[safe]) if len(icols) else np.zeros(0)
    if len(contact) == 0:
        return np.full(len(days), np.inf)
    last = np.searchsorted(contact, days, side="right") - 1
    return np.where(last >= 0, days - contact[np.maximum(last, 0)], np.inf)


def _ewma(values: np.ndarray) -> np.ndarray:
    filled = values.copy()
    missing = np.isnan(filled)
    if missing.all():
        return filled
    # A check-in with nothing answered carries the last value forward.
    idx = np.where(~missing, np.arange(len(filled)), 0)
    np.maximum.accumulate(idx, out=idx)
    filled = filled[idx]
    first = filled[~np.isnan(filled)][0]
    filled = np.where(np.isnan(filled), first, filled)
    # level[i] = level[i-1] + ALPHA · (value[i] − level[i-1]), from ``first``, as a filter.
    return lfilter([ALPHA], [1.0, ALPHA - 1.0], filled, zi=[(1.0 - ALPHA) * first])[0]


def _index(components: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Weighted mean of the components present on each day."""
    present = ~np.isnan(components)
    with np.errstate(invalid="ignore"):
        return np.where(present, components, 0.0) @ weights / (present @ weights)


def _threshold(baseline: np.ndarray, k: float) -> tuple[float, float]:
    centre = float(np.median(baseline))
    spread = 1.4826 * float(np.median(np.abs(baseline - centre)))
    return centre, centre + max(k * spread, MIN_RISE)


def _most(flags: np.ndarray, recent: np.ndarray) -> bool:
    """Above on most recent check-ins, and still above on the latest one."""
    if recent.sum() < MIN_RECENT:
        return False
    return bool(flags[recent][-1]) and flags[recent].sum() * 2 > recent.sum()


def _rose(recent: np.ndarray, base: np.ndarray, by: float) -> bool:
    if np.isnan(recent).all() or np.isnan(base).all():
        return False
    return float(np.nanmean(recent) - np.nanmean(base)) >= by


def drift_from_columns(
    icols: InteractionColumns,
    scols: SolitudeColumns,
    ccols: CheckInColumns,
    *,
    safe_people: frozenset[str] = frozenset(),
    today: date | None = None,
) -> Drift:
    if len(ccols) == 0:
        return Drift(False, None, [])
    days = ccols.day
    now = today.toordinal() if today is not None else int(days[-1])
    keep = days <= now
    days = days[keep]
    if len(days) == 0:
        return Drift(False, None, [])
    signs = ccols.signs[keep]
    shut, guard = _regions(ccols.pleasant[keep], ccols.energy[keep])
    unchosen_min = np.zeros(len(days))
    alone = ~scols.chosen
    if alone.any():
        pos = np.searchsorted(days, scols.day[alone])
        hit = (pos < len(days)) & (days[np.minimum(pos, len(days) - 1)] == scols.day[alone])
        np.add.at(unchosen_min, pos[hit], scols.duration[alone][hit])
    since_contact = _days_since_safe_contact(icols, safe_people, days)

    with np.errstate(all="ignore"):
        sign_level = np.nanmean(signs, axis=1) / 2.0
    # Every state logged that day counts, not only the check-in's: one tap a
    # day is a noisy read of where the nervous system sits.
    region = _region_share(days, np.fmax(shut, guard), icols, scols)
    components = np.stack(
        [
            sign_level,
            region,
            np.minimum(unchosen_min / UNCHOSEN_FULL_MIN, 1.0),
            np.minimum(since_contact / CONTACT_FULL_DAYS, 1.0),
        ],
        axis=1,
    )
    index = _index(components, WEIGHTS)
    smoothed = _ewma(index)
    series = Series(days, index, smoothed)

    base = (days >= now - BASELINE_FROM) & (days < now - BASELINE_TO)
    if base.sum() < MIN_BASELINE:
        base = (days < days[0] + FIRST_WEEKS) & (days <= now - BASELINE_TO)
    base &= ~np.isnan(smoothed)
    if base.sum() < MIN_BASELINE:
        return Drift(False, None, [], series)
    recent = (days > now - RECENT_DAYS) & ~np.isnan(smoothed)
    recent &= np.cumsum(recent[::-1])[::-1] <= RECENT_CHECKINS
    centre, threshold = _threshold(smoothed[base], K_SPREAD)
    above = smoothed > threshold
    # The same test without the days-since-contact part: time away from people
    # raises a concern only together with distress.
    distress_index = _ewma(_index(components, WEIGHTS * DISTRESS_ONLY))
    _, distress_threshold = _threshold(distress_index[base], K_DISTRESS)
    sustained = _most(above, recent) and _most(distress_index > distress_threshold, recent)

    last = days > now - SIGNAL_DAYS
    signals = [
        name for i, name in enumerate(ISOLATION_SIGNS) if _rose(signs[last, i], signs[base, i], 0.5)
    ]
    if _rose(components[last, 2], components[base, 2], 0.2):
        signals.append("unchosen_alone")
    finite = np.where(np.isfinite(since_contact), since_contact, 60.0)
    if last.any() and finite[last][-1] >= 4 and _rose(finite[last], finite[base], 3.0):
        signals.append("no_safe_contact")
    if _rose(shut[last], shut[base], 0.3):
        signals.append("shut_down")
    if _rose(guard[last], guard[base], 0.3):
        signals.append("on_guard")
    if _rose(-ccols.sleep_hours[keep][last], -ccols.sleep_hours[keep][base], 1.0):
        signals.append("less_sleep")
    if _rose(-ccols.social_capacity[keep][last], -ccols.social_capacity[keep][base], 2.0):
        signals.append("low_capacity")

    distress = [s for s in signals if s != "no_safe_contact"]
    if not (sustained and distress):
        return Drift(False, None, [], series, centre, threshold)
    # The episode began where the latest run above the threshold began,
    # letting a single check-in below it pass.
    start = int(np.flatnonzero(above)[-1])
    while start > 0 and (above[start - 1] or (start > 1 and above[start - 2])):
        start -= 1 if above[start - 1] else 2
    return Drift(True, date.fromordinal(int(days[start])), signals, series, centre, threshold)


def isolation_drift(
    checkins: Iterable[CheckInRecord],
    solitude: Iterable[SolitudeRecord] = (),
    interactions: Iterable[InteractionRecord] = (),
    *,
    safe_people: frozenset[str] = frozenset(),
    today: date | None = None,
) -> Drift:
    """Is the journal sliding into isolation as of ``today`` (default: the last check-in)?"""
    return drift_from_columns(
        interaction_columns(interactions, today),
        solitude_columns(solitude, today),
        checkin_columns(checkins, today),
        safe_people=safe_people,
        today=today,
    )
