from django.db import models
from django.urls import reverse

from withness.accounts.encrypted import EncryptedTextField
from withness.ownership import OwnedModel


class Relationship(models.TextChoices):
    FRIEND = "friend", "Friend"
    FAMILY = "family", "Family"
    PARTNER = "partner", "Partner"
    COLLEAGUE = "colleague", "Colleague or classmate"
    NEIGHBOUR = "neighbour", "Neighbour"
    COMMUNITY = "community", "Group or community"
    PROFESSIONAL = "professional", "Therapist or professional"
    OTHER = "other", "Other"


class FeltSafety(models.IntegerChoices):
    """The person's own sense of how safe someone feels. Theirs to say; never computed."""

    UNSAFE = 1, "Not safe"
    GUARDED = 2, "Guarded"
    MIXED = 3, "Mixed"
    MOSTLY = 4, "Mostly safe"
    SAFE = 5, "Safe"


# The scale in a short phrase, for lists and pages ("Sam feels mostly safe to you").
FELT_SAFETY_WORDS = {
    FeltSafety.UNSAFE: "doesn't feel safe to you",
    FeltSafety.GUARDED: "you feel guarded with them",
    FeltSafety.MIXED: "feels mixed to you",
    FeltSafety.MOSTLY: "feels mostly safe to you",
    FeltSafety.SAFE: "feels safe to you",
}


class Person(OwnedModel):
    """Someone in the user's life. A nickname is enough; we never ask for contact details."""

    name = models.CharField(max_length=80)
    relationship = models.CharField(max_length=20, choices=Relationship.choices, blank=True)
    felt_safety = models.PositiveSmallIntegerField(
        choices=FeltSafety.choices, null=True, blank=True
    )
    notes = EncryptedTextField(blank=True, max_length=20000)
    is_safe_person = models.BooleanField(default=False)
    checkin_every_days = models.PositiveSmallIntegerField(null=True, blank=True)
    # Bumped on every change, so a save from a stale tab is refused instead of overwriting.
    revision = models.PositiveIntegerField(default=1, db_default=1)

    class Meta:
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["owner", "name"])]

    def __str__(self):
        return self.name

    @property
    def felt_safety_words(self) -> str:
        return FELT_SAFETY_WORDS.get(self.felt_safety, "")

    def notes_merged_with(self, other: "Person") -> str:
        """These notes with the other person's added below, marked so nothing reads as one's own."""
        if not other.notes.strip():
            return self.notes
        added = f"From {other.name} (merged {self.owner.today():%-d %B %Y}):\n{other.notes}"
        return f"{self.notes.rstrip()}\n\n{added}" if self.notes.strip() else added

    def save_changes(self, *fields: str) -> None:
        """Save these fields alone, as a new revision, so an edit page opened before is told
        they changed rather than quietly putting back what it showed. Counted in the database
        (F), so a save racing with another can't hand out the same revision twice."""
        self.revision = models.F("revision") + 1
        self.save(update_fields=[*fields, "revision", "updated_at"])
        self.refresh_from_db(fields=["revision"])

    def get_absolute_url(self):
        return reverse("people:detail", args=[self.pk])
