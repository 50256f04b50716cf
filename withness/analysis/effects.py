"""Which people and kinds of contact have tended to leave the user more settled.

For every group (a person, a mode, a setting, a duration band …) we average
what its entries added beyond the before-state (see ``ancova``), draw that
average toward the user's own average by partial pooling (see ``pooling``),
and give a 90 % interval that also carries the uncertainty of the usual state
and of the slope. Pleasantness is the primary outcome and alone decides the
verdict; energy is reported the same way but is exploratory.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from .ancova import Adjusted, adjust
from .columns import (
    CheckInColumns,
    InteractionColumns,
    SolitudeColumns,
    checkin_columns,
    interaction_columns,
    solitude_columns,
)
from .factors import Grouping, interaction_groupings, label, solitude_groupings
from .pooling import Pooled, pool
from .records import CheckInRecord, EntryId, InteractionRecord, SolitudeRecord

OUTCOMES = ("pleasant", "energy")
Z90 = 1.6448536269514722

# Prior spread of true group effects: most are small (about half a point),
# counted as if three groups had shown it.
PRIOR_TAU = {"pleasant": 0.5, "energy": 0.5}
PRIOR_GROUPS = 3.0

MIN_ENTRIES = 4  # below this: "not enough yet"
MIN_FOR_VERDICT = 6
MIN_SIZE = 0.5  # points of pleasantness before a lift or drain is worth naming

LIFTS, DRAINS, UNCLEAR, NOT_ENOUGH = "lifts", "drains", "unclear", "not_enough"


@dataclass(frozen=True)
class Estimate:
    estimate: float
    low: float  # 90 % interval
    high: float
    p_positive: float  # chance the true effect is above zero
    sd: float
    raw: float  # the unpooled weighted average of what the entries added
    n: int


@dataclass(frozen=True)
class Effect:
    factor: str
    name: str
    label: str
    n: int  # entries with a before and after pleasantness
    weight: float  # the same, counting a shared interaction as 1/k
    pleasant: Estimate | None
    energy: Estimate | None  # exploratory
    verdict: str
    entry_ids: tuple[EntryId, ...]


@dataclass(frozen=True)
class ModelNote:
    """How the estimates were made, for the sentence on the insights page."""

    outcome: str
    usual: float
    source: str
    slope: float
    tau: dict[str, float]


@dataclass(frozen=True)
class Effects:
    by_factor: dict[str, tuple[Effect, ...]]
    notes: dict[str, ModelNote]
    dose_response: tuple[Effect, ...]  # duration bands, with who was there held fixed


def _normal_cdf(z: float) -> float:
    return 0.5 * (1.0 + math.erf(z / math.sqrt(2.0)))


def verdict_for(n: int, pleasant: Estimate | None) -> str:
    if n < MIN_ENTRIES or pleasant is None:
        return NOT_ENOUGH
    if n >= MIN_FOR_VERDICT and abs(pleasant.estimate) >= MIN_SIZE:
        if pleasant.low > 0:
            return LIFTS
        if pleasant.high < 0:
            return DRAINS
    return UNCLEAR


@dataclass(frozen=True)
class _Part:
    """One outcome's adjusted values for one entry type."""

    added: np.ndarray
    centred: np.ndarray
    usual_var: np.ndarray
    slope: float
    slope_var: float


@dataclass(frozen=True)
class _Fit:
    estimates: list[Estimate | None]
    tau: float
    centre: float


def _group_estimates(g: Grouping, part: _Part, outcome: str) -> _Fit:
    size = len(g.names)
    e = part.added[g.record]
    ok = ~np.isnan(e)
    level, w, e = g.level[ok], g.weight[ok], e[ok]
    x, uv = part.centred[g.record][ok], part.usual_var[g.record][ok]
    count = np.bincount(level, minlength=size)
    total_w = np.bincount(level, w, minlength=size)
    seen = count > 0
    if not seen.any():
        return _Fit([None] * size, 0.0, 0.0)
    safe_w = np.where(seen, total_w, 1.0)
    mean = np.bincount(level, w * e, minlength=size) / safe_w
    w2 = np.bincount(level, w * w, minlength=size)
    within = np.bincount(level, w * (e - mean[level]) ** 2, minlength=size)
    dof = total_w - w2 / safe_w
    if dof.sum() >= 5:
        sigma2 = float(within.sum() / dof.sum())
    else:
        # Too few repeats to see the spread within groups: use the spread of all
        # entries, which also holds the differences between groups (erring wide).
        sigma2 = float(np.var(e, ddof=1)) if len(e) > 1 else 2.0
    sigma2 = max(sigma2, 0.05)
    v = sigma2 * w2 / safe_w**2
    pooled = pool_groups(mean[seen], v[seen], outcome)
    post_mean = np.zeros(size)
    post_var = np.zeros(size)
    post_mean[seen], post_var[seen] = pooled.mean, pooled.var
    # Shared by every group: error in the usual state and in the slope.
    usual_term = (1 - part.slope) ** 2 * np.bincount(level, w * uv, minlength=size) / safe_w
    slope_term = part.slope_var * (np.bincount(level, w * x, minlength=size) / safe_w) ** 2
    sd = np.sqrt(post_var + usual_term + slope_term)
    out: list[Estimate | None] = []
    for i in range(size):
        if not seen[i]:
            out.append(None)
            continue
        est, s = float(post_mean[i]), float(sd[i])
        out.append(
            Estimate(
                estimate=est,
                low=est - Z90 * s,
                high=est + Z90 * s,
                p_positive=_normal_cdf(est / s) if s > 0 else float(est > 0),
                sd=s,
                raw=float(mean[i]),
                n=int(count[i]),
            )
        )
    return _Fit(out, float(np.sqrt(pooled.tau2)), pooled.centre)


def pool_groups(y: np.ndarray, v: np.ndarray, outcome: str) -> Pooled:
    return pool(y, v, PRIOR_TAU[outcome] ** 2, PRIOR_GROUPS)


def _effects_for(
    g: Grouping, parts: dict[str, _Part], entry_ids: np.ndarray
) -> tuple[tuple[Effect, ...], dict[str, _Fit]]:
    fits = {outcome: _group_estimates(g, parts[outcome], outcome) for outcome in OUTCOMES}
    valid = ~np.isnan(parts["pleasant"].added[g.record])
    order = np.lexsort((g.record, g.level))
    level_sorted, valid_sorted = g.level[order], valid[order]
    bounds = np.searchsorted(level_sorted, np.arange(len(g.names) + 1))
    effects = []
    for i, name in enumerate(g.names):
        pleasant, energy = fits["pleasant"].estimates[i], fits["energy"].estimates[i]
        if pleasant is None and energy is None:
            continue
        span = slice(bounds[i], bounds[i + 1])
        in_group = order[span][valid_sorted[span]]
        n = len(in_group)
        effects.append(
            Effect(
                factor=g.factor,
                name=name,
                label=label(g.factor, name),
                n=n,
                weight=float(g.weight[in_group].sum()),
                pleasant=pleasant,
                energy=energy,
                verdict=verdict_for(n, pleasant),
                entry_ids=_present(entry_ids[g.record[in_group]].tolist()),
            )
        )
    return tuple(effects), fits


def _present(ids: list) -> tuple:
    return tuple(ids) if None not in ids else tuple(x for x in ids if x is not None)


def _without_people(part: _Part, people: Grouping, fit: _Fit) -> _Part:
    """What each entry added, less the part its people account for (1/k each)."""
    deviation = np.array([0.0 if e is None else e.estimate - fit.centre for e in fit.estimates])
    share = np.bincount(
        people.record, people.weight * deviation[people.level], minlength=len(part.added)
    )
    return _Part(part.added - share, part.centred, part.usual_var, part.slope, part.slope_var)


def effects_from_columns(
    icols: InteractionColumns, scols: SolitudeColumns, ccols: CheckInColumns
) -> Effects:
    n_i = len(icols)
    day = np.concatenate([icols.day, scols.day])
    kind = np.concatenate([np.zeros(n_i, dtype=np.int64), np.ones(len(scols), dtype=np.int64)])
    adjusted: dict[str, Adjusted] = {}
    for outcome in OUTCOMES:
        adjusted[outcome] = adjust(
            day,
            np.concatenate(
                [getattr(icols, f"before_{outcome}"), getattr(scols, f"before_{outcome}")]
            ),
            np.concatenate(
                [getattr(icols, f"after_{outcome}"), getattr(scols, f"after_{outcome}")]
            ),
            kind,
            ccols.day,
            getattr(ccols, outcome),
        )

    def part(outcome: str, sl: slice) -> _Part:
        a = adjusted[outcome]
        return _Part(a.added[sl], a.centred_before[sl], a.usual_var[sl], a.slope, a.slope_var)

    taus: dict[str, dict[str, float]] = {o: {} for o in OUTCOMES}
    by_factor: dict[str, tuple[Effect, ...]] = {}
    people_fit: dict[str, _Fit] = {}
    sources = (
        (interaction_groupings(icols), slice(0, n_i), icols.records),
        (solitude_groupings(scols), slice(n_i, None), scols.records),
    )
    for groupings, sl, records in sources:
        parts = {o: part(o, sl) for o in OUTCOMES}
        ids = np.empty(len(records), dtype=object)
        ids[:] = [r.entry_id for r in records]
        for g in groupings:
            by_factor[g.factor], fits = _effects_for(g, parts, ids)
            for o in OUTCOMES:
                taus[o][g.factor] = fits[o].tau
            if g.factor == "people":
                people, people_fit = g, fits
            elif g.factor == "durations":
                # Dose and response within person: long visits are often with
                # particular people, whose own effect should not pass for the
                # effect of length.
                within = {o: _without_people(parts[o], people, people_fit[o]) for o in OUTCOMES}
                dose_response, _ = _effects_for(g, within, ids)
    notes = {
        o: ModelNote(o, adjusted[o].usual, adjusted[o].source, adjusted[o].slope, taus[o])
        for o in OUTCOMES
    }
    return Effects(by_factor, notes, dose_response)


def estimate_effects(
    interactions: Iterable[InteractionRecord],
    solitude: Iterable[SolitudeRecord] = (),
    checkins: Iterable[CheckInRecord] = (),
) -> Effects:
    """Effects of every group, in every factor, from plain records."""
    return effects_from_columns(
        interaction_columns(interactions), solitude_columns(solitude), checkin_columns(checkins)
    )
