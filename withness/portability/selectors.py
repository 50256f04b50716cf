"""Reads with intent for the CLI: finding things across the whole journal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, TextField
from django.db.models.functions import Cast

from withness.accounts.encrypted import matching_ids
from withness.journal import body
from withness.journal.models import (
    CheckIn,
    Interaction,
    Participation,
    Solitude,
    state_words,
    who_of,
)
from withness.people.models import Person

from .models import ImportedEntry

EXCERPT = 90


@dataclass(frozen=True)
class Hit:
    kind: str
    at: datetime | None
    title: str
    excerpt: str


def _excerpt(text: str, words: str) -> str:
    text = " ".join(text.split())
    where = text.casefold().find(words.casefold())
    if where < 0:
        return ""
    start = max(0, where - EXCERPT // 3)
    piece = text[start : start + EXCERPT]
    return ("…" if start else "") + piece + ("…" if start + EXCERPT < len(text) else "")


def search_journal(user, words: str, *, limit: int = 50) -> list[Hit]:
    """Entries whose note, people, group or body signals mention the words; people by name."""
    words = words.strip()
    if not words:
        return []
    codes = [code for code, label in body.LABELS.items() if words.casefold() in label.casefold()]
    signals = Q(signals__icontains=words)
    for code in codes:
        signals |= Q(signals__icontains=f'"{code}"')
    # Notes are sealed (accounts/vault.py): they are matched in Python, the rest in SQL.
    noted = Interaction.objects.for_user(user)
    interactions = (
        Interaction.objects.for_user(user)
        .annotate(signals=Cast("body_signals", TextField()))
        .filter(
            Q(pk__in=matching_ids(noted, ["note"], words, limit))
            | Q(group__icontains=words)
            | Q(people__name__icontains=words, people__deleted_at__isnull=True)
            | signals
        )
        .distinct()
        .prefetch_related("people")[:limit]
    )
    hits = [
        Hit("interaction", i.started_at, f"{i} ({i.duration_min} min)", _excerpt(i.note, words))
        for i in interactions
    ]
    hits += [
        Hit("solitude", s.started_at, str(s), _excerpt(s.note, words))
        for s in Solitude.objects.for_user(user).filter(
            pk__in=matching_ids(Solitude.objects.for_user(user), ["note"], words, limit)
        )
    ]
    hits += [
        Hit("check-in", c.recorded_at, str(c), _excerpt(c.note, words))
        for c in CheckIn.objects.for_user(user).filter(
            pk__in=matching_ids(CheckIn.objects.for_user(user), ["note"], words, limit)
        )
    ]
    imported = ImportedEntry.objects.filter(owner=user, kind="mood")
    hits += [
        Hit(
            "imported",
            e.at,
            f"{e.label or e.title[:40] or 'Entry'} (from {e.source})",
            _excerpt(f"{e.title} {e.note}", words),
        )
        for e in imported.filter(
            Q(pk__in=matching_ids(imported, ["note", "title"], words, limit))
            | Q(label__icontains=words)
        )[:limit]
    ]
    hits.sort(key=lambda h: h.at, reverse=True)
    people = Person.objects.for_user(user)
    people = people.filter(
        Q(name__icontains=words) | Q(pk__in=matching_ids(people, ["notes"], words, limit))
    )[:limit]
    hits += [Hit("person", None, p.name, _excerpt(p.notes, words)) for p in people]
    return hits[:limit]


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
    kinds = [("interaction", Interaction)]
    if person is None:
        kinds += [("solitude", Solitude), ("checkin", CheckIn)]
    lines = []
    for kind, model in kinds:
        time_field = "recorded_at" if kind == "checkin" else "started_at"
        rows = model.objects.for_user(user).order_by(f"-{time_field}", "-pk")
        if person is not None:
            rows = rows.filter(people=person)
        if kind == "interaction":
            lines += _interaction_lines(user, rows[:limit] if limit else rows)
        elif kind == "solitude":
            rows = rows.values_list(time_field, "duration_min", "note", "chosen")
            lines += [
                HistoryLine(at, f"{Solitude(chosen=chosen)} ({minutes} min)", note)
                for at, minutes, note, chosen in (rows[:limit] if limit else rows)
            ]
        else:
            rows = rows.values_list(time_field, "day", "pleasant", "energy", "note")
            lines += [
                HistoryLine(at, f"{CheckIn(day=day)} — {state_words(p, e)}", note)
                for at, day, p, e, note in (rows[:limit] if limit else rows)
            ]
    lines.sort(key=lambda line: line.at, reverse=True)
    return lines[:limit] if limit else lines


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
