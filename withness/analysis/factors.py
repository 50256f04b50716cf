"""The ways entries are grouped: who, how, where, how long, how many, who began.

Each grouping lists observations (an entry in a group, with a weight). An
interaction with k named people is one observation for each of them with
weight 1/k, so a busy family dinner does not count as five separate visits.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .columns import InteractionColumns, SolitudeColumns
from .records import ACTIVITIES, DEPTHS, INITIATED_BY, MODES, SETTINGS

# (key, lower bound in minutes, upper bound, words)
DURATION_BANDS = (
    ("0-15", 0.0, 15.0, "under 15 minutes"),
    ("15-45", 15.0, 45.0, "15 to 45 minutes"),
    ("45-90", 45.0, 90.0, "45 to 90 minutes"),
    ("90+", 90.0, float("inf"), "90 minutes or more"),
)
GROUP_SIZE_BANDS = (("1", "one other person"), ("2-3", "2 or 3 others"), ("4+", "4 or more others"))
SOLITUDE_KINDS = ("chosen_restful", "chosen", "unchosen")

INTERACTION_FACTORS = (
    "people",
    "modes",
    "settings",
    "durations",
    "group_sizes",
    "initiated_by",
    "depth",
)
SOLITUDE_FACTORS = ("solitude", "activities")

LABELS: dict[str, dict[str, str]] = {
    "modes": {
        "in_person": "in person",
        "call": "calls",
        "video": "video calls",
        "messages": "messages",
        "online": "online communities",
        "other": "other kinds of contact",
    },
    "settings": {
        "home": "at home",
        "their_place": "at their place",
        "work": "at work",
        "outdoors": "outdoors",
        "public": "in public places",
        "online": "online",
        "other": "somewhere else",
    },
    "durations": {key: words for key, _, _, words in DURATION_BANDS},
    "group_sizes": dict(GROUP_SIZE_BANDS),
    "initiated_by": {"me": "you reached out", "them": "they reached out", "both": "both of you"},
    "depth": {
        "0": "no personal sharing",
        "1": "a little sharing",
        "2": "some sharing",
        "3": "deep sharing",
        "4": "very deep sharing",
    },
    "solitude": {
        "chosen_restful": "chosen, restful time alone",
        "chosen": "other chosen time alone",
        "unchosen": "time alone you did not choose",
    },
    "activities": {
        "rest": "rest",
        "nature": "time in nature",
        "meditation": "meditation",
        "creative": "creative time",
        "chores": "chores",
        "screens": "screens",
        "other": "other things alone",
    },
}

ORDER: dict[str, Sequence[str]] = {
    "modes": MODES,
    "settings": SETTINGS,
    "durations": [key for key, *_ in DURATION_BANDS],
    "group_sizes": [key for key, _ in GROUP_SIZE_BANDS],
    "initiated_by": INITIATED_BY,
    "depth": [str(d) for d in DEPTHS],
    "solitude": SOLITUDE_KINDS,
    "activities": ACTIVITIES,
}


def label(factor: str, name: str) -> str:
    return LABELS.get(factor, {}).get(name, name)


@dataclass(frozen=True)
class Grouping:
    factor: str
    names: tuple[str, ...]
    level: np.ndarray  # per observation: index into names
    record: np.ndarray  # per observation: index into the records
    weight: np.ndarray  # per observation


def duration_band(minutes: float) -> str:
    for key, low, high, _ in DURATION_BANDS:
        if low <= minutes < high:
            return key
    return DURATION_BANDS[0][0]  # negative durations are data errors; keep them visible


def group_size_band(size: int | None) -> str:
    if size is None or size < 1:
        return ""
    if size == 1:
        return "1"
    return "2-3" if size <= 3 else "4+"


def _level_order(factor: str, present: set[str]) -> tuple[str, ...]:
    known = [name for name in ORDER.get(factor, ()) if name in present]
    return tuple(known + sorted(present.difference(known)))


def _single(factor: str, keys: list[str]) -> Grouping:
    first_seen = {k: i for i, k in enumerate(dict.fromkeys(keys))}
    codes = np.fromiter(map(first_seen.__getitem__, keys), dtype=np.int64, count=len(keys))
    names = _level_order(factor, {k for k in first_seen if k})
    position = {name: i for i, name in enumerate(names)}
    remap = np.array([position.get(k, -1) for k in first_seen], dtype=np.int64)
    level = remap[codes] if len(codes) else codes
    record = np.flatnonzero(level >= 0)
    return Grouping(factor, names, level[record], record, np.ones(len(record)))


def _people(cols: InteractionColumns) -> Grouping:
    size = np.bincount(cols.person_entry, minlength=len(cols)).astype(float)
    weight = 1.0 / size[cols.person_entry] if len(cols.person_entry) else np.zeros(0)
    return Grouping("people", cols.people, cols.person, cols.person_entry, weight)


def _text_grouping(factor: str, values: np.ndarray) -> Grouping:
    """One observation per entry with a non-empty value, weight 1."""
    return _single(factor, values.tolist())


def _number_grouping(factor: str, keys: np.ndarray, values: np.ndarray) -> Grouping:
    """Levels from whole numbers (``keys[i]`` names level i); NaN and others: no group."""
    known = np.isin(values, np.arange(len(keys)))
    codes = np.where(known, np.nan_to_num(values, nan=-1), -1).astype(np.int64)
    present = np.bincount(codes[known], minlength=len(keys)) > 0
    names = [str(k) for k in np.asarray(keys)[present]]
    remap = np.cumsum(present) - 1
    level = np.where(known, remap[np.maximum(codes, 0)], -1)
    record = np.flatnonzero(level >= 0)
    return Grouping(factor, tuple(names), level[record], record, np.ones(len(record)))


def group_sizes(cols: InteractionColumns) -> np.ndarray:
    """Others present: the group size given, else how many people were named (NaN if none)."""
    named = np.bincount(cols.person_entry, minlength=len(cols)).astype(float)
    return np.where(np.isnan(cols.group_size), np.where(named > 0, named, np.nan), cols.group_size)


def interaction_groupings(cols: InteractionColumns) -> list[Grouping]:
    lows = np.array([low for _, low, _, _ in DURATION_BANDS])
    band = np.maximum(np.searchsorted(lows, cols.duration, side="right") - 1, 0).astype(float)
    size = group_sizes(cols)
    size_band = np.select([size < 1, size == 1, size <= 3, size > 3], [np.nan, 0, 1, 2], np.nan)
    return [
        _people(cols),
        _text_grouping("modes", cols.mode),
        _text_grouping("settings", cols.setting),
        _number_grouping("durations", np.array([key for key, *_ in DURATION_BANDS]), band),
        _number_grouping("group_sizes", np.array([key for key, _ in GROUP_SIZE_BANDS]), size_band),
        _text_grouping("initiated_by", cols.initiated_by),
        _number_grouping("depth", np.array([str(d) for d in DEPTHS]), cols.depth),
    ]


def solitude_kind(chosen: bool, restorative: bool | None) -> str:
    if not chosen:
        return "unchosen"
    return "chosen_restful" if restorative else "chosen"


def solitude_groupings(cols: SolitudeColumns) -> list[Grouping]:
    # chosen_restful, chosen, unchosen
    kind = np.where(cols.chosen, np.where(cols.restorative == 1.0, 0, 1), 2).astype(float)
    return [
        _number_grouping("solitude", np.array(SOLITUDE_KINDS), kind),
        _text_grouping("activities", cols.activity),
    ]
