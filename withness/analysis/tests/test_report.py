import json
from datetime import timedelta

from withness.analysis.report import analyse, report_to_dict
from withness.analysis.synthetic import DEMO_PATTERNS, demo_journal, generate

ESTIMATE_KEYS = {"estimate", "low", "high", "p_positive"}


def test_the_json_document_holds_what_the_machine_interface_promises():
    journal = demo_journal()
    report = analyse(journal.interactions, journal.solitude, journal.checkins,
                     safe_people=journal.planted.safe_people)  # fmt: skip
    data = json.loads(json.dumps(report_to_dict(report), allow_nan=False))
    for factor in ("people", "modes", "settings", "durations", "group_sizes", "initiated_by",
                   "depth", "solitude", "activities"):  # fmt: skip
        assert data[factor], factor
        for item in data[factor]:
            assert {"name", "n", "pleasant", "energy", "verdict", "entry_ids"} <= set(item)
            assert set(item["pleasant"]) == set(item["energy"]) == ESTIMATE_KEYS
            assert item["verdict"] in ("lifts", "drains", "unclear", "not_enough")
    assert set(data["drift"]) >= {"flagged", "since", "signals", "series"}
    assert data["drift"]["flagged"] is False and data["drift"]["since"] is None
    assert data["weekly_balance"][0].keys() == {
        "week_start", "with_others_min", "alone_chosen_min", "alone_unchosen_min",
        "interactions", "solitude",
    }  # fmt: skip
    assert {lag["outcome"] for lag in data["lags"]} == {"isolation_signs", "sleep_hours"}
    assert [p["band"] for p in data["duration_curve"]] == ["0-15", "15-45", "45-90", "90+"]
    assert data["method"]["primary_outcome"] == "pleasant"


def test_the_demo_year_shows_its_planted_patterns():
    journal = demo_journal()
    report = analyse(journal.interactions, journal.solitude, journal.checkins)
    shown = {(f, e.name): e.verdict for f, effects in report.effects.items() for e in effects}
    for pattern in DEMO_PATTERNS:
        for factor, name, verdicts in pattern.shows:
            assert shown.get((factor, name), "not_enough") in verdicts, (factor, name)
    assert report.people[0].n >= report.people[-1].n  # most seen first
    assert report.cards and all(c.text.startswith("In your log,") for c in report.cards)


def test_an_empty_journal_gives_an_empty_but_complete_document():
    data = report_to_dict(analyse((), (), ()))
    assert data["people"] == [] and data["modes"] == [] and data["weekly_balance"] == []
    assert data["drift"] == {"flagged": False, "since": None, "signals": [], "baseline": None,
                             "threshold": None, "series": []}  # fmt: skip
    json.dumps(data, allow_nan=False)


def test_entries_after_today_are_left_out():
    journal = generate(2, drift_day=300)
    began = journal.planted.drift_start
    before = analyse(journal.interactions, journal.solitude, journal.checkins,
                     today=began - timedelta(days=1))  # fmt: skip
    after = analyse(journal.interactions, journal.solitude, journal.checkins,
                    today=began + timedelta(days=7))  # fmt: skip
    assert before.counts["interactions"] < after.counts["interactions"]
    assert not before.drift.flagged and after.drift.flagged
