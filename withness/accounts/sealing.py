"""How sealed text is laid out, in plain Python: the vault writes it, and the quick
`withness history` (portability/direct.py) reads it without starting Django.

Sealed text is ``wn1:`` + urlsafe base64(key_id | nonce | AES-GCM ciphertext).
"""

import base64
from collections.abc import Mapping

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

PREFIX = "wn1:"
KEY_ID_BYTES = 8
NONCE_BYTES = 12
TEXT_AAD = b"withness text v1"
LOCKED_WORDS = "(locked: sign in again to read this)"


def sealed_bytes(value: str) -> bytes | None:
    """key id | nonce | ciphertext of a stored value; None for plaintext or a broken seal."""
    if not value.startswith(PREFIX):
        return None
    try:
        return base64.urlsafe_b64decode(value[len(PREFIX) :])
    except ValueError:
        return None


def key_id_of(raw: bytes) -> str:
    return raw[:KEY_ID_BYTES].hex()


def unsealed(ciphers: Mapping[str, AESGCM], raw: bytes, aad: bytes) -> bytes | None:
    """The data in key id | nonce | AES-GCM, or None when its key is not among ``ciphers``."""
    cipher = ciphers.get(key_id_of(raw))
    if cipher is None:
        return None
    start = KEY_ID_BYTES + NONCE_BYTES
    try:
        return cipher.decrypt(raw[KEY_ID_BYTES:start], raw[start:], aad)
    except InvalidTag:
        return None
