"""The micro-sharing ladder's one rule, kept free of the database so it reads (and tests) plainly.

A next step is offered only when the most recent shares at the current step with this person
were all met warmly, and there are at least WARM_NEEDED of them. Anything else (neutral,
dismissive, hurtful, no reply) means: stay at this step, or try someone else. Never a push.
"""

from dataclasses import dataclass

from .models import Response, Step

WARM_NEEDED = 2

# Each step as something a person might do, so a suggestion reads as a sentence:
# "you might try telling Sam how today is going for you".
STEP_IDEAS: dict[int, str] = {
    Step.PREFERENCE: "telling {name} about something you like, or would rather do",
    Step.TODAY: "telling {name} how today is going for you",
    Step.WORRY: "telling {name} about a worry that's on your mind",
    Step.PAST: "telling {name} something from your past",
    Step.STORY: "telling {name} about a part of your story that matters to you",
}


@dataclass(frozen=True)
class Suggestion:
    kind: str  # "start", "next", "stay", "gentle", "top"
    step: int | None = None

    def idea(self, name: str) -> str:
        """The step as a phrase to finish "you might try …"; plain text, escaped by templates."""
        return STEP_IDEAS[self.step].format(name=name) if self.step else ""


def suggest(shares: list[tuple[int, str]]) -> Suggestion:
    """shares: (step, response) with one person, newest first."""
    if not shares:
        return Suggestion("start", Step.PREFERENCE)
    current = shares[0][0]
    at_step = [response for step, response in shares if step == current][:WARM_NEEDED]
    if at_step[0] in (Response.DISMISSIVE, Response.HURTFUL):
        return Suggestion("gentle", current)
    if len(at_step) < WARM_NEEDED or any(r != Response.WARM for r in at_step):
        return Suggestion("stay", current)
    if current >= max(Step.values):
        return Suggestion("top", current)
    return Suggestion("next", current + 1)
