"""A demo account with a year of synthetic entries, so a newcomer sees insights at once.

The entries come from ``withness.analysis.synthetic.demo_journal``, whose planted
patterns are documented there (``DEMO_PATTERNS``), each with what the insights page
shows for it: Sam and Priya tend to leave the demo person more settled, Alex tends to
drain them, Jordan, Lena and Chen add nothing of their own, Mia and Omar are seen too
rarely to say anything; time outdoors stands out above their average contact, online
communities below it, and unchosen time alone below their average time alone.
"""

import secrets
from datetime import datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from withness.accounts.models import User
from withness.accounts.services import account_create_by_admin
from withness.analysis.synthetic import DEMO_PATTERNS, SyntheticJournal, demo_journal
from withness.journal.models import CheckIn, Interaction, Participation, Solitude
from withness.people.models import Person, Relationship

from .services import cards_release, insights_for

DEMO_USERNAME = "demo"
DEMO_TIME_ZONE = "Europe/Berlin"
RELATIONSHIPS = {
    "Sam": Relationship.FRIEND,
    "Priya": Relationship.FAMILY,
    "Alex": Relationship.COLLEAGUE,
    "Jordan": Relationship.NEIGHBOUR,
    "Lena": Relationship.FRIEND,
    "Chen": Relationship.COLLEAGUE,
}


def new_password() -> str:
    return f"demo-{secrets.token_urlsafe(9)}"


def _minutes(value: float) -> int:
    return max(1, min(24 * 60, round(value)))


@transaction.atomic
def demo_account_reset(
    *, username: str = DEMO_USERNAME, password: str, seed: int = 7, days: int = 365
) -> User:
    """Create the demo account, or wipe and refill it, with ``days`` days ending yesterday.

    Only an account the demo made is wiped: a name that is someone's journal is refused.
    """
    taken = User.objects.filter(username__iexact=username)
    if taken.filter(is_demo=False).exists():
        raise ValidationError(
            f"There is already an account called {username!r} that is not a demo, so it is "
            "left as it is. Choose another name with --username. (A demo account made before "
            "withness marked its own counts as someone's journal: delete it in its settings "
            "first if it is only a demo.)"
        )
    taken.delete()
    user = account_create_by_admin(username=username, password=password, time_zone=DEMO_TIME_ZONE)
    user.is_demo = True
    user.save(update_fields=["is_demo"])
    today = user.today()
    journal = demo_journal(seed, days=days, end=today - timedelta(days=1))

    synthetic_journal_load(user=user, journal=journal)
    snapshot = insights_for(user)
    # As if the year had been read week by week: the rest of the cards appeared earlier.
    cards_release(
        user=user, document=snapshot.document, today=today - timedelta(weeks=1), backfill=True
    )
    return user


def patterns() -> tuple[str, ...]:
    return tuple(pattern.text for pattern in DEMO_PATTERNS)


def synthetic_journal_load(*, user: User, journal: SyntheticJournal) -> None:
    """Write a synthetic journal's records as the user's entries (the demo and the bench)."""
    zone = user.zone
    names = sorted({name for r in journal.interactions for name in r.people})
    people = {
        name: Person(
            owner=user,
            name=name,
            relationship=RELATIONSHIPS.get(name, ""),
            is_safe_person=name in journal.planted.safe_people,
        )
        for name in names
    }
    Person.objects.bulk_create(people.values())

    interactions = [
        Interaction(
            owner=user,
            started_at=r.started_at,
            duration_min=_minutes(r.duration_min),
            mode=r.mode,
            initiated_by=r.initiated_by or "",
            depth=r.depth,
            felt_safe=r.felt_safe,
            setting=r.setting or "",
            group_size=r.group_size,
            group="" if r.people else "a group",
            before_pleasant=r.before_pleasant,
            before_energy=r.before_energy,
            after_pleasant=r.after_pleasant,
            after_energy=r.after_energy,
        )
        for r in journal.interactions
    ]
    Interaction.objects.bulk_create(interactions, batch_size=500)
    Participation.objects.bulk_create(
        (
            Participation(owner=user, interaction=row, person=people[name])
            for row, r in zip(interactions, journal.interactions, strict=True)
            for name in dict.fromkeys(r.people)
        ),
        batch_size=500,
    )
    Solitude.objects.bulk_create(
        (
            Solitude(
                owner=user,
                started_at=r.started_at,
                duration_min=_minutes(r.duration_min),
                chosen=r.chosen,
                activity=r.activity,
                restorative=r.restorative,
                before_pleasant=r.before_pleasant,
                before_energy=r.before_energy,
                after_pleasant=r.after_pleasant,
                after_energy=r.after_energy,
            )
            for r in journal.solitude
        ),
        batch_size=500,
    )
    CheckIn.objects.bulk_create(
        (
            CheckIn(
                owner=user,
                day=r.day,
                recorded_at=timezone.make_aware(datetime.combine(r.day, time(21, 0)), zone),
                pleasant=r.pleasant,
                energy=r.energy,
                racing_thoughts=r.racing_thoughts or 0,
                anxiety=r.anxiety or 0,
                irritability=r.irritability or 0,
                tension=r.tension or 0,
                poor_sleep=r.poor_sleep or 0,
                sleep_hours=r.sleep_hours,
                social_capacity=r.social_capacity,
            )
            for r in journal.checkins
        ),
        batch_size=500,
    )
