"""What an entry is called and how it went, in plain Python: the models' own titles use these,
and so does the quick `withness history` (portability/direct.py), which reads without Django."""

from datetime import date

from withness.analysis.states import REGION_WORDS, region_of


def who_of(names: list[str], group: str) -> str:
    """The live people's names and the group, as an entry's title says them."""
    return ", ".join([*names, group] if group else names) or "others"


def solitude_title(chosen: bool) -> str:
    return "Time alone" if chosen else "Time alone, not by choice"


def checkin_title(day: date, this_year: int) -> str:
    """ "Check-in for 31 December", with the year for a day in another year than this one
    (the year of today on the person's clock), as the web's lists say a day."""
    if day.year == this_year:
        return f"Check-in for {day:%-d %B}"
    return f"Check-in for {day:%-d %B} {day.year}"


def state_words(pleasant, energy) -> str:
    if pleasant is None or energy is None:
        return ""
    return REGION_WORDS[region_of(pleasant, energy)]


def change_words(change: float | None) -> str:
    """How much more or less pleasant it felt afterwards, in words rather than a bare number
    (the change is on the −5…+5 scale, in half steps): "a little more pleasant after"."""
    if change is None:
        return ""
    if change == 0:
        return "about as pleasant after"
    size = abs(change)
    degree = "a little " if size <= 1 else "much " if size >= 3 else ""
    return f"{degree}{'more' if change > 0 else 'less'} pleasant after"
