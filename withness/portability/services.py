"""Writes: bringing a withness export back in, and deleting an account with everything in it."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from withness.accounts.services import sessions_end
from withness.insights.selectors import person_key

from .exports import CARDS, FORMAT, VERSION, person_ct, record_keys
from .importers.text import has_unreadable
from .models import RecordKey
from .tables import (
    Table,
    decode,
    exported_tables,
    owned_models,
    user_fields,
    user_model,
)

BATCH = 500


class ImportRefused(Exception):
    """The file can't be imported as a whole; the message says why in plain words."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class TableCount:
    added: int = 0
    already_here: int = 0
    skipped: int = 0


@dataclass
class DocumentImportReport:
    tables: dict[str, TableCount] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    settings_applied: bool = False

    @property
    def added(self) -> int:
        return sum(c.added for c in self.tables.values())

    @property
    def already_here(self) -> int:
        return sum(c.already_here for c in self.tables.values())

    @property
    def skipped(self) -> int:
        return sum(c.skipped for c in self.tables.values())

    def summary(self) -> str:
        text = f"Added {self.added} records"
        if self.already_here:
            text += f"; {self.already_here} were already here and were left as they are"
        if self.skipped:
            text += f"; {self.skipped} were skipped (see below)"
        return text + "."


def read_document(data: bytes | str) -> dict:
    """Parse and check a withness JSON export; ImportRefused with a reason when it isn't one."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportRefused(
                "This file is not text in UTF-8, so it is not a withness export."
            ) from None
    try:
        document = json.loads(data)
    except json.JSONDecodeError as error:
        raise ImportRefused(
            f"This file is not valid JSON (line {error.lineno}, column {error.colno}), "
            "so it is not a complete withness export. Was it cut short?"
        ) from None
    if "\\u" in data and has_unreadable(document, marked=False):
        raise ImportRefused(
            "This file has a \\u escape that stands for half a character, which no text can "
            "hold, so nothing was imported. It may have been edited by hand or damaged: "
            "export it again from withness and import that file."
        )
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ImportRefused(
            'This JSON file is not a withness export (it has no "format": "withness"). '
            "For files from other apps, choose that app's importer."
        )
    version = document.get("version")
    if not isinstance(version, int) or version > VERSION or version < 1:
        raise ImportRefused(
            f"This export has version {version!r}; this withness reads version {VERSION}. "
            "Update withness, then import it again."
        )
    if not isinstance(document.get("tables"), dict):
        raise ImportRefused("This withness export has no tables in it; it may be damaged.")
    return document


def _existing_keys(user) -> dict[str, tuple[int, int]]:
    return {uid: key for key, uid in record_keys(user).items()}


def _account_is_empty(user) -> bool:
    return not any(t.model._base_manager.filter(owner=user).exists() for t in exported_tables())


class _Row:
    __slots__ = ("number", "obj", "stamps", "uid")

    def __init__(self, number, uid, obj, stamps):
        self.number, self.uid, self.obj, self.stamps = number, uid, obj, stamps


def _where(table: Table, number: int) -> str:
    return f"{table.model._meta.verbose_name_plural.capitalize()} ({table.label}), row {number}"


def _build(user, table: Table, row: dict, number: int, found: dict, skipped: set):
    """A model instance from one row, links resolved; None when a link it needs was skipped."""
    obj = table.model(owner=user)
    stamps = {}
    where = _where(table, number)
    for f in table.fields:
        if f.name not in row:
            continue  # an older export without this column: the model's default stands
        value = row[f.name]
        if f.name in table.links:
            if value is None:
                setattr(obj, f.attname, None)
            elif value in found:
                setattr(obj, f.attname, found[value][1])
            elif value in skipped and f.null:
                setattr(obj, f.attname, None)
            elif value in skipped:
                return None, stamps
            else:
                raise ImportRefused(f"{where}: '{f.name}' points to a record not in the file.")
            continue
        try:
            setattr(obj, f.attname, decode(f, value))
        except (ValidationError, ValueError, TypeError) as error:
            detail = " ".join(getattr(error, "messages", [str(error)]))
            raise ImportRefused(f"{where}: '{f.name}' holds {value!r:.60}: {detail}") from None
        auto = getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        if auto and getattr(obj, f.attname) is not None:
            stamps[f.attname] = getattr(obj, f.attname)
    exclude = ["owner", *table.links]
    try:
        obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        details = "; ".join(
            f"'{name}': {' '.join(messages)}" for name, messages in error.message_dict.items()
        )
        raise ImportRefused(f"{where}: {details}") from None
    return obj, stamps


def _save_one(table: Table, row: _Row) -> str | None:
    """Save one row on its own; the reason it can't be saved, or None."""
    model = table.model
    try:
        with transaction.atomic():
            model._base_manager.bulk_create([row.obj])
        return None
    except IntegrityError:
        pass
    # A value that must be unique across the instance (a secret feed link, say) is taken:
    # the row comes in without it, and a new one is made when next needed.
    uniques = [f for f in table.fields if f.unique and f.null and getattr(row.obj, f.attname)]
    if uniques:
        for f in uniques:
            setattr(row.obj, f.attname, None)
        try:
            with transaction.atomic():
                model._base_manager.bulk_create([row.obj])
            return None
        except IntegrityError:
            pass
    row.obj.pk = None
    return (
        "it clashes with a record already in your journal (for example a second check-in "
        "for the same day), so your existing one was kept"
    )


def _save_rows(table: Table, rows: list[_Row], report, skipped: set) -> list[_Row]:
    model = table.model
    saved: list[_Row] = []
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        try:
            with transaction.atomic():
                model._base_manager.bulk_create([r.obj for r in batch])
            saved.extend(batch)
            continue
        except IntegrityError:
            for r in batch:
                r.obj.pk = None
        for r in batch:
            reason = _save_one(table, r)
            if reason is None:
                saved.append(r)
            else:
                skipped.add(r.uid)
                report.tables[table.label].skipped += 1
                report.problems.append(f"{_where(table, r.number)} was skipped: {reason}.")
    groups: dict[tuple, list[_Row]] = {}
    for r in saved:
        if r.stamps:
            groups.setdefault(tuple(r.stamps), []).append(r)
    for names, group in groups.items():
        _restore_stamps(model, names, group)
    return saved


def _restore_stamps(model, names: tuple, rows: list[_Row]) -> None:
    """bulk_create stamps created/updated with now; put the exported times back.

    One UPDATE per row through executemany: Django's bulk_update builds a CASE per column
    and is a hundred times slower for a large journal.
    """
    fields = [f for f in model._meta.concrete_fields if f.attname in names]
    quote = connection.ops.quote_name
    sets = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    sql = (
        f"UPDATE {quote(model._meta.db_table)} SET {sets} WHERE {quote(model._meta.pk.column)} = %s"
    )
    params = [
        [f.get_db_prep_value(r.stamps[f.attname], connection) for f in fields] + [r.obj.pk]
        for r in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


# A card about a person names them in its key (exports.CARDS), so the key needs translating
# like a link: it comes after the people, last of all.


def _import_order() -> list[Table]:
    return sorted(exported_tables(), key=lambda t: t.label == CARDS)


def _card_about_someone_here(row, found: dict, person_ct: int):
    """A people card's row with its person's id in this account, or None to leave it out.

    Its key is a person's database id, which on another server (or in another account)
    is someone else, or no one: the card would name one person and link to another's
    entries. A key that is a person's export id in the document is translated; any other
    (an id from the old account) can't be traced, so the card stays out. It is not lost:
    the finding is in the journal that came with it, and appears again from there.
    """
    if not isinstance(row, dict) or row.get("factor") != "people":
        return row
    key = row.get("key")
    person = found.get(key) if isinstance(key, str) else None
    if person is None or person[0] != person_ct:
        return None
    return {**row, "key": person_key(person[1])}


def _rows_of(document: dict, table: Table) -> list:
    rows = document["tables"].get(table.label) or []
    if not isinstance(rows, list):
        raise ImportRefused(f"The table {table.label} in this file is damaged (not a list).")
    return rows


def document_import(
    *, user, document: dict, on_progress: Callable[[int, int], None] | None = None
) -> DocumentImportReport:
    """Bring a withness export into this account: all of it, or nothing (ImportRefused).

    Records already here (the same export id) are left as they are, so importing the
    same file twice adds nothing. Into an empty account the account's settings come too.
    """
    with transaction.atomic():
        return _document_import(user, document, on_progress)


def _document_import(user, document, on_progress) -> DocumentImportReport:
    report = DocumentImportReport()
    known = {t.label for t in exported_tables()}
    for label in document["tables"]:
        if label not in known:
            report.problems.append(
                f"The table {label!r} is not known to this withness; its rows were not imported."
            )
    empty = _account_is_empty(user)
    existing = _existing_keys(user)
    content_types = {
        t.model: ContentType.objects.get_for_model(t.model).pk for t in exported_tables()
    }
    found: dict[str, tuple[int, int]] = {}  # uid -> (content type id, pk)
    skipped: set[str] = set()
    seen: set[str] = set()
    people_ct = person_ct(content_types)
    total = sum(len(_rows_of(document, t)) for t in exported_tables())
    done = 0
    for table in _import_order():
        report.tables[table.label] = count = TableCount()
        ct_id = content_types[table.model]
        pending: list[_Row] = []
        rows = _rows_of(document, table)
        if table.label == CARDS:
            rows = [_card_about_someone_here(row, found, people_ct) for row in rows]
        for number, row in enumerate(rows, 1):
            if row is None:
                continue  # a card about someone not in the file: see _card_about_someone_here
            uid = row.get("id") if isinstance(row, dict) else None
            if not isinstance(uid, str) or not uid:
                raise ImportRefused(f"{_where(table, number)} has no id; the file may be damaged.")
            if uid in seen:
                raise ImportRefused(f"{_where(table, number)} repeats the id {uid}.")
            seen.add(uid)
            if uid in existing and existing[uid][0] != ct_id:
                raise ImportRefused(
                    f"{_where(table, number)} has the id of a different kind of record here."
                )
            if uid in existing:
                found[uid] = existing[uid]
                count.already_here += 1
                continue
            obj, stamps = _build(user, table, row, number, found, skipped)
            if obj is None:
                skipped.add(uid)
                count.skipped += 1
                report.problems.append(
                    f"{_where(table, number)} was skipped: it belongs to a record that was skipped."
                )
                continue
            pending.append(_Row(number, uid, obj, stamps))
        saved = _save_rows(table, pending, report, skipped)
        count.added = len(saved)
        for r in saved:
            found[r.uid] = (ct_id, r.obj.pk)
        RecordKey.objects.bulk_create(
            [
                RecordKey(owner=user, content_type_id=ct_id, object_id=r.obj.pk, uid=r.uid)
                for r in saved
            ],
            batch_size=BATCH,
        )
        _link_many(document, table, saved, found)
        done += len(_rows_of(document, table))
        if on_progress:
            on_progress(done, total)
    if empty:
        _apply_settings(user, document.get("user") or {})
        report.settings_applied = True
    return report


def _link_many(document, table: Table, saved: list[_Row], found) -> None:
    if not table.many:
        return
    by_uid = {row["id"]: row for row in _rows_of(document, table)}
    for name in table.many:
        manager_field = table.model._meta.get_field(name)
        through = manager_field.remote_field.through
        source = manager_field.m2m_field_name()
        target = manager_field.m2m_reverse_field_name()
        links = [
            through(**{f"{source}_id": r.obj.pk, f"{target}_id": found[uid][1]})
            for r in saved
            for uid in by_uid[r.uid].get(name) or []
            if uid in found
        ]
        through.objects.bulk_create(links, batch_size=BATCH)


def _apply_settings(user, settings: dict) -> None:
    changed = []
    for f in user_fields():
        if f.name in settings:
            try:
                value = decode(f, settings[f.name])
                f.clean(value, user)
            except ValidationError:
                continue  # a setting this instance can't take (an unknown zone) keeps its own
            setattr(user, f.attname, value)
            changed.append(f.name)
    if changed:
        user.save(update_fields=changed)


# --------------------------------------------------------------------------- deletion


@transaction.atomic
def account_delete(*, user) -> None:
    """Remove the account, every row it owns in every table, and its sessions."""
    sessions_end(user=user)
    # Owned rows first, table by table, so nothing depends on the user's cascade alone.
    for model in reversed(owned_models()):
        model._base_manager.filter(owner=user).delete()
    user_model()._base_manager.filter(pk=user.pk).delete()
