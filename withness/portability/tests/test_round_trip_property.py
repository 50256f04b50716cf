"""Property: for any journal, export → import into an empty account → export is the same."""

from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from withness.journal.models import CheckIn, Interaction, Participation, Solitude
from withness.people.models import Person
from withness.portability.exports import export_document
from withness.portability.services import document_import, read_document

from .journals import DST_TIMES, comparable, fresh_user

pytestmark = pytest.mark.django_db

# Text as people write it: any letter or symbol, line breaks, right-to-left scripts, emoji
# with joiners; no surrogates or control characters (no database stores those in text).
letters = st.characters(blacklist_categories=("Cs", "Cc"))
words = st.text(letters | st.sampled_from("\n\t"), max_size=120)
tricky = st.sampled_from(
    [
        "שלום, זה היה טוב",
        "مرحبا، كان ذلك لطيفًا",
        "👩🏽‍🦱🌿🫶 together",
        "mixed עברית and English ‮reversed‬",
        "Zoë, Ünal, Łukasz",
        "",
    ]
)
long_note = st.integers(19000, 20000).map(lambda n: ("☀️ long day " * 2000)[:n])
notes = st.one_of(words, tricky, long_note)
names = st.one_of(
    st.sampled_from(["Sam", "Sam", "Alex", "דנה", "سارة", "🌻"]),
    st.text(letters, min_size=1, max_size=80),
)
times = st.one_of(
    st.sampled_from(DST_TIMES),
    st.datetimes(
        min_value=datetime(1990, 1, 1), max_value=datetime(2026, 11, 1), timezones=st.just(UTC)
    ),
)
pleasant = st.integers(-10, 10).map(lambda n: n / 2)
energy = st.integers(0, 20).map(lambda n: n / 2)
maybe = lambda s: st.none() | s  # noqa: E731

people = st.lists(
    st.fixed_dictionaries(
        {
            "name": names,
            "notes": notes,
            "felt_safety": maybe(st.integers(1, 5)),
            "deleted": st.booleans(),
        }
    ),
    max_size=6,
)
interactions = st.lists(
    st.fixed_dictionaries(
        {
            "started_at": times,
            "duration_min": st.integers(1, 1440),
            "before_pleasant": maybe(pleasant),
            "before_energy": maybe(energy),
            "after_pleasant": maybe(pleasant),
            "after_energy": maybe(energy),
            "note": notes,
            "mode": st.sampled_from(["in_person", "call", "video", "messages", "online", "other"]),
            "body_signals": st.lists(
                st.one_of(st.sampled_from(["jaw_tight", "numb"]), words), max_size=3
            ),
            "who": st.lists(st.integers(0, 5), max_size=3, unique=True),
        }
    ),
    max_size=6,
)
solitudes = st.lists(
    st.fixed_dictionaries(
        {
            "started_at": times,
            "duration_min": st.integers(1, 1440),
            "after_pleasant": maybe(pleasant),
            "note": notes,
            "chosen": st.booleans(),
            "restorative": maybe(st.booleans()),
        }
    ),
    max_size=4,
)
checkins = st.lists(
    st.tuples(st.dates(date(2000, 1, 1), date(2026, 11, 1)), times, pleasant, energy, words),
    max_size=5,
    unique_by=lambda c: c[0],
)


journals = st.fixed_dictionaries(
    {"people": people, "interactions": interactions, "solitudes": solitudes, "checkins": checkins}
)
# Each example makes accounts and whole journals: slow, and the db fixture is function-wide.
journal_examples = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def make_journal(user, data):
    made = []
    for p in data["people"]:
        person = Person.objects.create(
            owner=user, name=p["name"], notes=p["notes"], felt_safety=p["felt_safety"]
        )
        if p["deleted"]:
            person.soft_delete()
        made.append(person)
    for i in data["interactions"]:
        who = i.pop("who")
        interaction = Interaction.objects.create(owner=user, **i)
        for index in who:
            if index < len(made):
                Participation.objects.create(
                    owner=user, interaction=interaction, person=made[index]
                )
    for s in data["solitudes"]:
        Solitude.objects.create(owner=user, **s)
    for day, at, p, e, note in data["checkins"]:
        CheckIn.objects.create(
            owner=user, day=day, recorded_at=at, pleasant=p, energy=e, note=note[:500]
        )


@journal_examples
@given(
    data=journals,
    zone=st.sampled_from(["Europe/London", "America/New_York", "Asia/Kolkata", "UTC"]),
)
def test_export_import_export_gives_the_same_document(db, data, zone):
    source = fresh_user(time_zone=zone)
    make_journal(source, data)
    first = export_document(source)
    target = fresh_user(time_zone="UTC")
    document_import(user=target, document=read_document(_as_file(first)))
    assert comparable(export_document(target)) == comparable(first)
    # And a second import of the same file changes nothing.
    again = document_import(user=target, document=read_document(_as_file(first)))
    assert again.added == 0
    assert comparable(export_document(target)) == comparable(first)


def _as_file(document) -> bytes:
    import json

    return json.dumps(document, ensure_ascii=False).encode()
