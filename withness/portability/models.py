"""Bookkeeping for moving a journal in and out.

Every table here carries the owner, like every other per-user table, so an account
deletion and a shard by user both see them.
"""

import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse

from withness.accounts.encrypted import (
    EncryptedBinaryField,
    EncryptedCharField,
    EncryptedJSONField,
    EncryptedTextField,
)

from .outcome import outcome_lines


class RecordKey(models.Model):
    """The stable id a record carries in exports, so a re-import can tell it is already here.

    Database ids differ between instances (and between accounts on one instance); this id
    travels with the record. Made the first time a record is exported, or kept from the file
    when the record arrives by import.
    """

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    uid = models.CharField(max_length=64)

    # Not part of the user's journal: exports rebuild it from each row's "id".
    exported = False

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "uid"], name="one_record_per_uid"),
            models.UniqueConstraint(fields=["content_type", "object_id"], name="one_uid_a_record"),
        ]

    def __str__(self):
        return self.uid

    @staticmethod
    def new_uid() -> str:
        return str(uuid.uuid4())


class ImportStatus(models.TextChoices):
    REVIEW = "review", "Waiting for your review"
    RUNNING = "running", "Importing"
    DONE = "done", "Imported"
    FAILED = "failed", "Stopped with a problem"


class ImportRun(models.Model):
    """One file brought in from another app: its review, its progress and its report."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=20)
    filename = EncryptedCharField(max_length=255, blank=True)
    time_zone = models.CharField(max_length=64)
    status = models.CharField(
        max_length=10, choices=ImportStatus.choices, default=ImportStatus.REVIEW
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The uploaded file, kept only between the review and the end of the import; sealed.
    payload = EncryptedBinaryField(null=True, blank=True)
    mapping = models.JSONField(default=dict, blank=True)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict, blank=True)
    # The report can quote the file (a date that would not read), so it is sealed too.
    problems = EncryptedJSONField(default=list, blank=True)
    notes = EncryptedJSONField(default=list, blank=True)
    error = EncryptedTextField(blank=True)

    # Working state of an import, not part of the journal; what it brought in is exported.
    exported = False

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.source} import {self.created_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("portability:import_review", args=[self.pk])

    def outcome(self) -> list[str]:
        return outcome_lines(self.counts)

    @property
    def percent(self) -> int:
        if not self.total:
            return 100 if self.status == ImportStatus.DONE else 0
        return min(100, round(self.done * 100 / self.total))


class ImportedKind(models.TextChoices):
    MOOD = "mood", "Entry"
    PERSON = "person", "Person"


class ImportedEntry(models.Model):
    """One row of another app's file, kept whole next to what it became in withness.

    A mood entry becomes (part of) the day's check-in, a contact becomes a person; the
    row itself stays here with its source row, so nothing from the file is lost and a
    label mapping can be redone. ``source_key`` makes a re-import skip what is here.
    """

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=20)
    source_key = models.CharField(max_length=80)
    kind = models.CharField(max_length=10, choices=ImportedKind.choices)
    at = models.DateTimeField(null=True, blank=True, db_index=True)
    label = models.CharField(max_length=200, blank=True)
    pleasant = models.FloatField(null=True, blank=True)
    energy = models.FloatField(null=True, blank=True)
    # Sealed: the other app's row carries the person's own words.
    title = EncryptedTextField(blank=True)
    note = EncryptedTextField(blank=True)
    details = EncryptedJSONField(default=dict, blank=True)
    source_row = EncryptedJSONField(default=dict, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)
    checkin = models.ForeignKey(
        "journal.CheckIn", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "source", "source_key"], name="one_import_per_source_row"
            )
        ]
        indexes = [models.Index(fields=["owner", "source"])]

    def __str__(self):
        return f"{self.label or self.title or self.kind} from {self.source}"

    @property
    def source_title(self) -> str:
        """The app as people know it ("How We Feel"), not the importer's short name."""
        # Imported here: the importers package loads every parser, which no start-up needs.
        from .importers.detect import TITLES

        return TITLES.get(self.source, self.source)
