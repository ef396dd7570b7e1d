"""Encryption at rest for screening notes and feedback: Fernet (AES-CBC + HMAC), keys rotatable.

ENCRYPTION_KEYS holds one or more Fernet keys separated by commas: the first seals new data, and
every key opens what it sealed, so a key is rotated by putting the new one first, running
`secondround rotate-keys`, then dropping the old one.
"""

from __future__ import annotations

import json

from cryptography.fernet import Fernet, InvalidToken, MultiFernet


class SealError(ValueError):
    """Sealed data could not be opened: none of the configured keys sealed it, or it was altered."""


def parse_keys(value: str) -> list[str]:
    """The keys in ENCRYPTION_KEYS; raises ValueError naming what is wrong (never the key)."""
    keys = [k.strip() for k in value.split(",") if k.strip()]
    for position, key in enumerate(keys, 1):
        try:
            Fernet(key)
        except (ValueError, TypeError):
            raise ValueError(
                f"ENCRYPTION_KEYS: key {position} is not a Fernet key (32 url-safe base64 bytes; "
                'make one with: python -c "from cryptography.fernet import Fernet; '
                'print(Fernet.generate_key().decode())")'
            ) from None
    return keys


class Sealer:
    """Seals JSON-able data into an opaque token and opens it again."""

    def __init__(self, keys: list[str]):
        if not keys:
            raise ValueError("at least one encryption key is needed")
        self._fernet = MultiFernet([Fernet(k) for k in keys])

    def seal(self, data: object) -> str:
        return self._fernet.encrypt(json.dumps(data, separators=(",", ":")).encode()).decode()

    def open(self, token: str) -> object:
        try:
            return json.loads(self._fernet.decrypt(token.encode()))
        except InvalidToken:
            raise SealError(
                "cannot open sealed data: it was sealed with a key not in ENCRYPTION_KEYS, "
                "or altered"
            ) from None

    def reseal(self, token: str) -> str:
        """The same data sealed with the first key (for key rotation)."""
        try:
            return self._fernet.rotate(token.encode()).decode()
        except InvalidToken:
            raise SealError("cannot reseal: no configured key opens this data") from None


def new_key() -> str:
    return Fernet.generate_key().decode()


_keys: list[str] = []
_sealer: Sealer | None = None


def use_keys(keys: list[str]) -> None:
    """Set this process's keys (from ENCRYPTION_KEYS); every store seals and opens with them."""
    global _keys, _sealer
    if keys != _keys or _sealer is None:
        _keys, _sealer = list(keys), Sealer(keys)


def sealer() -> Sealer:
    if _sealer is None:
        raise RuntimeError(
            "no encryption keys configured: set ENCRYPTION_KEYS (the app and workers do this "
            "from the environment at start)"
        )
    return _sealer
