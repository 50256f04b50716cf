"""Importing a file again once it is corrected: what was skipped comes in, once."""

import pytest

from withness.portability.models import ImportedEntry

from .test_imports import run_import
from .test_parse_bearable import cut_in_half, readings

pytestmark = pytest.mark.django_db


def bearable_entries(owner):
    """(moment, time of day, note, energy) of each Bearable entry, in time order."""
    entries = ImportedEntry.objects.filter(owner=owner, source="bearable").order_by("at", "pk")
    return [
        (e.at.isoformat(), e.details["extras"]["time_of_day"], e.note, e.energy) for e in entries
    ]


@pytest.mark.parametrize(
    "damaged",
    [cut_in_half(readings(), "after "), cut_in_half(readings(), "slept ")],
    ids=["in a symptom's note", "in a mood's note"],
)
def test_a_corrected_bearable_file_brings_in_the_time_it_lost_once(owner, damaged):
    first = run_import(owner, "bearable", damaged)
    assert first.status == "done" and len(first.problems) == 1

    again = run_import(owner, "bearable", readings())

    entries = bearable_entries(owner)
    assert [slot for _, slot, _, _ in entries] == ["am", "pm", "am"]  # one entry each
    assert again.counts["already imported"] == 2 and again.counts["entries imported"] == 1
    # The first import held the morning back whole, and said so.
    assert any("held back too: 2 readings of 5 Jan 2022 (am)" in n for n in first.notes)
    morning = entries[0]
    assert morning[0].startswith("2022-01-05T09:00")
    assert morning[2] == "slept badly\n\nafter coffee\n\nSymptoms: Headache (mild)"
    assert morning[3] == 2.5  # the reading that was skipped the first time

    assert run_import(owner, "bearable", readings()).counts["already imported"] == 3
    assert len(bearable_entries(owner)) == 3
