"""The `withness` command: quick logging, import/export and administration.

It works on the same local database as `make run` (or WITHNESS_DATABASE_URL).
Each area adds its commands from its own module; this file only gathers them.
"""

import os

import typer

app = typer.Typer(
    help="withness: a private connection journal.", no_args_is_help=True, add_completion=False
)


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "withness.settings")
    import django

    django.setup()


def fail(message: str) -> None:
    typer.secho(message, fg=typer.colors.RED, err=True)
    raise typer.Exit(code=1)


@app.command()
def serve(
    port: int = typer.Option(8000, envvar="PORT", help="Port on 127.0.0.1."),
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
) -> None:
    """Apply migrations and serve withness."""
    setup_django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    typer.echo(f"withness is at http://{host}:{port}/ (Ctrl+C stops it)")
    call_command("runserver", f"{host}:{port}", use_reloader=False)


@app.command()
def createuser(
    username: str,
    password: str = typer.Option(..., prompt=True, hide_input=True, confirmation_prompt=True),
    time_zone: str = typer.Option("UTC", help="For example Europe/Berlin."),
    owner: bool = typer.Option(False, help="Make this person an owner of the instance."),
) -> None:
    """Create an account (setting up the database first, if this is a new one)."""
    setup_django()
    from django.core.exceptions import ValidationError
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)

    from withness.accounts.services import account_create_by_admin

    try:
        user = account_create_by_admin(
            username=username, password=password, time_zone=time_zone, owner=owner
        )
    except ValidationError as error:
        fail(" ".join(error.messages))
    typer.echo(f"Created {user.username}.")
    typer.echo(f"Their recovery code, shown only now: {user.recovery_code}")
    typer.echo("Please keep it somewhere safe: without it or the password, the journal stays shut.")


def _register_area_commands() -> None:
    """Each area's commands live beside the area; a missing module just means none yet."""
    import importlib

    areas = ("accounts", "insights", "portability")
    for module in (f"withness.{area}.commands" for area in areas):
        try:
            commands = importlib.import_module(module)
        except ModuleNotFoundError as error:
            if error.name != module:
                raise
            continue
        commands.register(app)


_register_area_commands()


NOT_SET_UP = (
    "The database in {where} is not set up yet: `withness serve` (or `make run`) sets it up, "
    "or `withness createuser NAME`."
)


def main() -> None:
    from django.db import DatabaseError

    try:
        app()
    except DatabaseError as error:
        # A fresh data directory: say what to do instead of showing a traceback.
        message = str(error)
        if "no such table" not in message and not message.startswith("relation "):
            raise
        from django.conf import settings

        where = settings.DATABASES["default"]["NAME"]
        typer.secho(NOT_SET_UP.format(where=where), fg=typer.colors.RED, err=True)
        raise SystemExit(1) from None
