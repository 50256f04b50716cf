"""Reflection prompts. Keys are stable (answers refer to them); the wording may be polished."""

PROMPTS: dict[str, str] = {
    "centre-alone": "When does time on your own help you come back to yourself?",
    "alone-too-long": "How can you tell when time alone has stopped resting you?",
    "too-much-body": "What does your body do when being with someone starts to feel like too much?",
    "most-yourself": "Who, or where, lets you feel most like yourself?",
    "safe-space": (
        "Picture a space with others where you could breathe easily. What is there, and what isn't?"
    ),
    "small-kindness": "What small kindness from someone has stayed with you?",
    "settle-signs": "What are the first signs, in your body, that you are settling?",
    "reach-out-easy": (
        "Which kind of contact feels easiest to start: a text, a voice note, sitting near someone?"
    ),
    "boundary-ok": "When did you last say no, or not yet, and it was received well?",
    "need-today": "What might you need from other people this week, if anything?",
    "give-within": "How do you know when helping someone is still within your limits?",
    "old-protect": "Staying guarded once kept you safe. What did it protect you from?",
    "small-step": "What is one small, low-pressure way you could be near someone this week?",
    "after-good": "Think of a time with someone that left you calmer. What made it so?",
    "after-hard": "Think of a time with someone that left you drained. What was different?",
    "predictable": "Who in your life is predictable in a way that feels good?",
    "listened": "When did you last feel listened to, without being fixed?",
    "own-pace": "What would going at your own pace with people look like?",
    "welcome": "Where do you feel welcome just as you are, without having to perform?",
    "thank-self": "What have you done lately, however small, that took courage with people?",
}


def text_for(key: str) -> str | None:
    return PROMPTS.get(key)
