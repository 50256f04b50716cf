"""Reads with intent: what a page needs from the journal, always for one user."""

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.db import connections
from django.db.models import CharField, F, Prefetch, Q, TextField, Value
from django.db.models.functions import Cast, Length, Replace, Substr
from django.utils import timezone

from withness.accounts.encrypted import mentions
from withness.people.models import Person

from . import body
from .models import CheckIn, Interaction, Solitude

KINDS = {"interaction": Interaction, "solitude": Solitude, "checkin": CheckIn}
TIME_FIELD = {"interaction": "started_at", "solitude": "started_at", "checkin": "recorded_at"}


@dataclass
class TimelineFilters:
    kind: str = ""
    person: Person | None = None
    start: date | None = None
    end: date | None = None
    words: str = ""


def live_people():
    return Prefetch("people", queryset=Person.objects.filter(deleted_at__isnull=True))


def interactions_for(user):
    return Interaction.objects.for_user(user).prefetch_related(live_people())


def own_body_signals(user) -> list[str]:
    """The user's own words for body signals, from their latest 500 entries, newest first.

    The latest entries rather than the latest with signals: that walks the (owner, time)
    index a little way instead of every entry of a long journal, on each form shown.
    """
    seen: list[str] = []
    rows = Interaction.objects.for_user(user).values_list("body_signals", flat=True)[:500]
    for signals in rows:
        for signal in signals:
            if signal not in body.LABELS and signal not in seen:
                seen.append(signal)
    return seen


def start_of_day(day: date, zone, *, days_later: int = 0) -> datetime | None:
    """The first moment of the day (or of one so many days later) on the clock of `zone`.

    None at the very ends of the calendar (year 1 east of Greenwich, past 9999-12-31), where
    no moment can be written down: nothing is stored out there, so such a day adds no bound.
    """
    try:
        start = datetime.combine(day + timedelta(days=days_later), time.min)
        return timezone.make_aware(start, zone).astimezone(UTC)
    except OverflowError:
        return None


def timeline_keys(user, filters: TimelineFilters):
    """(kind, id, time) of the entries the filters choose, newest first: one query over the
    kinds, or, when words are given, a list (their notes are matched in Python)."""
    kinds = [filters.kind] if filters.kind in KINDS else list(KINDS)
    if filters.person is not None:
        kinds = [k for k in kinds if k == "interaction"]
    chosen = {kind: _filtered(user, kind, filters) for kind in kinds}
    if filters.words:
        return _keys_with_words(chosen, filters.words)
    parts = [
        queryset.annotate(kind=Value(kind, output_field=CharField()), at=F(TIME_FIELD[kind]))
        .values_list("kind", "pk", "at")
        .order_by()
        for kind, queryset in chosen.items()
    ]
    if not parts:
        return Interaction.objects.none().values_list("pk", "pk", "started_at")
    first, *rest = parts
    return (
        first.union(*rest, all=True).order_by("-at", "-pk")
        if rest
        else first.order_by("-at", "-pk")
    )


def _filtered(user, kind: str, filters: TimelineFilters):
    queryset = KINDS[kind].objects.for_user(user)
    field = TIME_FIELD[kind]
    if filters.person is not None:
        queryset = queryset.filter(people=filters.person)
    return on_days(queryset, field, filters.start, filters.end, user.zone)


def on_days(queryset, field: str, first: date | None, last: date | None, zone):
    """Rows whose `field` (a moment) falls on the days from first to last on the person's
    clock; a day missing, or at the very ends of the calendar, is no bound."""
    start = first and start_of_day(first, zone)
    end = last and start_of_day(last, zone, days_later=1)
    if start:
        queryset = queryset.filter(**{f"{field}__gte": start})
    if end:
        queryset = queryset.filter(**{f"{field}__lt": end})
    return queryset


def _keys_with_words(chosen: dict, words: str) -> list[tuple]:
    """The keys of entries that mention the words, newest first.

    Notes are sealed, so the database cannot look inside them: each entry's note is opened
    and matched here (the other filters have already narrowed the rows), and what is not
    sealed (names, groups, body signals) is matched in SQL.
    """
    needle = words.casefold()
    keys = []
    for kind, queryset in chosen.items():
        named = set()
        if kind == "interaction":
            named = set(named_in(queryset, words).values_list("pk", flat=True))
        rows = queryset.values_list("pk", TIME_FIELD[kind], "note").order_by()
        for pk, at, note in rows.iterator(chunk_size=2000):
            if pk in named or mentions(note, needle):
                keys.append((kind, pk, at))
    keys.sort(key=lambda key: (key[2], key[1]), reverse=True)
    return keys


def named_in(interactions, words: str):
    """Those of these interactions whose group, live people or body signals mention the words
    (a built-in body signal by its label, an own word as written: never by a hidden code)."""
    cases = _forms_for(interactions, words)
    found = icontains_folded(interactions, "group", words) | (
        icontains_folded(interactions, "people__name", words) & Q(people__deleted_at__isnull=True)
    )
    for code, label in body.LABELS.items():
        if words.casefold() in label.casefold():
            found |= Q(signals__icontains=json.dumps(code))
    signals = Cast("body_signals", TextField())
    own = {}
    if "," not in words:  # own words never hold a comma (it separates them)
        # Read as JSON text, which may spell "ü" as \u00fc: look for both spellings, with
        # quotes escaped, so the words can't reach across the quotes between two signals.
        spellings = set()
        for form in cases:
            spellings |= {json.dumps(form)[1:-1], json.dumps(form, ensure_ascii=False)[1:-1]}
        for spelling in sorted(spellings):
            name = f"own_{len(own)}"
            own[name] = _own_words(signals, spelling)
            found |= Q(**{f"{name}__icontains": spelling})
    return interactions.alias(signals=signals, **own).filter(found).distinct()


def icontains_folded(rows, field: str, words: str) -> Q:
    """``field`` contains the words, whatever the case of every letter (see case_forms)."""
    found = Q()
    for form in _forms_for(rows, words):
        found |= Q(**{f"{field}__icontains": form})
    return found


def _forms_for(rows, words: str) -> list[str]:
    # PostgreSQL's icontains (UPPER on both sides) folds every letter already, in a UTF-8
    # locale: the other forms would only slow it down (by about half, on 50,000 entries).
    return case_forms(words) if connections[rows.db].vendor == "sqlite" else [words]


def case_forms(words: str) -> list[str]:
    """The words as typed, and in lower, upper and title case where that changes a letter
    beyond ASCII, for icontains to look for each.

    SQLite's LIKE (Django's icontains there) folds the case of ASCII letters only, so
    "BAUCHGEFÜHL" would miss "bauchgefühl". Names, groups and own words are written in one
    case throughout or capitalised, so one of the forms meets them, in SQL, without reading
    every row into Python. Words in ASCII need no other form: their search is unchanged.
    """
    forms: dict[str, str] = {}
    for form in (words, words.lower(), words.upper(), words.title()):
        # Forms that differ only in ASCII letters are the same pattern to LIKE.
        forms.setdefault("".join(c.lower() if c.isascii() else c for c in form), form)
    return list(forms.values())


def _own_words(signals, spelling: str):
    """Body signals read as JSON text, less what the spelling could be found in that the person
    never sees: the built-in codes that hold it, and the list's brackets if it holds one.
    (Only those: stripping every code from every row made a search five times slower.)"""
    for code in body.LABELS:
        if spelling.casefold() in json.dumps(code).casefold():
            signals = Replace(signals, Value(json.dumps(code)), output_field=TextField())
    if "[" in spelling or "]" in spelling:
        signals = Substr(signals, 2, Length(signals) - 2)
    return signals


def load_entries(user, keys) -> list:
    """Turn (kind, id, time) keys into entries, one query per kind, in the keys' order."""
    wanted: dict[str, list[int]] = {}
    for kind, pk, _ in keys:
        wanted.setdefault(kind, []).append(pk)
    found = {}
    for kind, ids in wanted.items():
        queryset = KINDS[kind].objects.for_user(user).filter(pk__in=ids)
        if kind == "interaction":
            queryset = queryset.prefetch_related(live_people())
        found.update({(kind, entry.pk): entry for entry in queryset})
    return [found[(kind, pk)] for kind, pk, _ in keys if (kind, pk) in found]


def recent_entries(user, limit: int = 5) -> list:
    return load_entries(user, list(timeline_keys(user, TimelineFilters())[:limit]))


# Reflection prompts and other growth notes wait for this many entries: on the first day, a
# question like "what did staying guarded protect you from?" is too much to meet.
FEW_ENTRIES = 3


def journal_has_begun(user, recent: list) -> bool:
    """Whether home has room for more than a first step: a few entries, or anyone in the journal
    (a person, or time with others), whose follow-ups and reminders must not wait.

    `recent` is the newest few entries, as home already has them.
    """
    if len(recent) >= FEW_ENTRIES or any(entry.kind == "interaction" for entry in recent):
        return True
    return Person.objects.for_user(user).exists()


def checkin_for_day(user, day: date) -> CheckIn | None:
    return CheckIn.objects.for_user(user).filter(day=day).first()


def recently_deleted(user) -> list:
    entries = []
    for model in (Interaction, Solitude, CheckIn, Person):
        entries.extend(model.objects.deleted_for(user))
    return sorted(entries, key=lambda e: e.deleted_at, reverse=True)
