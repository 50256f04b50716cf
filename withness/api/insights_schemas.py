"""The shape of the insights document, the same one `withness insights --json` prints.

Written out field by field so the OpenAPI schema documents it; the document itself is
made by ``withness.insights.services`` and only checked against these here.
"""

from datetime import date

from ninja import Field, Schema


class Estimate(Schema):
    estimate: float | None = Field(description="Change in points; null below 4 entries.")
    low: float | None = Field(description="90% interval, lower end.")
    high: float | None = Field(description="90% interval, upper end.")
    p_positive: float | None = Field(description="Chance the true change is above zero.")


class Effect(Schema):
    name: str = Field(description="The group: a person's name, or a mode, setting, band …")
    label: str = Field(description="The group in words.")
    n: int = Field(description="Entries with a before and an after.")
    weight: float | None = Field(description="The same, a shared entry counting 1/k each.")
    pleasant: Estimate = Field(description="Primary outcome.")
    energy: Estimate = Field(description="Exploratory.")
    verdict: str = Field(description="lifts, drains, unclear or not_enough.")
    compared_with: str = Field(
        description="usual_state (people), average_interaction or average_solitude."
    )
    entry_ids: list[int | str] = Field(description="The entries behind the estimate.")
    text: str = Field(description="The card's sentence.")
    energy_text: str | None = Field(description="An exploratory sentence about energy.")


class PersonEffect(Effect):
    name: str = Field(description="The person's name as it is now.")
    label: str = Field(description="The same name.")
    key: str = Field(description="A stable key (the person's id, as text): a card's key.")
    person_id: int | None = Field(description="The person's id.")


class DriftPoint(Schema):
    date: date
    index: float | None
    smoothed: float | None


class Drift(Schema):
    flagged: bool
    since: date | None
    signals: list[str]
    baseline: float | None
    threshold: float | None
    series: list[DriftPoint]


class WeekBalance(Schema):
    week_start: date
    with_others_min: float | None
    alone_chosen_min: float | None
    alone_unchosen_min: float | None
    interactions: int
    solitude: int


class Lag(Schema):
    predictor: str
    outcome: str
    unit: str
    estimate: float | None
    low: float | None
    high: float | None
    n: int


class CurvePoint(Schema):
    band: str
    label: str
    minutes: float
    n: int
    estimate: float | None
    low: float | None
    high: float | None


class Card(Schema):
    factor: str
    name: str
    key: str
    verdict: str
    certainty: str | None
    text: str
    energy_text: str | None
    entry_ids: list[int | str]


class Insights(Schema):
    as_of: date | None = Field(description="The day the insights are as of.")
    people: list[PersonEffect]
    modes: list[Effect]
    settings: list[Effect]
    durations: list[Effect]
    group_sizes: list[Effect]
    initiated_by: list[Effect]
    depth: list[Effect]
    solitude: list[Effect]
    activities: list[Effect]
    drift: Drift
    weekly_balance: list[WeekBalance]
    lags: list[Lag]
    duration_curve: list[CurvePoint]
    duration_finding: str | None
    cards: list[Card]
    method: dict
    counts: dict[str, int]
