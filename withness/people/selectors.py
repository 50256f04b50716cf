"""Reads with intent: what the people pages need, always for one user."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Max, Q, QuerySet

from withness.journal.models import Interaction
from withness.journal.selectors import interactions_for

from .models import Person

MAX_NOTES = Person._meta.get_field("notes").max_length


@dataclass(frozen=True)
class Summary:
    times: int
    last_at: datetime | None


@dataclass(frozen=True)
class MergePreview:
    """What a merge would do, counted before anything changes."""

    moving: int  # entries with the merged person that will show the kept one instead
    shared: int  # entries that already have both; they keep one participation
    notes_length: int  # length of the kept notes once the merged ones are added

    notes_limit: int = MAX_NOTES

    @property
    def notes_too_long(self) -> bool:
        return self.notes_length > MAX_NOTES


def people_for(user) -> QuerySet[Person]:
    """The user's people, each with how often and how lately the journal mentions them."""
    live = Q(interactions__deleted_at__isnull=True)
    return Person.objects.for_user(user).annotate(
        times=Count("interactions", filter=live),
        last_at=Max("interactions__started_at", filter=live),
    )


def interactions_with(user, person: Person) -> QuerySet[Interaction]:
    """The user's live interactions with this person, newest first."""
    return interactions_for(user).filter(people=person).order_by("-started_at", "-pk")


def summary_for(user, person: Person) -> Summary:
    found = interactions_with(user, person).aggregate(times=Count("pk"), last_at=Max("started_at"))
    return Summary(times=found["times"], last_at=found["last_at"])


def namesakes(user, name: str, *, exclude: Person | None = None) -> list[Person]:
    """Other people of the user's with the same name, ignoring case."""
    queryset = Person.objects.for_user(user).filter(name__iexact=name.strip())
    if exclude is not None and exclude.pk:
        queryset = queryset.exclude(pk=exclude.pk)
    return list(queryset[:5])


def name_hints(user, name: str, *, person: Person | None = None):
    """(namesakes, set aside) for a name being typed: the user's other people by that name,
    and, when adding someone, anyone in recently deleted who has it (they may be the one
    meant). Two friends can share a name: these are hints, never a refusal."""
    set_aside = deleted_namesakes(user, [name]) if person is None and name else []
    return namesakes(user, name, exclude=person), set_aside


def deleted_namesakes(user, names: list[str] | None) -> list[Person]:
    """People in recently deleted called one of these names, for the names no one in the live
    list has: saving them adds someone new, and the person may have meant the one set aside.

    Asked before an entry with typed names is saved. Nothing is read when no name was typed,
    and the live list only when someone in recently deleted has one of the names. Names are
    compared casefolded in Python, as the entry's save matches them (SQLite's LIKE folds
    only ASCII).
    """
    if not names:
        return []
    wanted = {name.casefold() for name in names}
    set_aside = Person.objects.deleted_for(user).only("pk", "name").order_by("-deleted_at", "pk")
    found = [person for person in set_aside if person.name.casefold() in wanted]
    if not found:
        return []
    live = Person.objects.for_user(user).values_list("name", flat=True)
    taken = {name.casefold() for name in live}
    return [person for person in found if person.name.casefold() not in taken]


def merge_preview(keep: Person, merge: Person) -> MergePreview:
    with_merge = Interaction.objects.for_user(merge.owner).filter(people=merge)
    shared = with_merge.filter(people=keep).count()
    return MergePreview(
        moving=with_merge.count() - shared,
        shared=shared,
        notes_length=len(keep.notes_merged_with(merge)),
    )


def person_in_query(request) -> Person | None:
    """The user's own person named by ?person=<id>, for pages opened from a person's page."""
    pk = request.GET.get("person", "")
    if not pk.isdecimal():  # not isdigit: "²" is a digit, yet no number
        return None
    return Person.objects.for_user(request.user).filter(pk=pk).first()
