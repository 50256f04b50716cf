"""Reads with intent for the growth tools, always for one user."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Max, Q
from django.utils import timezone

from withness.accounts.encrypted import matching_ids
from withness.journal.models import Interaction
from withness.people.models import Person

from . import ladder
from .models import (
    Belief,
    Capacity,
    Direction,
    Evidence,
    NudgeRest,
    NudgeSettings,
    PromptSetAside,
    Reflection,
    Response,
    SafePersonNote,
    Share,
    Support,
)
from .prompts import PROMPTS

HOME_NUDGES = 3
HOME_FOLLOW_UPS = 3
PROMPT_REST_DAYS = 2  # a prompt is offered at most every other day
SET_ASIDE_REST_DAYS = 30
ANSWERED_REST_DAYS = 90
CAPACITY_RUN = 3  # giving beyond one's limits this many times in a row earns a gentle note
LOW_DEMAND = [
    "a short text to say hello",
    "a voice note, no reply needed",
    "sending a photo of something you saw",
    "a short walk together",
    "sitting near each other with a cup of tea",
    "a quick call, five minutes is plenty",
]


def people_for(user):
    return Person.objects.for_user(user)


def safe_people(user) -> list[Person]:
    people = list(people_for(user).filter(is_safe_person=True))
    notes = {
        n.person_id: n for n in SafePersonNote.objects.for_user(user).filter(person__in=people)
    }
    for person in people:
        person.safety_note = notes.get(person.pk)
    return people


def safe_person_initial(user, person_id: str) -> dict:
    """The flow's starting values: the chosen person and what the user said about them before."""
    person = people_for(user).filter(pk=int(person_id)).first() if person_id.isdecimal() else None
    if person is None:
        return {}
    note = safety_note_for(user, person)
    initial = {"person": person.pk}
    if note is not None:
        initial.update(reasons=note.reasons, own_words=note.own_words)
    return initial


def safety_note_for(user, person) -> SafePersonNote | None:
    return SafePersonNote.objects.for_user(user).filter(person=person).first()


# --- ladder -------------------------------------------------------------------------------------


@dataclass
class LadderSummary:
    person: Person
    shares: list[Share]
    suggestion: ladder.Suggestion

    @property
    def total(self) -> int:
        return len(self.shares)

    @property
    def warm(self) -> int:
        return sum(1 for s in self.shares if s.is_warm)

    @property
    def idea(self) -> str:
        return self.suggestion.idea(self.person.name)


def shares_for(user):
    return (
        Share.objects.for_user(user)
        .select_related("person")
        .filter(person__deleted_at__isnull=True)
    )


def ladder_for(user, person) -> LadderSummary:
    shares = list(shares_for(user).filter(person=person))
    suggestion = ladder.suggest([(s.step, s.response) for s in shares])
    return LadderSummary(person=person, shares=shares, suggestion=suggestion)


def ladders_for(user) -> list[LadderSummary]:
    """Everyone the user has shared with, most recent share first."""
    shares = list(shares_for(user))
    by_person: dict[int, list[Share]] = {}
    for share in shares:
        by_person.setdefault(share.person_id, []).append(share)
    return [
        LadderSummary(group[0].person, group, ladder.suggest([(s.step, s.response) for s in group]))
        for group in by_person.values()
    ]


# --- support ------------------------------------------------------------------------------------


def support_for(user, person=None):
    rows = (
        Support.objects.for_user(user)
        .select_related("person")
        .filter(person__deleted_at__isnull=True)
    )
    return rows.filter(person=person) if person is not None else rows


def giving_beyond_limits(user) -> bool:
    """True when the last few times of giving support all took more than the user had."""
    recent = list(
        support_for(user)
        .filter(direction=Direction.GIVEN)
        .values_list("capacity", flat=True)[:CAPACITY_RUN]
    )
    return len(recent) == CAPACITY_RUN and all(c == Capacity.BEYOND for c in recent)


# --- beliefs ------------------------------------------------------------------------------------


def beliefs_for(user):
    return Belief.objects.for_user(user)


def ratings_for(user, belief):
    return list(belief.ratings.filter(owner=user, deleted_at__isnull=True))


def evidence_for(user, belief, **entry):
    """What is linked to a belief; with e.g. share=row, only the links to that entry."""
    return list(
        Evidence.objects.for_user(user)
        .filter(belief=belief, **entry)
        .select_related("interaction", "share__person", "support__person")
        .filter(Q(interaction__deleted_at__isnull=True) | Q(interaction__isnull=True))
        .filter(Q(share__deleted_at__isnull=True) | Q(share__isnull=True))
        .filter(Q(support__deleted_at__isnull=True) | Q(support__isnull=True))
    )


def warm_shares_to_offer(user, belief, limit=5) -> list[Share]:
    """Warm responses not yet linked to this belief: offered, never added for the user."""
    linked = (
        Evidence.objects.for_user(user).filter(belief=belief, share__isnull=False).values("share")
    )
    return list(shares_for(user).filter(response=Response.WARM).exclude(pk__in=linked)[:limit])


def evidence_choices(user, limit=30):
    """Recent entries a user might link, for the evidence form's lists."""
    return {kind: list(rows[:limit]) for kind, rows in _linkable(user).items()}


def evidence_entry(user, kind: str, pk: int):
    """One of the user's entries of this kind, however old, or None."""
    rows = _linkable(user).get(kind)
    return None if rows is None else rows.filter(pk=pk).first()


def _linkable(user) -> dict:
    return {
        "interaction": Interaction.objects.for_user(user).prefetch_related("people"),
        "share": shares_for(user),
        "support": support_for(user),
    }


# --- reflections --------------------------------------------------------------------------------


def reflections_for(user, query: str = ""):
    rows = Reflection.objects.for_user(user)
    if query:
        # Answers are sealed: matched in Python (see accounts/encrypted.py), prompts in SQL.
        answered = matching_ids(rows, ["answer"], query)
        rows = rows.filter(Q(pk__in=answered) | Q(prompt_text__icontains=query))
    return rows


def prompt_for_today(user, today: date) -> tuple[str, str] | None:
    """One prompt now and then: not if one was answered or set aside in the last couple of days."""
    since = today - timedelta(days=PROMPT_REST_DAYS - 1)
    if Reflection.objects.for_user(user).filter(answered_on__gte=since).exists():
        return None
    if PromptSetAside.objects.for_user(user).filter(set_aside_on__gte=since).exists():
        return None
    resting = set(
        PromptSetAside.objects.for_user(user)
        .filter(set_aside_on__gt=today - timedelta(days=SET_ASIDE_REST_DAYS))
        .values_list("prompt_key", flat=True)
    ) | set(
        Reflection.objects.for_user(user)
        .filter(answered_on__gt=today - timedelta(days=ANSWERED_REST_DAYS))
        .values_list("prompt_key", flat=True)
    )
    keys = [k for k in PROMPTS if k not in resting]
    if not keys:
        return None
    key = keys[today.toordinal() % len(keys)]
    return key, PROMPTS[key]


# --- nudges -------------------------------------------------------------------------------------


@dataclass
class Nudge:
    person: Person
    last_contact: datetime | None
    due_on: date
    idea: str = ""


@dataclass
class HomeNudges:
    welcome: bool = False
    paused: bool = False
    due: list[Nudge] = field(default_factory=list)
    follow_ups: list[Interaction] = field(default_factory=list)


def nudge_settings(user) -> NudgeSettings:
    settings, _ = NudgeSettings.objects.get_or_create(owner=user)
    return settings


def _local_date(moment: datetime, zone) -> date:
    return timezone.localtime(moment, zone).date()


def checkins_for(user, today: date) -> list[Nudge]:
    """Every person with a cadence and when contact would next be due (rests taken into account)."""
    people = (
        people_for(user)
        .filter(checkin_every_days__isnull=False, checkin_every_days__gt=0)
        .annotate(
            last=Max("interactions__started_at", filter=Q(interactions__deleted_at__isnull=True))
        )
    )
    rests: dict[int, date] = {}
    for person_id, until in (
        NudgeRest.objects.for_user(user).filter(until__gte=today).values_list("person_id", "until")
    ):
        rests[person_id] = max(until, rests.get(person_id, until))
    nudges = []
    for person in people:
        base = _local_date(person.last or person.created_at, user.zone)
        due_on = base + timedelta(days=person.checkin_every_days)
        if person.pk in rests:
            due_on = max(due_on, rests[person.pk] + timedelta(days=1))
        idea = LOW_DEMAND[(person.pk + today.toordinal()) % len(LOW_DEMAND)]
        nudges.append(Nudge(person=person, last_contact=person.last, due_on=due_on, idea=idea))
    return sorted(nudges, key=lambda n: (n.due_on, n.person.name))


def nudges_due(user, today: date) -> list[Nudge]:
    if nudge_settings(user).is_paused(today):
        return []
    return [n for n in checkins_for(user, today) if n.due_on <= today]


def follow_ups_due(user, now: datetime):
    return (
        Interaction.objects.for_user(user)
        .filter(after_due_at__isnull=False, after_due_at__lte=now, after_pleasant__isnull=True)
        .prefetch_related("people")
        .order_by("after_due_at")
    )


def follow_ups_open(user):
    return (
        Interaction.objects.for_user(user)
        .filter(after_due_at__isnull=False, after_pleasant__isnull=True)
        .prefetch_related("people")
        .order_by("after_due_at")
    )


def home_nudges(user, settings: NudgeSettings, today: date, now: datetime) -> HomeNudges:
    home = HomeNudges(
        welcome=settings.welcome_on == today,
        paused=settings.is_paused(today),
        follow_ups=list(follow_ups_due(user, now)[:HOME_FOLLOW_UPS]),
    )
    # Coming back after a gap is a fresh start: a plain welcome that day, no pile of reminders.
    if not home.welcome and not home.paused:
        home.due = nudges_due(user, today)[:HOME_NUDGES]
    return home
