"""CLI commands: log, checkin, history, search, export, import.

Each command validates through the same Django forms and services as the web, on the
local database. Mistakes a person can make (a name that isn't there, a number off the
scale, a file of another kind) end with a plain message and exit code 1, never a traceback.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Annotated

import typer

from withness.cli import fail, setup_django

from .direct import MOST, NO_ENTRIES, line_text

USER_HELP = "Whose journal (needed only when this withness has more than one account)."
STATE_HELP = "PLEASANT,ENERGY: pleasant −5..5, energy 0..10, e.g. -2,7"


def register(app: typer.Typer) -> None:
    app.command("log")(log)
    app.command("checkin")(checkin)
    app.command("history")(history)
    app.command("search")(search)
    app.command("export")(export)
    app.command("import")(import_file)


# --------------------------------------------------------------------------- helpers


def _start(username: str | None):
    """Django set up, the user's time zone active, and the user."""
    setup_django()
    from django.utils import timezone

    from withness.accounts.commands import ensure_unlocked, find_user

    user = find_user(username, switched_off_too=True)
    ensure_unlocked(user)
    timezone.activate(user.zone)
    return user


def _state(text: str | None, what: str) -> tuple[str, str]:
    if text is None:
        return "", ""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 2 or not all(parts):
        fail(f"{what}: give two numbers, PLEASANT,ENERGY (for example -2,7), not {text!r}.")
    return parts[0], parts[1]


# Form fields as the options that fill them, so an error names what to change.
OPTION_FOR = {
    "before_pleasant": "--before (pleasant)",
    "before_energy": "--before (energy)",
    "after_pleasant": "--after (pleasant)",
    "after_energy": "--after (energy)",
    "duration_min": "--minutes",
    "started_at": "--at",
    "people": "--with",
    "new_people": "--with",
    "social_capacity": "--capacity",
    "pleasant": "STATE (pleasant)",
    "energy": "STATE (energy)",
}


def _form_errors(form) -> str:
    lines = []
    for name, errors in form.errors.items():
        option = OPTION_FOR.get(name, f"--{name.replace('_', '-')}")
        label = "" if name == "__all__" else f"{option}: "
        lines += [f"{label}{message}" for message in errors]
    return "\n".join(lines)


def _people_ids(user, names: list[str]) -> tuple[list[str], list[str]]:
    from withness.people.models import Person

    ids, new = [], []
    for name in names:
        matches = list(Person.objects.for_user(user).filter(name__iexact=name.strip()))
        if name.startswith("#") and name[1:].isdecimal():
            matches = list(Person.objects.for_user(user).filter(pk=int(name[1:])))
            if not matches:
                fail(f"There is no person with the number {name} in your list.")
        if len(matches) > 1:
            listed = ", ".join(f"#{p.pk}" for p in matches)
            fail(f"You have {len(matches)} people called {name}: say which with --with {listed}.")
        if matches:
            ids.append(str(matches[0].pk))
        else:
            new.append(name.strip())
    return ids, new


# --------------------------------------------------------------------------- log


def log(
    with_: Annotated[
        list[str] | None,
        typer.Option("--with", help="Who it was with: one of your people, a new name, or #ID."),
    ] = None,
    group: str = typer.Option("", help="Or a group or setting, e.g. 'support group'."),
    alone: bool = typer.Option(False, "--alone", help="Log time alone instead."),
    mode: str = typer.Option("in_person", help="in_person, call, video, messages, online, other."),
    activity: str = typer.Option("rest", help="Alone: rest, nature, meditation, creative, …"),
    not_chosen: bool = typer.Option(False, "--not-chosen", help="Alone, but not by choice."),
    restorative: str = typer.Option("", help="Alone: did it restore you? yes, no or unsure."),
    minutes: int = typer.Option(..., help="How long, in minutes."),
    before: str = typer.Option(..., help=f"State before: {STATE_HELP}."),
    after: str = typer.Option(None, help=f"State after: {STATE_HELP}. Leave out to add later."),
    at: str = typer.Option("", help="When it started, 'YYYY-MM-DD HH:MM' (default: now)."),
    felt_safe: int = typer.Option(None, help="How safe it felt, 0..10."),
    note: str = typer.Option("", help="A note in your own words."),
    user: str = typer.Option(None, help=USER_HELP),
) -> None:
    """Log time with others, or time alone, in one line."""
    person = _start(user)
    from django.utils import timezone

    from withness.journal.forms import InteractionForm, SolitudeForm
    from withness.journal.services import interaction_log, solitude_log
    from withness.journal.templatetags.journal_tags import day_in_year
    from withness.people.selectors import deleted_namesakes

    before_p, before_e = _state(before, "--before")
    after_p, after_e = _state(after, "--after")
    data = {
        "started_at": at or timezone.localtime().strftime("%Y-%m-%d %H:%M"),
        "duration_min": str(minutes),
        "before_pleasant": before_p,
        "before_energy": before_e,
        "after_pleasant": after_p,
        "after_energy": after_e,
        "after_later": "on" if after is None else "",
        "note": note,
    }
    namesakes = []  # anyone in recently deleted with a name given as someone new
    if alone:
        if with_ or group:
            fail("--alone is for time on your own; leave out --with and --group.")
        data |= {
            "chosen": "no" if not_chosen else "yes",
            "activity": activity,
            "restorative": restorative,
        }
        form = SolitudeForm(data, user=person)
        if not form.is_valid():
            fail(_form_errors(form))
        entry = solitude_log(user=person, data=form.cleaned_data)
    else:
        ids, new = _people_ids(person, with_ or [])
        data |= {
            "people": ids,
            "new_people": ", ".join(new),
            "group": group,
            "mode": mode,
            "felt_safe": "" if felt_safe is None else str(felt_safe),
        }
        form = InteractionForm(data, user=person)
        if not form.is_valid():
            fail(_form_errors(form))
        namesakes = deleted_namesakes(person, form.cleaned_data["new_people"])
        entry = interaction_log(user=person, data=form.cleaned_data)
    when = day_in_year(entry.started_at, "D j M H:i", "D j M Y H:i")
    typer.echo(f"Logged: {entry} — {when}, {entry.duration_min} min.")
    for namesake in namesakes:
        typer.echo(
            f"There is also a {namesake.name} in recently deleted. This entry is with someone "
            "new by that name. If they are the same person, you can bring the earlier "
            f"{namesake.name} back in the app (History, then Recently deleted) and then merge "
            "the two."
        )
    if after is None:
        typer.echo("You can add how you felt afterwards later, in the app.")


# --------------------------------------------------------------------------- checkin


def checkin(
    state: str = typer.Argument(..., help=f"How you are: {STATE_HELP}."),
    day: str = typer.Option("", help="YYYY-MM-DD (default: today)."),
    racing_thoughts: int = typer.Option(0, min=0, max=2, help="0 none, 1 some, 2 a lot."),
    anxiety: int = typer.Option(0, min=0, max=2, help="0 none, 1 some, 2 a lot."),
    irritability: int = typer.Option(0, min=0, max=2, help="0 none, 1 some, 2 a lot."),
    tension: int = typer.Option(0, min=0, max=2, help="0 none, 1 some, 2 a lot."),
    poor_sleep: int = typer.Option(0, min=0, max=2, help="0 none, 1 some, 2 a lot."),
    sleep_hours: float = typer.Option(None, help="Hours of sleep, e.g. 6.5."),
    capacity: int = typer.Option(None, help="Room for people today, 0..10."),
    note: str = typer.Option("", help="A line about today."),
    user: str = typer.Option(None, help=USER_HELP),
) -> None:
    """Check in for today (or another day): how you are, and the isolation signs."""
    person = _start(user)
    from withness.journal.forms import CheckInForm
    from withness.journal.services import checkin_save

    pleasant, energy = _state(state, "STATE")
    form = CheckInForm(
        {
            "day": day,
            "pleasant": pleasant,
            "energy": energy,
            "racing_thoughts": racing_thoughts,
            "anxiety": anxiety,
            "irritability": irritability,
            "tension": tension,
            "poor_sleep": poor_sleep,
            "sleep_hours": "" if sleep_hours is None else sleep_hours,
            "social_capacity": "" if capacity is None else capacity,
            "note": note,
        },
        user=person,
    )
    if not form.is_valid():
        fail(_form_errors(form))
    saved = checkin_save(user=person, form=form)
    typer.echo(f"Checked in for {saved.day:%a %d %b}: {saved.words}.")


# --------------------------------------------------------------------------- history


def history(
    number: int = typer.Option(
        20, "--number", "-n", min=0, max=MOST, help="Show the last N entries (0: all)."
    ),
    person: str = typer.Option("", help="Only time with this person (a name or #ID)."),
    user: str = typer.Option(None, help=USER_HELP),
) -> None:
    """The latest entries, newest first, one a line."""
    owner = _start(user)
    from django.utils import timezone

    from withness.people.models import Person

    from .selectors import history_lines

    who = None
    if person:
        ids, missing = _people_ids(owner, [person])
        if missing:
            fail(f"There is no one called {person!r} in your people.")
        who = Person.objects.get(pk=ids[0])
    lines = [
        line_text(timezone.localtime(line.at), line.what, line.note)
        for line in history_lines(owner, person=who, limit=number or None)
    ]
    typer.echo("\n".join(lines) if lines else NO_ENTRIES)


# --------------------------------------------------------------------------- search


def search(
    text: str = typer.Argument(..., help="Words to find in notes, people and body signals."),
    limit: int = typer.Option(50, min=1, max=MOST, help="Show at most this many."),
    user: str = typer.Option(None, help=USER_HELP),
) -> None:
    """Find entries and people by their notes, names or body signals."""
    if not text.strip():
        fail("Give a word to look for, for example: withness search garden")
    person = _start(user)
    from django.utils import timezone

    from .selectors import search_journal

    hits = search_journal(person, text, limit=limit)
    if not hits:
        typer.echo(f"Nothing found for {text!r}.")
        return
    for hit in hits:
        when = timezone.localtime(hit.at).strftime("%Y-%m-%d %H:%M") if hit.at else " " * 16
        typer.echo(f"{when}  {hit.kind:<11} {hit.title}")
        if hit.excerpt:
            typer.echo(f"{'':16}  {'':11} {hit.excerpt}")


# --------------------------------------------------------------------------- export


def export(
    format: str = typer.Option("json", "--format", "-f", help="json, or csv (a zip of tables)."),
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")
    ] = None,
    user: str = typer.Option(None, help=USER_HELP),
) -> None:
    """Export everything in your journal."""
    person = _start(user)
    from .exports import export_csv_zip, export_json_chunks

    if format not in ("json", "csv"):
        fail(f"--format is json or csv, not {format!r}.")
    if format == "csv" and output is None and sys.stdout.isatty():
        fail("A zip file would garble the terminal: add --output FILE.zip.")
    try:
        stream = sys.stdout.buffer if output is None else output.open("wb")
    except OSError as error:
        fail(f"Couldn't write {output}: {error.strerror}.")
    with stream if output is not None else contextlib.nullcontext(stream):
        if format == "json":
            for chunk in export_json_chunks(person):
                stream.write(chunk.encode())
        else:
            stream.write(export_csv_zip(person))
        stream.flush()
    if output is not None:
        typer.echo(f"Wrote {output} ({output.stat().st_size:,} bytes).", err=True)


# --------------------------------------------------------------------------- import

IMPORT_SOURCES = "withness, daylio, jrnl, howwefeel, bearable or vcard (or auto)"


def import_file(
    source: Annotated[str, typer.Argument(help=f"Where the file is from: {IMPORT_SOURCES}.")],
    file: Annotated[Path, typer.Argument(help="The file to import.")],
    time_zone: str = typer.Option(
        "", "--time-zone", help="Zone of the file's times (default: yours)."
    ),
    map_: Annotated[
        list[str] | None,
        typer.Option(
            "--map", help="LABEL=LEVEL (1–5) or LABEL=PLEASANT,ENERGY; repeat for each label."
        ),
    ] = None,
    review_only: bool = typer.Option(
        False, "--review", help="Show how the moods will read, and write nothing."
    ),
    user: str = typer.Option(None, help=USER_HELP),
) -> None:
    """Import a withness export, or entries and contacts from another app."""
    person = _start(user)
    from . import imports, services
    from .mapping import default_mapping, parse_option, reviews

    source = source.strip().lower().replace(" ", "").replace("-", "")
    if source not in ("auto", "withness", "withnessjson", *imports.SOURCES):
        fail(f"Unknown source {source!r}: choose {IMPORT_SOURCES}.")
    try:
        data = file.read_bytes()
    except OSError as error:
        fail(f"Couldn't read {file}: {error.strerror}.")
    try:
        if source == "auto":
            source = imports.source_of(file.name, data)
        if source.startswith("withness"):
            document = services.read_document(data)
            with _progress("Importing") as advance:
                report = services.document_import(
                    user=person, document=document, on_progress=advance
                )
            typer.echo(report.summary())
            for problem in report.problems:
                typer.echo(f"  {problem}")
            return
        mapping = {}
        for option in map_ or []:
            label, value = parse_option(option)
            mapping[label] = value
        run = imports.import_run_create(
            user=person,
            source=source,
            filename=file.name,
            data=data,
            time_zone=time_zone or person.time_zone,
        )
        items = reviews(imports.label_review(run))
        mapping = default_mapping(items) | mapping
        _print_review(run, items, mapping)
        if review_only:
            run.delete()
            typer.echo("Nothing was written (--review).")
            return
        imports.import_run_map(run=run, mapping=mapping)
        with _progress("Importing") as advance:
            run = imports.import_run_finish(run=run, on_progress=advance)
    except (services.ImportRefused, imports.ImportProblem) as error:
        fail(error.message)
    except ValueError as error:
        fail(str(error))
    typer.echo("Done. " + " ".join(run.outcome()))


def _print_review(run, items, mapping) -> None:
    from .mapping import Review

    read = run.counts.get("read", 0)
    typer.echo(f"Read {read:,} {'row' if read == 1 else 'rows'}; {run.total:,} to import.")
    for note in run.notes:
        typer.echo(f"  note: {note}")
    for problem in run.problems:
        typer.echo(f"  skipped {problem}")
    if not items:
        return
    typer.echo("How each mood will read (change with --map LABEL=LEVEL or LABEL=P,E):")
    from .importers.moods import DAYLIO_LEVEL_STATE

    for item in items:
        chosen = mapping.get(item.label)
        if chosen is not None:
            pleasant, energy = (
                DAYLIO_LEVEL_STATE[chosen] if isinstance(chosen, int) else tuple(chosen)
            )
            item = Review(item.label, item.count, pleasant, energy, True, "")
        how = item.state if item.pleasant is not None else "kept without a check-in"
        typer.echo(f"  {item.label!r} ×{item.count}: {how}")


class _progress:
    """A rich progress bar on stderr, fed with (done, total)."""

    def __init__(self, what: str):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.bar = Progress(
            TextColumn(what),
            BarColumn(),
            MofNCompleteColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.task = None

    def __enter__(self):
        self.bar.start()

        def advance(done: int, total: int) -> None:
            if self.task is None:
                self.task = self.bar.add_task("", total=total)
            self.bar.update(self.task, completed=done, total=total)

        return advance

    def __exit__(self, *exc):
        self.bar.stop()
        return False
