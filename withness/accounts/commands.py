"""CLI commands: unlock and lock, for the data key (see cli_keys.py); and, for whoever runs
the instance, two-step-off, make-owner, switch-off and switch-on."""

import os

import typer

USER_HELP = "Whose journal (needed only when this withness has more than one account)."

MOST_HOURS = 7 * 24  # a key left on disk longer than a week is too easy to forget


def register(app: typer.Typer) -> None:
    app.command("unlock")(unlock)
    app.command("lock")(lock)
    app.command("two-step-off")(two_step_off)
    app.command("make-owner")(make_owner)
    app.command("switch-off")(switch_off)
    app.command("switch-on")(switch_on)


def fail(message: str) -> None:
    # Imported here: withness.cli imports this module to gather its commands.
    from withness.cli import fail

    fail(message)


def setup_django() -> None:
    from withness.cli import setup_django

    setup_django()


def find_user(username: str | None, *, switched_off_too: bool = False):
    """The account a command is for: the one named, or the only one here.

    Switched-off accounts count only with switched_off_too: for what the host does on
    someone's behalf, and for their journal on this machine.
    """
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.all()
    if not switched_off_too:
        users = users.filter(is_active=True)
    if username:
        user = users.filter(username=username).first()
        if user is None:
            fail(f"There is no account called {username!r} here. Usernames are case-sensitive.")
        return user
    found = list(users[:2])
    if not found:
        fail("There are no accounts yet. Make one with: withness createuser NAME")
    if len(found) > 1:
        fail("This withness has more than one account; say whose journal with --user NAME.")
    return found[0]


def open_with_password(user, password: str) -> None:
    from withness.accounts import vault

    if not user.check_password(password):
        fail("That password doesn’t match. Nothing was unlocked.")
    if not vault.has_vault(user.pk):
        code = vault.create_vault(user, password)
        vault.seal_existing_rows(user)
        typer.echo("Your journal’s words are now encrypted with your password.")
        typer.echo(f"Your recovery code, shown only now: {code}")
        typer.echo("Please keep it somewhere safe; it is the only way in without your password.")
        return
    try:
        vault.unwrap_with_password(user, password)
    except vault.WrongSecret:
        fail(
            "Your password no longer opens your journal’s key (it was changed outside "
            "withness). Use your recovery code on the web: Log in → Forgot your password."
        )


def unlock(
    user: str = typer.Option(None, help=USER_HELP),
    hours: float = typer.Option(
        12, min=0.1, max=MOST_HOURS, help="Stay unlocked this long (at most a week)."
    ),
) -> None:
    """Open your journal for the `withness` command, for some hours.

    The password comes from a prompt, or from WITHNESS_PASSWORD for scripts.
    """
    setup_django()
    from withness.accounts import cli_keys

    person = find_user(user)
    password = os.environ.get("WITHNESS_PASSWORD") or typer.prompt(
        f"Password for {person.username}", hide_input=True
    )
    open_with_password(person, password)
    path = cli_keys.save(person, hours)
    typer.echo(f"Unlocked for {hours:g} h (key kept in {path}). `withness lock` ends it sooner.")


def lock(user: str = typer.Option(None, help=USER_HELP)) -> None:
    """Close your journal for the `withness` command again."""
    setup_django()
    from withness.accounts import cli_keys

    person = find_user(user)
    if cli_keys.forget(person):
        typer.echo("Locked. The next command will ask for your password again.")
    else:
        typer.echo("It was already locked.")


def ensure_unlocked(user) -> None:
    """Before a command reads or writes someone's words: their key, or a plain way to get it.

    Cheap when unlocked: one small file read, no key derivation.
    """
    import sys

    from withness.accounts import cli_keys, vault

    if vault.is_unlocked(user.pk) or cli_keys.load(user) or not vault.has_vault(user.pk):
        return
    if not sys.stdin.isatty():
        fail("Unlock first: withness unlock")
    open_with_password(user, typer.prompt(f"Password for {user.username}", hide_input=True))


def two_step_off(
    username: str,
    yes: bool = typer.Option(False, "--yes", help="Don't ask for confirmation (for scripts)."),
) -> None:
    """Turn off two-step sign-in for someone who lost their phone and their backup codes.

    Their authenticator app and backup codes stop working, and they are signed out
    everywhere. Be sure it really is them asking: this leaves only the password.
    """
    user = _account_for_host(username)
    from withness.accounts import services

    if not yes:
        typer.confirm(
            f"Turn off two-step sign-in for {user.username} and sign them out everywhere?",
            abort=True,
        )
    if not services.two_factor_off_by_host(user=user):
        typer.echo(f"Two-step sign-in was already off for {user.username}. Nothing changed.")
        return
    typer.echo(
        f"Two-step sign-in is off for {user.username}: their authenticator app and backup "
        "codes no longer work, and they are signed out everywhere."
    )
    typer.echo(
        "They can now sign in with their password alone, and turn two-step sign-in on "
        "again in Settings → Two-step sign-in."
    )


def _account_for_host(username: str):
    """Django set up, and the account named: switched off or not, as the host acts for them."""
    setup_django()
    return find_user(username, switched_off_too=True)


def make_owner(username: str) -> None:
    """Make an existing account an owner: owners make invite links and see the sign-up rule."""
    user = _account_for_host(username)
    from withness.accounts import services

    if not user.is_active:
        fail(
            f"{user.username}'s account is switched off; an owner needs to be able to sign in. "
            f"`withness switch-on {user.username}` opens it again."
        )
    if not services.owner_name(user=user):
        typer.echo(f"{user.username} is an owner already. Nothing changed.")
        return
    typer.echo(f"{user.username} is now an owner of this withness: they can make invite links.")


def switch_off(
    username: str,
    yes: bool = typer.Option(False, "--yes", help="Don't ask for confirmation (for scripts)."),
) -> None:
    """Switch an account off: nobody signs in to it, its tokens, calendar feed and shared
    summary links stop. Everything in it stays, for `withness switch-on`."""
    user = _account_for_host(username)
    from withness.accounts import services

    if not user.is_active:
        typer.echo(f"{user.username}'s account is switched off already. Nothing changed.")
        return
    if not yes:
        typer.confirm(f"Switch off {user.username}'s account and sign them out?", abort=True)
    services.account_switch(user=user, on=False)
    typer.echo(
        f"{user.username}'s account is switched off: they are signed out, and their tokens, "
        "calendar feed and shared summary links no longer open. Nothing in it was deleted; "
        f"`withness switch-on {user.username}` opens it again."
    )


def switch_on(username: str) -> None:
    """Switch an account back on: sign-in, tokens, the calendar feed and shared links work
    again as they were."""
    user = _account_for_host(username)
    from withness.accounts import services

    if user.is_active:
        typer.echo(f"{user.username}'s account is on already. Nothing changed.")
        return
    services.account_switch(user=user, on=True)
    typer.echo(f"{user.username}'s account is on again: they can sign in as before.")
