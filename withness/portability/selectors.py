"""Reads with intent for the CLI: finding things across the whole journal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, TextField
from django.db.models.functions import Cast

from withness.journal import body
from withness.journal.models import CheckIn, Interaction, Solitude
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
    interactions = (
        Interaction.objects.for_user(user)
        .annotate(signals=Cast("body_signals", TextField()))
        .filter(
            Q(note__icontains=words)
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
        for s in Solitude.objects.for_user(user).filter(note__icontains=words)[:limit]
    ]
    hits += [
        Hit("check-in", c.recorded_at, str(c), _excerpt(c.note, words))
        for c in CheckIn.objects.for_user(user).filter(note__icontains=words)[:limit]
    ]
    hits += [
        Hit(
            "imported",
            e.at,
            f"{e.label or e.title[:40] or 'Entry'} (from {e.source})",
            _excerpt(f"{e.title} {e.note}", words),
        )
        for e in ImportedEntry.objects.filter(owner=user, kind="mood").filter(
            Q(note__icontains=words) | Q(title__icontains=words) | Q(label__icontains=words)
        )[:limit]
    ]
    hits.sort(key=lambda h: h.at, reverse=True)
    people = Person.objects.for_user(user).filter(
        Q(name__icontains=words) | Q(notes__icontains=words)
    )[:limit]
    hits += [Hit("person", None, p.name, _excerpt(p.notes, words)) for p in people]
    return hits[:limit]
