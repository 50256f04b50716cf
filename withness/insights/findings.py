"""What the insights page shows, read from the stored document: cards, and the effect behind each.

Reads only: the document was computed by ``services.insights_for``; nothing here
runs the analysis again.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlencode

from django.urls import reverse

from withness.analysis.factors import SOLITUDE_FACTORS
from withness.analysis.report import FACTORS

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
        f"Change in pleasantness: about {p['estimate']:+.1f}, "
        f"90% range {p['low']:+.1f} to {p['high']:+.1f}"
    )
    e = item["energy"]
    if e["estimate"] is not None:
        text += f"; energy (exploratory): about {e['estimate']:+.1f}"
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
    for card in InsightCard.objects.filter(owner=user):
        (new if card.released_on >= monday else earlier).append(shown_card(card, document))
    return new, earlier


def waiting_cards(user, document: dict) -> int:
    """Clear findings not shown yet; they appear, three a week, in the weeks ahead."""
    seen = set(InsightCard.objects.filter(owner=user).values_list("factor", "key", "verdict"))
    return sum((c["factor"], c["key"], c["verdict"]) not in seen for c in document["cards"])


def lag_sentences(document: dict) -> list[str]:
    """The next-day findings, in words, only where the 90% range stays on one side of zero."""
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
            f"— from {lag['n']} pairs of days."
        )
    return out
