from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from withness.accounts.encrypted import EncryptedCharField, EncryptedTextField
from withness.ownership import OwnedModel
from withness.people.models import Person

from . import body
from .titles import change_words, checkin_title, solitude_title, state_words, who_of

PLEASANT_VALIDATORS = [MinValueValidator(-5), MaxValueValidator(5)]
ENERGY_VALIDATORS = [MinValueValidator(0), MaxValueValidator(10)]
MAX_DURATION_MIN = 24 * 60
MAX_NOTE = 20000


class Mode(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    CALL = "call", "Call"
    VIDEO = "video", "Video"
    MESSAGES = "messages", "Messages"
    ONLINE = "online", "Online community"
    OTHER = "other", "Other"


class Setting(models.TextChoices):
    HOME = "home", "At home"
    THEIR_PLACE = "their_place", "At their place"
    WORK = "work", "Work or school"
    OUTDOORS = "outdoors", "Outdoors"
    PUBLIC = "public", "Café, shop or public place"
    ONLINE = "online", "Online"
    OTHER = "other", "Somewhere else"


class InitiatedBy(models.TextChoices):
    ME = "me", "I did"
    THEM = "them", "They did"
    BOTH = "both", "Both of us / planned together"


class Depth(models.IntegerChoices):
    SMALL_TALK = 0, "Small talk"
    EVERYDAY = 1, "Everyday things"
    FEELINGS = 2, "How I feel today"
    PERSONAL = 3, "Something personal"
    VULNERABLE = 4, "Something vulnerable"


class EnergyAfter(models.IntegerChoices):
    VERY_DRAINED = -2, "Very drained"
    DRAINED = -1, "A bit drained"
    NEUTRAL = 0, "About the same"
    RESTORED = 1, "A bit restored"
    VERY_RESTORED = 2, "Very restored"


class Activity(models.TextChoices):
    REST = "rest", "Rest"
    NATURE = "nature", "Nature"
    MEDITATION = "meditation", "Meditation or prayer"
    CREATIVE = "creative", "Creative"
    CHORES = "chores", "Chores"
    SCREENS = "screens", "Screens"
    OTHER = "other", "Something else"


class Level(models.IntegerChoices):
    NONE = 0, "None"
    SOME = 1, "Some"
    A_LOT = 2, "A lot"


class SleepQuality(models.IntegerChoices):
    POOR = 1, "Poor"
    UNEVEN = 2, "Uneven"
    OKAY = 3, "Okay"
    GOOD = 4, "Good"
    DEEP = 5, "Deep and restful"


class Timed(OwnedModel):
    """An entry with a start, a length and a state before and after."""

    started_at = models.DateTimeField(default=timezone.now, db_index=True)
    duration_min = models.PositiveIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_DURATION_MIN)]
    )
    before_pleasant = models.FloatField(null=True, blank=True, validators=PLEASANT_VALIDATORS)
    before_energy = models.FloatField(null=True, blank=True, validators=ENERGY_VALIDATORS)
    after_pleasant = models.FloatField(null=True, blank=True, validators=PLEASANT_VALIDATORS)
    after_energy = models.FloatField(null=True, blank=True, validators=ENERGY_VALIDATORS)
    note = EncryptedTextField(blank=True, max_length=MAX_NOTE)
    # Bumped on every edit, so a save from a stale tab is refused instead of overwriting.
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True
        ordering = ["-started_at", "-pk"]

    @property
    def before_words(self):
        return state_words(self.before_pleasant, self.before_energy)

    @property
    def after_words(self):
        return state_words(self.after_pleasant, self.after_energy)

    def state_change(self):
        """Pleasantness after minus before, or None when either is missing."""
        if self.before_pleasant is None or self.after_pleasant is None:
            return None
        return self.after_pleasant - self.before_pleasant

    def state_change_words(self) -> str:
        """The change in plain words ("much more pleasant after"), or "" when it is unknown."""
        return change_words(self.state_change())


class Interaction(Timed):
    people = models.ManyToManyField(Person, through="Participation", related_name="interactions")
    group = models.CharField(
        max_length=80, blank=True, help_text="A group or setting, e.g. 'support group'."
    )
    group_size = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(10000)]
    )
    mode = models.CharField(max_length=20, choices=Mode.choices, default=Mode.IN_PERSON)
    setting = models.CharField(max_length=20, choices=Setting.choices, blank=True)
    initiated_by = models.CharField(max_length=10, choices=InitiatedBy.choices, blank=True)
    depth = models.PositiveSmallIntegerField(choices=Depth.choices, null=True, blank=True)
    felt_safe = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(10)]
    )
    body_signals = models.JSONField(default=list, blank=True)
    energy_after = models.SmallIntegerField(choices=EnergyAfter.choices, null=True, blank=True)
    # Set while the after-state is still to come ("about to see Sam").
    after_due_at = models.DateTimeField(null=True, blank=True)

    class Meta(Timed.Meta):
        indexes = [models.Index(fields=["owner", "-started_at"])]

    kind = "interaction"

    def __str__(self):
        return f"Time with {self.who()}"

    def live_people(self) -> list[Person]:
        """Who was there, leaving out anyone now in recently deleted."""
        return [p for p in self.people.all() if p.deleted_at is None]

    def who(self) -> str:
        return who_of([p.name for p in self.live_people()], self.group)

    def body_signal_labels(self):
        return [body.label_for(s) for s in self.body_signals]


class Participation(models.Model):
    """Who was there. Carries the owner so every per-user table can be sharded by user."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    interaction = models.ForeignKey(Interaction, on_delete=models.CASCADE)
    person = models.ForeignKey(Person, on_delete=models.CASCADE)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["interaction", "person"], name="one_participation")
        ]

    def __str__(self):
        return f"{self.person} in {self.interaction}"


class Solitude(Timed):
    chosen = models.BooleanField(default=True)
    activity = models.CharField(max_length=20, choices=Activity.choices, default=Activity.REST)
    restorative = models.BooleanField(null=True, blank=True)

    class Meta(Timed.Meta):
        indexes = [models.Index(fields=["owner", "-started_at"])]

    kind = "solitude"

    def __str__(self):
        return solitude_title(self.chosen)


class CheckIn(OwnedModel):
    """How the day is going. One per day, edited rather than repeated."""

    day = models.DateField()
    recorded_at = models.DateTimeField(default=timezone.now, db_index=True)
    pleasant = models.FloatField(validators=PLEASANT_VALIDATORS)
    energy = models.FloatField(validators=ENERGY_VALIDATORS)
    racing_thoughts = models.PositiveSmallIntegerField(
        "racing or loud thoughts", choices=Level.choices, default=Level.NONE
    )
    anxiety = models.PositiveSmallIntegerField("anxiety", choices=Level.choices, default=Level.NONE)
    irritability = models.PositiveSmallIntegerField(
        "irritability", choices=Level.choices, default=Level.NONE
    )
    tension = models.PositiveSmallIntegerField(
        "tension in the body", choices=Level.choices, default=Level.NONE
    )
    poor_sleep = models.PositiveSmallIntegerField(
        "trouble sleeping", choices=Level.choices, default=Level.NONE
    )
    sleep_hours = models.FloatField(
        null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(24)]
    )
    sleep_quality = models.PositiveSmallIntegerField(
        choices=SleepQuality.choices, null=True, blank=True
    )
    social_capacity = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(10)]
    )
    note = EncryptedCharField(max_length=500, blank=True)
    revision = models.PositiveIntegerField(default=1)

    SIGNS = ["racing_thoughts", "anxiety", "irritability", "tension", "poor_sleep"]

    class Meta:
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "day"],
                condition=models.Q(deleted_at__isnull=True),
                name="one_checkin_a_day",
            )
        ]

    kind = "checkin"

    def __str__(self):
        return checkin_title(self.day, timezone.localdate().year)

    @property
    def started_at(self):
        return self.recorded_at

    @property
    def words(self):
        return state_words(self.pleasant, self.energy)

    def signs_present(self):
        return [
            (name, self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in self.SIGNS
            if getattr(self, name)
        ]
