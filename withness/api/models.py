import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

TOKEN_PREFIX = "wtn_"
# Enough of the token to tell two apart in a list; far too little to guess the rest.
SHOWN_CHARS = len(TOKEN_PREFIX) + 6
USE_NOTED_EVERY = timedelta(minutes=1)
KEY_PURPOSE = b"withness api token"


class Scope(models.TextChoices):
    READ = "read", "Read only"
    WRITE = "write", "Read and write"
    APPEND = "append", "Add entries only"


def hash_secret(secret: str) -> str:
    # A plain SHA-256 is enough: the secret is 256 random bits, so there is nothing to brute-force,
    # and a fast hash lets every request look its token up by index.
    return hashlib.sha256(secret.encode()).hexdigest()


def new_secret() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)

    def for_user(self, user):
        return self.filter(owner=user).active()


class ApiToken(models.Model):
    """A personal access token. Only a hash of the secret is kept; the secret is shown once."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=80)
    scope = models.CharField(max_length=10, choices=Scope.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=SHOWN_CHARS)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # The owner's data key wrapped by a key derived from the secret, so requests with this
    # token can read and write sealed text. Made while the owner was signed in; emptied
    # on revocation. Tokens from before encryption have none.
    key_wrap = models.JSONField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def allows(self, method: str) -> bool:
        """Whether this token may make a request with this HTTP method.

        Every POST in the API creates an entry, so "append" is exactly "POST only".
        """
        method = method.upper()
        if self.scope == Scope.WRITE:
            return True
        if self.scope == Scope.READ:
            return method in ("GET", "HEAD", "OPTIONS")
        return method == "POST"

    def mark_used(self, *, now=None) -> None:
        """Note when the token was last used, at most once a minute to spare the database."""
        now = now or timezone.now()
        if self.last_used_at and now - self.last_used_at < USE_NOTED_EVERY:
            return
        ApiToken.objects.filter(pk=self.pk).update(last_used_at=now)
        self.last_used_at = now
