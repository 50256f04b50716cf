"""Reads with intent: a user's live journal as the pattern-finder's plain records.

People are keyed by their id (as text), never by name, so renaming someone changes
nothing in the numbers; names are attached afterwards, for display only. Soft-deleted
entries and people are left out, as they are everywhere else in the journal.
"""

import functools
import hashlib
from dataclasses import dataclass

import numpy as np
from django.db import connection

from withness.analysis import columns
from withness.analysis.records import CheckInRecord, InteractionRecord, SolitudeRecord
from withness.journal.models import CheckIn, Interaction, Participation, Solitude
from withness.people.models import Person

from .models import InsightCard

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


def live_person_keys(user) -> set[str]:
    """The keys of the user's people still in their list (not deleted, not merged away)."""
    return {person_key(pk) for pk in Person.objects.for_user(user).values_list("pk", flat=True)}


def live_cards(user) -> list[InsightCard]:
    """The cards released to the user, less those about someone no longer in their list:
    deleted (the card comes back if they are restored), merged into someone else, or
    named by another account's id in an export brought in before imports translated it."""
    people = live_person_keys(user)
    cards = InsightCard.objects.filter(owner=user)
    return [card for card in cards if card.factor != "people" or card.key in people]


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


# SQLite's driver converts by declared type, so a CAST hides it: moments and days come as
# their stored UTC text and yes/no as 0/1, with no Python object made per value.
# PostgreSQL's driver makes them Python objects in C. ``analysis.columns`` reads either.
SQLITE_CASTS = {"started_at": "TEXT", "day": "TEXT", "chosen": "INTEGER", "restorative": "INTEGER"}


def _column(model, name: str) -> str:
    quote = connection.ops.quote_name
    return f"{quote(model._meta.db_table)}.{quote(model._meta.get_field(name).column)}"


@functools.cache
def _live_rows_sql(model, names: tuple[str, ...], vendor: str) -> str:
    """One user's live rows of ``model``, as plain SQL written once per process.

    The same query as ``for_user(...).values_list(...)``; building it by hand spares
    the ORM's compile on every compute, a fixed cost that small journals notice.
    """
    selected = []
    for name in names:
        cast = SQLITE_CASTS.get(name) if vendor == "sqlite" else None
        selected.append(f"CAST({_column(model, name)} AS {cast})" if cast else _column(model, name))
    return (
        f"SELECT {', '.join(selected)} FROM {connection.ops.quote_name(model._meta.db_table)} "
        f"WHERE {_column(model, 'owner')} = %s AND {_column(model, 'deleted_at')} IS NULL"
    )


@functools.cache
def _live_pairs_sql(vendor: str) -> str:
    """(interaction, person) for one user, both still live."""
    quote = connection.ops.quote_name
    return (
        f"SELECT {_column(Participation, 'interaction')}, {_column(Participation, 'person')} "
        f"FROM {quote(Participation._meta.db_table)} "
        f"JOIN {quote(Interaction._meta.db_table)} "
        f"ON {_column(Interaction, 'id')} = {_column(Participation, 'interaction')} "
        f"JOIN {quote(Person._meta.db_table)} "
        f"ON {_column(Person, 'id')} = {_column(Participation, 'person')} "
        f"WHERE {_column(Participation, 'owner')} = %s "
        f"AND {_column(Interaction, 'deleted_at')} IS NULL "
        f"AND {_column(Person, 'deleted_at')} IS NULL"
    )


def _fetch(sql: str, user) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk])
        return cursor.fetchall()


def _live_rows(model, names: tuple[str, ...], user) -> list[tuple]:
    return _fetch(_live_rows_sql(model, names, connection.vendor), user)


@dataclass(frozen=True)
class JournalColumns:
    """The live journal as the pattern-finder's columns (what the insights compute reads)."""

    interactions: columns.InteractionColumns
    solitude: columns.SolitudeColumns
    checkins: columns.CheckInColumns
    safe_people: frozenset[str]  # person keys
    names: dict[str, str]  # person key → name, for display

    @property
    def entries(self) -> int:
        return len(self.interactions) + len(self.solitude) + len(self.checkins)


def _transpose(rows: list[tuple], width: int) -> list[tuple]:
    return list(zip(*rows, strict=True)) if rows else [()] * width


def _text(values: tuple) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _ids(values: tuple) -> np.ndarray:
    return np.array(values, dtype=np.int64)


def interaction_columns(user) -> columns.InteractionColumns:
    rows = _live_rows(Interaction, INTERACTION_FIELDS, user)
    (pk, at, minutes, bp, be, ap, ae, mode, initiated_by, depth, felt_safe, setting, size) = (
        _transpose(rows, len(INTERACTION_FIELDS))
    )
    epoch = columns.epoch_seconds(at)
    pairs = np.array(_fetch(_live_pairs_sql(connection.vendor), user), dtype=np.int64)
    pairs = pairs.reshape(-1, 2)
    ids = np.array(pk, dtype=np.int64)
    by_id = np.argsort(ids)
    where = np.searchsorted(ids, pairs[:, 0], sorter=by_id) if len(ids) else pairs[:, 0]
    found = (where < len(ids)) & (ids[by_id[np.minimum(where, len(ids) - 1)]] == pairs[:, 0])
    person_ids, person = np.unique(pairs[found, 1], return_inverse=True)
    return columns.interactions_from_arrays(
        time=epoch,
        day=columns.local_days(epoch, user.zone),
        duration=np.array(minutes, dtype=float),
        before_pleasant=np.array(bp, dtype=float),
        before_energy=np.array(be, dtype=float),
        after_pleasant=np.array(ap, dtype=float),
        after_energy=np.array(ae, dtype=float),
        mode=_text(mode),
        initiated_by=_text(initiated_by),
        setting=_text(setting),
        depth=np.array(depth, dtype=float),
        felt_safe=np.array(felt_safe, dtype=float),
        group_size=np.array(size, dtype=float),
        entry_id=_ids(pk),
        person_entry=by_id[where[found]] if len(ids) else np.zeros(0, dtype=np.int64),
        person=person,
        people=[person_key(p) for p in person_ids.tolist()],
    )


def solitude_columns(user) -> columns.SolitudeColumns:
    rows = _live_rows(Solitude, SOLITUDE_FIELDS, user)
    (pk, at, minutes, bp, be, ap, ae, chosen, activity, restorative) = _transpose(
        rows, len(SOLITUDE_FIELDS)
    )
    epoch = columns.epoch_seconds(at)
    return columns.solitude_from_arrays(
        time=epoch,
        day=columns.local_days(epoch, user.zone),
        duration=np.array(minutes, dtype=float),
        chosen=np.array(chosen, dtype=float) == 1.0,
        restorative=np.array(restorative, dtype=float),
        activity=_text(activity),
        before_pleasant=np.array(bp, dtype=float),
        before_energy=np.array(be, dtype=float),
        after_pleasant=np.array(ap, dtype=float),
        after_energy=np.array(ae, dtype=float),
        entry_id=_ids(pk),
    )


def checkin_columns(user) -> columns.CheckInColumns:
    rows = _live_rows(CheckIn, (*CHECKIN_FIELDS, "social_capacity"), user)
    if not rows:
        return columns.checkins_from_arrays(
            day=np.zeros(0, dtype=np.int64), values=np.zeros((0, 9)), entry_id=_ids(())
        )
    pk, day = _transpose([r[:2] for r in rows], 2)
    return columns.checkins_from_arrays(
        day=columns.day_ordinals(day),
        values=np.array([r[2:] for r in rows], dtype=float),
        entry_id=_ids(pk),
    )


def journal_columns(user) -> JournalColumns:
    """The whole live journal in columns: no model objects, no record per entry, no notes."""
    names, safe = {}, set()
    for pk, name, is_safe in _live_rows(Person, ("id", "name", "is_safe_person"), user):
        names[person_key(pk)] = name
        if is_safe:
            safe.add(person_key(pk))
    return JournalColumns(
        interactions=interaction_columns(user),
        solitude=solitude_columns(user),
        checkins=checkin_columns(user),
        safe_people=frozenset(safe),
        names=names,
    )


def _stamp_sql() -> str:
    quote = connection.ops.quote_name
    selects = []
    for i, model in enumerate((Interaction, Solitude, CheckIn, Person, Participation)):
        meta = model._meta
        changed = (
            f"MAX({quote(meta.get_field('updated_at').column)})"
            if any(f.name == "updated_at" for f in meta.concrete_fields)
            else "NULL"
        )
        selects.append(
            f"SELECT {i}, COUNT(*), {changed}, MAX({quote(meta.pk.column)}) "
            f"FROM {quote(meta.db_table)} WHERE {quote(meta.get_field('owner').column)} = %s"
        )
    return " UNION ALL ".join(selects)


def journal_stamp(user) -> str:
    """A cheap fingerprint of everything the insights depend on, for one user.

    Per table: the row count, the newest ``updated_at`` and the highest id, over live
    and soft-deleted rows alike, so adding, editing, deleting (soft or for good) and
    restoring all change it. Participation has no timestamps, but re-linking people
    always goes with an edit of the interaction. The day is part of it because the
    isolation index is "as of today". Every insights page asks for it, so it is one
    plain query (a UNION ALL), without building five querysets each time.
    """
    with connection.cursor() as cursor:
        cursor.execute(_stamp_sql(), [user.pk] * 5)
        rows = sorted(cursor.fetchall())
    parts = [str(user.today()), user.time_zone]
    parts += [f"{n}:{changed if changed is not None else '-'}:{top}" for _, n, changed, top in rows]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()
