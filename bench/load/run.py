"""Load on loopback: withness under gunicorn, logged-in people logging and reading, vs the floor.

    .venv/bin/python bench/load/run.py [--workers 4] [--clients 16] [--seconds 20] [--postgres URL]

Phase 1 drives a bare constant view (bench settings only) for the framework's floor, then the
same view signed in (for reference); phase 2 has each client sign in, then log interactions
and open home, history and insights, mixed; phase 3 the log endpoint alone.
Prints requests per second and p50/p95/p99 per page, and the log endpoint's share of the
floor. Any unexpected status counts as an error.
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from client import (  # bench/load/client.py
    PROJECT,
    SignedInClient,
    prepare_database,
    recreate_postgres,
)


def log_form():
    now = time.strftime("%Y-%m-%dT%H:%M")
    return {
        "group": "walking group",
        "mode": "in_person",
        "started_at": now,
        "duration_min": "30",
        "before_pleasant": "0",
        "before_energy": "5",
        "after_pleasant": "1",
        "after_energy": "5",
    }


PAGES = [  # (name, method, path, expected status, weight)
    ("log", "POST", "/log/interaction/", 302, 3),
    ("home", "GET", "/", 200, 3),
    ("history", "GET", "/history/", 200, 2),
    ("insights", "GET", "/insights/", 200, 1),
]


def drive(port, username, seconds, pages, results, errors):
    session = SignedInClient(port)
    if username and not session.sign_in(username):
        raise SystemExit(f"sign-in failed for {username}")
    names = [p for p in pages for _ in range(p[4])]
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        name, method, path, expected, _ = random.choice(names)
        started = time.perf_counter()
        status, _ = session.request(method, path, log_form() if method == "POST" else None)
        results.setdefault(name, []).append(time.perf_counter() - started)
        if status != expected:
            errors.append((name, status))


def phase(port, clients, seconds, pages, signed_in):
    results, errors, threads = {}, [], []
    for i in range(clients):
        user = f"load{i}" if signed_in else None
        t = threading.Thread(target=drive, args=(port, user, seconds, pages, results, errors))
        threads.append(t)
        t.start()
    for t in threads:
        t.join()
    return results, errors


def report(title, results, errors, seconds):
    print(f"\n{title}")
    print(f"{'page':10} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    rates = {}
    for name, times in sorted(results.items()):
        q = statistics.quantiles(times, n=100) if len(times) > 1 else [times[0]] * 99
        rates[name] = len(times) / seconds
        p50, p95, p99 = (q[i] * 1000 for i in (49, 94, 98))
        print(f"{name:10} {rates[name]:8.0f} {p50:8.1f} {p95:8.1f} {p99:8.1f}")
    print(f"errors: {len(errors)} {sorted(set(errors))[:5]}")
    return rates


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--postgres", help="a scratch PostgreSQL database URL (recreated)")
    args = parser.parse_args()

    data = tempfile.mkdtemp(prefix="withness-load-")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("WITHNESS_")},
        "WITHNESS_DATA_DIR": data,
        "DJANGO_SETTINGS_MODULE": "bench.load.settings",
        "PYTHONPATH": str(PROJECT),
        "WITHNESS_SIGNUP": "closed",
    }
    if args.postgres:
        recreate_postgres(args.postgres)
        env["WITHNESS_DATABASE_URL"] = args.postgres
    prepare_database(env, people=args.clients, prefix="load")
    gunicorn = Path(sys.executable).parent / "gunicorn"
    server = subprocess.Popen(
        [
            str(gunicorn),
            "withness.wsgi",
            "--workers",
            str(args.workers),
            "--bind",
            f"127.0.0.1:{args.port}",
            "--log-level",
            "warning",
        ],
        cwd=PROJECT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                SignedInClient(args.port).request("GET", "/bench-floor/")
                break
            except OSError:
                time.sleep(0.1)
        db = "PostgreSQL" if args.postgres else "SQLite (WAL)"
        print(
            f"gunicorn {args.workers} workers, {args.clients} clients, {args.seconds:.0f}s "
            f"per phase, {db}"
        )
        floor = [("floor", "GET", "/bench-floor/", 200, 1)]
        results, errors = phase(args.port, args.clients, args.seconds, floor, signed_in=False)
        floor_rate = report("floor (bare constant view)", results, errors, args.seconds)["floor"]
        # The same view for signed-in clients: what the session, the user, the two-step check
        # and the key cost before any page does its own work. For reference, not the target.
        results, errors = phase(args.port, args.clients, args.seconds / 2, floor, signed_in=True)
        signed_rate = report("floor, signed in", results, errors, args.seconds / 2)["floor"]
        results, errors = phase(args.port, args.clients, args.seconds, PAGES, signed_in=True)
        rates = report("withness, mixed", results, errors, args.seconds)
        # Mixed: every page shares the workers, so compare the log endpoint's own latency too.
        log_alone, _ = phase(args.port, args.clients, args.seconds / 2, PAGES[:1], signed_in=True)
        alone = report("log endpoint alone", log_alone, [], args.seconds / 2)["log"]
        print(
            f"\nlog endpoint alone: {alone:.0f} req/s = {100 * alone / floor_rate:.0f}% of the "
            f"floor's {floor_rate:.0f} req/s (target 50%), {100 * alone / signed_rate:.0f}% of "
            f"the signed-in floor's {signed_rate:.0f}; mixed total {sum(rates.values()):.0f} req/s"
        )
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
