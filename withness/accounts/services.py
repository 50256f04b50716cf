"""Writes for accounts: the owner at set-up, new accounts at sign-up, invites, and what the
host does from the command line for someone (two-step sign-in off, naming an owner)."""

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from . import two_factor, vault
from .models import Invite, User

CLOSED = "This withness isn’t taking new accounts."
INVITE_GONE = (
    "This invite link has been used, has expired or was taken back. "
    "The person who runs this withness can make you a new one."
)
USERNAME_TAKEN = "Someone took that username a moment ago. Try another."


class OwnerExists(Exception):
    """Set-up was already done, perhaps a moment ago in another tab."""


class SignupRefused(Exception):
    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def _lock_accounts() -> None:
    """Hold other account writers off until this transaction ends.

    SQLite needs nothing here: settings open every transaction IMMEDIATE, which already
    takes the write lock. PostgreSQL would otherwise let two transactions both see no
    owner and both insert one; SHARE ROW EXCLUSIVE blocks a second locker and inserts.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f'LOCK TABLE "{User._meta.db_table}" IN SHARE ROW EXCLUSIVE MODE')


def _with_vault(user: User, password: str) -> User:
    """Every account gets its data key as it is made, unlocked here for the first sign-in.

    The recovery code rides on the returned user (``user.recovery_code``), never stored:
    whoever made the account shows it once.
    """
    user.recovery_code = vault.create_vault(user, password)
    return user


def owner_create(*, username: str, password: str, time_zone: str, country: str) -> User:
    """The first account, which owns the instance. Raises OwnerExists if there is one already."""
    with transaction.atomic():
        _lock_accounts()
        # Checked again inside the lock: the view's check may be stale by now.
        if User.objects.exists():
            raise OwnerExists
        user = User.objects.create_superuser(
            username=username, password=password, time_zone=time_zone, country=country
        )
        return _with_vault(user, password)


def account_create(
    *, username: str, password: str, time_zone: str, country: str, invite_code: str = ""
) -> User:
    """A new account under the instance's sign-up rule (settings.SIGNUP).

    Raises SignupRefused when the rule says no, or when the invite or the username
    was taken between showing the form and submitting it.
    """
    try:
        with transaction.atomic():
            if settings.SIGNUP == "closed" or not User.objects.exists():
                raise SignupRefused(CLOSED)
            invite = None
            if settings.SIGNUP == "invite":
                # Locked, so two tabs with the same link cannot both use it (only the invite:
                # usable() reads its owner's row too, which needs no lock).
                usable = Invite.objects.select_for_update(of=("self",)).usable()
                invite = usable.filter(code=invite_code).first()
                if invite is None:
                    raise SignupRefused(INVITE_GONE)
            user = User.objects.create_user(
                username=username, password=password, time_zone=time_zone, country=country
            )
            if invite is not None:
                invite.used_by, invite.used_at = user, timezone.now()
                invite.save(update_fields=["used_by", "used_at"])
            return _with_vault(user, password)
    except IntegrityError:
        raise SignupRefused(USERNAME_TAKEN, field="username") from None


def invite_create(*, owner: User, note: str = "") -> Invite:
    return Invite.objects.create(created_by=owner, note=note)


def invite_revoke(*, invite: Invite) -> bool:
    """Take back an invite nobody has used. A used one is left alone (it is history)."""
    if invite.is_used:
        return False
    invite.delete()
    return True


def account_create_by_admin(
    *, username: str, password: str, time_zone: str = "UTC", country: str = "", owner: bool = False
) -> User:
    """An account made from the command line by whoever runs the instance.

    Sign-up rules don't apply (the operator is the one who sets them), but the same
    checks as the web do: a free username, a real time zone and a strong password.
    The very first account always becomes the owner.
    """
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from .time_zones import is_time_zone

    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(f"There is already an account called {username}.")
    if not is_time_zone(time_zone):
        raise ValidationError(f"We don't know a time zone called {time_zone!r}.")
    validate_password(password, User(username=username))
    if not User.objects.exists():
        return owner_create(
            username=username, password=password, time_zone=time_zone, country=country
        )
    make = User.objects.create_superuser if owner else User.objects.create_user
    user = make(username=username, password=password, time_zone=time_zone, country=country)
    return _with_vault(user, password)


# Done by whoever runs the instance, from the command line (commands.py)


def sessions_end(*, user) -> int:
    """Sign the person out everywhere; returns how many sessions ended."""
    keys = [
        session.session_key
        for session in Session.objects.iterator()
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk)
    ]
    Session.objects.filter(session_key__in=keys).delete()
    return len(keys)


def two_factor_off_by_host(*, user) -> bool:
    """For someone who lost both their app and their backup codes: two-step sign-in off,
    and every session ended. False if it was off already (nothing is changed then)."""
    with transaction.atomic():
        if not two_factor.two_factor_turn_off(user=user):
            return False
        sessions_end(user=user)
    return True


def owner_name(*, user) -> bool:
    """Make an existing account an owner of the instance; False if it was one already."""
    if user.is_superuser:
        return False
    user.is_superuser = user.is_staff = True
    user.save(update_fields=["is_superuser", "is_staff"])
    return True


def account_switch(*, user, on: bool) -> None:
    """Switch an account on or off (off: signed out everywhere; nothing in it is deleted)."""
    with transaction.atomic():
        user.is_active = on
        user.save(update_fields=["is_active"])
        if not on:
            sessions_end(user=user)
