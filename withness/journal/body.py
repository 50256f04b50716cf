"""Body signals people notice after time with others or alone.

Settling signals tend to come with feeling safer; bracing ones with feeling under
pressure. A person can add their own words; those are kept as written.
"""

BUILT_IN = [
    ("shoulders_softened", "Shoulders softened", "settling"),
    ("breath_deepened", "Breath deepened", "settling"),
    ("warm_chest", "Warmth in the chest", "settling"),
    ("face_relaxed", "Face relaxed", "settling"),
    ("easy_laughter", "Laughter came easily", "settling"),
    ("grounded", "Feet felt grounded", "settling"),
    ("jaw_tight", "Jaw tight", "bracing"),
    ("stomach_knotted", "Stomach knotted", "bracing"),
    ("heart_racing", "Heart racing", "bracing"),
    ("shallow_breath", "Shallow breath", "bracing"),
    ("restless", "Restless, fidgety", "bracing"),
    ("numb", "Numb or far away", "shutdown"),
    ("heavy", "Heavy, tired body", "shutdown"),
]

LABELS = {code: label for code, label, _ in BUILT_IN}
CODES = {label.casefold(): code for code, label, _ in BUILT_IN}
KIND = {code: kind for code, _, kind in BUILT_IN}
MAX_OWN_LENGTH = 40


def label_for(signal: str) -> str:
    return LABELS.get(signal, signal)


def code_for(words: str) -> str:
    """The listed signal these own words name ("jaw tight"), or the words as written."""
    return CODES.get(words.casefold(), words)
