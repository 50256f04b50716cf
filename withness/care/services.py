"""Writes for care and safety. Nothing here ever contacts anyone on the person's behalf."""

import hashlib
import json
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from withness.accounts import vault
from withness.accounts.encrypted import LockedData

from .drift_note import QUIET_FOR
from .models import (
    CarePreferences,
    PlanPart,
    QuestionnaireAnswer,
    SafetyPlan,
    SafetyPlanPerson,
    ShareLink,
    ShareLinkView,
    TherapistSummary,
)


def safety_plan_for(user) -> SafetyPlan | None:
    return SafetyPlan.objects.for_user(user).first()


@transaction.atomic
def safety_plan_save(*, user, distraction_people=(), help_people=(), **parts: str) -> SafetyPlan:
    plan = safety_plan_for(user) or SafetyPlan(owner=user)
    for name, value in parts.items():
        setattr(plan, name, value)
    plan.save()
    for part, people in (
        (PlanPart.DISTRACTIONS, distraction_people),
        (PlanPart.ASK_FOR_HELP, help_people),
    ):
        # Someone in recently deleted isn't on the form: their link stays, so restoring them
        # puts them back in the plan. The plan's pages and PDF show only live people.
        plan.people.filter(part=part, person__deleted_at__isnull=True).delete()
        SafetyPlanPerson.objects.bulk_create(
            (
                SafetyPlanPerson(owner=user, plan=plan, person=person, part=part)
                for person in people
                if person.owner_id == user.pk
            ),
            ignore_conflicts=True,  # a kept link to someone deleted: the one-link rule holds
        )
    return plan


def preferences_for(user) -> CarePreferences:
    """The person's care choices; defaults (unsaved) until they change one."""
    return CarePreferences.objects.for_user(user).first() or CarePreferences(owner=user)


def preferences_save(*, user, **changes) -> CarePreferences:
    preferences = preferences_for(user)
    for name, value in changes.items():
        setattr(preferences, name, value)
    preferences.save()
    return preferences


def drift_note_quiet(*, user) -> CarePreferences:
    """Set the gentle note aside for a week."""
    return preferences_save(user=user, drift_note_quiet_until=user.today() + QUIET_FOR)


def questionnaire_answer(*, user, questionnaire, answers: list[int]) -> QuestionnaireAnswer:
    return QuestionnaireAnswer.objects.create(
        owner=user,
        instrument=questionnaire.key,
        answered_on=user.today(),
        answers=answers,
        score=questionnaire.score(answers),
    )


# --- summaries and share links ------------------------------------------------------------------

LINK_BYTES = 32


def summary_create(*, user, start, end, sections, show_names, labels, notes) -> TherapistSummary:
    from .summary import summary_build

    snapshot = summary_build(
        user=user, start=start, end=end, sections=sections, show_names=show_names,
        labels=labels, notes=notes,
    )  # fmt: skip
    return TherapistSummary.objects.create(
        owner=user, start=start, end=end, sections=sections, show_names=show_names,
        snapshot=snapshot,
    )  # fmt: skip


SHARE_PURPOSE = b"withness share link v1"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def share_link_create(*, user, summary: TherapistSummary, days: int) -> ShareLink:
    """A new address for the summary, with its own copy sealed by the address's token."""
    if isinstance(summary.snapshot, LockedData):
        raise vault.VaultLocked
    token = secrets.token_urlsafe(LINK_BYTES)
    return ShareLink.objects.create(
        owner=user,
        summary=summary,
        token=token,
        token_hash=token_hash(token),
        sealed_snapshot=seal_for_link(summary.snapshot, token),
        expires_at=timezone.now() + timedelta(days=days),
    )


def seal_for_link(snapshot: dict, token: str) -> dict:
    """The link's own copy of a summary, which only its token opens."""
    copy = json.dumps(snapshot).encode()
    return vault.wrap_with_secret(copy, "summary", token, SHARE_PURPOSE)


def shared_link(token: str) -> ShareLink | None:
    """The live link this token opens, if any (revoked and expired ones included)."""
    if len(token) > 100:
        return None
    return (
        ShareLink.objects.filter(token_hash=token_hash(token), deleted_at__isnull=True)
        .select_related("summary", "owner")
        .defer("summary__snapshot")  # sealed with the owner's key: the link has its own copy
        .first()
    )


def shared_snapshot(link: ShareLink, token: str) -> dict:
    """The summary as shared, opened with the token that came with the request."""
    _, copy = vault.unwrap_with_secret(link.sealed_snapshot, token, SHARE_PURPOSE)
    return json.loads(copy)


def share_link_revoke(*, link: ShareLink) -> ShareLink:
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at", "updated_at"])
    return link


def coarse_agent(user_agent: str) -> str:
    """A browser family and a platform family, nothing that could identify a person."""
    ua = user_agent or ""
    browser = next((name for marker, name in BROWSERS if marker in ua), "another browser")
    platform = next((name for marker, name in PLATFORMS if marker in ua), "")
    return f"{browser} on {platform}" if platform else browser


BROWSERS = (
    ("Edg/", "Edge"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"), ("Safari/", "Safari"),
)  # fmt: skip
PLATFORMS = (
    ("Android", "Android"), ("iPhone", "iPhone"), ("iPad", "iPad"), ("Windows", "Windows"),
    ("Mac OS X", "Mac"), ("Linux", "Linux"),
)  # fmt: skip


def share_link_open(*, link: ShareLink, user_agent: str) -> ShareLinkView:
    return ShareLinkView.objects.create(
        owner_id=link.owner_id,
        link=link,
        viewed_at=timezone.now(),
        agent=coarse_agent(user_agent)[:40],
    )
