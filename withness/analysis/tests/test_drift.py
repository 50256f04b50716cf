from datetime import timedelta

import numpy as np
import pytest

from withness.analysis.drift import SIGNALS, isolation_drift
from withness.analysis.synthetic import generate

from .builders import START, alone, checkin, visit


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_it_flags_a_planted_slide_within_a_week(seed):
    journal = generate(seed, drift_day=200)
    began = journal.planted.drift_start
    drift = isolation_drift(
        journal.checkins,
        journal.solitude,
        journal.interactions,
        safe_people=journal.planted.safe_people,
        today=began + timedelta(days=7),
    )
    assert drift.flagged
    assert began - timedelta(days=3) <= drift.since <= began + timedelta(days=7)
    assert drift.signals and set(drift.signals) <= set(SIGNALS)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_it_stays_quiet_before_the_slide(seed):
    journal = generate(seed, drift_day=200)
    drift = isolation_drift(
        journal.checkins,
        journal.solitude,
        journal.interactions,
        safe_people=journal.planted.safe_people,
        today=journal.planted.drift_start - timedelta(days=1),
    )
    assert not drift.flagged
    assert drift.since is None and drift.signals == []


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_a_restful_retreat_alone_raises_no_concern(seed):
    journal = generate(seed, restful_only=True)
    assert all(s.chosen and s.restorative for s in journal.solitude)
    drift = isolation_drift(
        journal.checkins,
        journal.solitude,
        journal.interactions,
        safe_people=journal.planted.safe_people,
    )
    assert not drift.flagged


def steady_checkins(days: int, **kwargs):
    return [checkin(d, pleasant=1.0 + (d % 3) * 0.5, signs=(d % 2, 0, d % 3 // 2, 0, 0), **kwargs)
            for d in range(days)]  # fmt: skip


def test_chosen_restful_solitude_and_no_contact_are_not_a_concern_by_themselves():
    contact = [visit(d, ("Sam",), 1.0, 1.5) for d in range(0, 70, 2)]
    checkins = steady_checkins(100)
    retreat = [alone(d, 600, chosen=True, restorative=True) for d in range(70, 100)]
    drift = isolation_drift(checkins, retreat, contact, safe_people=frozenset({"Sam"}))
    assert not drift.flagged


def test_rising_signs_with_unchosen_time_alone_are_flagged_with_their_names():
    contact = [visit(d, ("Sam",), 1.0, 1.5) for d in range(0, 70, 2)]
    checkins = steady_checkins(70)
    checkins += [
        checkin(d, pleasant=-2.0, energy=2.0, signs=(2, 2, 1, 2, 2), sleep=5.0, capacity=1)
        for d in range(70, 80)
    ]
    unchosen = [alone(d, 300, chosen=False) for d in range(70, 80)]
    drift = isolation_drift(checkins, unchosen, contact, safe_people=frozenset({"Sam"}))
    assert drift.flagged
    assert START + timedelta(days=70) <= drift.since <= START + timedelta(days=73)
    for signal in ("racing_thoughts", "anxiety", "tension", "poor_sleep", "unchosen_alone",
                   "no_safe_contact", "shut_down", "less_sleep", "low_capacity"):  # fmt: skip
        assert signal in drift.signals
    assert drift.signals == [s for s in SIGNALS if s in drift.signals]  # stable order
    assert len(drift.series) == 80 and drift.threshold > drift.baseline


def test_it_needs_a_baseline_before_it_says_anything():
    checkins = [checkin(d, pleasant=-3.0, energy=1.0, signs=(2, 2, 2, 2, 2)) for d in range(10)]
    drift = isolation_drift(checkins)
    assert not drift.flagged and drift.baseline is None
    assert not isolation_drift(()).flagged


def test_the_region_flags_agree_with_the_named_regions():
    from withness.analysis.drift import _regions
    from withness.analysis.states import Region, region_of

    grid = [(p / 2, e / 2) for p in range(-10, 11) for e in range(21)]
    p, e = np.array(grid).T
    shut, guard = _regions(p, e)
    assert shut.tolist() == [float(region_of(*s) == Region.SHUT_DOWN) for s in grid]
    assert guard.tolist() == [float(region_of(*s) == Region.ON_GUARD) for s in grid]
