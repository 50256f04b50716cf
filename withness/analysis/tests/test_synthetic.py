from withness.analysis.synthetic import DEMO_PATTERNS, demo_journal, generate


def test_the_same_seed_gives_the_same_journal():
    assert generate(3, days=90) == generate(3, days=90)
    assert generate(3, days=90).interactions != generate(4, days=90).interactions


def test_people_are_seen_between_once_and_sixty_times_a_year():
    journal = generate(5)
    counts = {}
    for r in journal.interactions:
        for p in r.people:
            counts[p] = counts.get(p, 0) + 1
    assert min(counts.values()) >= 1 and max(counts.values()) <= 90  # companions add a few
    assert sum(1 for v in journal.planted.person_pleasant.values() if v == 0) >= 2


def test_records_are_on_the_scales_and_times_are_timezone_aware():
    journal = generate(6, days=120, drift_day=80)
    for r in journal.interactions:
        assert r.started_at.tzinfo is not None
        assert -5 <= r.before_pleasant <= 5 and (r.before_pleasant * 2).is_integer()
        assert 0 <= r.before_energy <= 10
    for c in journal.checkins:
        assert all(s in (0, 1, 2) for s in c.signs)


def test_the_demo_documents_its_patterns_and_truth_is_defined_for_everyone_seen():
    journal = demo_journal()
    assert DEMO_PATTERNS and journal.planted.person_pleasant["Sam"] == 1.0
    seen = {p for r in journal.interactions for p in r.people}
    assert seen == set(journal.person_truth())
