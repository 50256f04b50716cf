"""Reads with intent: a user's live journal as the pattern-finder's plain records.

People are keyed by their id (as text), never by name, so renaming someone changes
nothing in the numbers; names are attached afterwards, for display only. Soft-deleted
entries and people are left out, as they are everywhere else in the journal.
"""

import hashlib
from dataclasses import dataclass

from django.db.models import Count, Max

from withness.analysis.records import CheckInRecord, InteractionRecord, SolitudeRecord
from withness.journal.models import CheckIn, Interaction, Participation, Solitude
from withness.people.models import Person

TIMED_FIELDS = (
    "id",
    "started_at",
    "duration_min",
    "before_pleasant",
    "before_energy",
    "after_pleasant",
    "after_energy",
)
INTERACTION_FIELDS = TIMED_FIELDS + (
    "mode",
    "initiated_by",
    "depth",
    "felt_safe",
    "setting",
    "group_size",
)
SOLITUDE_FIELDS = TIMED_FIELDS + ("chosen", "activity", "restorative")
CHECKIN_FIELDS = ("id", "day", "pleasant", "energy", *CheckIn.SIGNS, "sleep_hours")


@dataclass(frozen=True)
class JournalRecords:
    interactions: list[InteractionRecord]
    solitude: list[SolitudeRecord]
    checkins: list[CheckInRecord]
    safe_people: frozenset[str]  # person keys
    names: dict[str, str]  # person key → name, for display

    @property
    def entries(self) -> int:
        return len(self.interactions) + len(self.solitude) + len(self.checkins)


def person_key(person_id: int) -> str:
    return str(person_id)


def people_by_interaction(user) -> dict[int, tuple[str, ...]]:
    """Live people in each live interaction, as person keys."""
    rows = (
        Participation.objects.filter(
            owner=user, interaction__deleted_at__isnull=True, person__deleted_at__isnull=True
        )
        .order_by("interaction_id", "person_id")
        .values_list("interaction_id", "person_id")
    )
    people: dict[int, list[str]] = {}
    for interaction_id, person_id in rows:
        people.setdefault(interaction_id, []).append(person_key(person_id))
    return {k: tuple(v) for k, v in people.items()}


def interaction_records(user) -> list[InteractionRecord]:
    zone = user.zone
    people = people_by_interaction(user)
    rows = Interaction.objects.for_user(user).order_by().values_list(*INTERACTION_FIELDS)
    record, none = InteractionRecord, ()
    # Positional, in the record's field order: a ten-year journal has tens of thousands.
    return [
        record(at.astimezone(zone), float(minutes), people.get(pk, none), mode, initiated_by or "",
               depth, felt_safe, bp, be, ap, ae, setting or "", group_size, pk)
        for (pk, at, minutes, bp, be, ap, ae, mode, initiated_by, depth, felt_safe, setting,
             group_size) in rows
    ]  # fmt: skip


def solitude_records(user) -> list[SolitudeRecord]:
    zone = user.zone
    rows = Solitude.objects.for_user(user).order_by().values_list(*SOLITUDE_FIELDS)
    record = SolitudeRecord
    return [
        record(at.astimezone(zone), float(minutes), chosen, activity, restorative, bp, be, ap, ae,
               pk)
        for (pk, at, minutes, bp, be, ap, ae, chosen, activity, restorative) in rows
    ]  # fmt: skip


def checkin_records(user) -> list[CheckInRecord]:
    rows = CheckIn.objects.for_user(user).order_by().values_list(*CHECKIN_FIELDS, "social_capacity")
    return [
        CheckInRecord(
            day=day,
            pleasant=pleasant,
            energy=energy,
            racing_thoughts=racing,
            anxiety=anxiety,
            irritability=irritability,
            tension=tension,
            poor_sleep=poor_sleep,
            sleep_hours=sleep_hours,
            social_capacity=capacity,
            entry_id=pk,
        )
        for (pk, day, pleasant, energy, racing, anxiety, irritability, tension, poor_sleep,
             sleep_hours, capacity) in rows
    ]  # fmt: skip


def people_names(user) -> dict[str, str]:
    return {
        person_key(pk): name for pk, name in Person.objects.for_user(user).values_list("pk", "name")
    }


def safe_people(user) -> frozenset[str]:
    ids = Person.objects.for_user(user).filter(is_safe_person=True).values_list("pk", flat=True)
    return frozenset(person_key(pk) for pk in ids)


def journal_records(user) -> JournalRecords:
    return JournalRecords(
        interactions=interaction_records(user),
        solitude=solitude_records(user),
        checkins=checkin_records(user),
        safe_people=safe_people(user),
        names=people_names(user),
    )


def journal_stamp(user) -> str:
    """A cheap fingerprint of everything the insights depend on, for one user.

    Per table: the row count, the newest ``updated_at`` and the highest id, over live
    and soft-deleted rows alike, so adding, editing, deleting (soft or for good) and
    restoring all change it. Participation has no timestamps, but re-linking people
    always goes with an edit of the interaction. The day is part of it because the
    isolation index is "as of today".
    """
    parts = [str(user.today()), user.time_zone]
    for model in (Interaction, Solitude, CheckIn, Person):
        row = model.objects.filter(owner=user).aggregate(
            n=Count("pk"), changed=Max("updated_at"), top=Max("pk")
        )
        changed = row["changed"].isoformat() if row["changed"] else "-"
        parts.append(f"{row['n']}:{changed}:{row['top']}")
    row = Participation.objects.filter(owner=user).aggregate(n=Count("pk"), top=Max("pk"))
    parts.append(f"{row['n']}:{row['top']}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()
