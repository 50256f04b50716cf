"""Writing what the importers read from other apps' files into a journal.

An import runs in three steps, the same from the web and the CLI:

1. ``import_run_create`` reads the file (nothing is written to the journal yet) and keeps it
   on an :class:`ImportRun` with the parser's per-row report.
2. The person reviews the mood labels and how each maps to a state; ``import_run_map``
   keeps their mapping.
3. ``import_run_step`` writes the next batch (whole days at a time, each batch in one
   transaction) until the run is done; ``import_run_finish`` does all of them in one
   transaction, for the CLI.

Each source row becomes an :class:`ImportedEntry` (its source row kept), keyed by the
parser's ``source_key``, so importing the same file again adds nothing. A day with a mood
state becomes that day's check-in, unless the day has one already; people named in the
file (contacts, How We Feel's people tags) become people, matched by name when they exist.
The choices, and the mood tables, are documented in docs/import-mapping.md.
"""

from __future__ import annotations

import re
import statistics
import zoneinfo
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from withness.accounts import vault
from withness.journal.models import CheckIn
from withness.people.models import Person

from . import importers
from .importers import ImportedMood, ImportedPerson, ImportFormatError, ParseResult
from .importers.moods import ENERGY_MAX, ENERGY_MIN, PLEASANT_MAX, PLEASANT_MIN
from .models import ImportedEntry, ImportedKind, ImportRun, ImportStatus

#: The sources an import can come from, as people know them.
SOURCES = dict(importers.TITLES)
#: Energy of a check-in made from an app with no energy scale (Daylio, jrnl): the middle.
NEUTRAL_ENERGY = 5.0
STEP_ROWS = 1000
MAX_NAME = Person._meta.get_field("name").max_length
MAX_CHECKIN_NOTE = CheckIn._meta.get_field("note").max_length


class ImportProblem(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def zone_named(name: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ImportProblem(
            f"{name!r} is not a time zone withness knows; try one like Europe/Berlin."
        ) from None


def source_of(filename: str, data: bytes) -> str:
    """Which importer reads this file: "withness" for an export of ours, or another app's.

    ImportProblem when it can't be told, so the person can name the app instead.
    """
    head = data[:65536]
    if head.lstrip()[:1] == b"{" and re.search(rb'"format"\s*:\s*"withness"', head[:4096]):
        return "withness"
    found = importers.detect(filename, head)
    if found is None:
        raise ImportProblem(
            f"We couldn’t tell which app {filename or 'this file'} is from. Say which it is."
        )
    return found


def read_file(
    source: str, data: bytes, *, time_zone: str, mapping: dict | None = None, on_progress=None
) -> ParseResult:
    """Parse the file (ImportProblem if it can't be read) and apply a label mapping."""
    try:
        result = importers.parse(source, data, tz=zone_named(time_zone), on_progress=on_progress)
    except ImportFormatError as error:
        raise ImportProblem(str(error)) from None
    if mapping:
        try:
            result = importers.apply_label_mapping(result, _mapping_values(mapping))
        except ValueError as error:
            raise ImportProblem(str(error)) from None
    return result


def _mapping_values(mapping: dict) -> dict:
    # JSON keeps (pleasant, energy) pairs as lists; the importers take either.
    return {label: tuple(v) if isinstance(v, list) else v for label, v in mapping.items()}


def import_run_create(
    *, user, source: str, filename: str, data: bytes, time_zone: str = "", on_progress=None
) -> ImportRun:
    """Read the file and keep it for review. Nothing in the journal changes yet."""
    if source not in SOURCES:
        raise ImportProblem(
            f"There is no importer called {source!r}; choose one of: " + ", ".join(SOURCES) + "."
        )
    time_zone = time_zone or user.time_zone
    result = read_file(source, data, time_zone=time_zone, on_progress=on_progress)
    return ImportRun.objects.create(
        owner=user,
        source=source,
        filename=filename[:255],
        time_zone=time_zone,
        payload=data,
        total=len(result.people) + len(result.moods),
        counts={"read": result.rows_read},
        problems=[str(p) for p in result.problems],
        notes=list(result.notes_about_file),
    )


GONE = (
    "The file for this import is no longer here (it was empty), so there is nothing to "
    "import. Start the import again with the file."
)


LOCKED = (
    "The file for this import is sealed with your key, which is not open here. Sign in "
    "again (or run `withness unlock`), then carry on with the import."
)


def stored_file(run: ImportRun) -> bytes:
    """The file kept on the run; ImportProblem when nothing was kept.

    VaultLocked (not ImportProblem, which would end the run) when the file is sealed and
    its key is not open here: the run and its file wait until it is.
    """
    if not run.payload:
        raise ImportProblem(GONE)
    if isinstance(run.payload, vault.LockedBytes):
        raise vault.VaultLocked(LOCKED)
    return bytes(run.payload)


def _stop(run: ImportRun, problem: ImportProblem) -> ImportRun:
    """End a run whose kept file can no longer be read: it shows why, and writes nothing."""
    run.status = ImportStatus.FAILED
    run.error = problem.message
    run.payload = None
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "error", "payload", "finished_at"])
    return run


def label_review(run: ImportRun) -> list[importers.LabelReview]:
    """The labels to review; none (and the run stopped, saying why) if the file can't be read."""
    try:
        data = stored_file(run)
        result = read_file(run.source, data, time_zone=run.time_zone, mapping=run.mapping)
    except ImportProblem as problem:
        _stop(run, problem)
        return []
    return importers.label_review(result)


def import_run_map(*, run: ImportRun, mapping: dict) -> ImportRun:
    """Keep the reviewed label mapping (ImportProblem when a value is off the scale)."""
    read_file(run.source, stored_file(run), time_zone=run.time_zone, mapping=mapping)
    run.mapping = {label: list(v) if isinstance(v, tuple) else v for label, v in mapping.items()}
    run.status = ImportStatus.RUNNING
    run.save(update_fields=["mapping", "status"])
    return run


def import_run_cancel(*, run: ImportRun) -> bool:
    """Call off an import still waiting for review, the kept file with it; False once begun."""
    # One statement, so a step that begins the import meanwhile can't be cut off mid-way.
    deleted, _ = ImportRun.objects.filter(pk=run.pk, status=ImportStatus.REVIEW).delete()
    return bool(deleted)


@dataclass
class _Records:
    people: list[ImportedPerson]
    moods: list[ImportedMood]

    def __len__(self):
        return len(self.people) + len(self.moods)


def _records(run: ImportRun) -> _Records:
    result = read_file(run.source, stored_file(run), time_zone=run.time_zone, mapping=run.mapping)
    moods = sorted(result.moods, key=lambda m: (m.at, m.source_key))
    return _Records(result.people, moods)


def _batch_end(records: _Records, start: int, limit: int, zone) -> int:
    """Where the batch from ``start`` ends: after ``limit`` records, at the end of a day."""
    end = min(len(records), start + limit)
    first_mood = len(records.people)
    if end <= first_mood or end >= len(records):
        return end
    last_day = records.moods[end - 1 - first_mood].at.astimezone(zone).date()
    while (
        end < len(records)
        and records.moods[end - first_mood].at.astimezone(zone).date() == last_day
    ):
        end += 1
    return end


def import_run_step(*, run: ImportRun, limit: int = STEP_ROWS) -> ImportRun:
    """Write the next batch of the run, in one transaction. Safe to call again after a stop."""
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().get(pk=run.pk)
        if run.status != ImportStatus.RUNNING:
            return run
        try:
            records = _records(run)
        except ImportProblem as problem:
            return _stop(run, problem)
        zone = zone_named(run.time_zone)
        # Each step reads the file again; twenty steps at most keeps that cost bounded.
        end = _batch_end(records, run.done, max(limit, len(records) // 20), zone)
        writer = _Writer(run, zone)
        first_mood = len(records.people)
        for person in records.people[run.done : end]:
            writer.person(person)
        writer.moods(records.moods[max(0, run.done - first_mood) : max(0, end - first_mood)])
        run.done = end
        run.total = len(records)
        if end >= len(records):
            run.status = ImportStatus.DONE
            run.finished_at = timezone.now()
            run.payload = None
        run.save()
        return run


def import_run_finish(
    *, run: ImportRun, on_progress: Callable[[int, int], None] | None = None
) -> ImportRun:
    """Write the whole run in one transaction: all of it, or (on an error) nothing."""
    with transaction.atomic():
        while run.status == ImportStatus.RUNNING:
            run = import_run_step(run=run)
            if on_progress:
                on_progress(run.done, run.total)
    return run


class _Writer:
    """Writes one batch and keeps the run's counts and per-row report."""

    def __init__(self, run: ImportRun, zone):
        self.run, self.zone, self.user = run, zone, run.owner
        self.counts = run.counts
        self._people = None
        self.title = SOURCES.get(run.source, run.source)

    def count(self, name: str, n: int = 1) -> None:
        if n:
            self.counts[name] = self.counts.get(name, 0) + n

    def _already(self, keys: Iterable[str]) -> set[str]:
        return set(
            ImportedEntry.objects.filter(
                owner=self.user, source=self.run.source, source_key__in=list(keys)
            ).values_list("source_key", flat=True)
        )

    def person_named(self, name: str) -> tuple[Person, bool]:
        if self._people is None:
            self._people = {}
            for p in Person.objects.for_user(self.user).order_by("pk"):
                self._people.setdefault(p.name.casefold(), p)
        name = " ".join(name.split())[:MAX_NAME]
        found = self._people.get(name.casefold())
        if found:
            return found, False
        person = Person.objects.create(owner=self.user, name=name)
        self._people[name.casefold()] = person
        self.count("people added")
        return person, True

    def person(self, record: ImportedPerson) -> None:
        if self._already([record.source_key]):
            self.count("already imported")
            return
        person, new = self.person_named(record.name)
        if not new:
            self.count("people already in your list")
        ImportedEntry.objects.create(
            owner=self.user,
            source=self.run.source,
            source_key=record.source_key,
            kind=ImportedKind.PERSON,
            label=record.name,
            title=record.nickname,
            source_row=record.source_row,
            person=person,
        )

    def moods(self, moods: list[ImportedMood]) -> None:
        if not moods:
            return
        already = self._already(m.source_key for m in moods)
        fresh = [m for m in moods if m.source_key not in already]
        self.count("already imported", len(moods) - len(fresh))
        by_day: dict = {}
        for mood in fresh:
            by_day.setdefault(mood.at.astimezone(self.zone).date(), []).append(mood)
        existing = {
            c.day: c for c in CheckIn.objects.for_user(self.user).filter(day__in=list(by_day))
        }
        entries = []
        for day, day_moods in by_day.items():
            checkin = existing.get(day)
            stated = [m for m in day_moods if m.pleasant is not None]
            if checkin is not None and stated:
                self.count("days that already had a check-in")
            elif stated:
                checkin = self._checkin(day, stated)
            for mood in day_moods:
                entries.append(self._entry(mood, checkin if mood.pleasant is not None else None))
        ImportedEntry.objects.bulk_create(entries, batch_size=500)
        self.count("entries imported", len(entries))
        unstated = sum(1 for e in entries if e.checkin is None)
        if unstated:
            self.count("entries kept without a state", unstated)

    def _entry(self, mood: ImportedMood, checkin) -> ImportedEntry:
        people = [self.person_named(name)[0].name for name in mood.people]
        details = {
            key: value
            for key, value in {
                "activities": list(mood.activities),
                "people": people,
                "sleep_hours": mood.sleep_hours,
                "extras": mood.extras,
            }.items()
            if value not in (None, [], {})
        }
        return ImportedEntry(
            owner=self.user,
            source=self.run.source,
            source_key=mood.source_key,
            kind=ImportedKind.MOOD,
            at=mood.at,
            label=mood.label[:200],
            pleasant=mood.pleasant,
            energy=mood.energy,
            title=mood.title,
            note=mood.note,
            details=details,
            source_row=mood.source_row,
            checkin=checkin,
        )

    def _checkin(self, day, moods: list[ImportedMood]) -> CheckIn:
        energies = [m.energy for m in moods if m.energy is not None]
        sleep = next((m.sleep_hours for m in moods if m.sleep_hours is not None), None)
        labels = list(dict.fromkeys(m.label for m in moods if m.label))
        note = f"From {self.title}" + (": " + ", ".join(labels) if labels else "")
        if len(note) > MAX_CHECKIN_NOTE:
            note = note[: MAX_CHECKIN_NOTE - 1] + "…"
        checkin = CheckIn.objects.create(
            owner=self.user,
            day=day,
            recorded_at=moods[-1].at,
            pleasant=_snap(statistics.fmean(m.pleasant for m in moods), PLEASANT_MIN, PLEASANT_MAX),
            energy=_snap(statistics.fmean(energies), ENERGY_MIN, ENERGY_MAX)
            if energies
            else NEUTRAL_ENERGY,
            sleep_hours=None if sleep is None else min(24.0, max(0.0, round(sleep * 2) / 2)),
            note=note,
        )
        self.count("check-ins added")
        return checkin


def _snap(value: float, low: float, high: float) -> float:
    return min(high, max(low, round(value * 2) / 2))
