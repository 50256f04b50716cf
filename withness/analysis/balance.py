"""Time with others against time alone, and how the days follow one another.

* Week by week: minutes with others, chosen time alone, unchosen time alone.
* Lag one day: does a day with more connection come before a day with fewer
  isolation signs, or more sleep? Estimated within the one user, with the
  previous day's value held fixed so a good stretch is not mistaken for a
  next-day effect.
* Dose and response: how the effect on pleasantness changes with duration.
"""

from dataclasses import dataclass
from datetime import date

import numpy as np

from .columns import CheckInColumns, InteractionColumns, SolitudeColumns
from .effects import MIN_FOR_VERDICT, Z90, Effect
from .factors import DURATION_BANDS

MIN_LAG_PAIRS = 20
# Typical minutes within each duration band, for placing it on a chart.
BAND_MINUTES = {"0-15": 7.5, "15-45": 30.0, "45-90": 67.5, "90+": 120.0}
PLATEAU_WORDS = {"15-45": "about half an hour", "45-90": "about an hour"}


@dataclass(frozen=True)
class WeekBalance:
    week_start: date  # the Monday of the ISO week
    with_others_min: float
    alone_chosen_min: float
    alone_unchosen_min: float
    interactions: int
    solitude: int


@dataclass(frozen=True)
class Lag:
    predictor: str  # "hours_with_others" or "interactions"
    outcome: str  # "isolation_signs" (0..10, next day) or "sleep_hours" (next night)
    unit: str
    estimate: float | None  # change in the outcome per unit of the predictor
    low: float | None
    high: float | None
    n: int  # day pairs used


@dataclass(frozen=True)
class CurvePoint:
    band: str
    label: str
    minutes: float
    n: int
    estimate: float
    low: float
    high: float


def _monday(ordinal: np.ndarray) -> np.ndarray:
    return ordinal - (ordinal - 1) % 7  # date.fromordinal(1) was a Monday


def weekly_balance(icols: InteractionColumns, scols: SolitudeColumns) -> list[WeekBalance]:
    days = np.concatenate([icols.day, scols.day])
    if len(days) == 0:
        return []
    first, last = int(_monday(days.min())), int(_monday(days.max()))
    n_weeks = (last - first) // 7 + 1

    def per_week(day: np.ndarray, values: np.ndarray | None = None) -> np.ndarray:
        return np.bincount((_monday(day) - first) // 7, values, minlength=n_weeks)

    chosen = scols.chosen
    with_others = per_week(icols.day, icols.duration)
    alone_chosen = per_week(scols.day[chosen], scols.duration[chosen])
    alone_unchosen = per_week(scols.day[~chosen], scols.duration[~chosen])
    n_inter = per_week(icols.day)
    n_alone = per_week(scols.day)
    return [
        WeekBalance(
            date.fromordinal(first + 7 * w),
            float(with_others[w]),
            float(alone_chosen[w]),
            float(alone_unchosen[w]),
            int(n_inter[w]),
            int(n_alone[w]),
        )
        for w in range(n_weeks)
    ]


def _lag_fit(x: np.ndarray, y_today: np.ndarray, y_next: np.ndarray) -> tuple[float, float, int]:
    ok = ~(np.isnan(x) | np.isnan(y_today) | np.isnan(y_next))
    n = int(ok.sum())
    if n < MIN_LAG_PAIRS or np.ptp(x[ok]) == 0:
        return np.nan, np.nan, n
    design = np.column_stack([np.ones(n), x[ok], y_today[ok]])
    try:
        inverse = np.linalg.inv(design.T @ design)
    except np.linalg.LinAlgError:
        return np.nan, np.nan, n
    coef = inverse @ (design.T @ y_next[ok])
    resid = y_next[ok] - design @ coef
    cov = float(resid @ resid) / max(n - 3, 1) * inverse
    return float(coef[1]), float(np.sqrt(max(cov[1, 1], 0.0))), n


def next_day_lags(icols: InteractionColumns, ccols: CheckInColumns) -> list[Lag]:
    """Next-day isolation signs and sleep against a day's connection."""
    days = ccols.day
    if len(days) < 2:
        predictors = {}
    else:
        first = int(days[0])
        span = int(days[-1]) - first + 1
        inside = (icols.day >= first) & (icols.day <= days[-1])
        slot = icols.day[inside] - first
        minutes = np.bincount(slot, icols.duration[inside], minlength=span)
        count = np.bincount(slot, minlength=span).astype(float)
        predictors = {
            "hours_with_others": minutes[days - first] / 60.0,
            "interactions": count[days - first],
        }
    answered = np.sum(~np.isnan(ccols.signs), axis=1)
    with np.errstate(invalid="ignore"):
        signs = np.where(answered >= 3, np.nanmean(ccols.signs, axis=1) * 5, np.nan)
    outcomes = {"isolation_signs": signs, "sleep_hours": ccols.sleep_hours}
    units = {"hours_with_others": "per hour with others", "interactions": "per interaction"}
    consecutive = np.flatnonzero(np.diff(days) == 1) if len(days) > 1 else np.zeros(0, int)
    lags = []
    for p_name in ("hours_with_others", "interactions"):
        for o_name, outcome in outcomes.items():
            if p_name in predictors:
                x = predictors[p_name][consecutive]
                est, sd, n = _lag_fit(x, outcome[consecutive], outcome[consecutive + 1])
            else:
                est, sd, n = np.nan, np.nan, 0
            found = not np.isnan(est)
            lags.append(
                Lag(
                    p_name,
                    o_name,
                    units[p_name],
                    est if found else None,
                    est - Z90 * sd if found else None,
                    est + Z90 * sd if found else None,
                    n,
                )
            )
    return lags


def duration_curve(durations: tuple[Effect, ...]) -> list[CurvePoint]:
    by_band = {e.name: e for e in durations if e.pleasant is not None}
    return [
        CurvePoint(
            key,
            words,
            BAND_MINUTES[key],
            by_band[key].n,
            by_band[key].pleasant.estimate,
            by_band[key].pleasant.low,
            by_band[key].pleasant.high,
        )
        for key, _, _, words in DURATION_BANDS
        if key in by_band
    ]


def level_off_finding(curve: list[CurvePoint]) -> str | None:
    """The plain finding "gains level off after about an hour", when the log shows it.

    Longer contact must have helped clearly more than the shortest, up to a
    band after which longer contact added little: less than 0.15 points or 40 %
    of the gain so far, and not clearly more than nothing.
    """
    points = {p.band: p for p in curve}
    bands = [key for key, *_ in DURATION_BANDS]
    if any(b not in points or points[b].n < MIN_FOR_VERDICT for b in bands):
        return None

    def sd(p: CurvePoint) -> float:
        return (p.high - p.low) / (2 * Z90)

    shortest = points[bands[0]]
    for i, band in enumerate(bands[1:-1], start=1):
        here = points[band]
        gain = here.estimate - shortest.estimate
        rising = all(here.estimate >= points[b].estimate - 0.05 for b in bands[:i])
        clear = gain >= 0.3 and gain - Z90 * np.hypot(sd(here), sd(shortest)) > 0
        flat = all(
            (more := points[b].estimate - here.estimate) < max(0.15, 0.4 * gain)
            and more - Z90 * np.hypot(sd(points[b]), sd(here)) <= 0
            for b in bands[i + 1 :]
        )
        if rising and clear and flat:
            return (
                "In your log, longer time with people has tended to leave you more settled, "
                f"but the gains level off after {PLATEAU_WORDS[band]}."
            )
    return None
