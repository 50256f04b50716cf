"""The label → state review: what each mood word in a file will mean in withness.

Levels are Daylio's five (5 best … 1 worst), each a pleasantness with no energy (see
importers.moods.DAYLIO_LEVEL_STATE); the CLI also takes an explicit "pleasant,energy".
A label no table knows gets a suggested level from a few common words, or none: then its
entries are kept as imported entries without a check-in until it is mapped.
"""

from __future__ import annotations

from dataclasses import dataclass

from withness.analysis.states import REGION_WORDS, region_of
from withness.journal.templatetags.journal_tags import signed

from .importers.moods import DAYLIO_LEVEL_STATE, howwefeel_state

KEEP_WITHOUT_STATE = "keep"

LEVEL_CHOICES = [
    ("", "Keep as it reads"),
    ("5", "5 · very pleasant"),
    ("4", "4 · pleasant"),
    ("3", "3 · neither"),
    ("2", "2 · unpleasant"),
    ("1", "1 · very unpleasant"),
    (KEEP_WITHOUT_STATE, "Keep without a state"),
]

COMMON_WORDS = {
    "awesome": 5,
    "great": 5,
    "amazing": 5,
    "excellent": 5,
    "happy": 4,
    "ok": 3,
    "okay": 3,
    "average": 3,
    "fine": 3,
    "so-so": 3,
    "neutral": 3,
    "sad": 2,
    "low": 2,
    "terrible": 1,
    "horrible": 1,
}


@dataclass(frozen=True)
class Review:
    label: str
    count: int
    pleasant: float | None
    energy: float | None
    mapped: bool
    suggested: str

    @property
    def suggestion(self) -> str:
        """The suggested level as the choices name it ("3 · neither"), or nothing."""
        return dict(LEVEL_CHOICES).get(self.suggested, "") if self.suggested else ""

    @property
    def state(self) -> str:
        """How the mood reads here, in words first, with where it sits on the scales."""
        if self.pleasant is None:
            return "not on the scale yet"
        feeling = f"{pleasantness_words(self.pleasant)} ({signed(self.pleasant)} on −5 to +5)"
        if self.energy is None:
            return f"{feeling}; the app kept no energy"
        words = REGION_WORDS[region_of(self.pleasant, self.energy)]
        return f"{feeling}, energy {self.energy:g} of 10: {words}"


def pleasantness_words(pleasant: float) -> str:
    if pleasant >= 3:
        return "very pleasant"
    if pleasant >= 1:
        return "pleasant"
    if pleasant > -1:
        return "neither pleasant nor unpleasant"
    return "unpleasant" if pleasant > -3 else "very unpleasant"


def suggest_level(label: str) -> str:
    word = " ".join(label.split()).casefold()
    if word in COMMON_WORDS:
        return str(COMMON_WORDS[word])
    state = howwefeel_state(label)
    if state is None:
        return ""
    return str(min(5, max(1, round((state[0] + 4) / 2) + 1)))


def reviews(label_reviews) -> list[Review]:
    return [
        Review(
            r.label,
            r.count,
            r.pleasant,
            r.energy,
            r.mapped,
            "" if r.mapped else suggest_level(r.label),
        )
        for r in label_reviews
    ]


def default_mapping(items: list[Review]) -> dict:
    """The suggestions for labels no table knows, as a mapping."""
    return {r.label: int(r.suggested) for r in items if not r.mapped and r.suggested}


def parse_option(text: str) -> tuple[str, int | tuple[float, float | None]]:
    """``"average=3"`` or ``"tired=-1,2.5"`` → (label, level or (pleasant, energy))."""
    label, sep, value = text.rpartition("=")
    label = label.strip()
    if not sep or not label or not value.strip():
        raise ValueError(
            f"--map {text!r}: write it as LABEL=LEVEL (1–5) or LABEL=PLEASANT,ENERGY, "
            "for example --map 'average=3' or --map 'tired=-1,2.5'."
        )
    parts = [p.strip() for p in value.split(",")]
    try:
        if len(parts) == 1:
            level = int(parts[0])
            if level not in DAYLIO_LEVEL_STATE:
                raise ValueError
            return label, level
        if len(parts) == 2:
            return label, (float(parts[0]), float(parts[1]) if parts[1] else None)
    except ValueError:
        pass
    raise ValueError(
        f"--map {text!r}: the level must be a whole number 1–5, or two numbers "
        "PLEASANT (-5..5) and ENERGY (0..10) separated by a comma."
    )
