"""What an import did, said in sentences rather than as a list of counters."""

import pytest

from withness.portability.outcome import outcome_lines


def test_several_moods_a_day_explain_why_there_are_fewer_check_ins():
    lines = outcome_lines({"read": 3000, "entries imported": 3000, "check-ins added": 2768})
    assert lines == [
        "3,000 entries came in.",
        "They made 2,768 daily check-ins: the moods of one day make one check-in, "
        "with their average.",
    ]


def test_one_mood_a_day_makes_one_check_in_each():
    lines = outcome_lines({"entries imported": 2, "check-ins added": 2})
    assert lines == ["2 entries came in.", "Each became a daily check-in (2)."]


def test_moods_without_a_state_are_not_counted_as_merged():
    counts = {"entries imported": 3, "check-ins added": 2, "entries kept without a state": 1}
    assert outcome_lines(counts) == [
        "3 entries came in.",
        "Each became a daily check-in (2).",
        "1 entry has no mood on a scale: kept with the rest, without a check-in.",
    ]


def test_days_that_had_a_check_in_are_the_reason_given_for_fewer_check_ins():
    counts = {"entries imported": 5, "check-ins added": 3, "days that already had a check-in": 2}
    assert outcome_lines(counts)[:2] == [
        "5 entries came in.",
        "3 of them became new daily check-ins.",
    ]
    counts = {"entries imported": 6, "check-ins added": 3, "days that already had a check-in": 2}
    assert "the moods of one day make one check-in" in outcome_lines(counts)[1]


def test_one_new_check_in_beside_days_that_had_one_is_said_in_the_singular():
    counts = {"entries imported": 2, "check-ins added": 1, "days that already had a check-in": 1}
    assert outcome_lines(counts)[1] == "1 of them became a new daily check-in."


@pytest.mark.parametrize(
    ("counts", "line"),
    [
        ({"days that already had a check-in": 1}, "1 day already had a check-in here"),
        ({"people added": 1}, "1 person added to your people."),
        ({"people already in your list": 2}, "2 people were already in your people."),
        ({"already imported": 5}, "5 rows were here from an earlier import: skipped."),
        ({"something new": 1200}, "Something new: 1,200."),
        ({"read": 10}, "Nothing new was in this file."),
        ({}, "Nothing new was in this file."),
    ],
)
def test_every_counter_reads_as_a_sentence(counts, line):
    assert any(text.startswith(line) for text in outcome_lines(counts))
