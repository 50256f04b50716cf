"""Partial pooling: each group's estimate is drawn toward the user's average.

Normal–normal empirical Bayes. A group seen twice says little on its own, so
its estimate leans on the average of all groups; a group seen forty times
mostly speaks for itself. How far groups really differ (tau²) is estimated by
DerSimonian–Laird's method of moments, blended with a prior when there are too
few groups to estimate it well.
"""

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Pooled:
    mean: np.ndarray  # per group, posterior mean
    var: np.ndarray  # per group, posterior variance
    centre: float  # the pooled average groups are drawn toward
    tau2: float


def dersimonian_laird(y: np.ndarray, v: np.ndarray) -> float:
    """Method-of-moments between-group variance; 0 when groups agree within noise."""
    if len(y) < 2:
        return 0.0
    w = 1.0 / v
    centre = float(w @ y / w.sum())
    q = float(w @ (y - centre) ** 2)
    c = float(w.sum() - (w @ w) / w.sum())
    return max(0.0, (q - (len(y) - 1)) / c) if c > 0 else 0.0


def pool(y: np.ndarray, v: np.ndarray, prior_tau2: float, prior_groups: float) -> Pooled:
    """Shrink group means ``y`` (sampling variances ``v``) toward their pooled average.

    The tau² used is a weighted blend: the DL estimate counts as (groups − 1)
    pieces of evidence and the prior as ``prior_groups``, so one or two groups
    fall back on the prior and thirty groups mostly use their own spread.
    """
    y = np.asarray(y, dtype=float)
    v = np.asarray(v, dtype=float)
    if len(y) == 0:
        return Pooled(np.zeros(0), np.zeros(0), 0.0, prior_tau2)
    dof = len(y) - 1
    tau2 = (dof * dersimonian_laird(y, v) + prior_groups * prior_tau2) / (dof + prior_groups)
    w = 1.0 / (v + tau2)
    centre = float(w @ y / w.sum())
    centre_var = 1.0 / float(w.sum())
    shrink = v / (v + tau2)
    mean = (1 - shrink) * y + shrink * centre
    # Last term (Morris 1983): tau² is itself uncertain, so groups far from the
    # centre are less sure of how far to be pulled in.
    var = (
        v * (1 - shrink)
        + shrink**2 * centre_var
        + 2.0 / max(dof + prior_groups, 1.0) * shrink**2 * (y - centre) ** 2
    )
    return Pooled(mean, var, centre, tau2)
