"""Each person's journal text is sealed with their own data key.

The data key is 32 random bytes, made once per account. It never touches the disk as
itself: the database holds it only wrapped (AES-GCM) by a key derived from the password
(Argon2id) and by one derived from the recovery code. A password change re-wraps those
few bytes and leaves every sealed note as it is.

While a person is signed in, their key sits in a keyring: a context variable, so each
request (or CLI run) sees only the keys it has unlocked, and nothing outlives it. Sealed
text is ``wn1:`` + urlsafe base64(key_id | nonce | AES-GCM ciphertext); the key id, not the
row's owner, picks the key when a value is read, because a field cannot see its row then.
"""

import base64
import contextlib
import os
import secrets
from contextvars import ContextVar
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db import transaction

from .sealing import (
    KEY_ID_BYTES,
    LOCKED_WORDS,
    NONCE_BYTES,
    PREFIX,
    TEXT_AAD,
    key_id_of,
    sealed_bytes,
    unsealed,
)

KEY_BYTES = 32
RECOVERY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"  # base32: no 0/O or 1/I to confuse
RECOVERY_GROUPS, RECOVERY_GROUP_SIZE = 6, 5  # 30 characters, 150 bits


class VaultLocked(Exception):
    """Text was to be written for someone whose key is not unlocked here."""

    def __init__(self, message="This journal is locked. Sign in again (or run `withness unlock`)."):
        super().__init__(message)


class WrongSecret(Exception):
    """The password, recovery code or token does not open this key."""


class LockedText(str):
    """What sealed text reads as without its key: a gentle placeholder that keeps the seal,
    so saving the row again writes the same sealed value back instead of the placeholder."""

    sealed: str

    def __new__(cls, sealed: str):
        text = super().__new__(cls, LOCKED_WORDS)
        text.sealed = sealed
        return text


class ForDatabase(str):
    """A value that has been through sealing and may be written to an encrypted column."""


# --- The keyring ---------------------------------------------------------------------------


@dataclass
class Keyring:
    ciphers: dict[str, AESGCM] = field(default_factory=dict)  # key id -> cipher
    key_ids: dict[int, str] = field(default_factory=dict)  # user id -> key id
    keys: dict[int, bytes] = field(default_factory=dict)  # user id -> raw key, to re-wrap
    # Reading sealed text without its key raises VaultLocked instead of giving LockedText:
    # for the API, where a placeholder in place of a note would be read as the note.
    strict: bool = False

    def copy(self) -> "Keyring":
        return Keyring(dict(self.ciphers), dict(self.key_ids), dict(self.keys), self.strict)


_keyring: ContextVar[Keyring | None] = ContextVar("withness_keyring", default=None)


def keyring() -> Keyring:
    ring = _keyring.get()
    if ring is None:
        ring = Keyring()
        _keyring.set(ring)
    return ring


@contextlib.contextmanager
def opened():
    """A keyring layer for one request or command: keys unlocked inside are gone after."""
    token = _keyring.set(keyring().copy())
    try:
        yield _keyring.get()
    finally:
        _keyring.reset(token)


def unlock(user_id: int, key_id: str, key: bytes) -> None:
    ring = keyring()
    ring.ciphers[key_id] = AESGCM(key)
    ring.key_ids[user_id] = key_id
    ring.keys[user_id] = key


def lock(user_id: int) -> None:
    ring = keyring()
    key_id = ring.key_ids.pop(user_id, None)
    ring.keys.pop(user_id, None)
    ring.ciphers.pop(key_id, None)


def key_for(user_id: int) -> tuple[str, bytes] | None:
    ring = keyring()
    if user_id in ring.keys:
        return ring.key_ids[user_id], ring.keys[user_id]
    return None


def is_unlocked(user_id: int) -> bool:
    return user_id in keyring().key_ids


# --- Sealing text --------------------------------------------------------------------------


def seal(owner_id: int, value):
    """The value to store for this owner: sealed with their key, never plaintext by accident.

    Empty stays empty. Someone without a vault yet (an account from before encryption)
    keeps plaintext until their next sign-in with the password makes one and seals it all.
    """
    if value is None or value == "":
        return value
    if isinstance(value, LockedText):
        return ForDatabase(value.sealed)
    sealed = _sealed(owner_id, str(value).encode(), TEXT_AAD)
    if sealed is None:
        return ForDatabase(value)
    return ForDatabase(PREFIX + base64.urlsafe_b64encode(sealed).decode())


def _sealed(owner_id: int, data: bytes, aad: bytes) -> bytes | None:
    """key id | nonce | AES-GCM of the data, or None for an account with no key at all."""
    ring = keyring()
    key_id = ring.key_ids.get(owner_id)
    if key_id is None:
        if has_vault(owner_id):
            raise VaultLocked
        return None
    nonce = os.urandom(NONCE_BYTES)
    return bytes.fromhex(key_id) + nonce + ring.ciphers[key_id].encrypt(nonce, data, aad)


def unseal(value):
    """Plaintext for a stored value; LockedText when its key is not unlocked here."""
    if not value or not isinstance(value, str):
        return value
    raw = sealed_bytes(value)
    if raw is None:
        return value  # plaintext from before encryption
    ring = keyring()
    if ring.strict and key_id_of(raw) not in ring.ciphers:
        raise VaultLocked
    text = _opened(raw, TEXT_AAD)
    return LockedText(value) if text is None else text.decode()


def _opened(raw: bytes, aad: bytes) -> bytes | None:
    """The data in key id | nonce | AES-GCM, or None when that key is not unlocked here."""
    return unsealed(keyring().ciphers, raw, aad)


def is_sealed(value) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


# --- Sealing files -------------------------------------------------------------------------

FILE_PREFIX = b"wn1f:"
FILE_AAD = b"withness file v1"


class LockedBytes(bytes):
    """A sealed file read without its key: still sealed, so saving it back keeps the seal."""


def seal_bytes(owner_id: int, data: bytes | None) -> bytes | None:
    """A file (an upload waiting for review) as stored: ``wn1f:`` + key id | nonce | sealed."""
    if not data or isinstance(data, LockedBytes):
        return data
    sealed = _sealed(owner_id, bytes(data), FILE_AAD)
    return bytes(data) if sealed is None else FILE_PREFIX + sealed


def unseal_bytes(data: bytes | None) -> bytes | None:
    """The file as uploaded; LockedBytes (still sealed) when its key is not unlocked here."""
    if data is None:
        return None
    data = bytes(data)  # PostgreSQL's driver gives a memoryview
    if not data.startswith(FILE_PREFIX):
        return data  # kept before files were sealed
    opened = _opened(data[len(FILE_PREFIX) :], FILE_AAD)
    return LockedBytes(data) if opened is None else opened


# --- Wrapping the data key -----------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _unb64(text: str) -> bytes:
    return base64.b64decode(text)


def _password_kek(password: str, salt: bytes, params: dict) -> bytes:
    # Imported here: every command loads this module, few of them derive from a password.
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(
        password.encode(),
        salt,
        time_cost=params["t"],
        memory_cost=params["m"],
        parallelism=params["p"],
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def _hkdf(secret: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=info).derive(secret)


def _wrap(kek: bytes, key: bytes, key_id: str, **extra) -> dict:
    nonce = os.urandom(NONCE_BYTES)
    wrapped = AESGCM(kek).encrypt(nonce, key, b"withness data key " + key_id.encode())
    return {**extra, "nonce": _b64(nonce), "wrapped": _b64(wrapped)}


def _wrap_naming_key(kek: bytes, key: bytes, key_id: str, **extra) -> dict:
    return {**_wrap(kek, key, key_id, **extra), "key_id": key_id}


def _unwrap(kek: bytes, wrap: dict, key_id: str) -> bytes:
    try:
        return AESGCM(kek).decrypt(
            _unb64(wrap["nonce"]), _unb64(wrap["wrapped"]), b"withness data key " + key_id.encode()
        )
    except (InvalidTag, KeyError, ValueError):
        raise WrongSecret from None


def wrap_with_password(key: bytes, key_id: str, password: str) -> dict:
    salt = os.urandom(16)
    params = {"t": settings.VAULT_KDF["time_cost"], "m": settings.VAULT_KDF["memory_cost"]}
    params["p"] = settings.VAULT_KDF["parallelism"]
    kek = _password_kek(password, salt, params)
    return _wrap(kek, key, key_id, kdf="argon2id", salt=_b64(salt), **params)


def unwrap_password_wrap(wrap: dict, key_id: str, password: str) -> bytes:
    kek = _password_kek(password, _unb64(wrap["salt"]), wrap)
    return _unwrap(kek, wrap, key_id)


def new_recovery_code() -> str:
    chars = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(30))
    size = RECOVERY_GROUP_SIZE
    return "-".join(chars[i : i + size] for i in range(0, len(chars), size))


def normalise_recovery_code(code: str) -> str:
    """What was typed, without spaces or dashes, with look-alikes read kindly."""
    code = "".join(c for c in code.upper() if c.isalnum())
    return code.translate(str.maketrans({"0": "O", "1": "I", "8": "B"}))


def _recovery_kek(code: str, salt: bytes) -> bytes:
    # HKDF, not Argon2: the code carries 150 random bits, far beyond any guessing.
    return _hkdf(normalise_recovery_code(code).encode(), salt, b"withness recovery code")


def wrap_with_recovery(key: bytes, key_id: str, code: str) -> dict:
    salt = os.urandom(16)
    return _wrap(_recovery_kek(code, salt), key, key_id, kdf="hkdf-sha256", salt=_b64(salt))


def wrap_with_secret(key: bytes, key_id: str, secret: str, purpose: bytes) -> dict:
    """Wrapped by a high-entropy secret (an API token, a session cookie): HKDF is enough."""
    salt = os.urandom(16)
    kek = _hkdf(secret.encode(), salt, purpose)
    return _wrap_naming_key(kek, key, key_id, kdf="hkdf-sha256", salt=_b64(salt))


def unwrap_with_secret(wrap: dict, secret: str, purpose: bytes) -> tuple[str, bytes]:
    try:
        key_id = wrap["key_id"]
        kek = _hkdf(secret.encode(), _unb64(wrap["salt"]), purpose)
    except (KeyError, ValueError, TypeError):
        raise WrongSecret from None
    return key_id, _unwrap(kek, wrap, key_id)


# --- A person's vault ----------------------------------------------------------------------


def has_vault(user_id: int) -> bool:
    from .models import DataKey

    return DataKey.objects.filter(owner_id=user_id).exists()


def create_vault(user, password: str) -> str:
    """Make the person's data key, unlock it here, and return the recovery code to show once."""
    from .models import DataKey

    key, key_id, code = os.urandom(KEY_BYTES), secrets.token_hex(KEY_ID_BYTES), new_recovery_code()
    DataKey.objects.create(
        owner=user,
        key_id=key_id,
        by_password=wrap_with_password(key, key_id, password),
        by_recovery=wrap_with_recovery(key, key_id, code),
        swept_columns=sealed_columns(),
    )
    unlock(user.pk, key_id, key)
    return code


def unwrap_with_password(user, password: str) -> bytes:
    """The data key, unlocked here too. Raises WrongSecret (or DataKey.DoesNotExist)."""
    data_key = user.data_key
    key = unwrap_password_wrap(data_key.by_password, data_key.key_id, password)
    unlock(user.pk, data_key.key_id, key)
    seal_new_columns(user, data_key)
    return key


def rewrap(user, key: bytes, new_password: str) -> None:
    """After a password change: wrap the same key again. No note is touched."""
    data_key = user.data_key
    data_key.by_password = wrap_with_password(key, data_key.key_id, new_password)
    data_key.save(update_fields=["by_password", "updated_at"])


def recovery_key(data_key, code: str) -> bytes:
    """The data key the recovery code opens; nothing changes. Raises WrongSecret."""
    salt = _unb64(data_key.by_recovery["salt"])
    return _unwrap(_recovery_kek(code, salt), data_key.by_recovery, data_key.key_id)


def recover(user, code: str, new_password: str, *, key: bytes | None = None) -> str:
    """Open the key with the recovery code (or take it, opened already), set the new password,
    and return a new code. The old code stops working: its wrap is replaced by the new one's.
    """
    data_key = user.data_key
    key = key or recovery_key(data_key, code)
    new_code = new_recovery_code()
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        data_key.by_password = wrap_with_password(key, data_key.key_id, new_password)
        data_key.by_recovery = wrap_with_recovery(key, data_key.key_id, new_code)
        data_key.save(update_fields=["by_password", "by_recovery", "updated_at"])
    unlock(user.pk, data_key.key_id, key)
    seal_new_columns(user, data_key)
    return new_code


def new_recovery_code_for(user) -> str:
    """A fresh recovery code for someone unlocked here; the old one stops working."""
    found = key_for(user.pk)
    if found is None:
        raise VaultLocked
    key_id, key = found
    code = new_recovery_code()
    data_key = user.data_key
    data_key.by_recovery = wrap_with_recovery(key, key_id, code)
    data_key.save(update_fields=["by_recovery", "updated_at"])
    return code


def _every_sealed_column():
    """("app_label.model.field", model, field) for every sealed text and JSON column."""
    from django.apps import apps

    from .encrypted import sealed_fields

    for model in apps.get_models():
        for column in sealed_fields(model):
            yield f"{model._meta.label_lower}.{column.attname}", model, column


def sealed_columns() -> list[str]:
    """Every sealed column, as "app_label.model.field", sorted."""
    return sorted(name for name, _, _ in _every_sealed_column())


def seal_existing_rows(user, columns: set[str] | None = None) -> int:
    """Seal whatever this person wrote before it was sealed: in every sealed column, or in
    these ("app_label.model.field"). Needs their key unlocked here."""
    return sum(
        _seal_column(model, field, user)
        for name, model, field in _every_sealed_column()
        if columns is None or name in columns
    )


def _seal_column(model, field, user) -> int:
    """Seal one column's plain values for this person, a thousand UPDATEs at a time: one
    save() per row took 5 s (SQLite) to 16 s (PostgreSQL) for 20,000 notes, in a request."""
    from django.db import connection

    plain = model._base_manager.filter(field.stored_plain(), owner_id=user.pk)
    rows = list(plain.values_list("pk", field.attname))
    quote = connection.ops.quote_name
    sql = (
        f"UPDATE {quote(model._meta.db_table)} SET {quote(field.column)} = %s "
        f"WHERE {quote(model._meta.pk.column)} = %s"
    )
    for start in range(0, len(rows), 1000):
        batch = [
            (field.get_db_prep_save(field.sealed(user.pk, value), connection), pk)
            for pk, value in rows[start : start + 1000]
        ]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, batch)
    return len(rows)


def seal_new_columns(user, data_key) -> int:
    """After an upgrade that seals more columns: seal what this person wrote there before.

    Each column is swept once per person, the first time their key opens after the upgrade
    (a sign-in, `withness unlock`, the recovery code); the key remembers which it has swept.
    """
    new = set(sealed_columns()) - set(data_key.swept_columns)
    if not new:
        return 0
    count = seal_existing_rows(user, new)
    data_key.swept_columns = sorted(set(data_key.swept_columns) | new)
    data_key.save(update_fields=["swept_columns"])
    return count


def password_changed(user, new_password: str) -> str | None:
    """Re-wrap the unlocked key for the new password. Someone without a vault yet gets one
    now (their words sealed), and the new recovery code is returned to be shown."""
    found = key_for(user.pk)
    if found is not None:
        rewrap(user, found[1], new_password)
        return None
    if has_vault(user.pk):
        raise VaultLocked
    code = create_vault(user, new_password)
    seal_existing_rows(user)
    return code
