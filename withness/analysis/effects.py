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
from scipy.special import ndtr

from .ancova import Adjusted, adjust
from .columns import (
    CheckInColumns,
    InteractionColumns,
    SolitudeColumns,
    checkin_columns,
    interaction_columns,
    solitude_columns,
)
from .factors import (
    SOLITUDE_FACTORS,
    Grouping,
    interaction_groupings,
    label,
    solitude_groupings,
)
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

# What an effect is compared with. A person against the usual state: time with them,
# against not having had it. Everything else against the average entry of its kind:
# "in person" against time with people in general, so that a journal where most
# contact helps does not name every mode, setting and length as a lift.
USUAL, AVERAGE_INTERACTION, AVERAGE_SOLITUDE = (
    "usual_state",
    "average_interaction",
    "average_solitude",
)


def reference(factor: str) -> str:
    if factor == "people":
        return USUAL
    return AVERAGE_SOLITUDE if factor in SOLITUDE_FACTORS else AVERAGE_INTERACTION


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
    compared_with: str = USUAL  # USUAL, AVERAGE_INTERACTION or AVERAGE_SOLITUDE


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


@dataclass(frozen=True)
class _Stacked:
    """Several groupings of one entry type side by side: level ``i`` of grouping ``f``
    is level ``offset[f] + i``, so one ``bincount`` serves them all."""

    groupings: list[Grouping]
    offset: np.ndarray
    factor_of: np.ndarray  # per level
    level: np.ndarray  # per observation
    record: np.ndarray
    weight: np.ndarray

    @property
    def levels(self) -> int:
        return int(self.offset[-1])


def _stack(groupings: list[Grouping]) -> _Stacked:
    sizes = [len(g.names) for g in groupings]
    offset = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    return _Stacked(
        groupings,
        offset,
        np.repeat(np.arange(len(groupings)), sizes),
        np.concatenate([g.level + offset[f] for f, g in enumerate(groupings)] or [[]]).astype(
            np.int64
        ),
        np.concatenate([g.record for g in groupings] or [[]]).astype(np.int64),
        np.concatenate([g.weight for g in groupings] or [[]]).astype(float),
    )


def _per(index: np.ndarray, values: np.ndarray | None, size: int) -> np.ndarray:
    return np.bincount(index, values, minlength=size).astype(float)


def _fit(stack: _Stacked, part: _Part, outcome: str, relative: np.ndarray) -> list[_Fit]:
    """Partial pooling of every level of every grouping at once.

    A level of a ``relative`` grouping (per grouping) is compared with the average
    entry of its type (what a mode or a setting adds beyond time with people in
    general), shrunk toward no difference; other levels (people) are compared with
    the usual state and shrunk toward the average of their grouping.
    """
    n_levels, n_factors = stack.levels, len(stack.groupings)
    factor_of = stack.factor_of
    e_all = part.added[stack.record]
    ok = ~np.isnan(e_all)
    level, w, e = stack.level[ok], stack.weight[ok], e_all[ok]
    x, uv = part.centred[stack.record][ok], part.usual_var[stack.record][ok]
    obs_factor = factor_of[level]
    count = np.bincount(level, minlength=n_levels)
    total_w = _per(level, w, n_levels)
    seen = count > 0
    safe_w = np.where(seen, total_w, 1.0)
    mean = _per(level, w * e, n_levels) / safe_w
    w2 = _per(level, w * w, n_levels)
    within = _per(level, w * (e - mean[level]) ** 2, n_levels)
    dof = _per(factor_of, total_w - w2 / safe_w, n_factors)
    # Too few repeats to see the spread within groups: use the spread of all of the
    # grouping's entries, which also holds the differences between groups (erring wide).
    n_obs = _per(obs_factor, None, n_factors)
    sums, squares = _per(obs_factor, e, n_factors), _per(obs_factor, e * e, n_factors)
    with np.errstate(invalid="ignore", divide="ignore"):
        spread = np.where(n_obs > 1, (squares - sums**2 / n_obs) / (n_obs - 1), 2.0)
        sigma2 = np.where(dof >= 5, _per(factor_of, within, n_factors) / dof, spread)
    sigma2 = np.maximum(sigma2, 0.05)
    v = sigma2[factor_of] * w2 / safe_w**2
    mean_x = _per(level, w * x, n_levels) / safe_w

    # The average entry of this type, and each level's difference from it.
    valid = ~np.isnan(part.added)
    n_all = int(valid.sum())
    y, usual_term = mean.copy(), (1 - part.slope) ** 2 * _per(level, w * uv, n_levels) / safe_w
    slope_x = mean_x
    rel = relative[factor_of]
    alone = np.zeros(n_levels, dtype=bool)
    if rel.any() and n_all > 1:
        average = float(part.added[valid].mean())
        average_var = float(part.added[valid].var(ddof=1))
        share = np.minimum(total_w / n_all, 1.0)
        rest = n_all - total_w
        with np.errstate(invalid="ignore", divide="ignore"):
            apart = (1 - share) ** 2 * (v + average_var / np.where(rest > 0, rest, 1.0))
        y = np.where(rel, np.where(rest > 0, mean - average, 0.0), y)
        v = np.where(rel, np.where(rest > 0, apart, 1e-12), v)
        # A shared error in the usual state cancels in a difference; the slope's does not.
        usual_term = np.where(rel, 0.0, usual_term)
        slope_x = np.where(rel, mean_x - float(part.centred[valid].mean()), mean_x)
        # A level holding every entry (all contact in person) is the average itself, and
        # one holding all but a few nearly is: too little to tell it apart from, so it gets
        # no estimate, not a sure-looking zero. The few are as few as a level needs before
        # it is shown at all (MIN_ENTRIES): a comparison needs as much on its other side.
        alone = rel & (rest < MIN_ENTRIES)

    # DerSimonian–Laird per grouping, then the normal–normal posterior (see ``pooling``).
    wv = np.where(seen, 1.0 / np.where(seen, v, 1.0), 0.0)
    k = _per(factor_of, seen, n_factors)
    big_w = _per(factor_of, wv, n_factors)
    safe_big = np.where(big_w > 0, big_w, 1.0)
    centre_dl = _per(factor_of, wv * y, n_factors) / safe_big
    q = _per(factor_of, wv * (y - centre_dl[factor_of]) ** 2, n_factors)
    c = big_w - _per(factor_of, wv * wv, n_factors) / safe_big
    tau2_dl = np.where(
        (k >= 2) & (c > 0), np.maximum(0.0, (q - (k - 1)) / np.where(c > 0, c, 1)), 0
    )
    groups = np.maximum(k - 1, 0)
    prior = PRIOR_TAU[outcome] ** 2
    tau2 = (groups * tau2_dl + PRIOR_GROUPS * prior) / (groups + PRIOR_GROUPS)
    tau2_l = tau2[factor_of]
    wt = np.where(seen, 1.0 / (np.where(seen, v, 1.0) + tau2_l), 0.0)
    total_wt = _per(factor_of, wt, n_factors)
    safe_wt = np.where(total_wt > 0, total_wt, 1.0)
    centre = np.where(relative, 0.0, _per(factor_of, wt * y, n_factors) / safe_wt)
    centre_var = np.where(relative | (total_wt == 0), 0.0, 1.0 / safe_wt)
    shrink = v / (v + tau2_l)
    centre_l = centre[factor_of]
    post_mean = (1 - shrink) * y + shrink * centre_l
    # Last term (Morris 1983): tau² is itself uncertain, so groups far from the
    # centre are less sure of how far to be pulled in.
    post_var = (
        v * (1 - shrink)
        + shrink**2 * centre_var[factor_of]
        + 2.0 / np.maximum(groups + PRIOR_GROUPS, 1.0)[factor_of] * shrink**2 * (y - centre_l) ** 2
    )
    sd = np.sqrt(post_var + usual_term + part.slope_var * slope_x**2)
    with np.errstate(invalid="ignore", divide="ignore"):
        p_positive = np.where(sd > 0, ndtr(post_mean / np.where(sd > 0, sd, 1)), post_mean > 0)
    low, high = post_mean - Z90 * sd, post_mean + Z90 * sd
    columns = [a.tolist() for a in (post_mean, low, high, p_positive, sd, y, count)]
    estimates = [
        Estimate(*row) if is_seen else None
        for *row, is_seen in zip(*columns, (seen & ~alone).tolist(), strict=True)
    ]
    return [
        _Fit(
            estimates[stack.offset[f] : stack.offset[f + 1]],
            float(np.sqrt(tau2[f])),
            float(centre[f]),
        )
        for f in range(n_factors)
    ]


def pool_groups(y: np.ndarray, v: np.ndarray, outcome: str) -> Pooled:
    return pool(y, v, PRIOR_TAU[outcome] ** 2, PRIOR_GROUPS)


def _effects_for(
    groupings: list[Grouping],
    parts: dict[str, _Part],
    entry_ids: np.ndarray,
    relative: bool | None = None,
) -> list[tuple[tuple[Effect, ...], dict[str, _Fit]]]:
    """Effects of every level of the groupings, each compared as ``reference`` says
    (or all against the usual state, with ``relative=False``)."""
    stack = _stack(groupings)
    compared = [reference(g.factor) if relative is None else USUAL for g in groupings]
    is_relative = np.array([c != USUAL for c in compared], dtype=bool)
    fits = {o: _fit(stack, parts[o], o, is_relative) for o in OUTCOMES}
    valid = ~np.isnan(parts["pleasant"].added[stack.record])
    level, record, weight = stack.level[valid], stack.record[valid], stack.weight[valid]
    order = np.lexsort((record, level))
    bounds = np.searchsorted(level[order], np.arange(stack.levels + 1)).tolist()
    weights = _per(level, weight, stack.levels).tolist()
    ids = entry_ids[record[order]]
    out = []
    for f, g in enumerate(groupings):
        effects = []
        for i, name in enumerate(g.names):
            pleasant, energy = fits["pleasant"][f].estimates[i], fits["energy"][f].estimates[i]
            if pleasant is None and energy is None:
                continue
            j = int(stack.offset[f]) + i
            n = bounds[j + 1] - bounds[j]
            effects.append(
                Effect(
                    factor=g.factor,
                    name=name,
                    label=label(g.factor, name),
                    n=n,
                    weight=weights[j],
                    pleasant=pleasant,
                    energy=energy,
                    verdict=verdict_for(n, pleasant),
                    entry_ids=_present(ids[bounds[j] : bounds[j + 1]]),
                    compared_with=compared[f],
                )
            )
        out.append((tuple(effects), {o: fits[o][f] for o in OUTCOMES}))
    return out


def _present(ids: np.ndarray) -> tuple:
    if ids.dtype != object:  # whole numbers from the database: none missing
        return tuple(ids.tolist())
    return tuple(x for x in ids.tolist() if x is not None)


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
        (interaction_groupings(icols), slice(0, n_i), icols.entry_id, True),
        (solitude_groupings(scols), slice(n_i, None), scols.entry_id, False),
    )
    dose_response: tuple[Effect, ...] = ()
    for groupings, sl, ids, interactions in sources:
        parts = {o: part(o, sl) for o in OUTCOMES}
        for g, (effects, fits) in zip(groupings, _effects_for(groupings, parts, ids), strict=True):
            by_factor[g.factor] = effects
            for o in OUTCOMES:
                taus[o][g.factor] = fits[o].tau
            if g.factor == "people":
                people, people_fit = g, fits
        if interactions:
            # Dose and response within person, against the usual state: long visits are
            # often with particular people, whose own effect should not pass for the
            # effect of length.
            durations = next(g for g in groupings if g.factor == "durations")
            within = {o: _without_people(parts[o], people, people_fit[o]) for o in OUTCOMES}
            ((dose_response, _),) = _effects_for([durations], within, ids, relative=False)
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
