"""Where `withness unlock` keeps a data key, and reading it back: plain Python, so the quick
`withness history` (portability/direct.py) can find the key without starting Django.
See cli_keys.py for why the file exists.
"""

import base64
import hashlib
import json
import os
import sys
import time
from pathlib import Path

import platformdirs


def folder(runtime_dir: str, data_dir: Path) -> Path:
    if runtime_dir:
        return Path(runtime_dir)
    if sys.platform.startswith("linux") and not os.environ.get("XDG_RUNTIME_DIR"):
        # No login session's runtime directory (a server, a container): the data directory.
        return Path(data_dir) / "run"
    return Path(platformdirs.user_runtime_dir("withness", appauthor=False))


def path_for(folder: Path, database: dict, user_id: int) -> Path:
    # One file per database and account, so two instances on one computer never mix keys.
    where = f"{database.get('HOST', '')}/{database.get('NAME', '')}"
    instance = hashlib.sha256(where.encode()).hexdigest()[:12]
    return folder / f"key-{instance}-{user_id}.json"


def read(path: Path, user_id: int) -> tuple[str, bytes] | None:
    """The key id and key kept in the file, or None (and no file) once it has expired."""
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    # "not later than now" rather than "earlier": a NaN expiry (a hand-edited file) is expired.
    if data.get("user") != user_id or not data.get("expires", 0) > time.time():
        path.unlink(missing_ok=True)
        return None
    return data["key_id"], base64.b64decode(data["key"])
