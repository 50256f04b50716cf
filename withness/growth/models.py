"""Growth tools: the small, paced steps a person takes back toward people.

Every table carries the owner (via OwnedModel) so it can be sharded by user.
"""

import secrets

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from withness.accounts.encrypted import EncryptedCharField, EncryptedTextField
from withness.journal.models import Interaction
from withness.ownership import OwnedModel
from withness.people.models import Person

MAX_TEXT = 4000
PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


# --- Safe people -------------------------------------------------------------------------


class SafetyReason(models.TextChoices):
    CONSISTENT = "consistent", "Consistent, shows up"
    KIND = "kind", "Kind"
    BOUNDARIES = "boundaries", "Respects my boundaries"
    LISTENS = "listens", "Listens without fixing"
    CALM = "calm", "Calm to be around"
    NO_PRESSURE = "no_pressure", "No pressure to perform"
    HONEST = "honest", "Honest with me"
    LAUGH = "laugh", "I can laugh with them"


class SafePersonNote(OwnedModel):
    """What makes one person feel steady to the user, in their own terms."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    reasons = models.JSONField(default=list, blank=True)
    own_words = EncryptedTextField(blank=True, max_length=MAX_TEXT)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "person"],
                condition=models.Q(deleted_at__isnull=True),
                name="one_safety_note_per_person",
            )
        ]

    def __str__(self):
        return f"What makes {self.person} feel safe"

    def reason_labels(self) -> list[str]:
        labels = dict(SafetyReason.choices)
        return [labels[r] for r in self.reasons if r in labels]


# --- Micro-sharing ladder ------------------------------------------------------------------


class Step(models.IntegerChoices):
    """From small to vulnerable. The wording is an example, not a rule."""

    PREFERENCE = 1, "Something you like or would rather do"
    TODAY = 2, "How today is going for you"
    WORRY = 3, "A worry on your mind"
    PAST = 4, "Something from your past"
    STORY = 5, "A part of your story that matters to you"


class Response(models.TextChoices):
    WARM = "warm", "Warm"
    NEUTRAL = "neutral", "Neutral"
    DISMISSIVE = "dismissive", "Dismissive"
    HURTFUL = "hurtful", "Hurtful"
    NO_REPLY = "no_reply", "No reply (yet)"


class Share(OwnedModel):
    """One small act of letting someone see a bit more, and how they met it."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    step = models.PositiveSmallIntegerField(choices=Step.choices)
    shared_on = models.DateField()
    what = EncryptedCharField(max_length=300, blank=True)
    response = models.CharField(max_length=12, choices=Response.choices)
    body_felt = EncryptedCharField(max_length=300, blank=True)
    interaction = models.ForeignKey(
        Interaction, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-shared_on", "-pk"]
        indexes = [models.Index(fields=["owner", "person", "-shared_on"])]

    def __str__(self):
        return f"A share with {self.person} ({self.shared_on:%-d %b})"

    @property
    def is_warm(self) -> bool:
        return self.response == Response.WARM

    def get_absolute_url(self):
        return reverse("growth:person", args=[self.person_id])


# --- Giving and receiving support ------------------------------------------------------------


class Direction(models.TextChoices):
    GIVEN = "given", "I gave support"
    RECEIVED = "received", "I received support"


class Capacity(models.IntegerChoices):
    WITHIN = 1, "Well within my limits"
    AT_EDGE = 2, "About at my limits"
    BEYOND = 3, "More than I had to give"


class Support(OwnedModel):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    direction = models.CharField(max_length=10, choices=Direction.choices)
    what = EncryptedCharField(max_length=300)
    happened_on = models.DateField()
    # Only for support given: how much of the user's own capacity it took.
    capacity = models.PositiveSmallIntegerField(choices=Capacity.choices, null=True, blank=True)

    class Meta:
        ordering = ["-happened_on", "-pk"]

    def __str__(self):
        verb = "Support for" if self.direction == Direction.GIVEN else "Support from"
        return f"{verb} {self.person} ({self.happened_on:%-d %b})"


# --- Belief reframing ----------------------------------------------------------------------


class Belief(OwnedModel):
    belief = EncryptedCharField(max_length=300)
    counter = EncryptedCharField("counter-belief", max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.belief

    def get_absolute_url(self):
        return reverse("growth:belief", args=[self.pk])


class BeliefRating(OwnedModel):
    """How true each side feels at one moment, 0 (not at all) to 100 (completely)."""

    belief = models.ForeignKey(Belief, on_delete=models.CASCADE, related_name="ratings")
    rated_at = models.DateTimeField(default=timezone.now)
    belief_true = models.PositiveSmallIntegerField(validators=PERCENT)
    counter_true = models.PositiveSmallIntegerField(null=True, blank=True, validators=PERCENT)

    class Meta:
        ordering = ["rated_at", "pk"]


class Leaning(models.TextChoices):
    FOR = "for", "Seems to support the belief"
    AGAINST = "against", "Speaks against the belief"


class Evidence(OwnedModel):
    """An entry the user chose to link to a belief. Exactly one of the three links is set."""

    belief = models.ForeignKey(Belief, on_delete=models.CASCADE, related_name="evidence")
    leaning = models.CharField(max_length=10, choices=Leaning.choices)
    interaction = models.ForeignKey(
        Interaction, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    share = models.ForeignKey(
        Share, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    support = models.ForeignKey(
        Support, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    note = EncryptedCharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(interaction__isnull=False, share__isnull=True, support__isnull=True)
                    | models.Q(interaction__isnull=True, share__isnull=False, support__isnull=True)
                    | models.Q(interaction__isnull=True, share__isnull=True, support__isnull=False)
                ),
                name="evidence_links_one_entry",
            )
        ]

    @property
    def entry(self):
        return self.interaction or self.share or self.support


# --- Reflection prompts ----------------------------------------------------------------------


class Reflection(OwnedModel):
    """An answer to a prompt. The prompt's wording is kept so the answer reads right later."""

    prompt_key = models.CharField(max_length=40)
    prompt_text = models.CharField(max_length=300)
    answer = EncryptedTextField(max_length=MAX_TEXT)
    answered_on = models.DateField()

    class Meta:
        ordering = ["-answered_on", "-pk"]

    def __str__(self):
        return self.prompt_text


class PromptSetAside(OwnedModel):
    """A prompt the user waved away on home; it rests for a while."""

    prompt_key = models.CharField(max_length=40)
    set_aside_on = models.DateField()


# --- Nudges ------------------------------------------------------------------------------------


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class NudgeSettings(OwnedModel):
    """One row per user: pause, the calendar feed's secret and when home was last opened."""

    paused = models.BooleanField(default=False)
    paused_until = models.DateField(null=True, blank=True)
    feed_token = models.CharField(max_length=64, null=True, blank=True, unique=True)
    last_seen_on = models.DateField(null=True, blank=True)
    welcome_on = models.DateField(null=True, blank=True)
    email_digest = models.BooleanField(default=False)
    digest_sent_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner"], name="one_nudge_settings_per_user")
        ]

    def is_paused(self, today) -> bool:
        return self.paused and (self.paused_until is None or today <= self.paused_until)


class NudgeRest(OwnedModel):
    """A snooze or a "not now" for one person: no nudge for them through `until`."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    until = models.DateField()
