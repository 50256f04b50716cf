"""The data key for the `withness` command, which has no session to keep it in.

`withness unlock` opens the key with the password once and keeps it, until it expires or
`withness lock`, in a file only this computer account can read (0600), in the per-user
runtime directory (a memory-backed folder on most Linux systems, emptied at log-out).
Every other command reads that file, so no command pays for Argon2 again.
"""

import base64
import json
import os
import time
from pathlib import Path

from django.conf import settings

from . import key_file as kept
from . import vault

DEFAULT_HOURS = 12


def _folder() -> Path:
    folder = kept.folder(settings.RUNTIME_DIR, settings.DATA_DIR)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def key_file(user) -> Path:
    return kept.path_for(_folder(), settings.DATABASES["default"], user.pk)


def save(user, hours: float = DEFAULT_HOURS) -> Path:
    """Keep the user's unlocked key for this many hours."""
    key_id, key = vault.key_for(user.pk)
    path = key_file(user)
    data = {
        "user": user.pk,
        "key_id": key_id,
        "key": base64.b64encode(key).decode(),
        "expires": time.time() + hours * 3600,
    }
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as file:
        json.dump(data, file)
    path.chmod(0o600)
    return path


def load(user) -> bool:
    """Unlock the user's key from its file, if there is one still in date. No KDF here."""
    key = kept.read(key_file(user), user.pk)
    if key is None:
        return False
    vault.unlock(user.pk, *key)
    return True


def forget(user) -> bool:
    path = key_file(user)
    existed = path.exists()
    path.unlink(missing_ok=True)
    vault.lock(user.pk)
    return existed
