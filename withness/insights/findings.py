"""What the insights page shows, read from the stored document: cards, and the effect behind each.

Reads only: the document was computed by ``services.insights_for``; nothing here
runs the analysis again.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlencode

from django.urls import reverse

from withness.analysis import cards
from withness.analysis.factors import SOLITUDE_FACTORS
from withness.analysis.report import FACTORS

from . import selectors
from .models import InsightCard

MIN_ENTRIES = 4  # below this the page shows the raw entries only


@dataclass(frozen=True)
class ShownCard:
    text: str
    energy_text: str | None
    verdict: str
    certainty: str | None
    n: int | None
    released_on: date
    still_clear: bool
    entries_url: str | None
    chart_url: str | None
    chart_alt: str


def entry_kind(factor: str) -> str:
    return "solitude" if factor in SOLITUDE_FACTORS else "interaction"


def find_effect(document: dict, factor: str, key: str) -> dict | None:
    """The effect a card is about; ``key`` is a person's id for people, else the group's name."""
    if factor not in FACTORS:
        return None
    for item in document.get(factor, []):
        item_key = str(item.get("person_id")) if factor == "people" else item["name"]
        if item_key == key:
            return item
    return None


def entries_url(factor: str, key: str) -> str:
    if factor == "people":
        query = urlencode({"person": key, "kind": "interaction"})
        return f"{reverse('journal:history')}?{query}"
    return reverse("insights:entries", args=[factor, key])


def chart_alt(item: dict) -> str:
    p = item["pleasant"]
    if p["estimate"] is None:
        return "Not enough entries yet for a chart."
    text = (
        f"Change in how pleasant you felt: about {p['estimate']:+.1f}, "
        f"likely between {p['low']:+.1f} and {p['high']:+.1f}"
    )
    e = item["energy"]
    if e["estimate"] is not None:
        text += f"; energy (a rougher measure): about {e['estimate']:+.1f}"
    return text + "."


def shown_card(card: InsightCard, document: dict) -> ShownCard:
    item = find_effect(document, card.factor, card.key)
    still = item is not None and item["verdict"] == card.verdict
    return ShownCard(
        text=item["text"] if still else card.text,
        energy_text=item["energy_text"] if still else None,
        verdict=card.verdict,
        certainty=_certainty(document, card) if still else None,
        n=item["n"] if item else None,
        released_on=card.released_on,
        still_clear=still,
        entries_url=entries_url(card.factor, card.key) if item else None,
        chart_url=reverse("insights:effect_chart", args=[card.factor, card.key]) if item else None,
        chart_alt=chart_alt(item) if item else "",
    )


def _certainty(document: dict, card: InsightCard) -> str | None:
    for c in document["cards"]:
        if (c["factor"], c["key"], c["verdict"]) == (card.factor, card.key, card.verdict):
            return c["certainty"]
    return None


def page_cards(user, document: dict, today: date) -> tuple[list[ShownCard], list[ShownCard]]:
    """Cards new this week, and the earlier ones (still browsable), newest first."""
    monday = today - timedelta(days=today.weekday())
    new, earlier = [], []
    for card in selectors.live_cards(user):
        (new if card.released_on >= monday else earlier).append(card)
    return shown_cards(new, document), shown_cards(earlier, document)


def shown_cards(released: list[InsightCard], document: dict) -> list[ShownCard]:
    """The cards in the order given, except that findings resting on the very same
    entries and saying the same thing (time in online communities that was, entry for
    entry, time with four or more others) are shown once, where the first of them was,
    naming the kinds together."""
    groups: dict[tuple, list[tuple[InsightCard, dict]]] = {}
    for i, card in enumerate(released):
        item = find_effect(document, card.factor, card.key)
        key = _same_finding(card, item, document) or ("alone", i)
        groups.setdefault(key, []).append((card, item))
    return [
        shown_card(group[0][0], document) if len(group) == 1 else _shared_card(group, document)
        for group in groups.values()
    ]


def _same_finding(card: InsightCard, item: dict | None, document: dict) -> tuple | None:
    """What a card says and the entries it rests on; two cards with the same key say the
    same thing about the same entries. None for a card that is no longer clear."""
    if item is None or item["verdict"] != card.verdict:
        return None
    certainty = _certainty(document, card)
    if certainty is None:
        return None
    energy = None
    if item.get("energy_text"):
        e = item["energy"]
        energy = (e["estimate"] > 0, cards.certainty_word(e["p_positive"]))
    ids = tuple(sorted(str(i) for i in item["entry_ids"]))
    kind = entry_kind(card.factor)
    return (kind, ids, item["n"], card.verdict, item.get("compared_with"), certainty, energy)


def _subject(card: InsightCard, item: dict) -> str:
    return cards.subject_for(card.factor, item["name"], item["label"])


def _shared_card(group: list[tuple[InsightCard, dict]], document: dict) -> ShownCard:
    first, item = group[0]
    subjects = [_subject(card, it) for card, it in group]
    certainty = _certainty(document, first)
    said = {"compared_with": item.get("compared_with"), "n": item["n"]}
    energy = None
    if item.get("energy_text"):
        e = item["energy"]
        energy = cards.shared_energy_text(
            subjects,
            more=e["estimate"] > 0,
            certainty=cards.certainty_word(e["p_positive"]),
            **said,
        )
    return ShownCard(
        text=cards.shared_card_text(subjects, verdict=first.verdict, certainty=certainty, **said),
        energy_text=energy,
        verdict=first.verdict,
        certainty=certainty,
        n=item["n"],
        released_on=min(card.released_on for card, _ in group),
        still_clear=True,
        entries_url=entries_url(first.factor, first.key),
        # Each kind has its own small chart, slightly different; one of them under a
        # sentence about all would say more than it shows, so the entries link stands in.
        chart_url=None,
        chart_alt="",
    )


def waiting_cards(user, document: dict) -> int:
    """Clear findings not shown yet; they appear, three a week, in the weeks ahead."""
    seen = set(InsightCard.objects.filter(owner=user).values_list("factor", "key", "verdict"))
    return sum((c["factor"], c["key"], c["verdict"]) not in seen for c in document["cards"])


def drift_since(document: dict) -> date | None:
    """The day the isolation signs began to sit above the usual level, when they do."""
    since = document.get("drift", {}).get("since")
    return date.fromisoformat(since) if since else None


def lag_sentences(document: dict) -> list[str]:
    """The next-day findings, in words, only where the likely range stays on one side of zero."""
    words = {
        ("hours_with_others", "isolation_signs"): (
            "an hour more with people",
            "isolation signs",
            "the next day",
        ),
        ("hours_with_others", "sleep_hours"): ("an hour more with people", "sleep", "that night"),
    }
    out = []
    for lag in document.get("lags", []):
        key = (lag["predictor"], lag["outcome"])
        if key not in words or lag["estimate"] is None or lag["low"] is None:
            continue
        if lag["low"] <= 0 <= lag["high"]:
            continue
        cause, outcome, when = words[key]
        direction = "slightly more" if lag["estimate"] > 0 else "slightly fewer"
        if outcome == "sleep":
            direction = "slightly longer" if lag["estimate"] > 0 else "slightly shorter"
        out.append(
            f"In your log, after {cause}, {outcome} {when} tended to be {direction} "
            f"— from {lag['n']} times you checked in two days in a row."
        )
    return out
