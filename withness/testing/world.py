"""A full journal for one person: one live row (and one recently deleted row) of every model
that belongs to a user, built generically so that models added later are covered too.

Factories are used where they exist, because they know each model's sensible values; every
other model is filled field by field. Every free-text field gets a marker that is unique to
this person and this field, so a test can ask "did any of it reach that page?".
"""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from . import factories

FACTORIES = {
    "people.Person": factories.PersonFactory,
    "journal.Interaction": factories.InteractionFactory,
    "journal.Solitude": factories.SolitudeFactory,
    "journal.CheckIn": factories.CheckInFactory,
}


def _import_run(**values):
    """An import waiting for review needs a file the importer can read again."""
    from withness.portability.imports import import_run_create

    name = values.get("filename", "contacts")
    card = f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nEND:VCARD\r\n".encode()
    run = import_run_create(user=values["owner"], source="vcard", filename=f"{name}.vcf", data=card)
    type(run).objects.filter(pk=run.pk).update(id=values["id"])
    return type(run).objects.get(pk=values["id"])


def _totp_device(**values):
    """Two-step sign-in, on: a real key, so the device works like one set up in Settings."""
    from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

    return TOTPDevice.objects.create(**{**values, "key": default_key(), "confirmed": True})


def _data_key(**values):
    """Every account has its data key from the start (UserFactory makes it): that one."""
    from withness.accounts.models import DataKey

    return DataKey.objects.get(owner=values["owner"])


# Models whose rows only make sense when built by their own service.
BUILDERS = {
    "portability.ImportRun": _import_run,
    "otp_totp.TOTPDevice": _totp_device,
    "accounts.DataKey": _data_key,
}

# Names of user foreign keys that mean "this row is theirs" even when the column may be empty.
OWNER_FIELD_NAMES = ("owner", "created_by", "user")

XSS_PAYLOAD = "<script>alert(1)</script><img src=x onerror=alert(1)>"
_SHORTER_PAYLOADS = (XSS_PAYLOAD, "<script>alert(1)</script>", "<b>x</b>")


def user_model():
    return apps.get_model(settings.AUTH_USER_MODEL)


def user_fks(model) -> list[models.ForeignKey]:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.ForeignKey) and f.related_model is user_model()
    ]


def owner_fks(model) -> list[models.ForeignKey]:
    """The user foreign keys that make a row someone's: named like an owner, or required."""
    return [f for f in user_fks(model) if f.name in OWNER_FIELD_NAMES or not f.null]


def owned_models() -> list[type[models.Model]]:
    """Every concrete model whose rows belong to a user, in a stable order."""
    found = [
        m for m in apps.get_models() if m is not user_model() and not m._meta.proxy and owner_fks(m)
    ]
    return sorted(found, key=lambda m: m._meta.label)


def is_free_text(f) -> bool:
    return (
        isinstance(f, models.CharField | models.TextField)
        and not f.choices
        and not f.primary_key
        and f.editable
    )


@dataclass
class World:
    owner: object
    objects: dict[type, list] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)

    def all_objects(self):
        return [o for objs in self.objects.values() for o in objs]

    def live(self, model):
        objs = self.objects.get(model) or []
        live = [o for o in objs if getattr(o, "deleted_at", None) is None]
        return live[0] if live else None


class _Texts:
    """Unique markers (or payloads) for free-text fields."""

    def __init__(self, prefix: str, xss: bool):
        self.prefix = prefix
        self.xss = xss
        self.counter = itertools.count(1)
        self.used: list[str] = []

    def for_field(self, f) -> str:
        limit = f.max_length or 10_000
        if self.xss:
            text = next((p for p in _SHORTER_PAYLOADS if len(p) <= limit), "x")
        else:
            text = f"{self.prefix}{next(self.counter):03d}x"
            if len(text) > limit:
                return uuid.uuid4().hex[:limit]
        if isinstance(f, models.EmailField):
            text = f"{next(self.counter)}q@example.com"
        self.used.append(text)
        return text


def build_world(owner, *, prefix: str = "Wq", xss: bool = False, pk_base: int = 1000) -> World:
    """One live row and, where rows can be soft-deleted, one deleted row of every owned model.

    Rows get explicit ids, spaced per model (model i gets pk_base*(i+1)+1 and +2), so ids of
    different models never coincide and rows made later by anyone else never reuse them.
    """
    world = World(owner=owner)
    texts = _Texts(prefix, xss)
    order = owned_models()
    bases = {m: pk_base * (i + 1) for i, m in enumerate(order)}

    def ensure(model):
        if model in world.objects:
            return world.live(model)
        world.objects[model] = []
        variants = (0, 1) if _has_field(model, "deleted_at") else (0,)
        for variant in variants:
            obj = _build_one(model, variant, bases[model] + 1 + variant, owner, texts, ensure)
            if obj is not None:
                world.objects[model].append(obj)
        return world.live(model)

    for model in order:
        ensure(model)
    world.texts = texts.used
    return world


def _has_field(model, name) -> bool:
    return any(f.name == name for f in model._meta.concrete_fields)


def _build_one(model, variant, pk, owner, texts, ensure: Callable):
    required, optional_fks = {}, []
    for f in model._meta.concrete_fields:
        if f.primary_key:
            if isinstance(f, models.AutoField | models.BigAutoField | models.SmallAutoField):
                required[f.attname] = pk
            continue
        value = _value_for(model, f, variant, owner, texts, ensure, optional_fks, pk)
        if value is not _SKIP:
            required[f.name] = value
    factory = FACTORIES.get(model._meta.label)
    # Some models need exactly one of several optional links (a check constraint): try none,
    # then each one alone, then all of them.
    attempts = [{}, *({f.name: v} for f, v in optional_fks), {f.name: v for f, v in optional_fks}]
    for extra in attempts:
        values = {**required, **extra}
        try:
            with transaction.atomic():
                if model._meta.label in BUILDERS:
                    return BUILDERS[model._meta.label](**values)
                if factory is not None:
                    return factory(**_for_factory(model, values))
                return model.objects.create(**values)
        except IntegrityError:
            continue
    if variant == 0:
        raise AssertionError(f"build_world cannot make a {model._meta.label}; add a factory")
    return None  # a second, deleted row is not allowed (say, one settings row per user)


_SKIP = object()


def _for_factory(model, values):
    """Factories know the numbers and choices; give them ids, links, dates and the texts."""
    keep = {}
    for f in model._meta.concrete_fields:
        key = f.attname if f.primary_key else f.name
        if key not in values:
            continue
        if (
            f.primary_key
            or f.is_relation
            or is_free_text(f)
            or f.name == "deleted_at"
            or isinstance(f, models.DateField)
            and not isinstance(f, models.DateTimeField)
        ):
            keep[key] = values[key]
    return keep


def _value_for(model, f, variant, owner, texts, ensure, optional_fks, pk=1):
    now = timezone.now()
    if f.name == "deleted_at":
        return now if variant else None
    if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
        return _SKIP
    if f.is_relation:
        target = f.related_model
        if target is user_model():
            if f.name in OWNER_FIELD_NAMES or not f.null:
                return owner
            return _SKIP
        if target is ContentType:
            return ContentType.objects.get_for_model(user_model())
        related = ensure(target) if target in owned_models() else target.objects.first()
        if f.null:
            if related is not None:
                optional_fks.append((f, related))
            return _SKIP
        return related
    if is_free_text(f):
        return texts.for_field(f)
    if f.has_default() or f.null:
        return _SKIP
    if f.choices:
        return f.choices[0][0]
    if isinstance(f, models.DateTimeField):
        return now - dt.timedelta(hours=1 + 24 * variant)
    if isinstance(f, models.DateField):
        return timezone.localdate() - dt.timedelta(days=variant)
    if isinstance(f, models.BooleanField):
        return False
    if isinstance(f, models.UUIDField):
        return uuid.uuid4()
    if isinstance(f, models.JSONField):
        return {}
    if isinstance(f, models.IntegerField) and f.name.endswith("_id"):
        return pk  # a generic reference (object_id): unique per row
    if isinstance(f, models.IntegerField | models.FloatField | models.DecimalField):
        return 1
    if isinstance(f, models.DurationField):
        return dt.timedelta(minutes=30)
    return _SKIP


def snapshot(owner) -> dict[str, list[dict]]:
    """Every row the owner has, as plain values: compare two snapshots to see a change."""
    result = {}
    for model in owned_models():
        query = models.Q()
        for f in owner_fks(model):
            query |= models.Q(**{f.name: owner})
        rows = model.objects.filter(query).order_by("pk").values()
        result[model._meta.label] = [dict(r) for r in rows]
    result["user"] = list(user_model().objects.filter(pk=owner.pk).values())
    return result
