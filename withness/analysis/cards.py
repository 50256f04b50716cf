"""Plain-language sentences from the effects.

Always "in your log, … has tended to …": a description of the user's own
entries, never a claim that someone or something is good or bad for them.
"""

from dataclasses import dataclass

from .effects import (
    AVERAGE_INTERACTION,
    AVERAGE_SOLITUDE,
    DRAINS,
    LIFTS,
    MIN_FOR_VERDICT,
    MIN_SIZE,
    NOT_ENOUGH,
    Effect,
)
from .records import EntryId

SUBJECTS: dict[str, dict[str, str]] = {
    "modes": {
        "in_person": "time in person",
        "call": "time on calls",
        "video": "time on video calls",
        "messages": "time messaging",
        "online": "time in online communities",
        "other": "other kinds of contact",
    },
    "settings": {
        "home": "time with people at home",
        "their_place": "time at their place",
        "work": "time with people at work",
        "outdoors": "time with people outdoors",
        "public": "time with people in public places",
        "online": "time with people online",
        "other": "time with people somewhere else",
    },
    "durations": {
        "0-15": "contact lasting under 15 minutes",
        "15-45": "contact lasting 15 to 45 minutes",
        "45-90": "contact lasting 45 to 90 minutes",
        "90+": "contact lasting 90 minutes or more",
    },
    "group_sizes": {
        "1": "one-to-one time",
        "2-3": "time with two or three others",
        "4+": "time with four or more others",
    },
    "initiated_by": {
        "me": "contact when you reached out",
        "them": "contact when they reached out",
        "both": "contact you both reached out for",
    },
    "depth": {
        "0": "contact with no personal sharing",
        "1": "contact with a little sharing",
        "2": "contact with some sharing",
        "3": "contact with deep sharing",
        "4": "contact with very deep sharing",
    },
    "solitude": {
        "chosen_restful": "chosen, restful time alone",
        "chosen": "other chosen time alone",
        "unchosen": "time alone you did not choose",
    },
    "activities": {
        "rest": "resting alone",
        "nature": "time alone in nature",
        "meditation": "meditation",
        "creative": "creative time alone",
        "chores": "chores on your own",
        "screens": "time alone on screens",
        "other": "other time alone",
    },
}


@dataclass(frozen=True)
class Card:
    factor: str
    name: str
    verdict: str
    text: str
    certainty: str | None
    entry_ids: tuple[EntryId, ...]


def subject(effect: Effect) -> str:
    return subject_for(effect.factor, effect.name, effect.label)


def subject_for(factor: str, name: str, label: str) -> str:
    """What a finding is about, in words: "time with Sam", "time on calls"."""
    if factor == "people":
        return f"time with {name}"
    return SUBJECTS.get(factor, {}).get(name, label)


def certainty_word(p_positive: float) -> str:
    """How sure, in words, from the chance the effect is on the side it seems to be."""
    p = max(p_positive, 1 - p_positive)
    if p >= 0.99:
        return "very sure"
    if p >= 0.975:
        return "quite sure"
    if p >= 0.95:
        return "fairly sure"
    return "not sure"


def _times(n: int) -> str:
    return "1 time" if n == 1 else f"{n} times"


# What an effect is measured against, in words (see ``effects.reference``).
AGAINST = {
    AVERAGE_INTERACTION: "your time with people on average",
    AVERAGE_SOLITUDE: "your time alone on average",
}


def settled_change(verdict: str, compared_with: str) -> str:
    """The change in words ("leave you more settled"), and against what, if anything."""
    change = f"leave you {'more' if verdict == LIFTS else 'less'} settled"
    against = AGAINST.get(compared_with)
    return change if against is None else f"{change} than {against}"


def energy_change(more: bool, compared_with: str) -> str:
    change = f"leave you with {'more' if more else 'less'} energy"
    against = AGAINST.get(compared_with)
    return change if against is None else f"{change} than {against}"


def kinds_together(subjects: list[str]) -> str:
    """Several subjects as one phrase: "time in online communities, with people online
    and with four or more others" (one "time" when every subject starts with it)."""
    if len(subjects) > 1 and all(s.startswith("time ") for s in subjects):
        rest = [s.removeprefix("time ") for s in subjects]
        return "time " + _listed(rest)
    return _listed(subjects)


def _listed(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def shared_card_text(
    subjects: list[str], *, verdict: str, compared_with: str, n: int, certainty: str
) -> str:
    """One sentence for findings that rest on the very same entries and say the same
    thing (time in online communities was, entry for entry, time with people online):
    shown once, naming the kinds together, rather than as near-identical cards."""
    change = settled_change(verdict, compared_with)
    return (
        f"In your log, {kinds_together(subjects)} — the same {_times(n)} — "
        f"has tended to {change}; {certainty}."
    )


def shared_energy_text(
    subjects: list[str], *, more: bool, compared_with: str, n: int, certainty: str
) -> str:
    change = energy_change(more, compared_with)
    return (
        f"About energy: in your log, {kinds_together(subjects)} — the same {_times(n)} — "
        f"has tended to {change}; {certainty}."
    )


def card_text(effect: Effect) -> str:
    """The card's sentence. A person is compared with how the user would otherwise
    have felt ("more settled", "less settled": the change is the user's, never a
    verdict on the person); a kind of contact with the user's own average contact,
    and says so ("more settled than your time with people on average")."""
    what = subject(effect)
    against = AGAINST.get(effect.compared_with)
    if effect.verdict == NOT_ENOUGH:
        return f"Not enough entries yet about {what} to see a pattern ({effect.n} so far)."
    based = f"based on {_times(effect.n)}"
    if effect.verdict in (LIFTS, DRAINS) and effect.pleasant is not None:
        sure = certainty_word(effect.pleasant.p_positive)
        change = settled_change(effect.verdict, effect.compared_with)
        return f"In your log, {what} has tended to {change} — {based}; {sure}."
    if against is None:
        return f"In your log, {what} shows no clear pattern yet — {based}."
    return f"In your log, {what} shows no clear difference from {against} yet — {based}."


def energy_text(effect: Effect) -> str | None:
    """An exploratory note on energy, only when it is as clear as a verdict would need."""
    e = effect.energy
    if e is None or effect.n < MIN_FOR_VERDICT or abs(e.estimate) < MIN_SIZE:
        return None
    if e.low > 0:
        change = energy_change(True, effect.compared_with)
    elif e.high < 0:
        change = energy_change(False, effect.compared_with)
    else:
        return None
    return (
        f"About energy: in your log, {subject(effect)} has tended to {change} — "
        f"based on {_times(effect.n)}; {certainty_word(e.p_positive)}."
    )


def card(effect: Effect) -> Card:
    sure = None
    if effect.verdict in (LIFTS, DRAINS) and effect.pleasant is not None:
        sure = certainty_word(effect.pleasant.p_positive)
    return Card(
        effect.factor, effect.name, effect.verdict, card_text(effect), sure, effect.entry_ids
    )


def clear_cards(effects: list[Effect]) -> list[Card]:
    """Cards for every lift or drain, the surest first (the app shows a few a week)."""
    clear = [e for e in effects if e.verdict in (LIFTS, DRAINS) and e.pleasant is not None]
    clear.sort(key=lambda e: (-abs(e.pleasant.p_positive - 0.5), -e.n, e.factor, e.name))
    return [card(e) for e in clear]
