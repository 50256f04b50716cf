"""Care and safety: a personal safety plan, kept in the person's own words."""

from django.db import models
from django.utils import timezone

from withness.accounts.encrypted import EncryptedJSONField, EncryptedTextField
from withness.ownership import OwnedModel
from withness.people.models import Person

MAX_ITEMS = 15
MAX_ITEM_LENGTH = 200


class PlanPart(models.TextChoices):
    """The six parts of established safety planning, in our own words, in their usual order."""

    WARNING_SIGNS = "warning_signs", "Warning signs I notice"
    SETTLE_ALONE = "settle_alone", "What I can do on my own to settle"
    DISTRACTIONS = "distractions", "People and places that take my mind off things"
    ASK_FOR_HELP = "ask_for_help", "People I can ask for help"
    PROFESSIONALS = "professionals", "Professionals and crisis lines"
    SAFER_SURROUNDINGS = "safer_surroundings", "Making my surroundings safer"


PART_HINTS = {
    PlanPart.WARNING_SIGNS: "Thoughts, feelings or moments that tell you it is getting harder.",
    PlanPart.SETTLE_ALONE: "Small things that help you settle when you are on your own.",
    PlanPart.DISTRACTIONS: "Places to go, or people to be around, without having to talk about it.",
    PlanPart.ASK_FOR_HELP: "People you could tell that you are having a hard time.",
    PlanPart.PROFESSIONALS: "Your doctor, therapist, or a line you can call or text, with numbers.",
    PlanPart.SAFER_SURROUNDINGS: "Steps that would make where you are a little safer.",
}

# The two parts where people from the journal can be picked as well as written in.
PEOPLE_PARTS = (PlanPart.DISTRACTIONS, PlanPart.ASK_FOR_HELP)
# The parts of people and places to reach, where a phone number becomes a link to call.
# Elsewhere a number is more likely a count ("walk 1000 steps") than someone to ring.
CONTACT_PARTS = (PlanPart.DISTRACTIONS, PlanPart.ASK_FOR_HELP, PlanPart.PROFESSIONALS)


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class SafetyPlan(OwnedModel):
    """One plan per person. Each part is a short list, one item a line, in their own words.

    The plan never contacts anyone: the people in it are reminders for the person, not recipients.
    """

    warning_signs = EncryptedTextField(blank=True)
    settle_alone = EncryptedTextField(blank=True)
    distractions = EncryptedTextField(blank=True)
    ask_for_help = EncryptedTextField(blank=True)
    professionals = EncryptedTextField(blank=True)
    safer_surroundings = EncryptedTextField(blank=True)
    reasons_for_living = EncryptedTextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner"], name="care_one_plan_per_owner")]

    def __str__(self):
        return f"Safety plan of {self.owner}"

    def people_in(self, part: str) -> list[Person]:
        return [link.person for link in self._live_links().filter(part=part)]

    def _live_links(self):
        """The picked people not in recently deleted, by name (one query for every part)."""
        live = self.people.filter(person__deleted_at__isnull=True).select_related("person")
        return live.order_by("person__name")

    def parts(self) -> list[dict]:
        """Every part in order, with its items and picked people, ready for a page or the PDF."""
        picked: dict[str, list[Person]] = {}
        for link in self._live_links():
            picked.setdefault(link.part, []).append(link.person)
        return [
            {
                "key": part.value,
                "title": part.label,
                "hint": PART_HINTS[part],
                "items": lines_of(getattr(self, part.value)),
                "people": picked.get(part.value, []) if part in PEOPLE_PARTS else [],
                "contacts": part in CONTACT_PARTS,
            }
            for part in PlanPart
        ]

    @property
    def reasons(self) -> list[str]:
        return lines_of(self.reasons_for_living)

    @property
    def is_empty(self) -> bool:
        return not self.reasons and not any(p["items"] or p["people"] for p in self.parts())


class SafetyPlanPerson(OwnedModel):
    """Someone from the journal, picked for one part of the plan."""

    plan = models.ForeignKey(SafetyPlan, on_delete=models.CASCADE, related_name="people")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    part = models.CharField(max_length=20, choices=PlanPart.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "person", "part"], name="care_plan_person_once")
        ]


DEFAULT_QUESTIONNAIRE_DAYS = 14


class CarePreferences(OwnedModel):
    """Per-person choices for the gentle note and the questionnaires. Missing means defaults."""

    drift_note_on = models.BooleanField(default=True)
    drift_note_quiet_until = models.DateField(null=True, blank=True)
    questionnaires_on = models.BooleanField(default=False)
    questionnaire_every_days = models.PositiveSmallIntegerField(default=DEFAULT_QUESTIONNAIRE_DAYS)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner"], name="care_one_prefs_per_owner")]


class Instrument(models.TextChoices):
    WHO5 = "who5", "WHO-5 well-being index"
    UCLA3 = "ucla3", "Three-item loneliness scale"


class QuestionnaireAnswer(OwnedModel):
    """One completed questionnaire: the answers as given, and the score they add up to."""

    instrument = models.CharField(max_length=10, choices=Instrument.choices)
    answered_on = models.DateField()
    answers = models.JSONField()
    score = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["answered_on", "pk"]
        indexes = [models.Index(fields=["owner", "instrument", "answered_on"])]


class TherapistSummary(OwnedModel):
    """A summary the person built for someone who supports them, frozen as it was previewed."""

    start = models.DateField()
    end = models.DateField()
    sections = models.JSONField(default=list)
    show_names = models.BooleanField(default=False)
    # Exactly what the preview showed, sealed with the owner's key: it holds the notes they
    # picked and their safety plan. Each share link keeps its own sealed copy.
    snapshot = EncryptedJSONField(default=dict)

    class Meta:
        ordering = ["-created_at", "-pk"]


class ShareLink(OwnedModel):
    """A secret, read-only, expiring address for one summary. Revoking it is immediate.

    The database keeps only a hash of the token, to find the link, and the token itself
    sealed with the owner's key, so they can copy the address again. The summary travels
    with the link as its own copy, sealed with a key made from the token: whoever opens the
    address reads it without the owner's key, and the database alone reads nothing.
    """

    summary = models.ForeignKey(TherapistSummary, on_delete=models.CASCADE, related_name="links")
    token = EncryptedTextField(blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    sealed_snapshot = models.JSONField(default=dict)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    @property
    def is_open(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def state(self) -> str:
        if self.revoked_at is not None:
            return "Revoked"
        return "Open" if self.is_open else "Expired"


class ShareLinkView(OwnedModel):
    """One opening of a share link: when, and a coarse browser family, nothing more."""

    link = models.ForeignKey(ShareLink, on_delete=models.CASCADE, related_name="views")
    viewed_at = models.DateTimeField()
    agent = models.CharField(max_length=40)

    class Meta:
        ordering = ["-viewed_at", "-pk"]
