from datetime import date

from withness.analysis.balance import CurvePoint, level_off_finding, weekly_balance
from withness.analysis.columns import interaction_columns, solitude_columns
from withness.analysis.report import analyse
from withness.analysis.synthetic import generate

from .builders import alone, visit


def test_weekly_balance_splits_time_with_others_and_chosen_and_unchosen_time_alone():
    interactions = [visit(0, ("Sam",), 0, 1, minutes=30), visit(8, ("Sam",), 0, 1, minutes=45)]
    solitude = [alone(1, 60, chosen=True), alone(2, 20, chosen=False), alone(9, 15, chosen=False)]
    weeks = weekly_balance(interaction_columns(interactions), solitude_columns(solitude))
    assert [w.week_start for w in weeks] == [date(2025, 1, 6), date(2025, 1, 13)]
    assert [(w.with_others_min, w.alone_chosen_min, w.alone_unchosen_min) for w in weeks] == [
        (30, 60, 20),
        (45, 0, 15),
    ]
    assert [(w.interactions, w.solitude) for w in weeks] == [(1, 2), (1, 1)]


def test_weeks_without_entries_are_kept_as_zeros():
    interactions = [visit(0, ("Sam",), 0, 1), visit(21, ("Sam",), 0, 1)]
    weeks = weekly_balance(interaction_columns(interactions), solitude_columns(()))
    assert len(weeks) == 4 and weeks[1].with_others_min == 0


def test_a_day_with_more_connection_is_followed_by_fewer_isolation_signs():
    journal = generate(3, days=730)
    report = analyse(journal.interactions, journal.solitude, journal.checkins)
    lag = next(
        x
        for x in report.lags
        if (x.predictor, x.outcome) == ("hours_with_others", "isolation_signs")
    )
    assert lag.n > 400
    assert lag.estimate < 0 and lag.low < lag.estimate < lag.high


def curve(*estimates, sd=0.08, n=30):
    bands = ("0-15", "15-45", "45-90", "90+")
    return [
        CurvePoint(b, b, 0, n, e, e - 1.645 * sd, e + 1.645 * sd)
        for b, e in zip(bands, estimates, strict=True)
    ]


def test_it_says_gains_level_off_after_about_an_hour_only_when_they_do():
    assert "level off after about an hour" in level_off_finding(curve(0.0, 0.3, 0.6, 0.62))
    assert "about half an hour" in level_off_finding(curve(0.0, 0.6, 0.62, 0.6))
    assert level_off_finding(curve(0.0, 0.3, 0.6, 0.9)) is None  # still rising
    assert level_off_finding(curve(0.0, 0.05, 0.1, 0.1)) is None  # no clear gain
    assert level_off_finding(curve(0.0, 0.3, 0.6, 0.62, n=5)) is None  # too few entries
    assert level_off_finding(curve(0.0, 0.3, 0.6, 0.62, sd=0.4)) is None  # too unsure
