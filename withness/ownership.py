"""Every row belongs to one person. These pieces make scoping one line and hard to forget."""

from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils import timezone


class OwnedQuerySet(models.QuerySet):
    def for_user(self, user):
        """The user's live rows: owned by them and not in the recently deleted list."""
        return self.filter(owner=user, deleted_at__isnull=True)

    def deleted_for(self, user):
        return self.filter(owner=user, deleted_at__isnull=False)


class OwnedModel(models.Model):
    """A row owned by one user, soft-deleted first so a delete can be undone."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    deleted_at = models.DateTimeField(null=True, blank=True, db_index=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        abstract = True

    def soft_delete(self):
        self.deleted_at = timezone.now()
        self.save(update_fields=["deleted_at", "updated_at"])

    def restore(self):
        self.deleted_at = None
        self.save(update_fields=["deleted_at", "updated_at"])


class StaleEdit(Exception):
    """The row (an entry, a person) changed, in another tab or device, after its form was opened."""


def check_revision(row, revision) -> None:
    """Refuse (StaleEdit) a save made from a form opened on an older revision of the row."""
    if revision is not None and revision != row.revision:
        raise StaleEdit


def get_object_for_user(model, request, pk, *, deleted=False):
    """The user's object with this id, or 404 for anything else (never 403: no hint it exists)."""
    queryset = model.objects.deleted_for if deleted else model.objects.for_user
    try:
        return queryset(request.user).get(pk=int(pk))
    except (model.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404 from None
