"""Time to compute every insight from the database, against the time to merely read the rows.

Journals of 1, 3 and 10 years at about 4 entries a day (interactions, solitude and a
daily check-in), written into a fresh temporary SQLite database. For each:

* read: the queries the insights need, rows fetched and nothing else done with them
  (the least any way of computing insights must spend);
* compute: every insight worked out from the database: the rows read into columns, the
  whole analysis, people named, the JSON document built (``journal_document``);
* compute and keep: what ``insights_for`` does when the journal changed: the stamp
  check, the compute, the document stored and new cards released (a cache write);
* the insights page (served from the stored snapshot, as every visit after the first
  is) and the first visit after an entry changed, against the history page.

    .venv/bin/python bench/insights.py [--repeat 5] [--write docs/performance.md]

Targets (issue 4): compute ≤ 2 × read; insights page ≤ 1.5 × history page.
"""

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["WITHNESS_DATA_DIR"] = tempfile.mkdtemp(prefix="withness-bench-")
os.environ.pop("WITHNESS_DATABASE_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "withness.settings")
os.environ.setdefault("WITHNESS_DEBUG", "true")

YEARS = (1, 3, 10)
SECTION = "## Insights from the database (bench/insights.py)"


def timed_together(calls: dict, repeat: int, setups: dict | None = None) -> dict:
    """Median seconds of each call, the calls taking turns within every round.

    A shared machine speeds up and slows down over seconds; taking turns puts every
    call through the same spells, so their ratios hold even when the times drift. As
    ``timeit`` does, the garbage collector is paused while a call is timed (and run
    before it), so one call does not pay for the garbage of the one before.
    """
    setups = setups or {}
    runs = {name: [] for name in calls}
    for _ in range(repeat):
        for name, call in calls.items():
            if name in setups:
                setups[name]()
            gc.collect()
            gc.disable()
            try:
                started = time.perf_counter()
                call()
                runs[name].append(time.perf_counter() - started)
            finally:
                gc.enable()
    return {name: statistics.median(times) for name, times in runs.items()}


def read_rows(user) -> int:
    """The same queries the selectors run, rows fetched and dropped."""
    from withness.insights import selectors
    from withness.journal.models import CheckIn, Interaction, Participation, Solitude
    from withness.people.models import Person

    n = len(
        list(
            Participation.objects.filter(
                owner=user, interaction__deleted_at__isnull=True, person__deleted_at__isnull=True
            ).values_list("interaction_id", "person_id")
        )
    )
    n += len(list(Interaction.objects.for_user(user).order_by().values_list(
        *selectors.INTERACTION_FIELDS)))  # fmt: skip
    n += len(list(Solitude.objects.for_user(user).order_by().values_list(
        *selectors.SOLITUDE_FIELDS)))  # fmt: skip
    n += len(list(CheckIn.objects.for_user(user).order_by().values_list(
        *selectors.CHECKIN_FIELDS, "social_capacity")))  # fmt: skip
    n += len(list(Person.objects.for_user(user).values_list("pk", "name", "is_safe_person")))
    return n


def read_objects(user) -> int:
    """The rows as model objects, the way a page reads them (people prefetched)."""
    from withness.journal.models import CheckIn, Solitude
    from withness.journal.selectors import interactions_for

    n = len(list(interactions_for(user).order_by()))
    n += len(list(Solitude.objects.for_user(user).order_by()))
    return n + len(list(CheckIn.objects.for_user(user).order_by()))


def journal_changed(user) -> None:
    """As if an entry had just changed: the stored snapshot no longer matches the journal."""
    from withness.insights.models import InsightsSnapshot

    InsightsSnapshot.objects.filter(owner=user).update(source_stamp="stale")


def compute(user) -> None:
    from withness.insights.services import journal_document

    journal_document(user)


def compute_and_keep(user) -> None:
    from withness.insights.services import insights_for

    insights_for(user)


def page(client, url: str):
    def get():
        response = client.get(url, secure=True)
        assert response.status_code == 200, (url, response.status_code)

    get()  # templates loaded, snapshot and charts made: not part of the timing
    return get


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--write", help="Put the table in this Markdown file (its own section).")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from withness.accounts.models import User
    from withness.analysis.synthetic import generate
    from withness.insights.demo import synthetic_journal_load
    from withness.journal.models import Interaction

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", interactive=False, verbosity=0)

    rows = []
    for years in YEARS:
        user = User.objects.create_user(
            username=f"bench{years}", password="calm-harbour-42-bench", time_zone="Europe/Berlin"
        )
        journal = generate(
            years,
            days=365 * years,
            end=user.today() - timedelta(days=1),
            interactions_per_day=2.25,
            n_people=30,
        )
        synthetic_journal_load(user=user, journal=journal)
        entries = len(journal.interactions) + len(journal.solitude) + len(journal.checkins)
        compute_and_keep(user)
        times = timed_together(
            {
                "read": lambda u=user: read_rows(u),
                "objects": lambda u=user: read_objects(u),
                "compute": lambda u=user: compute(u),
                "keep": lambda u=user: compute_and_keep(u),
            },
            args.repeat,
            setups={"keep": lambda u=user: journal_changed(u)},
        )
        read, objects, full, kept = (times[k] for k in ("read", "objects", "compute", "keep"))

        client = Client()
        client.force_login(user)
        entry = Interaction.objects.for_user(user).first()
        pages = timed_together(
            {
                "history": page(client, "/history/"),
                "warm": page(client, "/insights/"),
                "cold": page(client, "/insights/"),
            },
            args.repeat,
            # A new updated_at: the next visit re-computes (and leaves a fresh snapshot).
            setups={"cold": lambda entry=entry: entry.save()},
        )
        history, warm, cold = (pages[k] for k in ("history", "warm", "cold"))
        rows.append((years, entries, read, objects, full, kept, history, warm, cold))
        print(f"  {years} year{'s' if years > 1 else ''}: done", file=sys.stderr)

    table = render(rows, args.repeat)
    print(table)
    if args.write:
        write_section(Path(args.write), table)
    return 0


def render(rows, repeat: int) -> str:
    ms = lambda s: f"{s * 1000:.0f} ms"  # noqa: E731
    lines = [
        f"Median of {repeat} runs, SQLite, {time.strftime('%Y-%m-%d')}; "
        "about 4 entries a day (bench/insights.py).",
        "",
        "| journal | entries | read rows | read as objects | compute insights "
        "| ratio to rows (≤ 2×) | ratio to objects | compute and keep | ratio to rows "
        "| history page | insights page | ratio (≤ 1.5×) | insights page after an edit |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for years, entries, read, objects, full, kept, history, warm, cold in rows:
        lines.append(
            f"| {years} year{'s' if years > 1 else ''} | {entries} | {ms(read)} | {ms(objects)} "
            f"| {ms(full)} | {full / read:.1f}× | {full / objects:.1f}× "
            f"| {ms(kept)} | {kept / read:.1f}× "
            f"| {ms(history)} | {ms(warm)} | {warm / history:.2f}× | {ms(cold)} |"
        )
    lines += [
        "",
        "*read rows*: the queries the insights need, rows fetched the plain way "
        "(`values_list`, Django turning each moment, day and yes/no into a Python object) "
        "and nothing more. *read as objects*: the same entries as model objects, people "
        "prefetched, the way the journal's pages read them. *compute insights*: every insight "
        "worked out from the database (the same rows read straight into numpy columns, the "
        "whole analysis, people named, the JSON document built). *compute and keep*: what "
        "happens once after the journal changed: the stamp checked, the compute, the "
        "document stored and new cards released (the stored snapshot is marked stale "
        "before each run, untimed). All four take turns within every round, so a machine "
        "slowing down for a few seconds slows them alike, and as in `timeit` the garbage "
        "collector waits while each is timed. *insights page*: a visit "
        "served from the stored snapshot, as every visit is until an entry changes; the "
        "charts are separate requests, drawn once per journal state and then stored. *after "
        "an edit*: an entry saved (untimed), then the first visit, which re-computes. The "
        "three page visits take turns too.",
        "",
        "The compute reads no note or other encrypted column: only the numbers, kinds and "
        "times the analysis uses. " + verdict(rows),
    ]
    return "\n".join(lines)


def verdict(rows) -> str:
    met = [f"{years} year{'s' if years > 1 else ''}" for years, _, read, _, full, *_ in rows
           if full <= 2 * read]  # fmt: skip
    missed = [f"{years} year{'s' if years > 1 else ''}" for years, _, read, _, full, *_ in rows
              if full > 2 * read]  # fmt: skip
    text = f"The compute target (≤ 2× read rows) is met for {', '.join(met) or 'none'}"
    if missed:
        text += f" and missed for {', '.join(missed)}"
    added = [(kept - full) * 1000 for *_, full, kept, _, _, _ in rows]
    return (
        f"{text}. Keeping the result (the stamp checked, the snapshot written, new cards "
        f"released) adds {min(added):.0f}–{max(added):.0f} ms: a few queries whatever the "
        "size, and a stored document that grows with the journal; it weighs most on the "
        "smallest. Timings on a shared 2-core machine vary from run to run."
    )


def write_section(path: Path, table: str) -> None:
    """Replace this bench's section of the file (or add it), leaving other sections alone."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Performance\n"
    block = f"{SECTION}\n\n{table}\n"
    if SECTION in text:
        start = text.index(SECTION)
        rest = text[start + len(SECTION) :]
        following = rest.find("\n## ")
        end = start + len(SECTION) + following + 1 if following >= 0 else len(text)
        text = text[:start] + block + ("\n" + text[end:] if following >= 0 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + block
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
