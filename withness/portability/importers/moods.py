"""From other apps' mood words and numbers to withness's two-axis state.

withness describes a state with two numbers: how pleasant it feels (-5..+5)
and how much energy is in it (0..10), both in steps of 0.5. Other apps use a
single mood level (Daylio), an emotion word placed on a pleasantness × energy
grid (How We Feel, after the Mood Meter), or numbered ratings (Bearable).
The tables here translate them; docs/import-mapping.md explains each choice.
These are ways of describing experience, not measurements.

Labels a table does not know (renamed or custom moods) are left without a
state and counted in ``ParseResult.unmapped_labels``; after the person has
reviewed them, :func:`apply_label_mapping` fills the states in.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from enum import StrEnum

from .base import ParseResult, display_label, norm_label, snap

PLEASANT_MIN, PLEASANT_MAX = -5.0, 5.0
ENERGY_MIN, ENERGY_MAX = 0.0, 10.0

State = tuple[float, float | None]

# --------------------------------------------------------------------------- Daylio

#: Daylio's five mood levels (5 best … 1 worst) → (pleasant, energy).
#: Daylio records no energy, so energy stays empty rather than guessed.
DAYLIO_LEVEL_STATE: dict[int, State] = {
    5: (4.0, None),
    4: (2.0, None),
    3: (0.0, None),
    2: (-2.0, None),
    1: (-4.0, None),
}

#: Daylio's default labels and their levels.
DAYLIO_DEFAULT_LABELS: dict[str, int] = {"rad": 5, "good": 4, "meh": 3, "bad": 2, "awful": 1}


def daylio_state(label: str) -> State | None:
    level = DAYLIO_DEFAULT_LABELS.get(norm_label(label))
    return None if level is None else DAYLIO_LEVEL_STATE[level]


# --------------------------------------------------------------------------- How We Feel


class Quadrant(StrEnum):
    HIGH_UNPLEASANT = "high-energy unpleasant"  # red on the grid
    LOW_UNPLEASANT = "low-energy unpleasant"  # blue
    HIGH_PLEASANT = "high-energy pleasant"  # yellow
    LOW_PLEASANT = "low-energy pleasant"  # green


#: Within a quadrant, words sit nearer or further from the centre of the grid.
#: Each (quadrant, intensity) has one state.
QUADRANT_STATES: dict[Quadrant, dict[str, tuple[float, float]]] = {
    Quadrant.HIGH_UNPLEASANT: {"strong": (-4.0, 9.0), "medium": (-2.5, 7.5), "mild": (-1.5, 6.5)},
    Quadrant.LOW_UNPLEASANT: {
        "strong": (-4.0, 1.5),
        "medium": (-2.5, 2.5),
        "drained": (-2.0, 1.0),
        "mild": (-1.5, 3.5),
    },
    Quadrant.HIGH_PLEASANT: {"strong": (4.0, 8.5), "medium": (3.0, 7.5), "mild": (2.0, 6.5)},
    Quadrant.LOW_PLEASANT: {"strong": (4.0, 4.0), "medium": (3.0, 3.0), "mild": (2.0, 4.5)},
}

_HU, _LU, _HP, _LP = (
    Quadrant.HIGH_UNPLEASANT,
    Quadrant.LOW_UNPLEASANT,
    Quadrant.HIGH_PLEASANT,
    Quadrant.LOW_PLEASANT,
)

#: The emotion words of How We Feel's export (the list in
#: samples/howwefeel/davicedraz_moods.txt, 95 words) → (quadrant, intensity).
HOWWEFEEL_WORDS: dict[str, tuple[Quadrant, str]] = {
    # high energy, unpleasant — revved up, on guard
    "Afraid": (_HU, "strong"),
    "Angry": (_HU, "strong"),
    "Anxious": (_HU, "medium"),
    "Apprehensive": (_HU, "medium"),
    "Concerned": (_HU, "mild"),
    "Conflicted": (_HU, "mild"),
    "Contempt": (_HU, "strong"),
    "Dysregulated": (_HU, "medium"),
    "Embarrassed": (_HU, "medium"),
    "Envious": (_HU, "medium"),
    "Fomo": (_HU, "mild"),
    "Frazzled": (_HU, "medium"),
    "Frightened": (_HU, "strong"),
    "Frustrated": (_HU, "medium"),
    "Irritable": (_HU, "medium"),
    "Jittery": (_HU, "medium"),
    "Nervous": (_HU, "medium"),
    "Overwhelmed": (_HU, "strong"),
    "Panicked": (_HU, "strong"),
    "Peeved": (_HU, "mild"),
    "Pressured": (_HU, "medium"),
    "Repulsed": (_HU, "strong"),
    "Restless": (_HU, "mild"),
    "Shocked": (_HU, "strong"),
    "Stressed": (_HU, "medium"),
    "Tense": (_HU, "medium"),
    "Troubled": (_HU, "medium"),
    "Uneasy": (_HU, "mild"),
    "Worried": (_HU, "medium"),
    # low energy, unpleasant — shut down, flat
    "Apathetic": (_LU, "mild"),
    "Ashamed": (_LU, "medium"),
    "Bored": (_LU, "mild"),
    "Burned Out": (_LU, "drained"),
    "Depressed": (_LU, "strong"),
    "Disappointed": (_LU, "medium"),
    "Disconnected": (_LU, "medium"),
    "Discontented": (_LU, "mild"),
    "Discouraged": (_LU, "medium"),
    "Disengaged": (_LU, "mild"),
    "Disheartened": (_LU, "medium"),
    "Down": (_LU, "medium"),
    "Exhausted": (_LU, "drained"),
    "Fatigued": (_LU, "drained"),
    "Guilty": (_LU, "medium"),
    "Helpless": (_LU, "strong"),
    "Hopeless": (_LU, "strong"),
    "Insecure": (_LU, "medium"),
    "Lazy": (_LU, "mild"),
    "Lost": (_LU, "medium"),
    "Meh": (_LU, "mild"),
    "Miserable": (_LU, "strong"),
    "Nostalgic": (_LU, "mild"),
    "Sad": (_LU, "medium"),
    "Spent": (_LU, "drained"),
    "Tired": (_LU, "mild"),
    "Trapped": (_LU, "strong"),
    # high energy, pleasant — bright, lively
    "Accomplished": (_HP, "medium"),
    "Alive": (_HP, "strong"),
    "Challenged": (_HP, "mild"),
    "Curious": (_HP, "mild"),
    "Delighted": (_HP, "strong"),
    "Determined": (_HP, "medium"),
    "Eager": (_HP, "medium"),
    "Energized": (_HP, "strong"),
    "Engaged": (_HP, "medium"),
    "Enthusiastic": (_HP, "strong"),
    "Focused": (_HP, "mild"),
    "Hopeful": (_HP, "mild"),
    "Inspired": (_HP, "medium"),
    "Joyful": (_HP, "strong"),
    "Motivated": (_HP, "medium"),
    "Optimistic": (_HP, "medium"),
    "Playful": (_HP, "medium"),
    "Pleased": (_HP, "mild"),
    "Productive": (_HP, "medium"),
    "Proud": (_HP, "medium"),
    "Successful": (_HP, "medium"),
    "Wishful": (_HP, "mild"),
    # low energy, pleasant — settled, calm
    "At Ease": (_LP, "medium"),
    "Balanced": (_LP, "medium"),
    "Calm": (_LP, "medium"),
    "Carefree": (_LP, "medium"),
    "Chill": (_LP, "medium"),
    "Comfortable": (_LP, "medium"),
    "Connected": (_LP, "strong"),
    "Content": (_LP, "strong"),
    "Fulfilled": (_LP, "strong"),
    "Good": (_LP, "mild"),
    "Grateful": (_LP, "strong"),
    "Mellow": (_LP, "medium"),
    "Peaceful": (_LP, "strong"),
    "Relaxed": (_LP, "medium"),
    "Relieved": (_LP, "medium"),
    "Respected": (_LP, "strong"),
    "Thoughtful": (_LP, "mild"),
}

#: Words newer versions of the app added (the grid grew to 144 words). Mapped the
#: same way so newer exports need less manual review.
_NEWER_BY_SPEC: dict[tuple[Quadrant, str], str] = {
    (_HU, "strong"): "Enraged Livid Furious Terrified Irate Scared",
    (_HU, "medium"): "Jealous Annoyed Irritated Hyper Impassioned",
    (_HU, "mild"): "Confused",
    (_LU, "strong"): "Despair Numb Humiliated Alienated Disgusted",
    (_LU, "medium"): "Lonely Excluded Forlorn Glum Pessimistic Vulnerable",
    (_HP, "strong"): "Ecstatic Elated Thrilled Excited Exhilarated Amazed Awe",
    (_HP, "medium"): "Happy Cheerful Upbeat Confident Empowered",
    (_HP, "mild"): "Surprised Pleasant",
    (_LP, "strong"): "Blissful Loved Serene Blessed Safe Secure Supported",
    (_LP, "medium"): "Tranquil Understood Appreciated Valued Accepted Included Satisfied Thankful",
    (_LP, "mild"): "Sympathetic Compassionate Empathetic Moved",
}
HOWWEFEEL_NEWER_WORDS: dict[str, tuple[Quadrant, str]] = {
    word: spec for spec, words in _NEWER_BY_SPEC.items() for word in words.split()
}

_HWF_LOOKUP = {
    norm_label(word): spec for word, spec in {**HOWWEFEEL_NEWER_WORDS, **HOWWEFEEL_WORDS}.items()
}


def howwefeel_quadrant(word: str) -> Quadrant | None:
    spec = _HWF_LOOKUP.get(norm_label(word))
    return None if spec is None else spec[0]


def howwefeel_state(word: str) -> State | None:
    spec = _HWF_LOOKUP.get(norm_label(word))
    if spec is None:
        return None
    quadrant, intensity = spec
    return QUADRANT_STATES[quadrant][intensity]


# --------------------------------------------------------------------------- Bearable


def scale_pleasant(value: float, low: float, high: float) -> float:
    """Map ``low..high`` (e.g. Bearable mood 1..10) linearly onto -5..+5."""
    if high <= low:
        raise ValueError("the scale's top must be above its bottom")
    return snap((value - low) / (high - low) * 10 - 5, PLEASANT_MIN, PLEASANT_MAX)


def scale_energy(value: float, low: float, high: float) -> float:
    """Map ``low..high`` (e.g. Bearable energy 1..5) linearly onto 0..10."""
    if high <= low:
        raise ValueError("the scale's top must be above its bottom")
    return snap((value - low) / (high - low) * 10, ENERGY_MIN, ENERGY_MAX)


# --------------------------------------------------------------------------- review


@dataclasses.dataclass(frozen=True)
class LabelReview:
    """One label as a person reviews it before anything is written."""

    label: str
    count: int
    pleasant: float | None
    energy: float | None
    mapped: bool


def label_review(result: ParseResult) -> list[LabelReview]:
    """Every distinct label in the result, with its count and current state."""
    seen: dict[str, list] = {}
    for mood in result.moods:
        if not mood.label:
            continue
        key = norm_label(mood.label)
        if key not in seen:
            seen[key] = [mood.label, 0, mood.pleasant, mood.energy]
        seen[key][1] += 1
    unmapped = {norm_label(k) for k in result.unmapped_labels}
    return [
        LabelReview(label, count, pleasant, energy, key not in unmapped)
        for key, (label, count, pleasant, energy) in seen.items()
    ]


def _state_from_mapping(label: str, value: object) -> State:
    if isinstance(value, bool):
        raise ValueError(f"the mapping for {label!r} must be a level 1–5 or (pleasant, energy)")
    if isinstance(value, int):
        if value not in DAYLIO_LEVEL_STATE:
            raise ValueError(
                f"the mapping for {label!r} gives level {value}, but levels run from 1 to 5"
            )
        return DAYLIO_LEVEL_STATE[value]
    if isinstance(value, tuple | list) and len(value) == 2:
        pleasant, energy = value
        if not isinstance(pleasant, int | float) or isinstance(pleasant, bool):
            raise ValueError(f"the mapping for {label!r} needs a number for pleasantness")
        if not PLEASANT_MIN <= pleasant <= PLEASANT_MAX:
            raise ValueError(
                f"the mapping for {label!r} gives pleasantness {pleasant}, "
                "but it must be between -5 and +5"
            )
        if energy is not None:
            if not isinstance(energy, int | float) or isinstance(energy, bool):
                raise ValueError(f"the mapping for {label!r} needs a number (or None) for energy")
            if not ENERGY_MIN <= energy <= ENERGY_MAX:
                raise ValueError(
                    f"the mapping for {label!r} gives energy {energy}, "
                    "but it must be between 0 and 10"
                )
            energy = snap(float(energy), ENERGY_MIN, ENERGY_MAX)
        return snap(float(pleasant), PLEASANT_MIN, PLEASANT_MAX), energy
    raise ValueError(f"the mapping for {label!r} must be a level 1–5 or (pleasant, energy)")


def apply_label_mapping(
    result: ParseResult, mapping: Mapping[str, int | tuple[float, float | None]]
) -> ParseResult:
    """Return a copy of ``result`` with the reviewed labels given a state.

    ``mapping`` maps a label (compared without case or stray spaces) to a
    Daylio-style level 1..5 (see :data:`DAYLIO_LEVEL_STATE`) or to an explicit
    ``(pleasant, energy)`` pair; energy may be ``None``. A mapping also
    overrides a label the default tables already know, so a person whose "meh"
    means something else can say so. Raises ``ValueError`` for a value outside
    the scales.
    """
    states = {norm_label(label): _state_from_mapping(label, v) for label, v in mapping.items()}
    moods = []
    for mood in result.moods:
        state = states.get(norm_label(mood.label)) if mood.label else None
        if state is None:
            moods.append(mood)
        else:
            moods.append(dataclasses.replace(mood, pleasant=state[0], energy=state[1]))
    unmapped = {
        label: count
        for label, count in result.unmapped_labels.items()
        if norm_label(label) not in states
    }
    return dataclasses.replace(result, moods=moods, unmapped_labels=unmapped)


__all__ = [
    "DAYLIO_DEFAULT_LABELS",
    "DAYLIO_LEVEL_STATE",
    "HOWWEFEEL_NEWER_WORDS",
    "HOWWEFEEL_WORDS",
    "QUADRANT_STATES",
    "LabelReview",
    "Quadrant",
    "apply_label_mapping",
    "daylio_state",
    "display_label",
    "howwefeel_quadrant",
    "howwefeel_state",
    "label_review",
    "scale_energy",
    "scale_pleasant",
]
