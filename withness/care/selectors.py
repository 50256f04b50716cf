"""Reads with intent for care and safety."""

from datetime import date, timedelta

from .models import QuestionnaireAnswer
from .questionnaires import QUESTIONNAIRES


def answers_for(user, instrument: str):
    return QuestionnaireAnswer.objects.for_user(user).filter(instrument=instrument)


def questionnaires_due(user, preferences, today: date) -> list:
    """The questionnaires to offer today: only when the person turned them on, at their pace."""
    if not preferences.questionnaires_on:
        return []
    every = timedelta(days=preferences.questionnaire_every_days)
    due = []
    for questionnaire in QUESTIONNAIRES.values():
        last = answers_for(user, questionnaire.key).order_by("-answered_on").first()
        if last is None or last.answered_on + every <= today:
            due.append(questionnaire)
    return due
