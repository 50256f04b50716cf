"""The shapes the API speaks. Types are checked here; the journal's own forms check the rules
(scales, lengths, who was there), so the web and the API can never disagree."""

from datetime import date, datetime
from typing import Annotated

from ninja import Field, Schema
from pydantic import ConfigDict

MAX_ID = 2**63 - 1
MAX_PAGE = 200
DEFAULT_PAGE = 50
MAX_OFFSET = 10**9

Id = Annotated[int, Field(ge=1, le=MAX_ID)]


def scale(low, high, text):
    """Document a range in the schema without enforcing it twice (the form says it better)."""
    return Field(None, description=text, json_schema_extra={"minimum": low, "maximum": high})


class Payload(Schema):
    # A misspelt field is named back to the sender instead of being silently dropped.
    model_config = ConfigDict(extra="forbid")


# People


class PersonIn(Payload):
    name: str | None = Field(None, description="Required when adding someone. Up to 80 characters.")
    relationship: str | None = Field(
        None,
        description="friend, family, partner, colleague, neighbour, community, professional, "
        "other, or empty.",
    )
    felt_safety: int | None = scale(1, 5, "How safe they feel to you: 1 not safe, 5 safe.")
    is_safe_person: bool | None = None
    checkin_every_days: int | None = scale(1, 365, "Remind me after this many days apart.")
    notes: str | None = Field(None, description="Up to 20,000 characters.")


class PersonOut(Schema):
    id: int
    name: str
    relationship: str
    felt_safety: int | None
    is_safe_person: bool
    checkin_every_days: int | None
    notes: str
    created_at: datetime
    updated_at: datetime


# What interactions and time alone share


class EntryIn(Payload):
    started_at: datetime | None = Field(
        None,
        description="When it started. Defaults to now when adding. A time without an offset is "
        "read in your own time zone.",
    )
    duration_min: int | None = scale(1, 1440, "How long, in minutes. Or give ended_at.")
    ended_at: datetime | None = Field(None, description="When it ended, instead of duration_min.")
    before_pleasant: float | None = scale(-5, 5, "Before: −5 unpleasant to +5 pleasant, in 0.5.")
    before_energy: float | None = scale(0, 10, "Before: 0 low to 10 high energy, in steps of 0.5.")
    after_pleasant: float | None = scale(-5, 5, "After, on the same scale. Or set after_later.")
    after_energy: float | None = scale(0, 10, "After, on the same scale. Or set after_later.")
    after_later: bool | None = Field(
        None, description="True to add how you feel afterwards later (for example from the app)."
    )
    note: str | None = Field(None, description="Up to 20,000 characters.")
    revision: int | None = Field(
        None,
        description="When changing an entry: the revision you read. A newer one on the server "
        "means someone changed it meanwhile, and you get 409 instead of overwriting.",
    )


class EntryOut(Schema):
    id: int
    started_at: datetime
    duration_min: int
    before_pleasant: float | None
    before_energy: float | None
    after_pleasant: float | None
    after_energy: float | None
    note: str
    revision: int
    created_at: datetime
    updated_at: datetime


class InteractionIn(EntryIn):
    people: list[Id] | None = Field(None, description="Ids of people in your list.")
    new_people: list[str] | None = Field(
        None,
        description="Names. Someone already in your list with that name is linked; anyone else "
        "is added to your people.",
    )
    group: str | None = Field(None, description="A group, setting or strangers (80 characters).")
    group_size: int | None = scale(1, 10000, "About how many people were there.")
    mode: str | None = Field(
        None, description="in_person (the default), call, video, messages, online, other."
    )
    setting: str | None = Field(
        None, description="home, their_place, work, outdoors, public, online, other, or empty."
    )
    initiated_by: str | None = Field(None, description="me, them, both, or empty.")
    depth: int | None = scale(0, 4, "0 small talk … 4 something vulnerable.")
    felt_safe: int | None = scale(0, 10, "How safe it felt: 0 not at all, 10 completely.")
    body_signals: list[str] | None = Field(
        None,
        description="Built-in signals such as shoulders_softened or jaw_tight, or your own words "
        "(up to 10, each under 40 characters).",
    )
    energy_after: int | None = scale(-2, 2, "−2 very drained … +2 very restored.")


class PersonRef(Schema):
    id: int
    name: str


class InteractionOut(EntryOut):
    people: list[PersonRef]
    group: str
    group_size: int | None
    mode: str
    setting: str
    initiated_by: str
    depth: int | None
    felt_safe: int | None
    body_signals: list[str]
    energy_after: int | None
    after_due_at: datetime | None

    @staticmethod
    def resolve_people(obj):
        # Someone moved to recently deleted drops out of the entry, as on the web.
        return obj.live_people()


class SolitudeIn(EntryIn):
    chosen: bool | None = Field(None, description="Whether you chose it (default true).")
    activity: str | None = Field(
        None,
        description="rest (the default), nature, meditation, creative, chores, screens, other.",
    )
    restorative: bool | None = Field(None, description="Whether it restored you; null if unsure.")


class SolitudeOut(EntryOut):
    chosen: bool
    activity: str
    restorative: bool | None


# Check-ins


class CheckInIn(Payload):
    day: date | None = Field(None, description="Defaults to today. One check-in per day.")
    pleasant: float | None = scale(-5, 5, "−5 unpleasant to +5 pleasant, in steps of 0.5.")
    energy: float | None = scale(0, 10, "0 low to 10 high energy, in steps of 0.5.")
    racing_thoughts: int | None = scale(0, 2, "0 none, 1 some, 2 a lot.")
    anxiety: int | None = scale(0, 2, "0 none, 1 some, 2 a lot.")
    irritability: int | None = scale(0, 2, "0 none, 1 some, 2 a lot.")
    tension: int | None = scale(0, 2, "0 none, 1 some, 2 a lot.")
    poor_sleep: int | None = scale(0, 2, "0 none, 1 some, 2 a lot.")
    sleep_hours: float | None = scale(0, 24, "Hours of sleep, in half hours.")
    sleep_quality: int | None = scale(1, 5, "1 poor … 5 deep and restful.")
    social_capacity: int | None = scale(0, 10, "Room for people today: 0 none, 10 plenty.")
    note: str | None = Field(None, description="A line about today, up to 500 characters.")
    revision: int | None = None


class CheckInOut(Schema):
    id: int
    day: date
    recorded_at: datetime
    pleasant: float
    energy: float
    racing_thoughts: int
    anxiety: int
    irritability: int
    tension: int
    poor_sleep: int
    sleep_hours: float | None
    sleep_quality: int | None
    social_capacity: int | None
    note: str
    revision: int
    created_at: datetime
    updated_at: datetime


# Lists and receipts


class Receipt(Schema):
    """All an add-only token ever gets back: that it worked, and the new id."""

    id: int
    detail: str = "Saved."


class Page(Schema):
    count: int
    limit: int
    offset: int
    next_offset: int | None


class PeoplePage(Page):
    items: list[PersonOut]


class InteractionPage(Page):
    items: list[InteractionOut]


class SolitudePage(Page):
    items: list[SolitudeOut]


class CheckInPage(Page):
    items: list[CheckInOut]


class PageParams(Schema):
    limit: int = Field(DEFAULT_PAGE, ge=1, le=MAX_PAGE, description=f"At most {MAX_PAGE}.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class DateFilters(PageParams):
    since: date | None = Field(None, description="From this day on (inclusive), your time zone.")
    until: date | None = Field(None, description="Up to and including this day.")


class InteractionFilters(DateFilters):
    person: Id | None = Field(None, description="Only entries with this person.")
