"""Reads with intent: finding a token, and the filtered, paginated lists the API returns."""

from withness.journal.models import CheckIn, Interaction, Solitude
from withness.journal.selectors import on_days
from withness.people.models import Person

from .errors import FieldErrors, problem
from .models import ApiToken, hash_secret


def token_for_secret(secret: str) -> ApiToken | None:
    """The active token with this secret, if its owner can still sign in."""
    if not secret or len(secret) > 200:
        return None
    token = (
        ApiToken.objects.active()
        .select_related("owner")
        .filter(token_hash=hash_secret(secret))
        .first()
    )
    if token is None or not token.owner.is_active:
        return None
    return token


def _check_range(filters) -> None:
    if filters.since and filters.until and filters.until < filters.since:
        raise FieldErrors([problem("until", "This day is before 'since'. Check the two dates.")])


def between_days(queryset, field: str, filters, *, user):
    """Rows whose `field` (a moment) falls on the days from `since` to `until`, the user's days."""
    _check_range(filters)
    return on_days(queryset, field, filters.since, filters.until, user.zone)


def checkins_for(user, filters):
    _check_range(filters)
    queryset = CheckIn.objects.for_user(user)
    if filters.since:
        queryset = queryset.filter(day__gte=filters.since)
    if filters.until:
        queryset = queryset.filter(day__lte=filters.until)
    return queryset


def interactions_for(user, filters):
    queryset = Interaction.objects.for_user(user).prefetch_related("people")
    if filters.person is not None:
        person = Person.objects.for_user(user).filter(pk=filters.person).first()
        if person is None:
            raise FieldErrors([problem("person", "There is nobody with that id in your people.")])
        queryset = queryset.filter(participation__person=person)
    return between_days(queryset, "started_at", filters, user=user)


def solitude_for(user, filters):
    return between_days(Solitude.objects.for_user(user), "started_at", filters, user=user)


def page_of(queryset, params) -> dict:
    """One page of a list, with what's needed to ask for the next."""
    count = queryset.count()
    items = list(queryset[params.offset : params.offset + params.limit])
    end = params.offset + len(items)
    return {
        "count": count,
        "limit": params.limit,
        "offset": params.offset,
        "next_offset": end if end < count else None,
        "items": items,
    }
