"""Model fields whose values are sealed with the row owner's data key (see vault.py).

Sealing happens in ``pre_save``, on the value sent to the database only: the instance keeps
its plaintext after a save. ``get_db_prep_save`` refuses any unsealed value, so a
``queryset.update(note=...)`` or ``bulk_update`` cannot slip plaintext past the seal.
Lookups (``note__icontains``) run on the stored, sealed value and find nothing useful:
search decrypts in Python instead (portability/selectors.py).
"""

import json

from django import forms
from django.core import validators
from django.db import models

from . import vault


class EncryptedTextField(models.TextField):
    """Free text in the person's own words, sealed at rest. Needs an ``owner`` on the row."""

    def pre_save(self, model_instance, add):
        return self.sealed(model_instance.owner_id, super().pre_save(model_instance, add))

    def sealed(self, owner_id: int, value):
        """The value to store for this owner."""
        return vault.seal(owner_id, value)

    def stored_plain(self) -> models.Q:
        """Rows whose stored value is words not yet sealed (written before sealing)."""
        name = self.attname
        return models.Q(**{f"{name}__gt": ""}) & ~models.Q(**{f"{name}__startswith": vault.PREFIX})

    def from_db_value(self, value, expression, connection):
        return vault.unseal(value)

    def get_db_prep_save(self, value, connection):
        if value and not isinstance(value, vault.ForDatabase) and not vault.is_sealed(value):
            raise vault.VaultLocked(
                f"Unsealed text for {self.model.__name__}.{self.name}: write it with save()."
            )
        return super().get_db_prep_save(value, connection)


class EncryptedCharField(EncryptedTextField):
    """A one-line answer (``what``, ``belief``), sealed. Stored as text, since a sealed value
    is longer than the words; the length limit stays where people meet it, in the form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.max_length is not None:
            self.validators.append(validators.MaxLengthValidator(self.max_length))

    def formfield(self, **kwargs):
        return models.Field.formfield(
            self, **{"form_class": forms.CharField, "max_length": self.max_length, **kwargs}
        )


class LockedData(dict):
    """A sealed JSON value read without its key: empty, but saving keeps the seal."""

    sealed: str = ""


class EncryptedJSONField(models.JSONField):
    """Structured data that holds someone's words (an imported row), sealed as one value."""

    def pre_save(self, model_instance, add):
        return self.sealed(model_instance.owner_id, super().pre_save(model_instance, add))

    def sealed(self, owner_id: int, value):
        """The value to store for this owner."""
        if isinstance(value, LockedData):
            return {"sealed": value.sealed}
        if not value:
            return value
        sealed = vault.seal(owner_id, json.dumps(value))
        return {"sealed": str(sealed)} if vault.is_sealed(sealed) else value

    def stored_plain(self) -> models.Q:
        """Rows whose stored value is data not yet sealed (written before sealing)."""
        name = self.attname
        return ~models.Q(**{f"{name}__has_key": "sealed"}) & ~models.Q(**{name: {}})

    def from_db_value(self, value, expression, connection):
        value = super().from_db_value(value, expression, connection)
        if isinstance(value, dict) and set(value) == {"sealed"}:
            text = vault.unseal(value["sealed"])
            if isinstance(text, vault.LockedText):
                locked = LockedData()
                locked.sealed = value["sealed"]
                return locked
            return json.loads(text)
        return value


class EncryptedBinaryField(models.BinaryField):
    """A whole file someone uploaded (kept until its import ends), sealed at rest."""

    def pre_save(self, model_instance, add):
        return vault.seal_bytes(model_instance.owner_id, super().pre_save(model_instance, add))

    def from_db_value(self, value, expression, connection):
        return vault.unseal_bytes(value)


def sealed_fields(model) -> list[models.Field]:
    """The model's sealed text and JSON columns (files are sealed too, but never swept)."""
    sealed = (EncryptedTextField, EncryptedJSONField)
    return [f for f in model._meta.concrete_fields if isinstance(f, sealed)]


def matching_ids(rows, fields: list[str], words: str, limit: int | None = None) -> list[int]:
    """Ids of rows whose sealed text contains the words, in the queryset's order.

    The database cannot look inside sealed text, so this reads only the id and the text,
    opens each value here and matches case-insensitively. Other criteria stay in SQL:
    combine with ``Q(pk__in=...)``. ``limit`` stops at the first so many matches.
    """
    needle = words.casefold()
    found = []
    for pk, *texts in rows.values_list("pk", *fields).iterator(chunk_size=2000):
        if any(mentions(text, needle) for text in texts):
            found.append(pk)
            if limit is not None and len(found) >= limit:
                break
    return found


def mentions(text, needle: str) -> bool:
    """Whether opened text holds the (casefolded) words. The placeholder of a note whose key
    is not here holds none: "locked" must not find it."""
    return bool(text) and not isinstance(text, vault.LockedText) and needle in text.casefold()
