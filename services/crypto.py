"""Personal data at rest: Fernet encryption under a rotating keyring, keyed hashes for lookup."""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken

from settings import LEGACY_KEY_ID, get_settings

# A stored ciphertext is "<key id>:<Fernet token>"; Fernet tokens are URL-safe base64 and never
# hold ":", so rows written before key ids existed (no prefix) are known to be under key "0".
SEPARATOR = ":"


def _derive(purpose: str) -> bytes:
    # Separate keys per purpose from one secret, so a hash key never doubles as the cipher key.
    # LINGONG_SECRET_KEY does not rotate: the lookup hashes and the audit chain depend on it.
    return hashlib.sha256(f"lingong:{purpose}:{get_settings().secret_key}".encode()).digest()


@lru_cache(maxsize=16)
def _fernet(key_id: str, secret: str) -> Fernet:
    if key_id == LEGACY_KEY_ID:
        return Fernet(base64.urlsafe_b64encode(_derive("fernet")))
    digest = hashlib.sha256(f"lingong:fernet:{key_id}:{secret}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def current_key_id() -> str:
    """The key new ciphertexts are written under (the first of LINGONG_ENCRYPTION_KEYS)."""
    return get_settings().encryption_keys[0][0]


def key_id_of(token: str) -> str:
    key_id, sep, _ = token.partition(SEPARATOR)
    return key_id if sep else LEGACY_KEY_ID


def encrypt(plain: str) -> str:
    key_id, secret = get_settings().encryption_keys[0]
    return key_id + SEPARATOR + _fernet(key_id, secret).encrypt(plain.encode()).decode()


def decrypt(token: str) -> str:
    key_id, sep, body = token.partition(SEPARATOR)
    if not sep:
        key_id, body = LEGACY_KEY_ID, token
    secret = dict(get_settings().encryption_keys).get(key_id)
    if secret is None:
        raise ValueError(f"personal data is encrypted under key {key_id!r}, not configured")
    try:
        return _fernet(key_id, secret).decrypt(body.encode()).decode()
    except InvalidToken as exc:
        raise ValueError(f"personal data cannot be decrypted with key {key_id!r}") from exc


def reencrypted(token: str) -> str | None:
    """The ciphertext under the current key, or None when it already is (idempotent)."""
    if key_id_of(token) == current_key_id():
        return None
    return encrypt(decrypt(token))


def keyed_hash(value: str, purpose: str) -> str:
    """HMAC-SHA256: equal inputs give equal hashes (unique indexes work), but without the key
    a leaked hash cannot be checked against the small space of phone or ID numbers."""
    return hmac.new(_derive(f"hash:{purpose}"), value.encode(), hashlib.sha256).hexdigest()
