"""The gentle note on home when the journal shows a slide into isolation or shutdown.

The pattern-finder (withness.analysis.drift) decides whether there is a slide; this module
turns its result into plain words and the safest low-demand step. It is a note about
the person's own entries, never a prediction, and nothing here contacts anyone.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from withness.analysis.columns import until
from withness.analysis.drift import drift_from_columns
from withness.insights.selectors import journal_columns
from withness.journal.models import Interaction
from withness.people.models import FeltSafety, Person

QUIET_FOR = timedelta(days=7)

# What each signal means, as a phrase that completes "the last few days have had …".
SIGNAL_WORDS = {
    "unchosen_alone": "more time alone than you wanted",
    "racing_thoughts": "more racing thoughts",
    "anxiety": "more anxious moments",
    "irritability": "a shorter fuse",
    "tension": "more tension in your body",
    "poor_sleep": "rougher sleep",
    "less_sleep": "less sleep",
    "shut_down": "more time feeling flat or shut down",
    "on_guard": "more time feeling on guard",
    "low_capacity": "less room for people",
    "no_safe_contact": "a while without time with someone who feels safe",
}
SHOWN_SIGNALS = 3


@dataclass(frozen=True)
class DriftNote:
    since: date
    noticed: str  # "more time alone than you wanted and more racing thoughts"
    person: Person | None  # the safest low-demand contact, when there is one
    person_is_marked_safe: bool


def _in_words(phrases: list[str]) -> str:
    if len(phrases) <= 1:
        return "".join(phrases)
    return ", ".join(phrases[:-1]) + " and " + phrases[-1]


def noticed_in_words(signals: list[str]) -> str:
    ordered = [name for name in SIGNAL_WORDS if name in signals]
    return _in_words([SIGNAL_WORDS[name] for name in ordered[:SHOWN_SIGNALS]])


def _settling(person: Person, user) -> float:
    """How much time with this person has tended to leave the user more settled, on average."""
    changes = [
        after - before
        for before, after in Interaction.objects.for_user(user)
        .filter(people=person)
        .exclude(before_pleasant=None)
        .exclude(after_pleasant=None)
        .values_list("before_pleasant", "after_pleasant")
    ]
    return sum(changes) / len(changes) if changes else 0.0


def safest_contact(user) -> tuple[Person | None, bool]:
    """A person marked safe (the one whose time settles the user most), or else someone who
    feels safe or mostly safe to them; None when there is no one yet."""
    people = Person.objects.for_user(user)
    marked = list(people.filter(is_safe_person=True))
    candidates = marked or list(people.filter(felt_safety__gte=FeltSafety.MOSTLY))
    if not candidates:
        return None, False
    best = max(candidates, key=lambda person: (_settling(person, user), -person.pk))
    return best, bool(marked)


def drift_note_for(user, *, preferences) -> DriftNote | None:
    today = user.today()
    if not preferences.drift_note_on:
        return None
    if preferences.drift_note_quiet_until and today < preferences.drift_note_quiet_until:
        return None
    # The columns the insights read: no model objects and no notes, on every visit home.
    journal = journal_columns(user)
    drift = drift_from_columns(
        until(journal.interactions, today),
        until(journal.solitude, today),
        until(journal.checkins, today),
        safe_people=journal.safe_people,
        today=today,
    )
    if not drift.flagged:
        return None
    person, marked = safest_contact(user)
    return DriftNote(drift.since, noticed_in_words(drift.signals), person, marked)
