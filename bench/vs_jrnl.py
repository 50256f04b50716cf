"""withness against jrnl on the same journal, as whole processes, in the same run.

    .venv/bin/python bench/vs_jrnl.py                      # 1,000, 10,000 and 50,000 entries
    .venv/bin/python bench/vs_jrnl.py --sizes 1000 --repeats 3
    .venv/bin/python bench/vs_jrnl.py --fresh              # reinstall jrnl first

jrnl comes from PyPI into a virtualenv of its own, kept between runs in
$XDG_CACHE_HOME/withness-bench/jrnl-venv (--fresh makes it again). For each size the same
synthetic journal (1-2 people an entry out of 30, one entry in five alone, a rare word
in about one entry in 500) is written as a plain jrnl text file and, through the ORM, into a
fresh withness database in a temporary WITHNESS_DATA_DIR (notes sealed as the app seals
them, `withness unlock` run once); setting up is not timed. Then
each operation runs as a command, wall clock around the whole process, median of
--repeats runs (one run when the first took over 10 s), with the process's peak RSS:

    add one entry       jrnl "text @Sam"               withness log --with Sam ...
    show the last 10    jrnl -n 10                     withness history -n 10
    filter by a person  jrnl @Sam                      withness history --person Sam -n 0
    full-text search    jrnl -contains lighthouse      withness search lighthouse --limit 1000000
    export everything   jrnl --export json --file F    withness export -o F

Both print every match (jrnl has no limit; withness is told so). Targets, at 50,000 entries:
withness 100x faster at adding and exporting, 10x at filtering and searching, and a lower
peak memory than jrnl's.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
JRNL_VERSION = "4.6"
USERNAME, PASSWORD = "bench", "a long bench passphrase 7"
SLOW = 10.0  # seconds: an operation this slow runs once

PEOPLE = [
    "Sam", "Noor", "Alex", "Priya", "Tomas", "Mei", "Jonah", "Aisha", "Lena", "Omar",
    "Ruth", "Kenji", "Ines", "Dario", "Freya", "Hugo", "Yara", "Ben", "Chloe", "Mateo",
    "Zoe", "Ivan", "Nia", "Felix", "Leah", "Oscar", "Maya", "Rafael", "Sofia", "Theo",
]  # fmt: skip
WORDS = [
    "talked", "about", "work", "and", "the", "move", "walked", "along", "the", "river",
    "cooked", "dinner", "together", "laughed", "a", "lot", "felt", "heard", "felt", "tired",
    "afterwards", "quiet", "evening", "long", "call", "about", "family", "plans", "coffee",
    "before", "the", "meeting", "helped", "with", "the", "garden", "watched", "a", "film",
    "shared", "old", "photos", "argued", "a", "little", "then", "made", "up", "planned", "the",
    "trip", "felt", "lighter", "needed", "more", "sleep", "easy", "company",
]  # fmt: skip
RARE = "lighthouse"  # the searched word: in about one entry in 500


@dataclass(frozen=True)
class Entry:
    at: datetime  # UTC
    people: tuple[str, ...]  # empty: time alone
    minutes: int
    before: tuple[int, int]
    after: tuple[int, int]
    title: str
    body: str


def journal(n: int, seed: int = 7) -> list[Entry]:
    """n entries, oldest first, about four a day up to 2026-01-01; the same n gives the same."""
    rng = random.Random(seed)
    at = datetime(2026, 1, 1, tzinfo=UTC) - timedelta(hours=6 * n)
    entries = []
    for _ in range(n):
        at += timedelta(minutes=rng.randint(300, 420))
        people = () if rng.random() < 0.2 else tuple(rng.sample(PEOPLE, rng.choice((1, 1, 2))))
        words = rng.choices(WORDS, k=rng.randint(12, 40))
        if rng.random() < 0.002:
            words.insert(rng.randrange(len(words)), RARE)
        title = ("Time with " + " and ".join(people)) if people else "Time alone"
        entries.append(
            Entry(
                at=at.replace(second=0, microsecond=0),
                people=people,
                minutes=rng.randint(10, 180),
                before=(rng.randint(-5, 5), rng.randint(0, 10)),
                after=(rng.randint(-5, 5), rng.randint(0, 10)),
                title=title,
                body=" ".join(words).capitalize() + ".",
            )
        )
    return entries


# --------------------------------------------------------------------------- jrnl


def jrnl_venv(fresh: bool) -> Path:
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    venv = cache / "withness-bench" / "jrnl-venv"
    jrnl = venv / "bin" / "jrnl"
    if fresh and venv.exists():
        shutil.rmtree(venv)
    if not jrnl.exists():
        print(f"Installing jrnl {JRNL_VERSION} into {venv} ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
        subprocess.run(
            [venv / "bin" / "pip", "install", "-q", f"jrnl=={JRNL_VERSION}"],
            check=True,
        )
    return jrnl


def jrnl_setup(home: Path, entries: list[Entry]) -> dict[str, str]:
    """A plain-text journal and a config that never asks, colours or opens an editor."""
    config = home / "config" / "jrnl"
    config.mkdir(parents=True)
    journal_file = home / "journal.txt"
    (config / "jrnl.yaml").write_text(
        f"""\
colors: {{body: none, date: none, tags: none, title: none}}
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals: {{default: {{journal: {journal_file}}}}}
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%Y-%m-%d %H:%M'
version: {JRNL_VERSION!r}
"""
    )
    with journal_file.open("w") as out:
        for e in entries:
            tags = " ".join(f"@{p}" for p in e.people)
            out.write(f"[{e.at:%Y-%m-%d %H:%M}] {e.title}.\n{e.body} {tags}".rstrip() + "\n\n")
    return {"XDG_CONFIG_HOME": str(home / "config"), "XDG_DATA_HOME": str(home / "data")}


# --------------------------------------------------------------------------- withness

SEED = """
import sys
from bench.vs_jrnl import seed_withness
seed_withness(int(sys.argv[1]))
"""

MIGRATE = f"""
import os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "withness.settings")
import django
django.setup()
from django.core.management import call_command
from withness.accounts.services import account_create_by_admin
call_command("migrate", interactive=False, verbosity=0)
account_create_by_admin(username={USERNAME!r}, password={PASSWORD!r}, time_zone="UTC")
"""

SETUP = """
import os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "withness.settings")
import django
django.setup()
from django.apps import apps
DataKey = apps.all_models["accounts"].get("datakey")
"""
HAS_KEY = (
    SETUP
    + f"""
print("yes" if DataKey and DataKey.objects.filter(owner__username={USERNAME!r}).exists() else "no")
"""
)
DROP_KEY = (
    SETUP
    + f"""
DataKey.objects.filter(owner__username={USERNAME!r}).delete()
"""
)


def seed_withness(n: int) -> None:
    """The journal into the database, the way the app stores it (runs in its own process).

    Goes through the CLI's own start-up, so whatever it does first (a time zone, a key
    unlocked earlier) is in place, and bulk_create, which calls each field's pre_save.
    """
    import withness.cli  # noqa: F401  (the commands register themselves on import)
    from withness.portability.commands import _start

    user = _start(USERNAME)
    from django.db import transaction

    try:
        from withness.accounts import vault
    except ImportError:  # a withness from before notes were sealed
        vault = None
    if vault and vault.has_vault(user.pk) and not vault.is_unlocked(user.pk):
        vault.unwrap_with_password(user, PASSWORD)

    from withness.journal.models import Interaction, Participation, Solitude
    from withness.people.models import Person

    entries = journal(n)
    with transaction.atomic():
        people = {
            p.name: p
            for p in Person.objects.bulk_create(Person(owner=user, name=name) for name in PEOPLE)
        }

        def fields(e: Entry) -> dict:
            return {
                "owner": user,
                "started_at": e.at,
                "duration_min": e.minutes,
                "before_pleasant": e.before[0],
                "before_energy": e.before[1],
                "after_pleasant": e.after[0],
                "after_energy": e.after[1],
                "note": e.body,
            }

        together = [e for e in entries if e.people]
        Solitude.objects.bulk_create(
            (Solitude(**fields(e)) for e in entries if not e.people), batch_size=2000
        )
        made = Interaction.objects.bulk_create(
            (Interaction(**fields(e)) for e in together), batch_size=2000
        )
        Participation.objects.bulk_create(
            (
                Participation(owner=user, interaction=i, person=people[name])
                for i, e in zip(made, together, strict=True)
                for name in e.people
            ),
            batch_size=2000,
        )


def withness_setup(home: Path, template: Path, notes: str, n: int) -> dict[str, str]:
    shutil.copytree(template, home / "data")
    env = {"WITHNESS_DATA_DIR": str(home / "data")}
    if notes == "sealed":
        withness_unlock(env)  # once, before the seeding and the timed commands
    subprocess.run(
        [sys.executable, "-c", SEED, str(n)], cwd=PROJECT, env=child_env(env), check=True
    )
    return env


def withness_template(home: Path) -> tuple[Path, str]:
    """A migrated database with the bench account, and how its notes will be stored.

    "sealed": notes encrypted, and `withness unlock` is run once before timing.
    "plain": an app without encryption, or one that seals notes but has no `withness unlock`
    yet, so that its commands could not open the journal: the account's data key is then
    removed, which leaves the notes in plaintext, as for an account from before encryption.
    """
    data = home / "template"
    env = child_env({"WITHNESS_DATA_DIR": str(data)})
    subprocess.run([sys.executable, "-c", MIGRATE], cwd=PROJECT, env=env, check=True)
    has_key = subprocess.run(
        [sys.executable, "-c", HAS_KEY], cwd=PROJECT, env=env, capture_output=True, text=True
    ).stdout.strip()
    if has_key != "yes":
        return data, "plain"
    commands = subprocess.run(
        [BIN / "withness", "--help"], env=env, capture_output=True, text=True
    ).stdout
    if " unlock " in commands:
        return data, "sealed"
    subprocess.run([sys.executable, "-c", DROP_KEY], cwd=PROJECT, env=env, check=True)
    return data, "plain, no unlock"


def withness_unlock(env: dict[str, str]) -> None:
    subprocess.run(
        [BIN / "withness", "unlock", "--user", USERNAME],
        env=child_env(env | {"WITHNESS_PASSWORD": PASSWORD}),
        check=True,
        capture_output=True,
    )


# --------------------------------------------------------------------------- timing


def child_env(extra: dict[str, str]) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("WITHNESS_", "XDG_", "DJANGO_")) and k not in ("VISUAL", "EDITOR")
    }
    return env | {"TZ": "UTC", "NO_COLOR": "1", "PYTHONPATH": str(PROJECT)} | extra


@dataclass
class Timing:
    seconds: float  # wall clock, median of the runs
    cpu: float  # user + system, median: what the process itself spent, whatever the load
    peak_mb: float
    runs: int


def run_once(command: list, env: dict[str, str], out: Path) -> tuple[float, float, float]:
    with out.open("wb") as stdout:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, env=env, stdout=stdout, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{command} failed: {process.stderr.read().decode()[-2000:]}")
    process.stderr.close()
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def timed(command: list, env: dict[str, str], out: Path, repeats: int) -> Timing:
    runs = [run_once(command, env, out)]
    while len(runs) < repeats and runs[0][0] < SLOW:
        runs.append(run_once(command, env, out))
    return Timing(
        statistics.median(s for s, _, _ in runs),
        statistics.median(c for _, c, _ in runs),
        max(mb for _, _, mb in runs),
        len(runs),
    )


NOTES = {
    "sealed": "withness notes sealed at rest; `withness unlock` ran once before timing.",
    "plain": "withness notes in plaintext (this withness does not seal them).",
    "plain, no unlock": (
        "withness notes in plaintext: this withness seals notes but has no `withness unlock`"
        " yet, so the bench account's data key was removed (as for an account from before"
        " encryption)."
    ),
}
OPERATIONS = ["add", "last 10", "filter", "search", "export"]
TARGET = {"add": 100, "last 10": None, "filter": 10, "search": 10, "export": 100}


def jrnl_commands(jrnl: Path, out: Path) -> dict[str, list]:
    return {
        "add": [jrnl, "Coffee with @Sam. Talked about the garden."],
        "last 10": [jrnl, "-n", "10"],
        "filter": [jrnl, "@Sam"],
        "search": [jrnl, "-contains", RARE],
        "export": [jrnl, "--export", "json", "--file", out],
    }


def withness_commands(out: Path) -> dict[str, list]:
    withness = BIN / "withness"
    return {
        "add": [withness, "log", "--with", "Sam", "--minutes", "30", "--before", "1,5",
                "--after", "2,6", "--note", "Coffee. Talked about the garden."],
        "last 10": [withness, "history", "-n", "10"],
        "filter": [withness, "history", "--person", "Sam", "-n", "0"],
        "search": [withness, "search", RARE, "--limit", "1000000"],
        "export": [withness, "export", "-o", out],
    }  # fmt: skip


def measure(size: int, jrnl: Path, template: Path, notes: str, repeats: int, work: Path) -> dict:
    entries = journal(size)
    home = work / str(size)
    jrnl_env = child_env(jrnl_setup(home / "jrnl", entries))
    withness_env = child_env(withness_setup(home / "withness", template, notes, size))
    results = {}
    export_first = timed(withness_commands(home / "w.json")["export"], withness_env, home / "o", 1)
    results["export, first"] = (None, export_first)
    j_cmds, w_cmds = jrnl_commands(jrnl, home / "j.json"), withness_commands(home / "w.json")
    for op in OPERATIONS:
        results[op] = (
            timed(j_cmds[op], jrnl_env, home / f"jrnl {op}.out", repeats),
            timed(w_cmds[op], withness_env, home / f"withness {op}.out", repeats),
        )
        print(f"  {size:>6,} {op:<8} done", file=sys.stderr)
    return results


def table(results: dict[int, dict], largest: int) -> str:
    lines = [
        "| entries | operation | jrnl | withness | ratio | target | met | CPU ratio "
        "| peak MB jrnl | peak MB withness |",
        "|---:|---|---:|---:|---:|---|---|---:|---:|---:|",
    ]
    for size, ops in results.items():
        for op in OPERATIONS:
            j, w = ops[op]
            ratio = j.seconds / w.seconds
            goal = TARGET[op]
            target = f"≥ {goal}×" if goal else ""
            met = ""
            if goal and size == largest:
                met = "yes" if ratio >= goal else "no"
            memory = "yes" if w.peak_mb < j.peak_mb else "no"
            lines.append(
                f"| {size:,} | {op} | {seconds(j)} | {seconds(w)} | {ratio:,.1f}× | {target} | "
                f"{met} | {j.cpu / w.cpu:,.1f}× | {j.peak_mb:.0f} | "
                f"{w.peak_mb:.0f}{'' if memory == 'yes' else ' (higher)'} |"
            )
        first = ops["export, first"][1]
        lines.append(
            f"| {size:,} | export, first time | | {seconds(first)} | | | | | "
            f"| {first.peak_mb:.0f} |"
        )
    return "\n".join(lines)


def seconds(t: Timing) -> str:
    text = f"{t.seconds:.3f} s" if t.seconds < 10 else f"{t.seconds:.1f} s"
    return text + ("" if t.runs > 1 else " ¹")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000", help="comma-separated entries")
    parser.add_argument("--repeats", type=int, default=5, help="runs of each fast operation")
    parser.add_argument("--fresh", action="store_true", help="reinstall jrnl first")
    parser.add_argument("--keep", action="store_true", help="keep the temporary journals")
    args = parser.parse_args()
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",")]

    jrnl = jrnl_venv(args.fresh)
    version = subprocess.run([jrnl, "--version"], capture_output=True, text=True).stdout
    work = Path(tempfile.mkdtemp(prefix="withness-vs-jrnl-"))
    load = os.getloadavg()
    try:
        template, notes = withness_template(work)
        results = {}
        for size in sizes:
            results[size] = measure(size, jrnl, template, notes, args.repeats, work)
    finally:
        if args.keep:
            print(f"Journals kept in {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(f"{version.splitlines()[0]} against withness, {datetime.now():%Y-%m-%d}, "
          f"{os.cpu_count()} CPUs, median of {args.repeats} runs")  # fmt: skip
    print(NOTES[notes])
    print(f"Load average at the start {load[0]:.1f}, at the end {os.getloadavg()[0]:.1f}.")
    print()
    print(table(results, max(sizes)))
    print("\n¹ one run (the first took over 10 s, or --repeats 1)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
