"""The data key for the `withness` command, which has no session to keep it in.

`withness unlock` opens the key with the password once and keeps it, until it expires or
`withness lock`, in a file only this computer account can read (0600), in the per-user
runtime directory (a memory-backed folder on most Linux systems, emptied at log-out).
Every other command reads that file, so no command pays for Argon2 again.
"""

import base64
import hashlib
import json
import os
import sys
import time
from pathlib import Path

import platformdirs
from django.conf import settings

from . import vault

DEFAULT_HOURS = 12


def _folder() -> Path:
    if settings.RUNTIME_DIR:
        folder = Path(settings.RUNTIME_DIR)
    elif sys.platform.startswith("linux") and not os.environ.get("XDG_RUNTIME_DIR"):
        # No login session's runtime directory (a server, a container): the data directory.
        folder = Path(settings.DATA_DIR) / "run"
    else:
        folder = Path(platformdirs.user_runtime_dir("withness", appauthor=False))
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def key_file(user) -> Path:
    # One file per database and account, so two instances on one computer never mix keys.
    database = settings.DATABASES["default"]
    where = f"{database.get('HOST', '')}/{database.get('NAME', '')}"
    instance = hashlib.sha256(where.encode()).hexdigest()[:12]
    return _folder() / f"key-{instance}-{user.pk}.json"


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
    path = key_file(user)
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return False
    if data.get("user") != user.pk or data.get("expires", 0) < time.time():
        path.unlink(missing_ok=True)
        return False
    vault.unlock(user.pk, data["key_id"], base64.b64decode(data["key"]))
    return True


def forget(user) -> bool:
    path = key_file(user)
    existed = path.exists()
    path.unlink(missing_ok=True)
    vault.lock(user.pk)
    return existed
