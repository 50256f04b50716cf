"""The mood → state tables, the label mapping, and their documentation."""

import re
from pathlib import Path

import pytest

from withness.portability.importers.base import ParseResult
from withness.portability.importers.bearable import BUCKET_TIMES
from withness.portability.importers.moods import (
    DAYLIO_DEFAULT_LABELS,
    DAYLIO_LEVEL_STATE,
    HOWWEFEEL_NEWER_WORDS,
    HOWWEFEEL_WORDS,
    QUADRANT_STATES,
    apply_label_mapping,
    daylio_state,
    howwefeel_state,
    scale_energy,
    scale_pleasant,
)
from withness.portability.mapping import Review

DOC = Path(__file__).resolve().parents[3] / "docs" / "import-mapping.md"


def test_daylio_levels_rise_with_the_level():
    pleasant = [DAYLIO_LEVEL_STATE[level][0] for level in range(1, 6)]
    assert pleasant == sorted(pleasant) and len(set(pleasant)) == 5
    assert daylio_state(" RAD ") == DAYLIO_LEVEL_STATE[5]
    assert daylio_state("average") is None
    assert set(DAYLIO_DEFAULT_LABELS.values()) == set(DAYLIO_LEVEL_STATE)


def test_quadrant_states_sit_in_their_quadrants():
    for quadrant, tiers in QUADRANT_STATES.items():
        for pleasant, energy in tiers.values():
            assert (pleasant > 0) == ("unpleasant" not in quadrant)
            assert (energy > 5) == quadrant.startswith("high")


def test_newer_words_do_not_clash_with_the_export_list():
    assert not set(HOWWEFEEL_WORDS) & set(HOWWEFEEL_NEWER_WORDS)
    assert len(HOWWEFEEL_WORDS) == 95


@pytest.mark.parametrize(
    "value, low, high, expected",
    [(1, 1, 10, -5.0), (10, 1, 10, 5.0), (5.5, 1, 10, 0.0), (0, 1, 10, -5.0), (3, 1, 5, 0.0)],
)
def test_scale_pleasant(value, low, high, expected):
    assert scale_pleasant(value, low, high) == expected


def test_scale_energy():
    assert [scale_energy(v, 1, 5) for v in range(1, 6)] == [0.0, 2.5, 5.0, 7.5, 10.0]
    with pytest.raises(ValueError):
        scale_energy(1, 5, 5)


def test_mapping_snaps_to_half_steps_and_rejects_nonsense():
    from datetime import UTC, datetime

    from withness.portability.importers.base import ImportedMood

    mood = ImportedMood(
        at=datetime(2021, 1, 1, tzinfo=UTC), label="odd", pleasant=None, energy=None
    )
    result = ParseResult(moods=[mood], unmapped_labels={"odd": 1})
    mapped = apply_label_mapping(result, {"ODD": (1.26, 7.74)})
    assert (mapped.moods[0].pleasant, mapped.moods[0].energy) == (1.5, 7.5)
    for bad in (True, "3", (1,), (1, 2, 3), ("a", 1), (1, "b")):
        with pytest.raises(ValueError, match="'odd'"):
            apply_label_mapping(result, {"odd": bad})


# --------------------------------------------------------------------------- the document


def _rows(text: str) -> list[list[str]]:
    return [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in text.splitlines()
        if line.startswith("|") and not line.startswith("|---")
    ]


def _number(cell: str) -> float:
    return float(cell.replace("−", "-").replace("+", ""))


def test_the_document_lists_every_word_with_its_state():
    text = DOC.read_text(encoding="utf-8")
    listed: dict[str, tuple[float, float]] = {}
    for row in _rows(text):
        if len(row) == 4 and row[0] in ("strong", "medium", "mild", "drained"):
            words = re.sub(r"newer versions:", "", row[3])
            for word in re.split(r"[,;]", words):
                if word.strip():
                    listed[word.strip()] = (_number(row[1]), _number(row[2]))
    every = {**HOWWEFEEL_WORDS, **HOWWEFEEL_NEWER_WORDS}
    assert set(listed) == set(every)
    for word, state in listed.items():
        assert howwefeel_state(word) == state, word


def test_the_document_matches_daylio_and_bearable_tables():
    text = DOC.read_text(encoding="utf-8")
    rows = _rows(text)
    daylio = {r[1]: _number(r[2]) for r in rows if len(r) == 4 and r[0] in "12345" and r[0]}
    assert daylio == {label: daylio_state(label)[0] for label in DAYLIO_DEFAULT_LABELS}
    buckets = {r[0]: r[1] for r in rows if len(r) == 2 and r[0] in BUCKET_TIMES}
    assert buckets == {k: v.strftime("%H:%M") for k, v in BUCKET_TIMES.items()}
    mood_row = next(r for r in rows if r[0] == "pleasant" and len(r) == 11)
    assert [_number(c) for c in mood_row[1:]] == [scale_pleasant(v, 1, 10) for v in range(1, 11)]


@pytest.mark.parametrize(
    ("pleasant", "energy", "expected"),
    [
        (-2, None, "unpleasant (−2 on −5 to +5); the app kept no energy"),
        (0, None, "neither pleasant nor unpleasant (0 on −5 to +5); the app kept no energy"),
        (2.5, 7, "pleasant (+2.5 on −5 to +5), energy 7 of 10:"),
    ],
)
def test_a_reviewed_mood_reads_with_a_true_minus_like_the_rest_of_the_app(
    pleasant, energy, expected
):
    review = Review("sad", 1, pleasant, energy, mapped=True, suggested="")
    assert review.state.startswith(expected)
