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
    """One observation per record with a non-empty key, weight 1."""
    first_seen = {k: i for i, k in enumerate(dict.fromkeys(keys))}
    codes = np.fromiter(map(first_seen.__getitem__, keys), dtype=np.int64, count=len(keys))
    names = _level_order(factor, {k for k in first_seen if k})
    position = {name: i for i, name in enumerate(names)}
    remap = np.array([position.get(k, -1) for k in first_seen], dtype=np.int64)
    level = remap[codes] if len(codes) else codes
    record = np.flatnonzero(level >= 0)
    return Grouping(factor, names, level[record], record, np.ones(len(record)))


def _people(cols: InteractionColumns) -> Grouping:
    names = tuple(sorted({p for r in cols.records for p in r.people}))
    index = {name: i for i, name in enumerate(names)}
    groups = [
        # a name given twice is still one person
        ps if len(set(ps)) == len(ps) else tuple(dict.fromkeys(ps))
        for ps in (r.people for r in cols.records)
    ]
    size = np.array([len(ps) for ps in groups], dtype=np.int64)
    record = np.repeat(np.arange(len(groups), dtype=np.int64), size)
    level = np.array([index[p] for ps in groups for p in ps], dtype=np.int64)
    weight = 1.0 / size[record] if len(record) else np.zeros(0)
    return Grouping("people", names, level, record, weight)


def _group_size(r) -> int | None:
    if r.group_size is not None:
        return r.group_size
    return len(set(r.people)) or None


def interaction_groupings(cols: InteractionColumns) -> list[Grouping]:
    bands = np.array([key for key, *_ in DURATION_BANDS], dtype=object)
    lows = np.array([low for _, low, _, _ in DURATION_BANDS])
    band = bands[np.maximum(np.searchsorted(lows, cols.duration, side="right") - 1, 0)]
    records = cols.records
    keys = {
        "modes": [r.mode for r in records],
        "settings": [r.setting or "" for r in records],
        "durations": band.tolist(),
        "group_sizes": [group_size_band(_group_size(r)) for r in records],
        "initiated_by": [r.initiated_by or "" for r in records],
        "depth": ["" if r.depth is None else str(r.depth) for r in records],
    }
    return [_people(cols)] + [_single(f, keys[f]) for f in INTERACTION_FACTORS[1:]]


def solitude_kind(chosen: bool, restorative: bool | None) -> str:
    if not chosen:
        return "unchosen"
    return "chosen_restful" if restorative else "chosen"


def solitude_groupings(cols: SolitudeColumns) -> list[Grouping]:
    kinds = [solitude_kind(r.chosen, r.restorative) for r in cols.records]
    activities = [r.activity or "" for r in cols.records]
    return [_single("solitude", kinds), _single("activities", activities)]
