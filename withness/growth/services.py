"""Writes for the growth tools. Views call these; they never write directly."""

from datetime import date, timedelta

from django.db import transaction

from withness.people.models import Person

from .models import (
    Belief,
    BeliefRating,
    Direction,
    Evidence,
    NudgeRest,
    NudgeSettings,
    PromptSetAside,
    Reflection,
    SafePersonNote,
    Share,
    Support,
    new_feed_token,
)
from .prompts import PROMPTS
from .selectors import nudge_settings

WELCOME_AFTER_DAYS = 7


# --- safe people ----------------------------------------------------------------------------------


@transaction.atomic
def safe_person_mark(
    *, user, person: Person | None, new_name: str = "", reasons, own_words
) -> Person:
    """Mark someone (existing, or new by nickname) as a safe person, with what makes them so."""
    if person is None:
        person = Person.objects.create(owner=user, name=new_name)
    person.is_safe_person = True
    person.save_changes("is_safe_person")
    note = SafePersonNote.objects.for_user(user).filter(person=person).first()
    if note is None:
        note = SafePersonNote(owner=user, person=person)
    note.reasons = list(reasons)
    note.own_words = own_words
    note.save()
    return person


def safe_person_unmark(*, person: Person) -> None:
    """The user's judgement stands. The reasons are kept, in case they mark them again."""
    person.is_safe_person = False
    person.save_changes("is_safe_person")


def cadence_set(*, person: Person, every_days: int | None) -> None:
    person.checkin_every_days = every_days
    person.save_changes("checkin_every_days")


# --- ladder and support -------------------------------------------------------------------------

SHARE_FIELDS = ["person", "step", "shared_on", "what", "response", "body_felt", "interaction"]
SUPPORT_FIELDS = ["person", "direction", "what", "happened_on", "capacity"]


def _assign(row, data, fields):
    for name in fields:
        setattr(row, name, data.get(name))


def share_log(*, user, data) -> Share:
    share = Share(owner=user)
    _assign(share, data, SHARE_FIELDS)
    share.save()
    return share


def share_update(*, share: Share, data) -> Share:
    _assign(share, data, SHARE_FIELDS)
    share.save()
    return share


def support_log(*, user, data) -> Support:
    support = Support(owner=user)
    _assign(support, data, SUPPORT_FIELDS)
    if support.direction != Direction.GIVEN:
        support.capacity = None
    support.save()
    return support


# --- beliefs --------------------------------------------------------------------------------------


@transaction.atomic
def belief_create(*, user, data) -> Belief:
    belief = Belief.objects.create(owner=user, belief=data["belief"], counter=data["counter"])
    if data.get("belief_true") is not None:
        belief_rate(user=user, belief=belief, data=data)
    return belief


def belief_update(*, belief: Belief, data) -> Belief:
    belief.belief, belief.counter = data["belief"], data["counter"]
    belief.save()
    return belief


def belief_rate(*, user, belief: Belief, data) -> BeliefRating:
    return BeliefRating.objects.create(
        owner=user,
        belief=belief,
        belief_true=data["belief_true"],
        counter_true=data.get("counter_true") if belief.counter else None,
    )


def evidence_add(*, user, belief: Belief, data) -> Evidence:
    return Evidence.objects.create(
        owner=user,
        belief=belief,
        leaning=data["leaning"],
        interaction=data.get("interaction"),
        share=data.get("share"),
        support=data.get("support"),
        note=data.get("note", ""),
    )


def evidence_remove(*, evidence: Evidence) -> None:
    evidence.soft_delete()


# --- reflections ----------------------------------------------------------------------------------


def reflection_save(*, user, prompt_key: str, answer: str, today: date) -> Reflection:
    return Reflection.objects.create(
        owner=user,
        prompt_key=prompt_key,
        prompt_text=PROMPTS[prompt_key],
        answer=answer,
        answered_on=today,
    )


def reflection_update(*, reflection: Reflection, answer: str) -> Reflection:
    reflection.answer = answer
    reflection.save(update_fields=["answer", "updated_at"])
    return reflection


def prompt_set_aside(*, user, prompt_key: str, today: date) -> None:
    PromptSetAside.objects.create(owner=user, prompt_key=prompt_key, set_aside_on=today)


# --- nudges ---------------------------------------------------------------------------------------


def nudge_rest(*, user, person: Person, today: date, days: int) -> NudgeRest:
    """ "Not now" rests a nudge for the rest of today (days=0); a snooze for longer."""
    return NudgeRest.objects.create(owner=user, person=person, until=today + timedelta(days=days))


def nudges_pause(*, user, until: date | None) -> NudgeSettings:
    settings = nudge_settings(user)
    settings.paused, settings.paused_until = True, until
    settings.save(update_fields=["paused", "paused_until", "updated_at"])
    return settings


def nudges_resume(*, user) -> NudgeSettings:
    settings = nudge_settings(user)
    settings.paused, settings.paused_until = False, None
    settings.save(update_fields=["paused", "paused_until", "updated_at"])
    return settings


@transaction.atomic
def nudges_visit(*, user, today: date) -> NudgeSettings:
    """Note that home was opened today. After a gap, or when a pause has run out, today is a fresh
    start: a plain welcome and no reminders, so nothing reads like a backlog."""
    settings = NudgeSettings.objects.select_for_update().get(pk=nudge_settings(user).pk)
    if settings.last_seen_on == today:
        return settings
    away = settings.last_seen_on is not None and today - settings.last_seen_on >= timedelta(
        days=WELCOME_AFTER_DAYS
    )
    pause_over = (
        settings.paused and settings.paused_until is not None and settings.paused_until < today
    )
    if away or pause_over:
        settings.welcome_on = today
    if pause_over:
        settings.paused, settings.paused_until = False, None
    settings.last_seen_on = today
    settings.save()
    return settings


def digest_set(*, user, on: bool) -> NudgeSettings:
    settings = nudge_settings(user)
    settings.email_digest = on
    settings.save(update_fields=["email_digest", "updated_at"])
    return settings


def feed_create(*, user) -> NudgeSettings:
    """A new secret address for the calendar feed; any earlier address stops working."""
    settings = nudge_settings(user)
    settings.feed_token = new_feed_token()
    settings.save(update_fields=["feed_token", "updated_at"])
    return settings


def feed_revoke(*, user) -> NudgeSettings:
    settings = nudge_settings(user)
    settings.feed_token = None
    settings.save(update_fields=["feed_token", "updated_at"])
    return settings


# --- delete and undo ------------------------------------------------------------------------------


def entry_delete(*, entry) -> None:
    """Soft delete: the entry leaves every list but can come back with one tap."""
    entry.soft_delete()


def entry_restore(*, entry) -> None:
    entry.restore()
