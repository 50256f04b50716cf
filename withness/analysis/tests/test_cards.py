import pytest

from withness.analysis.cards import (
    card_text,
    certainty_word,
    energy_text,
    kinds_together,
    shared_card_text,
)
from withness.analysis.effects import Effect, Estimate


def effect(verdict, n=12, p=0.97, estimate=1.0, factor="people", name="Sam", energy=None):
    pleasant = Estimate(estimate, estimate - 0.8, estimate + 0.8, p, 0.5, estimate, n)
    return Effect(factor, name, name, n, float(n), pleasant, energy, verdict, ())


def test_a_lift_reads_as_a_tendency_in_the_users_own_log():
    assert card_text(effect("lifts")) == (
        "In your log, time with Sam has tended to leave you more settled — "
        "based on 12 times; fairly sure."
    )


def test_a_drain_says_so_gently_with_how_sure_we_are():
    text = card_text(effect("drains", n=30, p=0.001, estimate=-1.0))
    assert (
        text
        == "In your log, time with Sam has tended to leave you less settled — based on 30 times;"
        " very sure."
    )


def test_unclear_and_not_enough_never_claim_a_pattern():
    assert card_text(effect("unclear", n=5)) == (
        "In your log, time with Sam shows no clear pattern yet — based on 5 times."
    )
    assert "Not enough entries yet" in card_text(effect("not_enough", n=2))


@pytest.mark.parametrize(
    ("factor", "name", "subject"),
    [("modes", "call", "time on calls"), ("durations", "0-15", "contact lasting under 15 minutes"),
     ("solitude", "chosen_restful", "chosen, restful time alone"),
     ("group_sizes", "4+", "time with four or more others")],
)  # fmt: skip
def test_every_kind_of_group_gets_a_plain_subject(factor, name, subject):
    assert subject in card_text(effect("lifts", factor=factor, name=name))


def test_no_card_ever_says_something_is_good_or_bad_for_you():
    for verdict in ("lifts", "drains", "unclear", "not_enough"):
        text = card_text(effect(verdict)).lower()
        assert "good for you" not in text and "bad for you" not in text


def test_certainty_words_follow_the_chance_of_the_direction():
    assert certainty_word(0.96) == certainty_word(0.04) == "fairly sure"
    assert certainty_word(0.98) == "quite sure"
    assert certainty_word(0.995) == "very sure"


def test_energy_notes_are_labelled_exploratory():
    energy = Estimate(1.0, 0.4, 1.6, 0.995, 0.3, 1.0, 12)
    assert energy_text(effect("unclear", energy=energy)).startswith("About energy: in your log,")
    flat = Estimate(0.1, -0.5, 0.7, 0.6, 0.3, 0.1, 12)
    assert energy_text(effect("unclear", energy=flat)) is None


def test_a_kind_of_contact_is_worded_against_the_users_average_contact():
    mode = effect("lifts", factor="modes", name="call")
    mode = Effect(**{**mode.__dict__, "compared_with": "average_interaction"})
    assert card_text(mode) == (
        "In your log, time on calls has tended to leave you more settled than your time with "
        "people on average — based on 12 times; fairly sure."
    )
    less = Effect(**{**mode.__dict__, "verdict": "drains"})
    assert "less settled than your time with people on average" in card_text(less)
    assert "drain" not in card_text(less)
    unclear = Effect(**{**mode.__dict__, "verdict": "unclear"})
    assert "no clear difference from your time with people on average" in card_text(unclear)


def test_time_alone_is_worded_against_the_users_average_time_alone():
    kind = effect("lifts", factor="solitude", name="chosen_restful")
    kind = Effect(**{**kind.__dict__, "compared_with": "average_solitude"})
    assert "more settled than your time alone on average" in card_text(kind)


def test_kinds_on_the_same_entries_are_named_together_with_one_time():
    subjects = ["time in online communities", "time with people online"]
    assert kinds_together(subjects) == "time in online communities and with people online"
    three = [*subjects, "time with four or more others"]
    assert kinds_together(three) == (
        "time in online communities, with people online and with four or more others"
    )
    assert kinds_together(["resting alone", "meditation"]) == "resting alone and meditation"


def test_a_shared_finding_reads_as_one_sentence_about_the_same_times():
    text = shared_card_text(
        ["time in online communities", "time with four or more others"],
        verdict="drains",
        compared_with="average_interaction",
        n=41,
        certainty="very sure",
    )
    assert text == (
        "In your log, time in online communities and with four or more others — the same 41 "
        "times — has tended to leave you less settled than your time with people on average; "
        "very sure."
    )
