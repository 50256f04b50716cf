"""Planted journals for the gentle note: a slide into isolation, and restful solitude."""

from withness.analysis.synthetic import generate
from withness.insights.demo import synthetic_journal_load

DAYS = 90


def plant(user, *, slide: bool, seed: int = 3):
    """A quarter-year journal ending today; with `slide`, the last ten days slide into isolation.
    Without it, the journal ends with a three-week restful retreat (chosen, restorative time
    alone), which must never be mistaken for a slide."""
    if slide:
        journal = generate(seed, days=DAYS, end=user.today(), drift_day=DAYS - 10, n_people=8)
    else:
        journal = generate(seed, days=DAYS, end=user.today(), restful_only=True, n_people=8)
    synthetic_journal_load(user=user, journal=journal)
    return journal
