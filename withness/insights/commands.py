"""`withness demo` and `withness insights`: the pattern-finder from the command line."""

import json
from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    app.command()(demo)
    app.command()(insights)


def demo(
    password: str = typer.Option(
        None, help="Password for the demo account; a new one is made and printed if not given."
    ),
    username: str = typer.Option("demo", help="Name of the demo account."),
    seed: int = typer.Option(
        7, min=0, max=2**32 - 1, help="Seed of the synthetic year (the same seed, the same year)."
    ),
) -> None:
    """Create or reset a demo account with a year of synthetic entries and its insights."""
    from withness.cli import fail, setup_django

    setup_django()
    from django.core.exceptions import ValidationError

    from withness.insights.demo import demo_account_reset, new_password, patterns

    chosen = password or new_password()
    try:
        user = demo_account_reset(username=username, password=chosen, seed=seed)
    except ValidationError as error:
        fail(" ".join(error.messages))
    typer.echo(f"The demo account {user.username!r} has a year of made-up entries.")
    if not password:
        typer.echo(f"Its password (shown only this once): {chosen}")
    typer.echo("Patterns planted in it, for the insights page to find:")
    for line in patterns():
        typer.echo(f"  - {line}")


def insights(
    input: str = typer.Option(
        None,
        "--input",
        help="A folder with interactions.csv, solitude.csv and checkins.csv; no account needed.",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the whole report as JSON."),
    user: str = typer.Option(None, "--user", help="Whose journal (needed if there are several)."),
) -> None:
    """What the pattern-finder sees in a journal: CSV files, or an account's own entries."""
    document = _from_csv(Path(input)) if input is not None else _from_account(user)
    if as_json:
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return
    cards = document["cards"]
    if not cards:
        typer.echo("No clear pattern yet. More entries will help; there is no rush.")
    for card in cards:
        typer.echo(card["text"])
    if document["drift"]["flagged"]:
        since = document["drift"]["since"]
        typer.echo(f"In your log, isolation signs have been higher than usual since {since}.")


def _from_csv(folder: Path) -> dict:
    from withness.analysis.csvio import read_journal
    from withness.analysis.report import analyse
    from withness.cli import fail

    try:
        journal = read_journal(folder)
    except (ValueError, OSError) as error:
        fail(str(error))
    from withness.insights.services import report_document

    return report_document(analyse(journal.interactions, journal.solitude, journal.checkins))


def _from_account(username: str | None) -> dict:
    from withness.cli import setup_django

    setup_django()
    from withness.accounts.commands import find_user
    from withness.insights.services import journal_document

    # Their own journal on this machine, as the journal commands: switched off or not.
    return journal_document(find_user(username, switched_off_too=True))
