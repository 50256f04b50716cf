import numpy as np
import pytest

from withness.analysis.effects import DRAINS, LIFTS, NOT_ENOUGH, UNCLEAR, estimate_effects
from withness.analysis.synthetic import generate

from .builders import checkin, visit

VERDICT_FACTORS = (
    "people",
    "modes",
    "settings",
    "durations",
    "group_sizes",
    "initiated_by",
    "depth",
)


def by_name(effects, factor="people"):
    return {e.name: e for e in effects.by_factor[factor]}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_it_recovers_a_planted_lift_and_drain_with_the_right_sign(seed):
    journal = generate(seed, people={"Sam": (1.2, 0.6, 40), "Alex": (-1.2, -0.6, 40)})
    people = by_name(estimate_effects(journal.interactions, journal.solitude, journal.checkins))
    assert people["Sam"].verdict == LIFTS
    assert people["Alex"].verdict == DRAINS
    assert people["Sam"].pleasant.low > 0 > people["Alex"].pleasant.high
    assert people["Sam"].energy.estimate > 0 > people["Alex"].energy.estimate


@pytest.mark.parametrize("seed", [11, 12, 13, 14])
def test_it_names_no_pattern_in_pure_noise(seed):
    journal = generate(seed, zero_share=1.0)
    effects = estimate_effects(journal.interactions, journal.solitude, journal.checkins)
    for factor in VERDICT_FACTORS:
        for effect in effects.by_factor[factor]:
            assert effect.verdict in (UNCLEAR, NOT_ENOUGH), (factor, effect.name)


def regression_to_the_mean_journal():
    rng = np.random.default_rng(5)
    usual = 1.0
    checkins = [checkin(d, pleasant=usual + (0.5 if d % 2 else -0.5)) for d in range(120)]
    visits = []
    for i in range(30):
        for person, start in (("Low", -3.0), ("High", 4.0), ("Mid", 1.0)):
            before = float(np.clip(np.round((start + rng.normal(0, 0.5)) * 2) / 2, -5, 5))
            after = usual + 0.6 * (before - usual) + rng.normal(0, 0.5)
            visits.append(visit(4 * i, (person,), before, float(np.round(after * 2) / 2)))
    return visits, checkins


def test_regression_to_the_mean_is_not_taken_for_an_effect():
    visits, checkins = regression_to_the_mean_journal()
    naive_low = np.mean(
        [v.after_pleasant - v.before_pleasant for v in visits if v.people == ("Low",)]
    )
    assert naive_low > 1.0  # the raw change looks like a big lift …
    people = by_name(estimate_effects(visits, (), checkins))
    for name in ("Low", "High", "Mid"):
        assert people[name].verdict == UNCLEAR  # … but nothing happened
        assert abs(people[name].pleasant.estimate) < 0.3


def test_a_shared_interaction_counts_one_over_k_for_each_person():
    # Before-states at the usual state (0) make each entry's added value its after-state.
    checkins = [checkin(d, pleasant=0.0) for d in range(30)]
    visits = [visit(d, ("Ana",), 0.0, 2.0, entry_id=d) for d in range(6)]
    visits += [visit(d, ("Ana", "Ben"), 0.0, -1.0, entry_id=100 + d) for d in range(6)]
    people = by_name(estimate_effects(visits, (), checkins))
    ana, ben = people["Ana"], people["Ben"]
    assert (ana.n, ana.weight) == (12, pytest.approx(9.0))
    assert (ben.n, ben.weight) == (6, pytest.approx(3.0))
    assert ana.pleasant.raw == pytest.approx((6 * 2.0 + 6 * 0.5 * -1.0) / 9)
    assert ben.pleasant.raw == pytest.approx(-1.0)
    assert sorted(ben.entry_ids) == [100 + d for d in range(6)]
    assert sorted(ana.entry_ids) == sorted([*range(6), *(100 + d for d in range(6))])


def strong_person(n: int, lift: float = 2.0):
    checkins = [checkin(d, pleasant=(0.5 if d % 2 else -0.5)) for d in range(60)]
    visits = [visit(d, ("Kim",), 0.0, lift) for d in range(n)]
    visits += [visit(d, ("Lou",), b, b * 0.6) for d in range(20) for b in (-1.0, 1.0)]
    return by_name(estimate_effects(visits, (), checkins))["Kim"]


def test_it_says_not_enough_below_four_and_names_a_pattern_only_from_six():
    assert strong_person(3).verdict == NOT_ENOUGH
    assert strong_person(5).verdict == UNCLEAR
    assert strong_person(8).verdict == LIFTS
    assert strong_person(8, lift=-2.0).verdict == DRAINS


def test_energy_is_exploratory_and_never_decides_the_verdict():
    checkins = [checkin(d, pleasant=(0.5 if d % 2 else -0.5)) for d in range(60)]
    visits = [visit(d, ("Kim",), 0.0, 0.0, energy=(5.0, 9.0)) for d in range(12)]
    visits += [visit(d, ("Lou",), b, b * 0.6) for d in range(20) for b in (-1.0, 1.0)]
    kim = by_name(estimate_effects(visits, (), checkins))["Kim"]
    assert kim.energy.low > 0
    assert kim.verdict == UNCLEAR


def test_entries_without_an_after_state_are_left_out():
    visits, checkins = regression_to_the_mean_journal()
    unfinished = [visit(d, ("Low",), -3.0, None, energy=(5.0, None)) for d in range(10)]
    with_gaps = by_name(estimate_effects(visits + unfinished, (), checkins))
    without = by_name(estimate_effects(visits, (), checkins))
    assert with_gaps["Low"].n == without["Low"].n
    assert with_gaps["Low"].pleasant == without["Low"].pleasant


def test_every_factor_is_reported_with_intervals_around_the_estimate():
    journal = generate(4, context_effects=True)
    effects = estimate_effects(journal.interactions, journal.solitude, journal.checkins)
    for factor in (*VERDICT_FACTORS, "solitude", "activities"):
        assert effects.by_factor[factor], factor
        for e in effects.by_factor[factor]:
            assert e.pleasant.low < e.pleasant.estimate < e.pleasant.high
            assert 0 <= e.pleasant.p_positive <= 1
    kinds = by_name(effects, "solitude")
    assert kinds["chosen_restful"].pleasant.estimate > kinds["unchosen"].pleasant.estimate
    assert effects.notes["pleasant"].source == "checkins"
    assert 0.3 < effects.notes["pleasant"].slope < 0.9


def test_an_empty_journal_has_no_effects():
    effects = estimate_effects((), (), ())
    assert all(not found for found in effects.by_factor.values())


def test_a_journal_that_slowly_gets_lighter_does_not_read_as_lifts():
    # The usual state rises a point a year; it is taken from check-ins around
    # each entry's date, so late entries are not mistaken for lifts.
    journal = generate(2, days=3 * 365, trend_per_year=1.0, zero_share=1.0)
    effects = estimate_effects(journal.interactions, journal.solitude, journal.checkins)
    for factor in VERDICT_FACTORS:
        assert all(e.verdict in (UNCLEAR, NOT_ENOUGH) for e in effects.by_factor[factor])


def lifting_journal(call_extra: float = 0.0):
    """Every contact adds a point and a half; calls add ``call_extra`` on top."""
    rng = np.random.default_rng(3)
    checkins = [checkin(d, pleasant=(0.5 if d % 2 else -0.5)) for d in range(120)]
    visits = []
    for d in range(120):
        for person, mode in (("Ana", "in_person"), ("Ben", "call"), ("Cy", "messages")):
            lift = 1.5 + (call_extra if mode == "call" else 0.0) + rng.normal(0, 0.5)
            visits.append(visit(d, (person,), 0.0, float(np.round(lift * 2) / 2), mode=mode))
    return estimate_effects(visits, (), checkins)


def test_kinds_of_contact_are_compared_with_the_average_contact_not_the_usual_state():
    effects = lifting_journal()
    # Everyone lifts against how the user would otherwise feel: honest for people …
    assert {e.name: e.verdict for e in effects.by_factor["people"]} == dict.fromkeys(
        ("Ana", "Ben", "Cy"), LIFTS
    )
    assert all(e.compared_with == "usual_state" for e in effects.by_factor["people"])
    # … but no mode stands out from contact in general, so no mode gets a card.
    for e in effects.by_factor["modes"]:
        assert e.compared_with == "average_interaction"
        assert e.verdict == UNCLEAR and abs(e.pleasant.estimate) < 0.2, e.name


def test_a_kind_of_contact_that_stands_out_is_named_by_its_difference_from_the_average():
    modes = by_name(lifting_journal(call_extra=1.5), "modes")
    # Calls add 3 points, the others 1.5: calls are 1 above the average (2), the others
    # half a point below it.
    assert modes["call"].verdict == LIFTS
    assert modes["call"].pleasant.estimate == pytest.approx(1.0, abs=0.15)
    for other in ("in_person", "messages"):
        assert modes[other].pleasant.estimate == pytest.approx(-0.5, abs=0.15)
        assert modes[other].pleasant.high < 0


def mostly_in_person(calls: int):
    """Sixty times in person with Ana, and a few calls with Ben."""
    checkins = [checkin(d, pleasant=(0.5 if d % 2 else -0.5)) for d in range(70)]
    visits = [visit(d, ("Ana",), 0.0, 1.0 + (d % 3) / 2) for d in range(60)]
    visits += [visit(61 + i, ("Ben",), 0.0, 2.0, mode="call") for i in range(calls)]
    return by_name(estimate_effects(visits, (), checkins), "modes")


def test_a_kind_of_contact_holding_every_entry_gets_no_estimate():
    assert "in_person" not in mostly_in_person(calls=0)


@pytest.mark.parametrize("calls", [1, 3])
def test_a_kind_of_contact_holding_all_but_a_few_entries_gets_no_sure_looking_zero(calls):
    modes = mostly_in_person(calls)
    assert "in_person" not in modes  # not "0.0 to 0.0": too little to compare it with
    assert modes["call"].pleasant is not None  # the calls are still set against the rest


def test_a_kind_of_contact_with_enough_besides_it_is_compared_again():
    modes = mostly_in_person(calls=4)
    assert modes["in_person"].pleasant is not None and modes["call"].pleasant is not None
