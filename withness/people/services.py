"""Writes about people. Views call these; they never write directly."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from withness.ownership import check_revision

from .models import Person

PERSON_FIELDS = [
    "name",
    "relationship",
    "felt_safety",
    "is_safe_person",
    "checkin_every_days",
    "notes",
]
# Filled from the merged person only where the kept one has nothing.
MERGE_FILLS = ["relationship", "felt_safety", "checkin_every_days"]


class MergeRefused(ValueError):
    """The two people can't be merged (the same person, not both the user's, or deleted)."""


def _assign(person: Person, data: dict) -> None:
    for name in PERSON_FIELDS:
        if name in data:
            value = data[name]
            if name in ("relationship", "notes") and value is None:
                value = ""
            setattr(person, name, value)


def person_create(*, user, data: dict) -> Person:
    person = Person(owner=user)
    _assign(person, data)
    person.save()
    return person


@transaction.atomic
def person_update(*, person: Person, data: dict) -> Person:
    """Change details, name included: a rename is the same row, so its history stays with it.

    Refused with StaleEdit when the form was opened on an older revision (another tab saved
    since), as for entries: the last save never silently overwrites the one before.
    """
    person = Person.objects.select_for_update().get(pk=person.pk)
    check_revision(person, data.get("revision"))
    _assign(person, data)
    person.revision += 1
    person.save()
    return person


def person_delete(*, person: Person) -> None:
    """Move a person to recently deleted: their entries stay, and they can come back for 30 days."""
    person.soft_delete()


def person_restore(*, person: Person) -> None:
    person.restore()


def _move_links(through, person_field: str, other_field: str, keep: Person, merge: Person) -> None:
    """Re-point many-to-many links, dropping those that would pair the same row with keep twice."""
    rows = through._base_manager
    already = rows.filter(**{person_field: keep}).values(other_field)
    rows.filter(**{person_field: merge, f"{other_field}__in": already}).delete()
    rows.filter(**{person_field: merge}).update(**{person_field: keep})


def _move_rows(model, field: str, keep, merge) -> None:
    """Re-point `field` from merge to keep on every row of `model`.

    A row that may exist only once per person (a note on what makes them feel safe, say) can
    collide when both people have one. Then keep's stays as it is and merge's moves over
    soft-deleted: set aside, not destroyed. Rows that can't even be set aside refuse the merge.
    """
    rows = model._base_manager.filter(**{field: merge})
    try:
        with transaction.atomic():
            rows.update(**{field: keep})
        return
    except IntegrityError:
        pass
    for pk in list(rows.values_list("pk", flat=True)):
        row = model._base_manager.filter(pk=pk)
        try:
            with transaction.atomic():
                row.update(**{field: keep})
            continue
        except IntegrityError:
            if not hasattr(model, "soft_delete"):
                raise MergeRefused(_COLLISION) from None
        try:
            with transaction.atomic():
                row.update(**{field: keep, "deleted_at": timezone.now()})
        except IntegrityError:
            raise MergeRefused(_COLLISION) from None


_COLLISION = (
    "Something saved for both of them can only exist once per person, so these two can't be "
    "merged automatically. Nothing has changed."
)


def _move_references(keep: Person, merge: Person) -> None:
    """Point everything that refers to `merge` at `keep`, so nothing is lost when it goes.

    Generic over every relation to Person, so what other areas attach to a person (a safety
    note, a micro-sharing step) is carried over too instead of cascading away with `merge`.
    """
    relations = [
        rel
        for rel in Person._meta.get_fields(include_hidden=True)
        if rel.auto_created and not rel.concrete
    ]
    for rel in relations:
        if rel.many_to_many:
            field = rel.field
            _move_links(
                field.remote_field.through,
                field.m2m_reverse_field_name(),
                field.m2m_field_name(),
                keep,
                merge,
            )
    for rel in relations:
        if rel.one_to_many or rel.one_to_one:
            _move_rows(rel.related_model, rel.field.name, keep, merge)


@transaction.atomic
def person_merge(*, user, keep: Person, merge: Person) -> Person:
    """Fold `merge` into `keep`: its entries move over, its notes are added, then it is removed.

    An entry with both people keeps a single participation. Details `keep` leaves blank are
    taken from `merge`; nothing `keep` already has is overwritten.
    """
    if keep.pk == merge.pk:
        raise MergeRefused("A person can't be merged into themselves.")
    locked = {
        p.pk: p for p in Person.objects.select_for_update().filter(pk__in=[keep.pk, merge.pk])
    }
    keep, merge = locked.get(keep.pk), locked.get(merge.pk)
    for person in (keep, merge):
        if person is None or person.owner_id != user.pk or person.deleted_at is not None:
            raise MergeRefused("Both people must be yours and in your list.")

    _move_references(keep, merge)
    keep.notes = keep.notes_merged_with(merge)
    for name in MERGE_FILLS:
        if getattr(keep, name) in (None, ""):
            setattr(keep, name, getattr(merge, name))
    keep.is_safe_person = keep.is_safe_person or merge.is_safe_person
    keep.revision += 1  # a tab still open on keep's old notes must not drop the merged ones
    keep.save()
    merge.delete()
    return keep
