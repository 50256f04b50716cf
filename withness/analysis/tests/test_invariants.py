"""Properties that must hold for any journal: order and names are only labels."""

import math
import random
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from withness.analysis.records import MODES, SETTINGS, CheckInRecord, InteractionRecord
from withness.analysis.report import analyse, report_to_dict

from .builders import START, at

NAMES = ("Sam", "Priya", "Alex", "Jo")
half_steps = st.integers(-10, 10).map(lambda i: i / 2)
energy_steps = st.integers(0, 20).map(lambda i: i / 2)

interactions = st.builds(
    InteractionRecord,
    started_at=st.builds(at, st.integers(0, 60), st.integers(7, 22)),
    duration_min=st.sampled_from([5.0, 20.0, 50.0, 120.0]),
    people=st.lists(st.sampled_from(NAMES), max_size=3, unique=True).map(tuple),
    mode=st.sampled_from(MODES),
    initiated_by=st.sampled_from(("me", "them", "both")),
    depth=st.one_of(st.none(), st.integers(0, 4)),
    felt_safe=st.one_of(st.none(), st.integers(0, 10)),
    before_pleasant=half_steps,
    before_energy=energy_steps,
    after_pleasant=st.one_of(st.none(), half_steps),
    after_energy=energy_steps,
    setting=st.sampled_from(("", *SETTINGS)),
    entry_id=st.integers(1, 10_000),
)
checkins = st.builds(
    CheckInRecord,
    day=st.integers(0, 60).map(lambda d: START + timedelta(days=d)),
    pleasant=half_steps,
    energy=energy_steps,
    racing_thoughts=st.integers(0, 2),
    anxiety=st.integers(0, 2),
    irritability=st.integers(0, 2),
    tension=st.integers(0, 2),
    poor_sleep=st.integers(0, 2),
    sleep_hours=st.sampled_from([5.0, 7.0, 8.5]),
    social_capacity=st.integers(0, 10),
)
journals = st.tuples(st.lists(interactions, max_size=40), st.lists(checkins, max_size=40))
SETTINGS_ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_close(a, b, path="report"):
    if isinstance(a, dict):
        assert a.keys() == b.keys(), path
        for key in a:
            assert_close(a[key], b[key], f"{path}.{key}")
    elif isinstance(a, list):
        assert len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            assert_close(x, y, f"{path}[{i}]")
    elif isinstance(a, float) and isinstance(b, float):
        assert math.isclose(a, b, rel_tol=1e-6, abs_tol=2e-4), path
    else:
        assert a == b, path


@SETTINGS_
@given(journal=journals, seed=st.integers(0, 2**32 - 1))
def test_the_order_of_the_records_does_not_matter(journal, seed):
    records, days = journal
    shuffled_records, shuffled_days = records[:], days[:]
    random.Random(seed).shuffle(shuffled_records)
    random.Random(seed + 1).shuffle(shuffled_days)
    assert report_to_dict(analyse(records, (), days)) == report_to_dict(
        analyse(shuffled_records, (), shuffled_days)
    )


def renamed(value, old, new):
    if isinstance(value, dict):
        return {k: renamed(v, old, new) for k, v in value.items()}
    if isinstance(value, list):
        return [renamed(v, old, new) for v in value]
    if isinstance(value, str):
        return new if value == old else value.replace(f"time with {old} ", f"time with {new} ")
    return value


def comparable(data):
    data["people"] = sorted(data["people"], key=lambda e: e["name"])
    for key in data:
        if isinstance(data[key], list):
            for item in data[key]:
                if isinstance(item, dict) and "entry_ids" in item:
                    item["entry_ids"] = sorted(item["entry_ids"])
    data["cards"] = sorted(data["cards"], key=lambda c: (c["factor"], c["name"]))
    return data


@SETTINGS_
@given(journal=journals, name=st.sampled_from(NAMES))
def test_renaming_a_person_changes_nothing_else(journal, name):
    records, days = journal
    new = "Zed Newname"
    moved = [
        InteractionRecord(**{**{f: getattr(r, f) for f in r.__slots__},
                             "people": tuple(new if p == name else p for p in r.people)})
        for r in records
    ]  # fmt: skip
    before = comparable(renamed(report_to_dict(analyse(records, (), days)), name, new))
    after = comparable(report_to_dict(analyse(moved, (), days)))
    assert_close(before, after)
