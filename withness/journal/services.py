"""Writes that touch more than one row. Views call these; they never write directly."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from withness.ownership import check_revision
from withness.people.models import Person

from .models import CheckIn, Interaction, Participation, Solitude

DELETED_KEPT_FOR = timedelta(days=30)
FOLLOW_UP_AFTER = timedelta(minutes=30)

ENTRY_FIELDS = [
    "started_at",
    "duration_min",
    "before_pleasant",
    "before_energy",
    "after_pleasant",
    "after_energy",
    "note",
]
INTERACTION_FIELDS = ENTRY_FIELDS + [
    "group",
    "group_size",
    "mode",
    "setting",
    "initiated_by",
    "depth",
    "felt_safe",
    "body_signals",
    "energy_after",
]
SOLITUDE_FIELDS = ENTRY_FIELDS + ["chosen", "activity", "restorative"]


def _assign(entry, data, fields):
    for name in fields:
        value = data.get(name)
        if name in ("group", "setting", "initiated_by", "note") and value is None:
            value = ""
        setattr(entry, name, value)


def _follow_up_time(entry, data):
    """When to ask for the after-state of an entry logged before it was over."""
    if not data.get("after_later"):
        return None
    return entry.started_at + timedelta(minutes=entry.duration_min) + FOLLOW_UP_AFTER


def _people_for(user, data) -> list[Person]:
    people = list(data.get("people") or [])
    names = data.get("new_people") or []
    if not names:  # the usual case: no need to read the whole list of people
        return people
    existing = {p.name.casefold(): p for p in Person.objects.for_user(user)}
    for name in names:
        person = existing.get(name.casefold())
        if person is None:
            person = Person.objects.create(owner=user, name=name)
            existing[name.casefold()] = person
        if person not in people:
            people.append(person)
    return people


def _add_people(interaction, people):
    Participation.objects.bulk_create(
        Participation(owner=interaction.owner, interaction=interaction, person=p) for p in people
    )


def _set_people(interaction, people):
    # A recently deleted person isn't on the form, but comes back with their entries if restored.
    interaction.participation_set.filter(person__deleted_at__isnull=True).delete()
    _add_people(interaction, people)


@transaction.atomic
def interaction_log(*, user, data) -> Interaction:
    interaction = Interaction(owner=user)
    _assign(interaction, data, INTERACTION_FIELDS)
    interaction.after_due_at = _follow_up_time(interaction, data)
    interaction.save()
    _add_people(interaction, _people_for(user, data))  # a new entry has none to clear
    return interaction


@transaction.atomic
def interaction_update(*, interaction, data) -> Interaction:
    interaction = Interaction.objects.select_for_update().get(pk=interaction.pk)
    check_revision(interaction, data.get("revision"))
    _assign(interaction, data, INTERACTION_FIELDS)
    interaction.after_due_at = _follow_up_time(interaction, data)
    interaction.revision += 1
    interaction.save()
    _set_people(interaction, _people_for(interaction.owner, data))
    return interaction


@transaction.atomic
def solitude_log(*, user, data) -> Solitude:
    solitude = Solitude(owner=user)
    _assign(solitude, data, SOLITUDE_FIELDS)
    solitude.save()
    return solitude


@transaction.atomic
def solitude_update(*, solitude, data) -> Solitude:
    solitude = Solitude.objects.select_for_update().get(pk=solitude.pk)
    check_revision(solitude, data.get("revision"))
    _assign(solitude, data, SOLITUDE_FIELDS)
    solitude.revision += 1
    solitude.save()
    return solitude


def _recorded_at(user, day):
    if day == user.today():
        return timezone.now()
    return timezone.make_aware(datetime.combine(day, time(21, 0)), user.zone)


@transaction.atomic
def checkin_save(*, user, form) -> CheckIn:
    checkin = form.instance
    if checkin.pk:
        current = CheckIn.objects.select_for_update().get(pk=checkin.pk)
        check_revision(current, form.cleaned_data.get("revision"))
        checkin.revision = current.revision + 1
    else:
        checkin.owner = user
    if not checkin.pk or "day" in form.changed_data:
        checkin.recorded_at = _recorded_at(user, form.cleaned_data["day"])
    checkin.save()
    return checkin


def entry_delete(entry):
    """Move an entry to the recently deleted list; it can be restored for 30 days."""
    entry.soft_delete()


def entry_restore(entry) -> bool:
    """Bring an entry back. False when a check-in for the same day exists meanwhile."""
    if (
        isinstance(entry, CheckIn)
        and CheckIn.objects.for_user(entry.owner).filter(day=entry.day).exists()
    ):
        return False
    entry.restore()
    return True


def purge_deleted(*, user=None, now=None) -> int:
    """Remove for good what has sat in recently deleted for longer than 30 days."""
    cutoff = (now or timezone.now()) - DELETED_KEPT_FOR
    removed = 0
    for model in (Interaction, Solitude, CheckIn, Person):
        queryset = model.objects.filter(deleted_at__lt=cutoff)
        if user is not None:
            queryset = queryset.filter(owner=user)
        removed += queryset.delete()[0]
    return removed
