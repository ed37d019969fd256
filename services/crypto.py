"""Personal data at rest: Fernet encryption and keyed hashes (for uniqueness and lookup)."""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken

from settings import get_settings


def _derive(purpose: str) -> bytes:
    # Separate keys per purpose from one secret, so a hash key never doubles as the cipher key.
    return hashlib.sha256(f"lingong:{purpose}:{get_settings().secret_key}".encode()).digest()


@lru_cache(maxsize=1)
def _fernet() -> Fernet:
    return Fernet(base64.urlsafe_b64encode(_derive("fernet")))


def encrypt(plain: str) -> str:
    return _fernet().encrypt(plain.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ValueError(
            "personal data cannot be decrypted with the configured secret key"
        ) from exc


def keyed_hash(value: str, purpose: str) -> str:
    """HMAC-SHA256: equal inputs give equal hashes (unique indexes work), but without the key
    a leaked hash cannot be checked against the small space of phone or ID numbers."""
    return hmac.new(_derive(f"hash:{purpose}"), value.encode(), hashlib.sha256).hexdigest()
