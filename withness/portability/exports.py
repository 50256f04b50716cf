"""Everything a user owns, as one JSON document or as a zip of CSV files (one per table).

The JSON document::

    {"format": "withness", "version": 1, "exported_at": "...Z",
     "user": {"time_zone": ..., "country": ..., ...},
     "tables": {"people.person": [{"id": "<uuid>", "name": ..., ...}, ...], ...}}

Each row's ``id`` is its stable export id (see RecordKey); links to other rows are those
ids. Rows are in the order they were made, so importing a file into an empty account and
exporting again gives the same document.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator

import orjson
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import DateField, DateTimeField
from django.utils import timezone

from .models import RecordKey
from .tables import (
    Table,
    _same,
    encode,
    encoder_for,
    exported_tables,
    label_of,
    raw_encoder_for,
    user_fields,
)

FORMAT = "withness"
VERSION = 1
# A finding about someone names them in its key, a text column rather than a link.
CARDS, PEOPLE = "insights.insightcard", "people.person"


@transaction.atomic
def record_keys(user) -> dict[tuple[int, int], str]:
    """Every owned record's export id, by (content type id, pk); gives new records one."""
    known: dict[tuple[int, int], str] = {}
    stale = []
    live: dict[int, set[int]] = {}
    for table in exported_tables():
        ct = ContentType.objects.get_for_model(table.model)
        live[ct.pk] = set(table.model._base_manager.filter(owner=user).values_list("pk", flat=True))
    rows = RecordKey.objects.filter(owner=user).values_list(
        "pk", "content_type_id", "object_id", "uid"
    )
    for pk, ct_id, object_id, uid in rows.iterator(chunk_size=5000):
        if object_id in live.get(ct_id, ()):
            known[(ct_id, object_id)] = uid
        else:
            stale.append(pk)
    if stale:
        # The record went for good (a purge, a cascade); its id may come back with a re-import.
        RecordKey.objects.filter(pk__in=stale).delete()
    fresh = [
        RecordKey(owner=user, content_type_id=ct_id, object_id=pk, uid=RecordKey.new_uid())
        for ct_id, pks in live.items()
        for pk in sorted(pks)
        if (ct_id, pk) not in known
    ]
    RecordKey.objects.bulk_create(fresh, batch_size=500)
    known.update({(k.content_type_id, k.object_id): k.uid for k in fresh})
    return known


def _rows(user, table: Table, keys, content_types) -> Iterator[dict]:
    model = table.model
    ct_id = content_types[model]
    many = {name: {} for name in table.many}
    for name in table.many:
        relation = model._meta.get_field(name)
        through = relation.remote_field.through
        source, target = relation.m2m_field_name(), relation.m2m_reverse_field_name()
        target_ct = content_types[table.many[name]]
        pairs = through.objects.filter(**{f"{source}__owner": user}).values_list(
            f"{source}_id", f"{target}_id"
        )
        for a, b in pairs:
            if (target_ct, b) in keys:
                many[name].setdefault(a, []).append(keys[(target_ct, b)])
    raw = [raw_encoder_for(f) for f in table.fields]
    fast = all(r is not None for r in raw)
    columns = []
    for f, raw_encoder in zip(table.fields, raw, strict=True):
        if f.name in table.links:
            target = content_types[table.links[f.name]]
            # .get: a link to a row of another account (never made here) travels as none.
            columns.append((f.name, lambda v, t=target: None if v is None else keys.get((t, v))))
        elif fast and isinstance(f, DateTimeField | DateField):
            columns.append((f.name, None))  # _raw_records writes them as the export does
        else:
            columns.append((f.name, raw_encoder if fast else encoder_for(f)))
    if fast:
        records = _raw_records(model, user, table.fields)
    else:
        names = ["pk"] + [f.attname for f in table.fields]
        queryset = model._base_manager.filter(owner=user).order_by("pk").values_list(*names)
        records = queryset.iterator(chunk_size=2000)
    # Values that need no conversion go in at C speed; only the others are touched per row.
    names = [name for name, _ in columns]
    converted = [(name, convert) for name, convert in columns if convert not in (None, _same)]
    by_export_id = _card_by_export_id(keys, content_types) if table.label == CARDS else None
    for pk, *values in records:
        row = {"id": keys[(ct_id, pk)]}
        row.update(zip(names, values, strict=True))
        for name, convert in converted:
            row[name] = convert(row[name])
        for name in table.many:
            row[name] = sorted(many[name].get(pk, []))
        yield by_export_id(row) if by_export_id else row


def person_ct(content_types: dict) -> int:
    return next(ct for model, ct in content_types.items() if label_of(model) == PEOPLE)


def _card_by_export_id(keys, content_types):
    """A finding about a person names them by database id in its key (text, not a link):
    written as the person's export id, so an import can give it to the same person."""
    people = person_ct(content_types)

    def naming_by_export_id(row: dict) -> dict:
        if row.get("factor") != "people" or not str(row.get("key", "")).isdecimal():
            return row
        return {**row, "key": keys.get((people, int(row["key"])), row["key"])}

    return naming_by_export_id


def _raw_records(model, user, fields) -> Iterator[tuple]:
    """The rows as SQLite stores them, skipping the per-value conversions of the ORM.

    Times and dates are selected as expressions, so the driver hands back text rather than
    parsing each one (they are most of an export's values): a date as stored, a time (stored
    as naive UTC, "YYYY-MM-DD HH:MM:SS[.ffffff]") as the ISO 8601 that encode() writes for
    the aware time, the same digits with a "T" and the offset.
    """
    quote = connection.ops.quote_name

    def column(f):
        name = quote(f.column)
        if isinstance(f, DateTimeField):
            return f"(replace({name}, ' ', 'T') || '+00:00')"
        return f"({name} || '')" if isinstance(f, DateField) else name

    columns = ", ".join([quote(model._meta.pk.column)] + [column(f) for f in fields])
    owner = quote(model._meta.get_field("owner").column)
    table = quote(model._meta.db_table)
    sql = f"SELECT {columns} FROM {table} WHERE {owner} = %s ORDER BY 1"
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk])
        while batch := cursor.fetchmany(2000):
            yield from batch


def _header(user) -> dict:
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": encode(timezone.now()),
        "user": {"username": user.username}
        | {f.name: encode(f.value_from_object(user)) for f in user_fields()},
    }


def _content_types() -> dict:
    return {t.model: ContentType.objects.get_for_model(t.model).pk for t in exported_tables()}


def export_document(user) -> dict:
    keys = record_keys(user)
    content_types = _content_types()
    return _header(user) | {
        "tables": {t.label: list(_rows(user, t, keys, content_types)) for t in exported_tables()},
    }


def _dumps(value) -> str:
    # orjson: the same JSON, UTF-8 as written, several times faster than the json module.
    return orjson.dumps(value).decode()


def export_json_chunks(user) -> Iterator[str]:
    """The JSON export piece by piece, one row a line: quick to write, easy to read or diff."""
    keys = record_keys(user)
    content_types = _content_types()
    header = _dumps(_header(user))
    yield header[:-1] + ',\n "tables": {'
    for index, table in enumerate(exported_tables()):
        yield ("," if index else "") + f"\n  {_dumps(table.label)}: ["
        for n, row in enumerate(_rows(user, table, keys, content_types)):
            yield ("," if n else "") + "\n   " + _dumps(row)
        yield "\n  ]"
    yield "\n }\n}\n"


def export_json(user) -> str:
    return "".join(export_json_chunks(user))


# A spreadsheet app runs a cell that starts like this as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        # Text only (numbers such as -1.5 stay numbers): a leading apostrophe makes a
        # spreadsheet show the cell as the text it is. The JSON export keeps text exactly.
        return "'" + value
    return str(value)


def export_csv_zip(user) -> bytes:
    """A zip with one UTF-8 CSV per table (header row first) and the account's settings."""
    document = export_document(user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for table in exported_tables():
            names = ["id"] + [f.name for f in table.fields] + list(table.many)
            text = io.StringIO(newline="")
            writer = csv.writer(text)
            writer.writerow(names)
            for row in document["tables"][table.label]:
                writer.writerow([_cell(row.get(name)) for name in names])
            archive.writestr(f"{table.label}.csv", text.getvalue())
        text = io.StringIO(newline="")
        writer = csv.writer(text)
        writer.writerow(list(document["user"]))
        writer.writerow([_cell(v) for v in document["user"].values()])
        archive.writestr("account.csv", text.getvalue())
        archive.writestr("README.txt", README.format(exported_at=document["exported_at"]))
    return buffer.getvalue()


README = """Your withness journal, exported {exported_at}.

One CSV file per table, UTF-8, with a header row. "id" is each record's export id;
columns that link to another table hold that record's id. Lists and structured values
are written as JSON text. Times are in UTC (ISO 8601). Text that starts with = + - @ or a
tab starts with an apostrophe here, so a spreadsheet shows it rather than running it.

For a copy withness can import again, use the JSON export.
"""


def export_filename(user, extension: str) -> str:
    return f"withness-{user.username}-{user.today():%Y-%m-%d}.{extension}"


__all__ = ["FORMAT", "VERSION", "export_csv_zip", "export_document", "export_json", "label_of"]
