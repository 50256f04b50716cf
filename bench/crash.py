"""Crash safety: kill -9 withness under write load, restart it, and check what it acknowledged.

    .venv/bin/python bench/crash.py [--kills 3] [--seconds 20] [--workers 3] [--clients 6]
    .venv/bin/python bench/crash.py --postgres postgres://postgres@127.0.0.1:5432/h3crash
    .venv/bin/python bench/crash.py --quick --sqlite --postgres URL    # both, under a minute each

withness runs under gunicorn (a temporary WITHNESS_DATA_DIR for SQLite; for PostgreSQL the
database --postgres names, which is dropped and created anew, so give it a scratch one).
Client threads, each signed in as their own person, log interactions through the real web
form. A save is acknowledged when the client has read the redirect to the new entry, which
names its id. Each entry also carries a marker that needs no decryption to read: its own
start time (a fixed date plus one minute per save, per person).

At a random moment the gunicorn master and all its workers (the whole process group) are
killed with SIGKILL, mid-write; the server is started again and the clients carry on. After
the last kill and a little more writing, every acknowledged save is looked up by id, owner
and start time. Then the database is checked: SQLite `PRAGMA integrity_check` and
`foreign_key_check`; PostgreSQL amcheck (`bt_index_check` with heapallindexed over every
index, `verify_heapam` over every table) and an orphan count for every foreign key.

Exit status 0 only when no acknowledged save is lost and every check passes. Saves that were
in flight at a kill may or may not be there; they are counted, not required.
"""

import argparse
import http.client
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from load.client import (  # bench/load/client.py
    PROJECT,
    SignedInClient,
    prepare_database,
    recreate_postgres,
)

MARKER_BASE = datetime(2001, 1, 1, tzinfo=UTC)  # entry n of a person starts n minutes later
ENTRY_URL = re.compile(r"/entries/interaction/(\d+)/$")


class Writer(threading.Thread):
    """Logs interactions until stopped; records what was acknowledged and what was cut off."""

    def __init__(self, port: int, username: str, stop: threading.Event):
        super().__init__(daemon=True)
        self.client = SignedInClient(port, timeout=15)
        self.username, self.stop = username, stop
        self.acknowledged: list[tuple[int, int]] = []  # (entry id, marker minute)
        self.in_flight: list[int] = []  # marker minutes of saves cut off by a kill
        self.refused: list[str] = []  # answers other than the redirect to the new entry
        self.seq = 0

    def run(self):
        signed_in = False
        while not self.stop.is_set():
            sent = False
            try:
                if not signed_in:
                    signed_in = self.client.sign_in(self.username)
                    if not signed_in:
                        time.sleep(0.05)
                    continue
                form = entry_form(self.seq)
                sent = True
                status, location = self.client.request("POST", "/log/interaction/", form)
            except ConnectionRefusedError:  # the server is down: nothing was sent
                self.client.reset()
                time.sleep(0.05)
                continue
            except (OSError, http.client.HTTPException):
                # Cut off by the kill mid-request: it may or may not have been saved.
                if sent:
                    self.in_flight.append(self.seq)
                    self.seq += 1
                self.client.reset()
                time.sleep(0.05)
                continue
            match = ENTRY_URL.search(location) if status == 302 else None
            if match:
                self.acknowledged.append((int(match.group(1)), self.seq))
            else:
                self.refused.append(f"{status} {location}")
                if "/account/login" in location:
                    signed_in = False
            self.seq += 1


def wait_for_saves(writers: list[Writer], count: int, timeout: float = 60) -> None:
    def total():
        return sum(len(w.acknowledged) for w in writers)

    goal, deadline = total() + count, time.monotonic() + timeout
    while total() < goal and time.monotonic() < deadline:
        time.sleep(0.02)


def entry_form(seq: int) -> dict:
    started = MARKER_BASE + timedelta(minutes=seq)
    return {
        "group": "crash test",
        "mode": "in_person",
        "started_at": started.strftime("%Y-%m-%dT%H:%M"),
        "duration_min": str(1 + seq % 600),
        "before_pleasant": "0",
        "before_energy": "5",
        "after_pleasant": "1",
        "after_energy": "5",
    }


class Server:
    """gunicorn in a process group of its own, so one SIGKILL takes the master and workers."""

    def __init__(self, env: dict, workers: int, port: int, log: Path):
        self.env, self.workers, self.port, self.log = env, workers, port, log
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 60):
        gunicorn = Path(sys.executable).parent / "gunicorn"
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                [str(gunicorn), "withness.wsgi", "--workers", str(self.workers)]
                + ["--bind", f"127.0.0.1:{self.port}", "--log-level", "warning"],
                cwd=PROJECT,
                env=self.env,
                stdout=log,
                stderr=log,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited with {self.process.returncode}; see {self.log}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/account/login/")
                if conn.getresponse().status == 200:
                    return
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.1)
        raise SystemExit(f"gunicorn did not answer within {timeout:.0f}s; see {self.log}")

    def kill(self):
        """SIGKILL to the whole group, then wait until none of it is left running."""
        group = self.process.pid
        os.killpg(group, signal.SIGKILL)
        self.process.wait()
        deadline = time.monotonic() + 10
        while group_alive(group) and time.monotonic() < deadline:
            time.sleep(0.02)

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


def group_alive(group: int) -> bool:
    """Whether any process of the group still runs (zombies waiting to be reaped do not)."""
    proc = Path("/proc")
    if not proc.exists():
        try:
            os.killpg(group, 0)
            return True
        except ProcessLookupError:
            return False
    for stat in proc.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            return True
    return False


# Checks, read straight from the database: no Django, no decryption.


def sqlite_rows(path: Path) -> dict[int, tuple[str, datetime]]:
    with sqlite3.connect(path) as db:
        rows = db.execute(
            "SELECT i.id, u.username, i.started_at FROM journal_interaction i "
            "JOIN accounts_user u ON u.id = i.owner_id"
        ).fetchall()
    return {pk: (user, datetime.fromisoformat(at).replace(tzinfo=UTC)) for pk, user, at in rows}


def sqlite_integrity(path: Path) -> list[str]:
    with sqlite3.connect(path) as db:
        problems = [r[0] for r in db.execute("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [f"foreign key: {r}" for r in db.execute("PRAGMA foreign_key_check")]
    return problems


def postgres_rows(url: str) -> dict[int, tuple[str, datetime]]:
    import psycopg

    with psycopg.connect(url) as db:
        rows = db.execute(
            "SELECT i.id, u.username, i.started_at FROM journal_interaction i "
            "JOIN accounts_user u ON u.id = i.owner_id"
        ).fetchall()
    return {pk: (user, at.astimezone(UTC)) for pk, user, at in rows}


FOREIGN_KEYS = """
SELECT c.conrelid::regclass, a.attname, c.confrelid::regclass, af.attname
FROM pg_constraint c
JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
JOIN pg_attribute af ON af.attrelid = c.confrelid AND af.attnum = c.confkey[1]
WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
  AND array_length(c.conkey, 1) = 1
"""


def postgres_integrity(url: str) -> list[str]:
    import psycopg

    problems = []
    with psycopg.connect(url, autocommit=True) as db:
        db.execute("CREATE EXTENSION IF NOT EXISTS amcheck")
        indexes = db.execute(
            "SELECT c.oid::regclass::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "JOIN pg_am am ON am.oid = c.relam "
            "WHERE am.amname = 'btree' AND c.relnamespace = 'public'::regnamespace"
        ).fetchall()
        for (index,) in indexes:
            try:
                db.execute("SELECT bt_index_check(%s::regclass, true)", [index])
            except psycopg.Error as error:
                problems.append(f"index {index}: {error}")
        tables = db.execute(
            "SELECT c.oid::regclass::text FROM pg_class c "
            "WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace"
        ).fetchall()
        for (table,) in tables:
            for row in db.execute("SELECT * FROM verify_heapam(%s::regclass)", [table]):
                problems.append(f"table {table}: {row}")
        for child, column, parent, key in db.execute(FOREIGN_KEYS).fetchall():
            (orphans,) = db.execute(
                f'SELECT count(*) FROM {child} c WHERE c."{column}" IS NOT NULL AND NOT EXISTS '
                f'(SELECT 1 FROM {parent} p WHERE p."{key}" = c."{column}")'
            ).fetchone()
            if orphans:
                problems.append(f"foreign key {child}.{column}: {orphans} orphans")
        problems.insert(0, f"checked {len(indexes)} indexes, {len(tables)} tables")
    return problems


def run_backend(args, postgres: str | None) -> dict:
    name = "PostgreSQL" if postgres else "SQLite (WAL)"
    data = Path(tempfile.mkdtemp(prefix="withness-crash-"))
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("WITHNESS_")},
        "WITHNESS_DATA_DIR": str(data),
        "DJANGO_SETTINGS_MODULE": "withness.settings",
        "PYTHONPATH": str(PROJECT),
    }
    if postgres:
        recreate_postgres(postgres)
        env["WITHNESS_DATABASE_URL"] = postgres
    prepare_database(env, people=args.clients, prefix="crash")

    server = Server(env, args.workers, args.port, data / "gunicorn.log")
    stop = threading.Event()
    writers = [Writer(args.port, f"crash{i}", stop) for i in range(args.clients)]
    # Each run of the server lasts a random part of the time, so kills land at any moment;
    # it starts counting once saves flow again (signing in and starting up take a while).
    uptime = args.seconds / (args.kills + 1)
    try:
        server.start()
        for writer in writers:
            writer.start()
        for kill in range(1, args.kills + 1):
            wait_for_saves(writers, args.clients)
            time.sleep(random.uniform(0.5, 1.5) * uptime)
            server.kill()
            done = sum(len(w.acknowledged) for w in writers)
            print(f"  {name}: kill {kill}, {done} saves acknowledged so far", flush=True)
            time.sleep(random.uniform(0, 0.5))  # clients meet a closed port for a moment
            server.start()
        wait_for_saves(writers, args.clients)
        time.sleep(uptime)  # write a while after the last restart, then stop cleanly
        stop.set()
        for writer in writers:
            writer.join(timeout=30)
    finally:
        stop.set()
        server.stop()

    rows = postgres_rows(postgres) if postgres else sqlite_rows(data / "withness.sqlite3")
    by_marker = {(user, at) for user, at in rows.values()}
    lost, landed, in_flight = [], 0, 0
    for writer in writers:
        for pk, seq in writer.acknowledged:
            expected = (writer.username, MARKER_BASE + timedelta(minutes=seq))
            if rows.get(pk) != expected:
                lost.append((writer.username, pk, seq))
        for seq in writer.in_flight:
            in_flight += 1
            landed += (writer.username, MARKER_BASE + timedelta(minutes=seq)) in by_marker
    if postgres:
        checks = postgres_integrity(postgres)
        scope, problems = checks[0], checks[1:]
    else:
        problems = sqlite_integrity(data / "withness.sqlite3")
        scope = "integrity_check, foreign_key_check"
    refused = [r for w in writers for r in w.refused]
    for username, pk, seq in lost[:10]:
        print(f"  LOST: {username} entry {pk} (marker minute {seq})")
    for problem in problems[:10]:
        print(f"  INTEGRITY: {problem}")
    if refused:
        print(f"  {len(refused)} saves answered otherwise, e.g. {sorted(set(refused))[:3]}")
    acknowledged = sum(len(w.acknowledged) for w in writers)
    ok = not lost and not problems and acknowledged > 0
    if ok:
        shutil.rmtree(data, ignore_errors=True)
    else:
        print(f"  kept {data} (gunicorn.log, and the SQLite database if used)")
    return {
        "backend": name,
        "acknowledged": acknowledged,
        "kills": args.kills,
        "in_flight": in_flight,
        "landed": landed,
        "lost": len(lost),
        "integrity": "ok" if not problems else f"FAILED, {len(problems)} found",
        "scope": scope,
        "ok": ok,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=20, help="writing time, all runs")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--postgres", help="a scratch PostgreSQL database URL (recreated)")
    parser.add_argument("--sqlite", action="store_true", help="SQLite too, with --postgres")
    parser.add_argument("--quick", action="store_true", help="3 kills in about 8 s of writing")
    args = parser.parse_args()
    if args.quick:
        args.seconds, args.workers, args.clients = 8, 2, 4

    backends = ([None] if args.sqlite or not args.postgres else []) + (
        [args.postgres] if args.postgres else []
    )
    print(
        f"gunicorn {args.workers} workers, {args.clients} clients, {args.kills} kills "
        f"(SIGKILL to master and workers) in {args.seconds:.0f}s of writing",
        flush=True,
    )
    results = [run_backend(args, url) for url in backends]
    print(
        f"\n{'backend':14} {'acknowledged':>12} {'kills':>6} {'in flight':>10} "
        f"{'of which saved':>15} {'lost':>5}  integrity"
    )
    for r in results:
        print(
            f"{r['backend']:14} {r['acknowledged']:12} {r['kills']:6} {r['in_flight']:10} "
            f"{r['landed']:15} {r['lost']:5}  {r['integrity']} ({r['scope']})"
        )
    failed = [r["backend"] for r in results if not r["ok"]]
    print("\nno acknowledged save lost; integrity ok" if not failed else f"\nFAILED: {failed}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
