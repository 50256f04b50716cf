"""What an entry is called, in plain Python: the models' own titles use these, and so does
the quick `withness history` (portability/direct.py), which reads without Django."""

from datetime import date

from withness.analysis.states import REGION_WORDS, region_of


def who_of(names: list[str], group: str) -> str:
    """The live people's names and the group, as an entry's title says them."""
    return ", ".join([*names, group] if group else names) or "others"


def solitude_title(chosen: bool) -> str:
    return "Time alone" if chosen else "Time alone, not by choice"


def checkin_title(day: date) -> str:
    return f"Check-in for {day:%-d %B}"


def state_words(pleasant, energy) -> str:
    if pleasant is None or energy is None:
        return ""
    return REGION_WORDS[region_of(pleasant, energy)]
