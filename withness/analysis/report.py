"""Everything the insights page, the API and ``withness insights --json`` show.

``analyse`` runs the whole pattern-finder once; ``report_to_dict`` turns the
result into JSON-ready data (dates as ISO strings, numbers rounded, no NaN).
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np

from .balance import (
    CurvePoint,
    Lag,
    WeekBalance,
    duration_curve,
    level_off_finding,
    next_day_lags,
    weekly_balance,
)
from .cards import Card, clear_cards
from .columns import (
    UNIX_DAY_ORDINAL,
    CheckInColumns,
    InteractionColumns,
    SolitudeColumns,
    checkin_columns,
    interaction_columns,
    solitude_columns,
    until,
)
from .drift import Drift, drift_from_columns
from .effects import Effect, Estimate, ModelNote, effects_from_columns
from .factors import INTERACTION_FACTORS, SOLITUDE_FACTORS
from .records import CheckInRecord, InteractionRecord, SolitudeRecord

METHOD = (
    "Each estimate compares how you felt after an entry with how you felt before it, "
    "allowing for the way a low moment tends to lift on its own, and measured against "
    "your usual state from your daily check-ins. A person is compared with that: time with "
    "them against not having had it. Kinds of contact (in person, calls, long or short, "
    "where, who reached out …) are compared with your time with people on average, and "
    "kinds of time alone with your time alone on average. Groups with few entries are drawn "
    "toward your overall average, so a handful of entries cannot make a strong claim: "
    "below 4 entries there is no estimate, and a pattern is named only from 6 entries "
    "on, when the 90% range stays on one side of zero and the change is at least half "
    "a point. Energy is shown too, as exploratory."
)
FACTORS = INTERACTION_FACTORS + SOLITUDE_FACTORS


@dataclass(frozen=True)
class Report:
    as_of: date | None
    effects: dict[str, tuple[Effect, ...]]  # by factor: people, modes, settings, …
    drift: Drift
    weekly_balance: tuple[WeekBalance, ...]
    lags: tuple[Lag, ...]
    duration_curve: tuple[CurvePoint, ...]
    duration_finding: str | None
    cards: tuple[Card, ...]
    method: dict[str, ModelNote]
    counts: dict[str, int]

    @property
    def people(self) -> tuple[Effect, ...]:
        return self.effects["people"]

    @property
    def modes(self) -> tuple[Effect, ...]:
        return self.effects["modes"]


def _last_day(*day_columns) -> date | None:
    days = [int(d.max()) for d in day_columns if len(d)]
    return date.fromordinal(max(days)) if days else None


def analyse(
    interactions: Iterable[InteractionRecord],
    solitude: Iterable[SolitudeRecord] = (),
    checkins: Iterable[CheckInRecord] = (),
    *,
    safe_people: frozenset[str] = frozenset(),
    today: date | None = None,
) -> Report:
    """The whole pattern-finder, as of ``today`` (default: the last day with an entry).

    Entries after ``today`` are left out; the order of the records does not matter.
    """
    return analyse_columns(
        interaction_columns(interactions),
        solitude_columns(solitude),
        checkin_columns(checkins),
        safe_people=safe_people,
        today=today,
    )


def analyse_columns(
    icols: InteractionColumns,
    scols: SolitudeColumns,
    ccols: CheckInColumns,
    *,
    safe_people: frozenset[str] = frozenset(),
    today: date | None = None,
) -> Report:
    """``analyse`` for entries already in columns (the app reads its database into them)."""
    as_of = today or _last_day(icols.day, scols.day, ccols.day)
    if today is not None:
        icols, scols, ccols = until(icols, today), until(scols, today), until(ccols, today)
    effects = effects_from_columns(icols, scols, ccols)
    by_factor = dict(effects.by_factor)
    by_factor["people"] = tuple(sorted(by_factor["people"], key=lambda e: (-e.n, e.name)))
    curve = duration_curve(effects.dose_response)
    every = [e for factor in FACTORS for e in by_factor[factor]]
    return Report(
        as_of=as_of,
        effects=by_factor,
        drift=drift_from_columns(
            icols, scols, ccols, safe_people=frozenset(safe_people), today=as_of
        ),
        weekly_balance=tuple(weekly_balance(icols, scols)),
        lags=tuple(next_day_lags(icols, ccols)),
        duration_curve=tuple(curve),
        duration_finding=level_off_finding(curve),
        cards=tuple(clear_cards(every)),
        method=effects.notes,
        counts={
            "interactions": len(icols),
            "solitude": len(scols),
            "checkin_days": len(ccols),
        },
    )


def _num(value: float | None, places: int = 4) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return round(float(value), places)


def _estimate(e: Estimate | None) -> dict:
    if e is None:
        return {"estimate": None, "low": None, "high": None, "p_positive": None}
    return {
        "estimate": _num(e.estimate),
        "low": _num(e.low),
        "high": _num(e.high),
        "p_positive": _num(e.p_positive),
    }


def effect_to_dict(e: Effect) -> dict:
    return {
        "name": e.name,
        "label": e.label,
        "n": e.n,
        "weight": _num(e.weight),
        "pleasant": _estimate(e.pleasant),
        "energy": _estimate(e.energy),
        "verdict": e.verdict,
        "compared_with": e.compared_with,
        "entry_ids": list(e.entry_ids),
    }


def _rounded(values: np.ndarray, places: int = 4) -> list[float | None]:
    """``_num`` for a whole array: rounded, NaN and infinities as None."""
    out = np.round(values, places).astype(object)
    out[~np.isfinite(values)] = None
    return out.tolist()


def drift_to_dict(d: Drift) -> dict:
    dates = np.datetime_as_string(
        (d.series.days - UNIX_DAY_ORDINAL).astype("datetime64[D]"), unit="D"
    ).tolist()
    index, smoothed = _rounded(d.series.index), _rounded(d.series.smoothed)
    return {
        "flagged": d.flagged,
        "since": d.since.isoformat() if d.since else None,
        "signals": list(d.signals),
        "baseline": _num(d.baseline),
        "threshold": _num(d.threshold),
        "series": [
            {"date": day, "index": i, "smoothed": s}
            for day, i, s in zip(dates, index, smoothed, strict=True)
        ],
    }


def report_to_dict(report: Report) -> dict:
    """JSON-ready data: lists of effects per factor, drift, balance, lags, duration curve."""
    out: dict = {"as_of": report.as_of.isoformat() if report.as_of else None}
    for factor in FACTORS:
        out[factor] = [effect_to_dict(e) for e in report.effects[factor]]
    out["drift"] = drift_to_dict(report.drift)
    out["weekly_balance"] = [
        {
            "week_start": w.week_start.isoformat(),
            "with_others_min": _num(w.with_others_min, 1),
            "alone_chosen_min": _num(w.alone_chosen_min, 1),
            "alone_unchosen_min": _num(w.alone_unchosen_min, 1),
            "interactions": w.interactions,
            "solitude": w.solitude,
        }
        for w in report.weekly_balance
    ]
    out["lags"] = [
        {
            "predictor": lag.predictor,
            "outcome": lag.outcome,
            "unit": lag.unit,
            "estimate": _num(lag.estimate),
            "low": _num(lag.low),
            "high": _num(lag.high),
            "n": lag.n,
        }
        for lag in report.lags
    ]
    out["duration_curve"] = [
        {
            "band": p.band,
            "label": p.label,
            "minutes": p.minutes,
            "n": p.n,
            "estimate": _num(p.estimate),
            "low": _num(p.low),
            "high": _num(p.high),
        }
        for p in report.duration_curve
    ]
    out["duration_finding"] = report.duration_finding
    out["cards"] = [
        {
            "factor": c.factor,
            "name": c.name,
            "verdict": c.verdict,
            "certainty": c.certainty,
            "text": c.text,
            "entry_ids": list(c.entry_ids),
        }
        for c in report.cards
    ]
    out["method"] = {
        "primary_outcome": "pleasant",
        "exploratory": ["energy"],
        "text": METHOD,
        **{
            outcome: {
                "usual_state": _num(note.usual),
                "usual_from": note.source,
                "slope": _num(note.slope),
                "spread": {k: _num(v) for k, v in note.tau.items()},
            }
            for outcome, note in report.method.items()
        },
    }
    out["counts"] = dict(report.counts)
    return out
