"""The two short questionnaires: their items, answers, scoring, source and careful words.

Both are used here as published, item for item, because changing a validated questionnaire's
wording changes what its score means. docs/questionnaires.md records each one's terms of use.
A score describes how the last while has felt; it is never a diagnosis.
"""

from dataclasses import dataclass

from .models import Instrument


@dataclass(frozen=True)
class Questionnaire:
    key: str
    name: str
    short_name: str
    lead_in: str
    items: tuple[str, ...]
    choices: tuple[tuple[int, str], ...]  # (value, label), in the order shown
    low: int
    high: int
    multiplier: int
    source: str
    attribution: str
    reading: str  # how to read a score, in careful words
    higher_means: str

    def score(self, answers: list[int]) -> int:
        return sum(answers) * self.multiplier

    def invites_a_talk(self, score: int) -> bool:
        """Whether a score is in the range where talking with someone is often suggested."""
        if self.key == Instrument.WHO5:
            return score <= 50
        return score >= 6


WHO5 = Questionnaire(
    key=Instrument.WHO5,
    name="WHO-5 well-being index",
    short_name="Well-being (WHO-5)",
    lead_in="Over the last two weeks…",
    items=(
        "I have felt cheerful and in good spirits",
        "I have felt calm and relaxed",
        "I have felt active and vigorous",
        "I woke up feeling fresh and rested",
        "My daily life has been filled with things that interest me",
    ),
    choices=(
        (5, "All of the time"),
        (4, "Most of the time"),
        (3, "More than half of the time"),
        (2, "Less than half of the time"),
        (1, "Some of the time"),
        (0, "At no time"),
    ),
    low=0,
    high=100,
    multiplier=4,
    source="World Health Organization, 1998. Wellbeing Measures in Primary Health Care: "
    "the DepCare Project.",
    attribution="WHO-5 © Psychiatric Research Unit, Mental Health Centre North Zealand. "
    "Free to use.",
    reading="Scores run from 0 to 100; higher means you have felt better. Scores can move a lot "
    "from one fortnight to the next. People with scores of 50 or lower often find it helpful "
    "to talk with someone they trust, such as a doctor or therapist.",
    higher_means="higher means feeling better",
)

UCLA3 = Questionnaire(
    key=Instrument.UCLA3,
    name="Three-item loneliness scale",
    short_name="Loneliness (3 items)",
    lead_in="How often do you feel…",
    items=(
        "that you lack companionship?",
        "left out?",
        "isolated from others?",
    ),
    choices=((1, "Hardly ever"), (2, "Some of the time"), (3, "Often")),
    low=3,
    high=9,
    multiplier=1,
    source="Hughes, M. E., Waite, L. J., Hawkley, L. C., & Cacioppo, J. T. (2004). A short "
    "scale for measuring loneliness in large surveys. Research on Aging, 26(6), 655–672. "
    "Derived from the Revised UCLA Loneliness Scale.",
    attribution="Three-item loneliness scale, Hughes et al. (2004), from the R-UCLA Loneliness "
    "Scale (Russell, Peplau & Cutrona).",
    reading="Scores run from 3 to 9; higher means feeling alone more often. Many people feel "
    "this way at times. People with scores of 6 or more often find it helpful to talk with "
    "someone about it, and small, gentle contact can help too.",
    higher_means="higher means feeling alone more often",
)

QUESTIONNAIRES = {q.key: q for q in (WHO5, UCLA3)}
