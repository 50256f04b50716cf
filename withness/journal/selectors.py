"""Reads with intent: what a page needs from the journal, always for one user."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import CharField, F, Prefetch, Value
from django.utils import timezone

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


def _day_start(day: date, zone) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), zone)


def timeline_keys(user, filters: TimelineFilters):
    """One query over all three kinds: (kind, id, time), newest first."""
    kinds = [filters.kind] if filters.kind in KINDS else list(KINDS)
    if filters.person is not None:
        kinds = [k for k in kinds if k == "interaction"]
    parts = []
    for kind in kinds:
        queryset = KINDS[kind].objects.for_user(user)
        field = TIME_FIELD[kind]
        if filters.person is not None:
            queryset = queryset.filter(people=filters.person)
        if filters.start:
            queryset = queryset.filter(**{f"{field}__gte": _day_start(filters.start, user.zone)})
        if filters.end:
            end = _day_start(filters.end + timedelta(days=1), user.zone)
            queryset = queryset.filter(**{f"{field}__lt": end})
        parts.append(
            queryset.annotate(kind=Value(kind, output_field=CharField()), at=F(field))
            .values_list("kind", "pk", "at")
            .order_by()
        )
    if not parts:
        return Interaction.objects.none().values_list("pk", "pk", "started_at")
    first, *rest = parts
    return (
        first.union(*rest, all=True).order_by("-at", "-pk")
        if rest
        else first.order_by("-at", "-pk")
    )


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


def checkin_for_day(user, day: date) -> CheckIn | None:
    return CheckIn.objects.for_user(user).filter(day=day).first()


def recently_deleted(user) -> list:
    entries = []
    for model in (Interaction, Solitude, CheckIn, Person):
        entries.extend(model.objects.deleted_for(user))
    return sorted(entries, key=lambda e: e.deleted_at, reverse=True)
