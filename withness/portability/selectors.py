"""Reads with intent for the CLI: finding things across the whole journal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import F, Q

from withness.accounts.encrypted import matching_ids
from withness.journal.excerpts import excerpt
from withness.journal.models import CheckIn, Interaction, Participation, Solitude
from withness.journal.selectors import icontains_folded, named_in
from withness.journal.titles import checkin_title, solitude_title, state_words, who_of
from withness.people.models import Person

from .models import ImportedEntry, ImportedKind


@dataclass(frozen=True)
class Hit:
    kind: str
    at: datetime | None
    title: str
    excerpt: str


def search_journal(user, words: str, *, limit: int = 50) -> list[Hit]:
    """Entries whose note, people, group or body signals mention the words; people by name."""
    words = words.strip()
    if not words:
        return []
    # Notes are sealed (accounts/vault.py): they are matched in Python, the rest in SQL.
    own = Interaction.objects.for_user(user)
    interactions = own.filter(
        Q(pk__in=matching_ids(own, ["note"], words, limit))
        | Q(pk__in=named_in(own, words).values("pk"))
    ).prefetch_related("people")[:limit]
    hits = [
        Hit("interaction", i.started_at, f"{i} ({i.duration_min} min)", excerpt(i.note, words))
        for i in interactions
    ]
    hits += [
        Hit("solitude", s.started_at, str(s), excerpt(s.note, words))
        for s in _noted(Solitude.objects.for_user(user), words, limit)
    ]
    hits += [
        Hit("check-in", c.recorded_at, str(c), excerpt(c.note, words))
        for c in _noted(CheckIn.objects.for_user(user), words, limit)
    ]
    imported = _moods(user)
    hits += [
        Hit(
            "imported",
            e.at,
            f"{e.label or e.title[:40] or 'Entry'} (from {e.source})",
            excerpt(f"{e.title} {e.note}", words),
        )
        for e in imported.filter(
            Q(pk__in=matching_ids(imported, ["note", "title"], words, limit))
            | icontains_folded(imported, "label", words)
        )[:limit]
    ]
    hits.sort(key=lambda h: h.at, reverse=True)
    people = Person.objects.for_user(user)
    people = people.filter(
        icontains_folded(people, "name", words)
        | Q(pk__in=matching_ids(people, ["notes"], words, limit))
    )[:limit]
    hits += [Hit("person", None, p.name, excerpt(p.notes, words)) for p in people]
    return hits[:limit]


def _noted(rows, words: str, limit: int):
    """The rows whose sealed note holds the words (matched in Python, see accounts/encrypted)."""
    return rows.filter(pk__in=matching_ids(rows, ["note"], words, limit))


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    what: str
    note: str


def history_lines(user, *, person: Person | None = None, limit: int | None = None) -> list:
    """The latest entries of every kind, newest first, or only the time spent with one person.

    Read as rows rather than model objects, so that a list of thousands stays quick; the
    titles are the same as the entries' own (see Interaction.who).
    """
    interactions = Interaction.objects.for_user(user).order_by("-started_at", "-pk")
    if person is not None:
        interactions = interactions.filter(people=person)
    lines = _interaction_lines(user, interactions[:limit])
    if person is None:
        solitude = Solitude.objects.for_user(user).order_by("-started_at", "-pk")
        lines += [
            HistoryLine(at, f"{solitude_title(chosen)} ({minutes} min)", note)
            for at, minutes, note, chosen in solitude.values_list(
                "started_at", "duration_min", "note", "chosen"
            )[:limit]
        ]
        checkins = CheckIn.objects.for_user(user).order_by("-recorded_at", "-pk")
        this_year = user.today().year
        lines += [
            HistoryLine(at, f"{checkin_title(day, this_year)} — {state_words(p, e)}", note)
            for at, day, p, e, note in checkins.values_list(
                "recorded_at", "day", "pleasant", "energy", "note"
            )[:limit]
        ]
    lines.sort(key=lambda line: line.at, reverse=True)
    return lines[:limit]


def _interaction_lines(user, interactions) -> list[HistoryLine]:
    names: dict[int, list[str]] = {}
    present = Participation.objects.filter(
        owner=user, interaction__in=interactions.values("pk"), person__deleted_at__isnull=True
    )
    ordered = present.order_by("person__name", "person_id")
    for interaction_id, name in ordered.values_list("interaction_id", "person__name"):
        names.setdefault(interaction_id, []).append(name)
    return [
        HistoryLine(at, f"Time with {who_of(names.get(pk, []), group)} ({minutes} min)", note)
        for pk, at, minutes, note, group in interactions.values_list(
            "pk", "started_at", "duration_min", "note", "group"
        )
    ]


def _moods(user):
    """Their entries brought in from other apps (the mood-tracker kind)."""
    return ImportedEntry.objects.filter(owner=user, kind=ImportedKind.MOOD)


def imported_sources(user) -> list[str]:
    """The apps this person has brought entries in from."""
    # order_by replaces Meta.ordering, so DISTINCT is over the source alone.
    return list(_moods(user).order_by("source").values_list("source", flat=True).distinct())


def imported_entries(user, *, source: str = "", month: date | None = None):
    """Their entries from other apps, newest first: from one app, or in one local month.

    The month is always its first day (the form reads it from "%Y-%m").
    """
    entries = _moods(user)
    if source:
        entries = entries.filter(source=source)
    if month is not None:
        zone = user.zone
        start = datetime.combine(month, time(), zone)
        following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        entries = entries.filter(at__gte=start, at__lt=datetime.combine(following, time(), zone))
    # Only whether the check-in is deleted, without loading (and unsealing) the check-in.
    return entries.annotate(checkin_deleted_at=F("checkin__deleted_at"))
