import secrets
import zoneinfo
from datetime import timedelta

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone

INVITE_LIFETIME = timedelta(days=14)


class User(AbstractUser):
    """A person with a journal. The first one to sign up owns the instance."""

    time_zone = models.CharField(max_length=64, default="UTC")
    country = models.CharField(
        max_length=2, blank=True, help_text="Sets which crisis lines Help now shows."
    )
    # Made by `withness demo`, which may wipe and refill it; no one else's account is.
    is_demo = models.BooleanField(default=False, db_default=False, editable=False)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")

    def today(self):
        return timezone.localtime(timezone.now(), self.zone).date()


def new_invite_code() -> str:
    return secrets.token_urlsafe(16)


class InviteQuerySet(models.QuerySet):
    def usable(self):
        # A switched-off owner's links close with the account, like its tokens and feed.
        return self.filter(
            used_at__isnull=True, expires_at__gt=timezone.now(), created_by__is_active=True
        )


class Invite(models.Model):
    """A single-use link the owner hands to someone, for instances with invite-only sign-up."""

    code = models.CharField(max_length=32, unique=True, default=new_invite_code)
    note = models.CharField(max_length=80, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invites_made")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    # used_at, not only used_by: if that account is later deleted the invite must stay spent.
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.OneToOneField(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="invite_used"
    )

    objects = InviteQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.note or f"Invite {self.code[:6]}…"

    def save(self, *args, **kwargs):
        if not self.expires_at:
            self.expires_at = timezone.now() + INVITE_LIFETIME
        super().save(*args, **kwargs)

    @property
    def is_used(self) -> bool:
        return self.used_at is not None or self.used_by_id is not None

    @property
    def is_usable(self) -> bool:
        return not self.is_used and self.expires_at > timezone.now() and self.created_by.is_active


class DataKey(models.Model):
    """The person's data key, only ever stored wrapped (see vault.py).

    ``by_password`` and ``by_recovery`` each hold a salt, a nonce, the wrapped key and the
    derivation's parameters. Neither opens without the password or the recovery code.
    """

    owner = models.OneToOneField(User, on_delete=models.CASCADE, related_name="data_key")
    key_id = models.CharField(max_length=16, unique=True)
    by_password = models.JSONField()
    by_recovery = models.JSONField()
    # Sealed columns ("app_label.model.field") whose older plaintext rows have been sealed
    # for this person; see vault.seal_new_columns.
    swept_columns = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Not part of the journal: an export is plaintext already, and an import is sealed
    # with the importing account's own key.
    exported = False

    def __str__(self):
        return f"Data key {self.key_id}"
