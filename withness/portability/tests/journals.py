"""Journals for the portability tests: one rich fixed journal, and helpers to compare exports."""

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from withness.growth.models import (
    Belief,
    BeliefRating,
    Evidence,
    NudgeRest,
    NudgeSettings,
    Reflection,
    SafePersonNote,
    Share,
    Support,
)
from withness.journal.models import CheckIn, Interaction, Participation, Solitude
from withness.people.models import Person
from withness.portability.models import ImportedEntry
from withness.testing.factories import UserFactory

SAMPLES = Path(__file__).parent / "samples"
# Each sample file, and the importer that should recognise it (None: none should).
SAMPLE_SOURCES = [
    ("daylio/staticf0x_test_data.csv", "daylio"),
    ("daylio/michaelcurrin_sample.csv", "daylio"),
    ("daylio/michaelcurrin_sample_multiple_moods.csv", "daylio"),
    ("jrnl/derived_basic_onefile.export.json", "jrnl"),
    ("jrnl/derived_basic_onefile.export.txt", "jrnl"),
    ("jrnl/jrnl-org_basic_onefile.journal", "jrnl"),
    ("jrnl/jrnl-org_simple_jrnl-1-9-5.journal", "jrnl"),
    ("howwefeel/davicedraz_HowWeFeelEmotions.example.csv", "howwefeel"),
    ("bearable/omegajak_parser_rs_test_fixture.csv", "bearable"),
    ("monica/monicahq_tests_stubs_vcard_stub.vcf", "vcard"),
    ("monica/monicahq_tests_stubs_single_contact_stub.csv", "vcard"),
    ("jrnl/derived_basic_onefile.export.md", None),
    ("howwefeel/davicedraz_moods.txt", None),
]

# Europe/London: clocks go forward at 01:00 UTC on 29 March 2026, back at 01:00 UTC on 25 Oct.
DST_TIMES = [
    datetime(2026, 3, 29, 0, 59, 59, 999999, tzinfo=UTC),
    datetime(2026, 3, 29, 1, 0, tzinfo=UTC),
    datetime(2026, 10, 25, 0, 30, tzinfo=UTC),
    datetime(2026, 10, 25, 1, 30, tzinfo=UTC),
]


def comparable(document: dict) -> dict:
    """The parts of an export that must survive a round trip (not when, not whose)."""
    document = dict(document)
    document.pop("exported_at")
    document["user"] = {k: v for k, v in document["user"].items() if k != "username"}
    return document


def row_counts(document: dict) -> dict:
    return {label: len(rows) for label, rows in document["tables"].items()}


def fresh_user(**kwargs):
    return UserFactory(**kwargs)


def rich_journal(user):
    """A little of everything, including the awkward cases."""
    sam = Person.objects.create(owner=user, name="Sam", notes="🌿 steady\nשלום")
    sam2 = Person.objects.create(owner=user, name="Sam", relationship="colleague")
    alex = Person.objects.create(owner=user, name="Alex", felt_safety=4, is_safe_person=True)
    gone = Person.objects.create(owner=user, name="Old friend")
    gone.soft_delete()
    talk = Interaction.objects.create(
        owner=user,
        started_at=DST_TIMES[1],
        duration_min=30,
        before_pleasant=-2,
        before_energy=7.5,
        after_pleasant=1.5,
        after_energy=5,
        note="مرحبا — a long note " + "x" * 20000,
        mode="call",
        body_signals=["shoulders_softened", "hands warm"],
        depth=3,
        felt_safe=8,
        energy_after=1,
    )
    Participation.objects.create(owner=user, interaction=talk, person=sam)
    Participation.objects.create(owner=user, interaction=talk, person=sam2)
    group = Interaction.objects.create(
        owner=user,
        started_at=DST_TIMES[2],
        duration_min=90,
        group="support group",
        group_size=8,
        before_pleasant=0,
        before_energy=3,
    )
    Participation.objects.create(owner=user, interaction=group, person=alex)
    Solitude.objects.create(
        owner=user,
        started_at=DST_TIMES[3],
        duration_min=60,
        chosen=False,
        activity="screens",
        restorative=None,
        note="👩🏽‍🦱 quiet",
    )
    CheckIn.objects.create(
        owner=user,
        day=date(2026, 3, 29),
        recorded_at=DST_TIMES[0],
        pleasant=-0.5,
        energy=2,
        anxiety=2,
        sleep_hours=6.5,
        note="tired",
    )
    CheckIn.objects.create(
        owner=user, day=date(2026, 3, 29), pleasant=1, energy=4, deleted_at=DST_TIMES[3]
    )
    share = Share.objects.create(
        owner=user,
        person=alex,
        step=2,
        shared_on=date(2026, 4, 1),
        response="warm",
        interaction=group,
    )
    support = Support.objects.create(
        owner=user, person=sam, direction="given", what="a lift", happened_on=date(2026, 4, 2)
    )
    belief = Belief.objects.create(owner=user, belief="I'll be a burden", counter="People offer")
    BeliefRating.objects.create(owner=user, belief=belief, belief_true=70, counter_true=30)
    Evidence.objects.create(owner=user, belief=belief, leaning="against", share=share)
    Evidence.objects.create(owner=user, belief=belief, leaning="against", support=support)
    Evidence.objects.create(owner=user, belief=belief, leaning="for", interaction=talk)
    SafePersonNote.objects.create(owner=user, person=alex, reasons=["calm"], own_words="kind")
    Reflection.objects.create(
        owner=user,
        prompt_key="safe",
        prompt_text="When did you feel safe?",
        answer="Today",
        answered_on=date(2026, 4, 3),
    )
    NudgeSettings.objects.create(owner=user, paused=True)
    NudgeRest.objects.create(owner=user, person=sam, until=date(2026, 5, 1) + timedelta(days=1))
    checkin = CheckIn.objects.for_user(user).get()
    ImportedEntry.objects.create(
        owner=user,
        source="daylio",
        source_key="daylio:abc",
        kind="mood",
        at=DST_TIMES[0],
        label="rad",
        pleasant=4,
        note="שלום 🌿",
        details={"activities": ["walk / park"]},
        source_row={"mood": " rad ", "note": "שלום 🌿"},
        checkin=checkin,
        person=sam2,
    )
    return {"sam": sam, "sam2": sam2, "alex": alex, "talk": talk}
