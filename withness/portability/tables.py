"""Which tables hold a user's data, found at run time, and how their values travel.

A table belongs to the user when its model has an ``owner`` foreign key to the user
model. Models are discovered, not listed, so the records later areas add are exported,
imported and deleted without changes here. A model opts out of export (never out of
deletion) with a class attribute ``exported = False`` — for working state such as the
bookkeeping in this app, or secrets such as access tokens.

Relations between owned records travel as the referenced record's export id, never as a
database id, so a file can be imported into another account or another instance.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import uuid
from dataclasses import dataclass, field
from functools import cache

from django.apps import apps
from django.conf import settings
from django.db import connection, models

# Settings of the account itself that travel with an export. Identity and permissions
# (username, password, staff flags, dates of joining) stay with the instance.
USER_SKIPPED = {
    "id",
    "password",
    "last_login",
    "is_superuser",
    "is_staff",
    "is_active",
    "date_joined",
    "username",
}


def user_model():
    return apps.get_model(settings.AUTH_USER_MODEL)


def is_owned(model) -> bool:
    """A concrete model with an ``owner`` foreign key to the user model."""
    if model._meta.abstract or model._meta.proxy or not model._meta.managed:
        return False
    try:
        owner = model._meta.get_field("owner")
    except Exception:
        return False
    one = owner.is_relation and (owner.many_to_one or owner.one_to_one)
    return bool(one and owner.related_model is user_model())


def label_of(model) -> str:
    return model._meta.label_lower


@dataclass(frozen=True)
class Table:
    model: type[models.Model]
    fields: tuple[models.Field, ...]
    #: Foreign keys (by field name) to other exported owned tables: travel as export ids.
    links: dict[str, type[models.Model]] = field(default_factory=dict)
    #: Many-to-many fields without their own through table: a list of export ids.
    many: dict[str, type[models.Model]] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return label_of(self.model)


def owned_models() -> list[type[models.Model]]:
    """Every model holding rows that belong to one user, in a stable order."""
    return sorted((m for m in apps.get_models() if is_owned(m)), key=label_of)


# Owned tables kept out of exports by this app's decision, with the reason. A model can
# say the same of itself with ``exported = False``.
NOT_EXPORTED = {
    "api.apitoken": "access tokens are secrets that work only on this instance",
    "insights.insightssnapshot": "a cache of the pattern-finder, rebuilt from the journal",
    "insights.insightschart": "a cache of the pattern-finder, rebuilt from the journal",
}


def _is_exported(model) -> bool:
    if label_of(model) in NOT_EXPORTED:
        return False
    return getattr(model, "exported", True) is not False


def _columns(model, exported: set) -> tuple[tuple, dict, dict]:
    fields, links, many = [], {}, {}
    for f in model._meta.concrete_fields:
        if f.primary_key or f.name == "owner":
            continue
        if f.is_relation:
            target = f.related_model
            if target in exported:
                links[f.name] = target
            elif is_owned(target) or target is user_model():
                # An excluded table, or another account: nothing that can travel.
                continue
            else:
                # Not the user's data, so no export id: left out here, and named by
                # unsupported_links() so a test fails until someone decides.
                _UNSUPPORTED.add(f"{label_of(model)}.{f.name} -> {label_of(target)}")
                continue
        fields.append(f)
    for f in model._meta.many_to_many:
        through = f.remote_field.through
        if through._meta.auto_created and f.related_model in exported:
            many[f.name] = f.related_model
    return tuple(fields), links, many


_UNSUPPORTED: set[str] = set()


def unsupported_links() -> list[str]:
    """Links from an exported table to a table no user owns, which an export can't carry."""
    exported_tables()
    return sorted(_UNSUPPORTED)


@cache
def exported_tables() -> tuple[Table, ...]:
    """Exported tables, each after the tables it points to (so an import can resolve links)."""
    exported = {m for m in owned_models() if _is_exported(m)}
    tables = {}
    for model in sorted(exported, key=label_of):
        fields, links, many = _columns(model, exported)
        tables[model] = Table(model, fields, links, many)
    ordered: list[Table] = []
    placed: set = set()

    def place(model, path=()):
        if model in placed:
            return
        if model in path:
            raise TypeError(f"owned tables point at each other in a loop: {path}")
        table = tables[model]
        for target in list(table.links.values()) + list(table.many.values()):
            if target is not model:
                place(target, (*path, model))
        placed.add(model)
        ordered.append(table)

    for model in sorted(exported, key=label_of):
        place(model)
    return tuple(ordered)


def not_exported() -> list[type[models.Model]]:
    return [m for m in owned_models() if not _is_exported(m)]


def user_fields() -> list[models.Field]:
    return [
        f
        for f in user_model()._meta.concrete_fields
        if f.name not in USER_SKIPPED and not f.is_relation
    ]


# --------------------------------------------------------------------------- values


def encode(value):
    """A field's Python value as plain JSON: times in UTC ISO 8601, decimals as text."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return value


def _same(value):
    return value


def encoder_for(f: models.Field):
    """A fast :func:`encode` for one field's values (plain values pass through untouched)."""
    if isinstance(
        f,
        models.CharField
        | models.TextField
        | models.IntegerField
        | models.FloatField
        | models.BooleanField
        | models.JSONField,
    ):
        return _same
    return encode


def _raw_datetime(value):
    # The SQLite driver hands back naive UTC times: the same digits isoformat writes for
    # the aware time, with the offset added, without Django making each one aware first.
    if isinstance(value, str):
        return value.replace(" ", "T", 1) + "+00:00"
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        return value.isoformat() + "+00:00"
    return encode(value)


def _raw_bool(value):
    return None if value is None else bool(value)


def _raw_json(value):
    if value == "[]":  # most lists of body signals: no parse needed
        return []
    return json.loads(value) if isinstance(value, str) else value


def _raw_date(value):
    return value if isinstance(value, str) or value is None else value.isoformat()


_RAW = {
    models.CharField: _same,
    models.TextField: _same,
    models.IntegerField: _same,
    models.PositiveIntegerField: _same,
    models.PositiveSmallIntegerField: _same,
    models.PositiveBigIntegerField: _same,
    models.SmallIntegerField: _same,
    models.BigIntegerField: _same,
    models.FloatField: _same,
    models.BooleanField: _raw_bool,
    models.DateTimeField: _raw_datetime,
    models.DateField: _raw_date,
    models.JSONField: _raw_json,
}


def raw_encoder_for(f: models.Field):
    """How to turn the database's own value of this field into its export value.

    Only for the exact built-in field types whose stored form is known, and only on SQLite
    (where Django's converters are most of the cost); None means "use the ORM's value".
    """
    if connection.vendor != "sqlite" or settings.USE_TZ is not True:
        return None
    if f.is_relation:
        return _same
    raw = _RAW.get(type(f))
    if raw is None and isinstance(f, models.TextField) and hasattr(f, "from_db_value"):
        # Text that reads its stored form back in Python (sealed notes): the ORM's own
        # conversion, without the rest of the ORM's per-value work.
        return lambda value: f.from_db_value(value, None, connection)
    return raw


def decode(f: models.Field, value):
    """The inverse of :func:`encode` for one field; raises ValidationError on nonsense."""
    if value is None:
        return None
    if isinstance(f, models.BinaryField):
        return bytes.fromhex(value)
    if isinstance(f, models.DurationField):
        return dt.timedelta(seconds=float(value))
    if isinstance(f, models.JSONField):
        return value
    if isinstance(f, models.FloatField) and isinstance(value, bool):
        from django.core.exceptions import ValidationError

        raise ValidationError("a number is needed here")
    return f.to_python(value)
