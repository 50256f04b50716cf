"""Two-step sign-in: a code from an authenticator app (TOTP) or a one-time backup code.

Built on django-otp: a confirmed TOTPDevice means two-step sign-in is on; a StaticDevice holds
the backup codes. Both back off after wrong codes (1, 2, 4… seconds, per device), which is
the rate limit for code guesses. A session that passed the code step is marked by
`django_otp.login`, so `request.user.is_verified()` tells the two kinds of session apart.

They are backup codes, never "recovery codes", wherever a person reads them: the recovery
code is the account's other key to the journal (vault.py), and the two must not be confused.
"""

import secrets
from base64 import b32encode
from binascii import unhexlify
from dataclasses import dataclass
from datetime import datetime

import django_otp
import qrcode
import qrcode.image.svg
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

BACKUP_CODES = 10
BACKUP_DIGITS = 10
APP_DIGITS = 6
SETUP_KEY = "two_factor_setup_key"  # the secret being set up, kept in the session until confirmed

WRONG_APP_CODE = (
    "That code from your app didn’t match. It changes every 30 seconds: try the newest one."
)
WRONG_BACKUP_CODE = "That backup code didn’t match, or it has been used already: each works once."
LOOKS_LIKE_RECOVERY_CODE = (
    "That looks like your recovery code, the one for a forgotten password. It isn’t needed "
    "here: use the code your app shows now, or a backup code."
)


class CodeRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def is_on(user) -> bool:
    return user.is_authenticated and TOTPDevice.objects.filter(user=user, confirmed=True).exists()


@dataclass(frozen=True)
class State:
    on: bool
    codes_left: int


def state_for(user) -> State:
    codes = StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
    return State(on=is_on(user), codes_left=codes)


# Setting up


def setup_key(session) -> str:
    """The secret offered on the turn-on page, the same on every reload until it is confirmed."""
    if SETUP_KEY not in session:
        session[SETUP_KEY] = default_key()
    return session[SETUP_KEY]


def readable_key(hex_key: str) -> str:
    """The secret as authenticator apps ask for it by hand: base32, in groups of four."""
    text = b32encode(unhexlify(hex_key)).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_svg(user, hex_key: str) -> SafeString:
    """The QR code as inline SVG markup, drawn here: no image service ever sees the secret."""
    url = TOTPDevice(user=user, key=hex_key).config_url
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    markup = image.to_string(encoding="unicode")
    label = escape("QR code to scan with your authenticator app")
    # Safe: the markup is generated here, from a URL we built.
    return mark_safe(
        markup.replace("<svg ", f'<svg class="qr" role="img" aria-label="{label}" ', 1)
    )


def _matching_step(hex_key: str, code: str) -> int | None:
    """The time step whose code this is (one step either way allowed), or None."""
    totp = TOTP(unhexlify(hex_key))
    totp.time = timezone.now().timestamp()
    return totp.t() if totp.verify(int(code), tolerance=1) else None


def two_factor_turn_on(*, user, hex_key: str, code: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm the app with a code it shows; returns the device and fresh backup codes."""
    code = _normalise(code)
    if len(code) != APP_DIGITS or not code.isdigit():
        raise CodeRefused("Type the 6 digits your app shows for withness.")
    step = _matching_step(hex_key, code)
    if step is None:
        raise CodeRefused(
            "That code didn’t match. Check that your app added withness with the key above, "
            "then type the newest code it shows."
        )
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        # last_t: the code just typed cannot be used again to sign in.
        device = TOTPDevice.objects.create(
            user=user, name="Authenticator app", key=hex_key, last_t=step
        )
        return device, backup_codes_renew(user=user)


def two_factor_turn_off(*, user) -> bool:
    """Remove the app and the backup codes; False if there were none."""
    with transaction.atomic():
        apps, _ = TOTPDevice.objects.filter(user=user).delete()
        codes, _ = StaticDevice.objects.filter(user=user).delete()
    return bool(apps + codes)


def backup_codes_renew(*, user) -> list[str]:
    """Ten new one-time codes; any earlier ones stop working."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name="Backup codes")
        codes = [
            "".join(secrets.choice("0123456789") for _ in range(BACKUP_DIGITS))
            for _ in range(BACKUP_CODES)
        ]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return [f"{c[:5]} {c[5:]}" for c in codes]


# Checking a code


@dataclass(frozen=True)
class Verified:
    device: object
    used_backup_code: bool
    codes_left: int


def _normalise(code: str) -> str:
    return "".join(ch for ch in (code or "") if ch not in " -\u00a0\t")


def _paused_until(user) -> datetime | None:
    paused = []
    for device in django_otp.devices_for_user(user):
        allowed, details = device.verify_is_allowed()
        if not allowed and details and details.get("locked_until"):
            paused.append(details["locked_until"])
    return max(paused, default=None)


def _shape_problem(code: str) -> str:
    """What is wrong with a code that can be neither kind, said about this code; or ""."""
    n = len(code)
    if code.isdigit() and n in (APP_DIGITS, BACKUP_DIGITS):
        return ""
    if looks_like_recovery_code(code):
        return LOOKS_LIKE_RECOVERY_CODE
    if not code.isdigit():
        return "That has letters or other signs in it. These codes are digits only."
    digits = f"That’s {n} digit{'s' if n != 1 else ''}"
    if n < APP_DIGITS:
        return f"{digits}; codes from your app have 6."
    if n > BACKUP_DIGITS:
        return f"{digits}; backup codes have 10."
    return f"{digits}: codes from your app have 6, backup codes 10."


def looks_like_recovery_code(code: str) -> bool:
    """The account's recovery code: 30 letters and digits, usually typed with dashes."""
    text = "".join(ch for ch in code.upper() if ch.isalnum())
    return len(text) == 30 and not text.isdigit()


def code_verify(*, user, code: str) -> Verified:
    """Check a code from the app or a backup code. Raises CodeRefused with what to do."""
    until = _paused_until(user)
    if until is not None:
        seconds = max(1, round((until - timezone.now()).total_seconds()))
        wait = f"{seconds} seconds" if seconds < 90 else f"{round(seconds / 60)} minutes"
        raise CodeRefused(
            "There were a few codes in a row that didn’t match, so we’re pausing for a moment. "
            f"Try again in about {wait}."
        )
    code = _normalise(code)
    if problem := _shape_problem(code):
        raise CodeRefused(problem)
    model = TOTPDevice if len(code) == APP_DIGITS else StaticDevice
    with transaction.atomic():
        devices = model.objects.devices_for_user(user, confirmed=True).select_for_update()
        device = next((d for d in devices if d.verify_token(code)), None)
    if device is None:
        raise CodeRefused(WRONG_APP_CODE if model is TOTPDevice else WRONG_BACKUP_CODE)
    left = StaticToken.objects.filter(device__user=user).count()
    return Verified(device=device, used_backup_code=model is StaticDevice, codes_left=left)


def session_verify(request, verified: Verified) -> None:
    """Mark this session as past the code step."""
    django_otp.login(request, verified.device)
