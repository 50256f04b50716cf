"""What an entry added: the after-state, given the before-state (ANCOVA).

People log more when they start low, and a low start tends to be followed by
a better moment whatever happened: regression to the mean. So the raw
after − before overstates every lift. Instead we model

    after − usual = slope · (before − usual) + what the entry added + noise

where *usual* is the user's usual state around that date, taken from their
daily check-ins (which are not biased towards hard moments). Without enough
check-ins the before-states stand in for it, which is fairer than nothing but
can still be pulled low by hard-day logging.
"""

from dataclasses import dataclass

import numpy as np

# Usual state is a local average over a year, so a journal of several years
# that slowly gets lighter is not read as a string of lifts late on.
WINDOW_DAYS = 182
MIN_CHECKINS = 14
MIN_PAIRS_FOR_SLOPE = 8
PRIOR_SLOPE, PRIOR_SLOPE_VAR = 0.6, 0.04


@dataclass(frozen=True)
class Adjusted:
    """Per entry (aligned with the input arrays): what it added, and its uncertainty parts."""

    added: np.ndarray  # NaN where before or after is missing
    centred_before: np.ndarray  # before − usual
    usual_var: np.ndarray  # variance of the usual-state estimate at that entry's date
    slope: float
    slope_var: float
    usual: float  # the user's usual level overall, for the method note
    source: str  # "checkins", "entries" or "none"


def _lag1(values: np.ndarray, days: np.ndarray) -> float:
    consecutive = np.diff(days) == 1
    if consecutive.sum() < 5:
        return 0.0
    a, b = values[:-1][consecutive], values[1:][consecutive]
    if a.std() == 0 or b.std() == 0:
        return 0.0
    return float(np.clip(np.corrcoef(a, b)[0, 1], 0.0, 0.9))


def _usual_state(
    entry_day: np.ndarray,
    checkin_day: np.ndarray,
    checkin_value: np.ndarray,
    fallback: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, float, str]:
    present = ~np.isnan(checkin_value)
    days, values = checkin_day[present], checkin_value[present]
    if len(values) >= MIN_CHECKINS:
        inflation = (1 + (r := _lag1(values, days))) / (1 - r)
        var1 = float(values.var(ddof=1)) * inflation
        total = np.concatenate([[0.0], np.cumsum(values)])
        lo = np.searchsorted(days, entry_day - WINDOW_DAYS, side="left")
        hi = np.searchsorted(days, entry_day + WINDOW_DAYS, side="right")
        count = hi - lo
        overall = float(values.mean())
        local = np.where(
            count >= MIN_CHECKINS, (total[hi] - total[lo]) / np.maximum(count, 1), overall
        )
        var = var1 / np.where(count >= MIN_CHECKINS, count, len(values))
        return local, var, overall, "checkins"
    known = fallback[~np.isnan(fallback)]
    if len(known) >= 2:
        overall = float(known.mean())
        var = float(known.var(ddof=1)) / len(known)
        return np.full(len(entry_day), overall), np.full(len(entry_day), var), overall, "entries"
    overall = float(known.mean()) if len(known) else 0.0
    return np.full(len(entry_day), overall), np.full(len(entry_day), 1.0), overall, "none"


def adjust(
    day: np.ndarray,
    before: np.ndarray,
    after: np.ndarray,
    kind: np.ndarray,
    checkin_day: np.ndarray,
    checkin_value: np.ndarray,
) -> Adjusted:
    """Fit the model for one outcome over all entries (interactions and solitude).

    ``kind`` separates entry types: each gets its own intercept, all share one slope.
    """
    usual, usual_var, level, source = _usual_state(day, checkin_day, checkin_value, before)
    x = before - usual
    y = after - usual
    ok = ~(np.isnan(x) | np.isnan(y))
    slope, slope_var = PRIOR_SLOPE, PRIOR_SLOPE_VAR
    if ok.sum() >= MIN_PAIRS_FOR_SLOPE:
        xs, ys, ks = x[ok], y[ok], kind[ok]
        # Centred within each entry type (its own intercept), one slope for all.
        count = np.bincount(ks)
        used = np.maximum(count, 1)
        xc = xs - (np.bincount(ks, xs) / used)[ks]
        yc = ys - (np.bincount(ks, ys) / used)[ks]
        # Sums of products by np.sum, not BLAS dot: no thread start-up on a busy machine.
        sxx, sxy = float(np.sum(xc * xc)), float(np.sum(xc * yc))
        if sxx > 0:
            # A slope outside 0..1 would mean the after-state overshoots the before-state;
            # with noisy scales that is an artefact, so it is held to the plausible range.
            slope = float(np.clip(sxy / sxx, 0.0, 1.0))
            residual = yc - slope * xc
            dof = max(int(ok.sum()) - int((count > 0).sum()) - 1, 1)
            slope_var = float(np.sum(residual * residual)) / dof / sxx
    added = np.where(ok, y - slope * x, np.nan)
    return Adjusted(added, x, usual_var, slope, slope_var, level, source)
