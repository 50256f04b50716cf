from datetime import timedelta

import pytest

from withness.insights import services
from withness.insights.models import InsightCard, InsightsSnapshot
from withness.testing.factories import CheckInFactory, InteractionFactory, PersonFactory


@pytest.fixture
def computations(monkeypatch):
    """Counts how often the pattern-finder really runs."""
    calls = []
    real = services.journal_document

    def counting(user):
        calls.append(user.pk)
        return real(user)

    monkeypatch.setattr(services, "journal_document", counting)
    return calls


@pytest.fixture
def journal(owner):
    sam = PersonFactory(owner=owner, name="Sam")
    entries = [InteractionFactory(owner=owner, people=[sam]) for _ in range(5)]
    return sam, entries


def test_opening_insights_twice_computes_once(owner, journal, computations):
    first = services.insights_for(owner)
    second = services.insights_for(owner)
    assert computations == [owner.pk]
    assert first.computed_at == second.computed_at
    assert InsightsSnapshot.objects.filter(owner=owner).count() == 1


def test_editing_an_entry_recomputes(owner, journal, computations):
    _, entries = journal
    services.insights_for(owner)
    entries[0].after_pleasant = -3.0
    entries[0].save()
    document = services.insights_for(owner).document
    assert len(computations) == 2
    assert document["people"][0]["n"] == 5


def test_deleting_an_entry_recomputes_and_leaves_it_out(owner, journal, computations):
    _, entries = journal
    assert services.insights_for(owner).document["counts"]["interactions"] == 5
    entries[0].soft_delete()
    assert services.insights_for(owner).document["counts"]["interactions"] == 4
    entries[1].delete()  # purged for good: the count still moves the stamp
    assert services.insights_for(owner).document["counts"]["interactions"] == 3
    assert len(computations) == 3


def test_a_new_entry_or_a_new_safe_person_recomputes(owner, journal, computations):
    sam, _ = journal
    services.insights_for(owner)
    CheckInFactory(owner=owner)
    services.insights_for(owner)
    sam.is_safe_person = True
    sam.save()
    services.insights_for(owner)
    assert len(computations) == 3


def test_another_users_entries_do_not_touch_this_snapshot(owner, outsider, journal, computations):
    services.insights_for(owner)
    InteractionFactory(owner=outsider)
    services.insights_for(owner)
    assert computations == [owner.pk]


def test_at_most_three_new_cards_appear_in_a_week(demo_user):
    today = demo_user.today()
    monday = today - timedelta(days=today.weekday())
    this_week = InsightCard.objects.filter(owner=demo_user, released_on__gte=monday)
    assert this_week.count() == 3
    document = services.insights_for(demo_user).document
    assert len(document["cards"]) > 3
    services.cards_release(user=demo_user, document=document, today=today)
    assert this_week.count() == 3
    next_week = today + timedelta(days=7)
    InsightCard.objects.filter(owner=demo_user).exclude(released_on__gte=monday).delete()
    new = services.cards_release(user=demo_user, document=document, today=next_week)
    assert len(new) == min(3, len(document["cards"]) - 3)
    assert all(card.released_on == next_week for card in new)


def test_someone_deleted_and_restored_never_makes_a_fourth_new_card_in_a_week(owner):
    sam = PersonFactory(owner=owner, name="Sam")
    today = owner.today()
    for factor, key in (("people", str(sam.pk)), ("modes", "call"), ("settings", "home")):
        InsightCard.objects.create(
            owner=owner, factor=factor, key=key, verdict="lifts", text="…", released_on=today
        )
    waiting = {"factor": "modes", "key": "video", "verdict": "lifts", "text": "Video lifts."}

    sam.soft_delete()  # his card is hidden, but it was one of this week's three
    assert services.cards_release(user=owner, document={"cards": [waiting]}, today=today) == []
    sam.restore()

    monday = today - timedelta(days=today.weekday())
    assert InsightCard.objects.filter(owner=owner, released_on__gte=monday).count() == 3
