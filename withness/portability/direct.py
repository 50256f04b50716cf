"""`withness history`, read straight from the SQLite file without starting Django.

Starting Django takes a command about 0.4 s, far longer than finding the last entries or
everything with one person. So the console script (withness/entry.py) tries this first,
and it answers only when it can answer exactly as the full command would: SQLite, one
account (or --user), the key kept by `withness unlock` (or no key at all), one person
matched, and options it knows. Anything else (--help, an unknown or shared name, a
locked journal, PostgreSQL) goes to the full command, which has every message.
tests/test_history_direct.py holds the two to the same output.

Like Django's ``for_user``, every query names the owner and leaves deleted rows out.
"""

import json
import sqlite3
import zoneinfo
from collections.abc import Mapping
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from withness.accounts import key_file
from withness.accounts.sealing import LOCKED_WORDS, TEXT_AAD, sealed_bytes, unsealed
from withness.journal.titles import checkin_title, solitude_title, state_words, who_of

NOTE_WIDTH = 80
MOST = 10**9  # entries a listing may ask for: more than any journal, less than SQL's limit
NO_ENTRIES = "No entries yet."
OPTION_NAMES = {"-n": "number", "--number": "number", "--person": "person", "--user": "user"}


@dataclass(frozen=True)
class Options:
    number: int = 20
    person: str = ""
    user: str = ""


def answered(argv: list[str]) -> bool:
    """Print the history and say True, or say False and leave it to the full command."""
    options = parse(argv)
    if options is None:
        return False
    from withness import settings

    database = settings.DATABASES["default"]
    path = Path(database["NAME"])
    if database["ENGINE"] != "django.db.backends.sqlite3" or not path.is_file():
        return False
    try:
        with closing(sqlite3.connect(path, timeout=20)) as db:
            db.execute("PRAGMA query_only = 1")
            folder = key_file.folder(settings.RUNTIME_DIR, settings.DATA_DIR)
            lines = _history_for(db, options, folder, database)
    except sqlite3.Error:
        return False  # not migrated yet, or busy: the full command says what is wrong
    if lines is None:
        return False
    print("\n".join(lines) if lines else NO_ENTRIES)
    return True


def parse(argv: list[str]) -> Options | None:
    """`history` and the options it knows, or None for anything else."""
    if not argv or argv[0] != "history":
        return None
    given: dict[str, str] = {}
    words = iter(argv[1:])
    for word in words:
        flag, equals, value = word.partition("=")
        if flag not in OPTION_NAMES or (equals and flag == "-n"):
            return None
        if not equals:
            value = next(words, None)
            if value is None:
                return None
        given[OPTION_NAMES[flag]] = value
    number = given.pop("number", "20")
    if not (number.isascii() and number.isdigit()) or int(number) > MOST:
        return None  # the full command explains what a number it takes looks like
    return Options(number=int(number), **given)


def _history_for(db, options: Options, folder: Path, database: dict) -> list[str] | None:
    account = _account(db, options.user)
    if account is None:
        return None
    owner_id, zone = account
    ciphers = _ciphers(db, owner_id, key_file.path_for(folder, database, owner_id))
    if ciphers is None:
        return None
    person_id = None
    if options.person:
        person_id = person_named(db, owner_id, options.person)
        if person_id is None:
            return None
    return history(db, owner_id, zone, ciphers, person_id=person_id, limit=options.number or None)


def _account(db, username: str) -> tuple[int, zoneinfo.ZoneInfo] | None:
    if username:
        query = "SELECT id, time_zone FROM accounts_user WHERE username = ?"
        rows = db.execute(query, (username,)).fetchall()
    else:
        rows = db.execute("SELECT id, time_zone FROM accounts_user LIMIT 2").fetchall()
    if len(rows) != 1:
        return None
    owner_id, name = rows[0]
    try:
        return owner_id, zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return owner_id, zoneinfo.ZoneInfo("UTC")


def _ciphers(db, owner_id: int, path: Path) -> dict[str, AESGCM] | None:
    """The unlocked key; none needed for an account from before sealing; None when locked."""
    kept = key_file.read(path, owner_id)
    if kept is not None:
        key_id, key = kept
        return {key_id: AESGCM(key)}
    query = "SELECT 1 FROM accounts_datakey WHERE owner_id = ?"
    return None if db.execute(query, (owner_id,)).fetchone() else {}


def person_named(db, owner_id: int, name: str) -> int | None:
    """The one live person this name or #number means, as `--person` matches them."""
    live = "SELECT id FROM people_person WHERE owner_id = ? AND deleted_at IS NULL"
    if name.startswith("#") and name[1:].isdecimal():
        rows = db.execute(f"{live} AND id = ?", (owner_id, int(name[1:]))).fetchall()
    else:
        # Django's iexact on SQLite: LIKE, with its wildcards escaped.
        pattern = name.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = db.execute(f"{live} AND name LIKE ? ESCAPE '\\'", (owner_id, pattern)).fetchall()
    return rows[0][0] if len(rows) == 1 else None


def history(
    db,
    owner_id: int,
    zone: zoneinfo.ZoneInfo,
    ciphers: Mapping[str, AESGCM],
    *,
    person_id: int | None = None,
    limit: int | None = None,
) -> list[str]:
    """The lines of `withness history`, as selectors.history_lines and the command give them."""
    rows = _interactions(db, owner_id, person_id, limit)
    if person_id is None:
        this_year = datetime.now(zone).year  # as selectors.history_lines: on the person's clock
        rows += _solitude(db, owner_id, limit) + _checkins(db, owner_id, limit, this_year)
    rows.sort(key=lambda row: row[0], reverse=True)
    return [
        line_text(at.astimezone(zone), what, _opened(note, ciphers))
        for at, what, note in rows[:limit]
    ]


def line_text(local: datetime, what: str, note: str) -> str:
    """One entry a line: when, what, and the start of the note on one line."""
    note = " ".join(note.split())
    return f"{local:%Y-%m-%d %H:%M}  {what}" + (f" — {note[:NOTE_WIDTH]}" if note else "")


def _interactions(db, owner_id, person_id, limit) -> list[tuple]:
    where, parameters = "owner_id = ? AND deleted_at IS NULL", [owner_id]
    if person_id is not None:
        where += " AND id IN (SELECT interaction_id FROM journal_participation WHERE person_id = ?)"
        parameters.append(person_id)
    rows = db.execute(
        f'SELECT id, started_at, duration_min, note, "group" FROM journal_interaction'
        f" WHERE {where} ORDER BY started_at DESC, id DESC LIMIT ?",
        [*parameters, -1 if limit is None else limit],
    ).fetchall()
    names = _names(db, owner_id, [row[0] for row in rows])
    return [
        (_moment(at), f"Time with {who_of(names.get(pk, []), group)} ({minutes} min)", note)
        for pk, at, minutes, note, group in rows
    ]


def _names(db, owner_id: int, interaction_ids: list[int]) -> dict[int, list[str]]:
    """Who was there, live people only, by name: as Interaction.who() lists them."""
    names: dict[int, list[str]] = {}
    for interaction_id, name in db.execute(
        "SELECT p.interaction_id, person.name FROM journal_participation p"
        " JOIN people_person person ON person.id = p.person_id"
        " WHERE p.owner_id = ? AND person.deleted_at IS NULL"
        " AND p.interaction_id IN (SELECT value FROM json_each(?))"
        " ORDER BY person.name, p.person_id",
        (owner_id, json.dumps(interaction_ids)),
    ):
        names.setdefault(interaction_id, []).append(name)
    return names


def _solitude(db, owner_id, limit) -> list[tuple]:
    columns = "started_at, duration_min, note, chosen"
    return [
        (_moment(at), f"{solitude_title(bool(chosen))} ({minutes} min)", note)
        for at, minutes, note, chosen in _latest(db, "journal_solitude", columns, owner_id, limit)
    ]


def _checkins(db, owner_id, limit, this_year: int) -> list[tuple]:
    columns = "recorded_at, day, pleasant, energy, note"
    return [
        (_moment(at), f"{checkin_title(_day(day), this_year)} — {state_words(p, e)}", note)
        for at, day, p, e, note in _latest(db, "journal_checkin", columns, owner_id, limit)
    ]


def _latest(db, table: str, columns: str, owner_id: int, limit: int | None):
    """The owner's live rows of a table, newest first (its first column is when)."""
    when = columns.split(",")[0]
    return db.execute(
        f"SELECT {columns} FROM {table} WHERE owner_id = ? AND deleted_at IS NULL"
        f" ORDER BY {when} DESC, id DESC LIMIT ?",
        (owner_id, -1 if limit is None else limit),
    )


def _moment(stored) -> datetime:
    # Django keeps UTC as "YYYY-MM-DD HH:MM:SS[.ffffff]" (its own connection gives datetimes).
    return datetime.fromisoformat(str(stored)).replace(tzinfo=UTC)


def _day(stored) -> date:
    return date.fromisoformat(str(stored))


def _opened(note: str | None, ciphers: Mapping[str, AESGCM]) -> str:
    raw = sealed_bytes(note) if note else None
    if raw is None:
        return note or ""  # empty, or written before sealing
    text = unsealed(ciphers, raw, TEXT_AAD)
    return LOCKED_WORDS if text is None else text.decode()
