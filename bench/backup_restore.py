"""Back up a withness PostgreSQL database, restore it into a scratch database, and compare.

    .venv/bin/python bench/backup_restore.py                # seeds a scratch source first
    .venv/bin/python bench/backup_restore.py --source postgres://.../withness   # a real one

With no --source, it makes `withness_backup_src`, migrates it and fills it with three people's
journals (every owned model, one live and one deleted row each). It then runs
`pg_dump --format=custom`, restores with `pg_restore` into `withness_backup_check`, and
compares every table's row count and an md5 of all its rows in primary-key order.
Exit status 0 only when every table matches. The scratch databases are dropped at the end.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

PROJECT = Path(__file__).resolve().parents[1]
SERVER = os.environ.get("WITHNESS_BENCH_PG", "postgres://postgres@127.0.0.1:5432/postgres")


def with_db(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def recreate(name: str) -> str:
    with psycopg.connect(SERVER, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return with_db(SERVER, name)


def drop(name: str) -> None:
    with psycopg.connect(SERVER, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


SEED = """
from withness.testing.factories import UserFactory
from withness.testing.world import build_world
for i, name in enumerate(["ash", "bea", "cy"]):
    build_world(UserFactory(username=name), prefix=name.title(), pk_base=1000 * (i + 1) ** 3)
"""


def seed(url: str) -> None:
    env = {**os.environ, "WITHNESS_DATABASE_URL": url, "WITHNESS_DATA_DIR": tempfile.mkdtemp()}
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--no-input", "-v0"], cwd=PROJECT, env=env, check=True)
    subprocess.run([*manage, "shell", "-c", SEED], cwd=PROJECT, env=env, check=True)


def fingerprint(url: str) -> dict[str, tuple[int, str]]:
    result = {}
    with psycopg.connect(url) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        for table in tables:
            count, digest = conn.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) "
                f'FROM "{table}" t'
            ).fetchone()
            result[table] = (count, digest)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", help="database URL to back up (default: a seeded scratch one)")
    args = parser.parse_args()

    source = args.source
    if source is None:
        source = recreate("withness_backup_src")
        started = time.perf_counter()
        seed(source)
        print(f"seeded withness_backup_src in {time.perf_counter() - started:.1f}s")
    target = recreate("withness_backup_check")
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "withness.dump"
        started = time.perf_counter()
        subprocess.run(["pg_dump", "--format=custom", f"--file={dump}", source], check=True)
        dumped = time.perf_counter() - started
        started = time.perf_counter()
        subprocess.run(["pg_restore", "--no-owner", f"--dbname={target}", str(dump)], check=True)
        restored = time.perf_counter() - started
        size = dump.stat().st_size
    before, after = fingerprint(source), fingerprint(target)
    rows = sum(count for count, _ in before.values())
    print(f"dump {dumped:.2f}s ({size / 1024:.0f} KiB), restore {restored:.2f}s")
    print(f"{len(before)} tables, {rows} rows")
    bad = [t for t in sorted(set(before) | set(after)) if before.get(t) != after.get(t)]
    for table in bad:
        print(f"MISMATCH {table}: {before.get(table)} != {after.get(table)}")
    drop("withness_backup_check")
    if args.source is None:
        drop("withness_backup_src")
    print("every table matches" if not bad else f"{len(bad)} tables differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
