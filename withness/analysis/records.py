"""The plain records the pattern-finder reads.

The web app, the CLI and the CSV reader all turn their rows into these, so the
analysis never sees a model or a form. A missing value is ``None``; a record
whose after-state is missing still counts for balance and drift but is left
out of the effect estimates.
"""

from dataclasses import dataclass
from datetime import date, datetime

MODES = ("in_person", "call", "video", "messages", "online", "other")
INITIATED_BY = ("me", "them", "both")
SETTINGS = ("home", "their_place", "work", "outdoors", "public", "online", "other")
ACTIVITIES = ("rest", "nature", "meditation", "creative", "chores", "screens", "other")
ISOLATION_SIGNS = ("racing_thoughts", "anxiety", "irritability", "tension", "poor_sleep")
DEPTHS = (0, 1, 2, 3, 4)

EntryId = int | str | None


@dataclass(frozen=True, slots=True)
class InteractionRecord:
    started_at: datetime  # timezone-aware; its local date is the day it counts for
    duration_min: float
    people: tuple[str, ...]  # person keys; empty for a group or strangers
    mode: str
    initiated_by: str
    depth: int | None
    felt_safe: int | None
    before_pleasant: float | None
    before_energy: float | None
    after_pleasant: float | None
    after_energy: float | None
    setting: str = ""
    group_size: int | None = None  # others present; None means len(people)
    entry_id: EntryId = None


@dataclass(frozen=True, slots=True)
class SolitudeRecord:
    started_at: datetime
    duration_min: float
    chosen: bool
    activity: str
    restorative: bool | None
    before_pleasant: float | None
    before_energy: float | None
    after_pleasant: float | None
    after_energy: float | None
    entry_id: EntryId = None


@dataclass(frozen=True, slots=True)
class CheckInRecord:
    day: date
    pleasant: float | None
    energy: float | None
    racing_thoughts: int | None  # each sign: 0 none, 1 some, 2 a lot
    anxiety: int | None
    irritability: int | None
    tension: int | None
    poor_sleep: int | None
    sleep_hours: float | None
    social_capacity: int | None
    entry_id: EntryId = None

    @property
    def signs(self) -> tuple[int | None, ...]:
        return (
            self.racing_thoughts,
            self.anxiety,
            self.irritability,
            self.tension,
            self.poor_sleep,
        )
