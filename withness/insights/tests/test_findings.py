"""How findings are listed and worded: near-duplicates shown once, plain words for the numbers."""

from datetime import date

from withness.insights import findings
from withness.insights.models import InsightCard

ONLINE_IDS = [3, 5, 8, 13]


def effect(name, label, *, ids=ONLINE_IDS, verdict="drains", energy=None, compared="average"):
    return {
        "name": name,
        "label": label,
        "n": len(ids),
        "pleasant": {"estimate": -1.0, "low": -1.3, "high": -0.6, "p_positive": 0.001},
        "energy": energy or {"estimate": 0.1, "low": -0.3, "high": 0.5, "p_positive": 0.6},
        "energy_text": "About energy: …" if energy else None,
        "verdict": verdict,
        "compared_with": f"{compared}_interaction",
        "entry_ids": list(ids),
        "text": f"In your log, {label} has tended to leave you less settled — based on 4 times.",
    }


def document(**factors):
    cards = [
        {"factor": f, "key": item["name"], "verdict": item["verdict"], "certainty": "very sure"}
        for f, items in factors.items()
        for item in items
    ]
    return {"cards": cards, **factors}


def released(doc, day=date(2026, 11, 16)):
    return [
        InsightCard(factor=c["factor"], key=c["key"], verdict=c["verdict"], released_on=day)
        for c in doc["cards"]
    ]


def test_findings_on_the_very_same_entries_saying_the_same_thing_are_shown_once():
    doc = document(
        settings=[effect("online", "people online")],
        modes=[effect("online", "online communities")],
        group_sizes=[effect("4+", "4+ others")],
    )
    (card,) = findings.shown_cards(released(doc), doc)
    assert card.text == (
        "In your log, time with people online, in online communities and with four or more "
        "others — the same 4 times — has tended to leave you less settled than your time "
        "with people on average; very sure."
    )
    assert card.n == 4 and card.still_clear and card.entries_url
    assert card.chart_url is None  # each kind's chart differs a little; none speaks for all


def test_the_shared_card_keeps_the_first_ones_place_and_the_earliest_date():
    doc = document(
        people=[{**effect("Sam", "Sam", ids=[1, 2, 4, 6], verdict="lifts"), "person_id": 7}],
        modes=[effect("online", "online communities")],
        group_sizes=[effect("4+", "4+ others")],
    )
    doc["people"][0]["compared_with"] = "usual"
    doc["cards"][0]["key"] = "7"
    cards = released(doc)
    cards[2].released_on = date(2026, 11, 9)
    first, shared = findings.shown_cards(cards, doc)
    assert first.text == doc["people"][0]["text"]
    assert "online communities and with four or more others — the same 4 times" in shared.text
    assert shared.released_on == date(2026, 11, 9)


def test_findings_that_differ_in_entries_or_in_what_they_say_stay_apart():
    doc = document(
        settings=[effect("online", "people online")],
        modes=[effect("online", "online communities", ids=[3, 5, 8, 21])],
        group_sizes=[effect("4+", "4+ others", compared="other")],
        durations=[effect("0-15", "short", verdict="lifts")],
    )
    shown = findings.shown_cards(released(doc), doc)
    assert [c.text for c in shown] == [item["text"] for _, items in list(doc.items())[1:]
                                       for item in items]  # fmt: skip


def test_the_same_entries_in_time_alone_and_with_people_are_different_entries():
    doc = document(
        modes=[effect("online", "online communities")],
        solitude=[effect("unchosen", "unchosen", compared="average")],
    )
    assert len(findings.shown_cards(released(doc), doc)) == 2


def test_a_finding_no_longer_clear_is_never_folded_into_another():
    doc = document(
        settings=[effect("online", "people online")],
        modes=[effect("online", "online communities")],
    )
    doc["modes"][0] = {**doc["modes"][0], "verdict": "unclear"}
    shown = findings.shown_cards(released(doc), doc)
    assert [c.still_clear for c in shown] == [True, False]


def test_a_shared_card_keeps_an_energy_note_only_when_all_of_them_say_it():
    less = {"estimate": -0.8, "low": -1.2, "high": -0.4, "p_positive": 0.001}
    doc = document(
        settings=[effect("online", "people online", energy=less)],
        modes=[effect("online", "online communities", energy=less)],
    )
    (card,) = findings.shown_cards(released(doc), doc)
    assert card.energy_text == (
        "About energy: in your log, time with people online and in online communities — "
        "the same 4 times — has tended to leave you with less energy than your time with "
        "people on average; very sure."
    )
    doc["modes"][0] = effect("online", "online communities")
    assert len(findings.shown_cards(released(doc), doc)) == 2


def test_the_list_is_the_same_every_time():
    doc = document(
        settings=[effect("online", "people online")],
        modes=[effect("online", "online communities")],
        group_sizes=[effect("4+", "4+ others")],
    )
    cards = released(doc)
    assert findings.shown_cards(cards, doc) == findings.shown_cards(cards, doc)


def test_a_charts_description_uses_plain_words():
    item = effect("online", "people online")
    item["energy"] = {"estimate": 0.4, "low": 0.1, "high": 0.7, "p_positive": 0.99}
    alt = findings.chart_alt(item)
    assert alt == (
        "Change in how pleasant you felt: about -1.0, likely between -1.3 and -0.6; "
        "energy (a rougher measure): about +0.4."
    )
    assert "90%" not in alt and "exploratory" not in alt


def test_next_day_findings_say_what_the_count_is():
    lag = {"predictor": "hours_with_others", "outcome": "isolation_signs", "n": 247}
    (sentence,) = findings.lag_sentences(
        {"lags": [{**lag, "estimate": -0.2, "low": -0.3, "high": -0.1}]}
    )
    assert sentence.endswith("— from 247 times you checked in two days in a row.")
    assert "pairs of days" not in sentence


def test_the_isolation_notes_day_is_a_date_for_the_page():
    assert findings.drift_since({"drift": {"since": "2026-03-02"}}) == date(2026, 3, 2)
    assert findings.drift_since({"drift": {"since": None}}) is None


def test_a_weeks_time_is_rounded_and_some_time_never_reads_as_none():
    from withness.insights.templatetags.insights_tags import week_time

    assert week_time(0.4) == "1\u00a0min"
    assert week_time(59.6) == "1\u00a0h"
    assert week_time(90.4) == "1\u00a0h 30\u00a0min"
    assert week_time(0) == "0\u00a0h"
