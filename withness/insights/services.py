"""The insights for a journal: computed once, kept, and re-computed only when it changed."""

from dataclasses import replace
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from withness.analysis import cards
from withness.analysis.report import Report, analyse_columns, report_to_dict

from . import selectors
from .models import InsightCard, InsightsChart, InsightsSnapshot

NEW_CARDS_A_WEEK = 3


def _effects_by_name(report: Report) -> dict[tuple[str, str], object]:
    return {(f, e.name): e for f, effects in report.effects.items() for e in effects}


def _display(effect, names: dict[str, str]):
    """The effect with a person's name in place of their key, for the sentences."""
    if effect.factor != "people":
        return effect
    return replace(effect, name=names.get(effect.name, "someone"))


def report_document(report: Report, names: dict[str, str] | None = None) -> dict:
    """``report_to_dict`` with names for people and a sentence for every effect.

    The analysis keys people by id (an account's journal) or by name (CSV files). Here
    every person gets ``key`` (that stable key, also the card's ``key``), ``person_id``
    (the id, or null for CSV input) and ``name`` and ``label`` (the name to show).
    Every effect also gets ``text`` (the card sentence) and, when energy is as clear
    as a verdict would need, ``energy_text`` (exploratory).
    """
    names = names or {}
    document = report_to_dict(report)
    effects = _effects_by_name(report)
    for factor, items in report.effects.items():
        for item, effect in zip(document[factor], items, strict=True):
            shown = _display(effect, names) if names else effect
            if factor == "people":
                item["key"] = effect.name
                item["person_id"] = int(effect.name) if names and effect.name.isdigit() else None
                item["name"] = item["label"] = shown.name
            item["text"] = cards.card_text(shown)
            item["energy_text"] = cards.energy_text(shown)
    for item, card in zip(document["cards"], report.cards, strict=True):
        shown = _display(effects[(card.factor, card.name)], names) if names else None
        if shown is not None:
            item["text"] = cards.card_text(shown)
            item["energy_text"] = cards.energy_text(shown)
            item["name"] = shown.name if card.factor == "people" else card.name
        item["key"] = card.name
    return document


def journal_document(user) -> dict:
    """Run the whole pattern-finder on the user's live journal, as of their today."""
    journal = selectors.journal_columns(user)
    report = analyse_columns(
        journal.interactions,
        journal.solitude,
        journal.checkins,
        safe_people=journal.safe_people,
        today=user.today(),
    )
    document = report_document(report, journal.names)
    document["counts"]["entries"] = journal.entries
    return document


def insights_for(user) -> InsightsSnapshot:
    """The user's insights, re-computed only when the journal stamp has moved."""
    stamp = selectors.journal_stamp(user)
    snapshot = InsightsSnapshot.objects.filter(owner=user, source_stamp=stamp).first()
    if snapshot is not None:
        return snapshot
    document = journal_document(user)
    values = {"computed_at": timezone.now(), "source_stamp": stamp, "document": document}
    try:
        with transaction.atomic():
            # An update, not update_or_create: that would read (and decode) the stale
            # document first, which for ten years of entries costs as much as a read.
            stale = InsightsSnapshot.objects.filter(owner=user)
            pk = stale.values_list("pk", flat=True).first()
            if pk is None:
                snapshot = InsightsSnapshot.objects.create(owner=user, **values)
            else:
                stale.update(**values)
                snapshot = InsightsSnapshot(pk=pk, owner=user, **values)
            InsightsChart.objects.filter(owner=user).exclude(source_stamp=stamp).delete()
            cards_release(user=user, document=document, today=user.today())
    except IntegrityError:
        # Another tab computed the same journal at the same moment; theirs is as good.
        return InsightsSnapshot.objects.get(owner=user)
    return snapshot


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def cards_release(*, user, document: dict, today: date, backfill: bool = False) -> list:
    """Let up to three not-yet-seen cards appear this week, the surest first.

    ``backfill`` (the demo account) lets every current card appear, three a week going
    back in time, as if the year of entries had been read week by week.
    """
    # Every card released takes its place in its week, shown now or not: one about someone
    # deleted since is only hidden, and comes back with them, so it frees no place (else
    # restoring them would make four or more "new this week").
    released = InsightCard.objects.filter(owner=user).values_list(
        "factor", "key", "verdict", "released_on"
    )
    seen = {(factor, key, verdict): day for factor, key, verdict, day in released}
    waiting = [c for c in document["cards"] if (c["factor"], c["key"], c["verdict"]) not in seen]
    if not waiting:
        return []
    if backfill:
        monday = _monday(today)
        days = [monday - timedelta(weeks=i // NEW_CARDS_A_WEEK) for i in range(len(waiting))]
    else:
        shown = sum(day >= _monday(today) for day in seen.values())
        waiting = waiting[: max(NEW_CARDS_A_WEEK - shown, 0)]
        days = [today] * len(waiting)
    new = [
        InsightCard(
            owner=user,
            factor=c["factor"],
            key=c["key"],
            verdict=c["verdict"],
            text=c["text"][:300],
            released_on=day,
        )
        for c, day in zip(waiting, days, strict=True)
    ]
    InsightCard.objects.bulk_create(new, ignore_conflicts=True)
    return new
