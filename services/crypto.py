"""Personal data encrypted at rest: a keyring of Fernet keys, and column types that use it.

The keyring is per application, not per process: `create_app` hangs it on its database
engine's dialect with `install_keyring`, and the column types find it there, because a
TypeDecorator is given the dialect of the connection it runs on and nothing else. So the
same code works in web requests, CLI commands and tests, and two apps in one process (a
test switching keys, say) never share keys.

The first key encrypts; every key decrypts, so keys rotate without downtime: put a new
key first, keep the old ones after it, run `flask keys rotate`, then drop the old ones.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import Text, types
from sqlalchemy.engine import Dialect, Engine

from services.db import db

_ATTRIBUTE = "frontcounter_keyring"


class KeyringError(Exception):
    """The data encryption keys are missing, malformed, or cannot open what is stored."""


class Keyring:
    """The data encryption keys: the first encrypts, all decrypt."""

    def __init__(self, keys: Sequence[str | bytes]) -> None:
        if not keys:
            raise KeyringError("no data encryption key is configured (DATA_ENCRYPTION_KEYS)")
        try:
            self._fernets = [Fernet(key) for key in keys]
        except (ValueError, TypeError) as error:
            raise KeyringError("a data encryption key is not a valid Fernet key") from error
        self._multi = MultiFernet(self._fernets)

    @property
    def size(self) -> int:
        return len(self._fernets)

    def encrypt(self, plaintext: bytes) -> bytes:
        return self._multi.encrypt(plaintext)

    def decrypt(self, token: bytes) -> bytes:
        try:
            return self._multi.decrypt(token)
        except InvalidToken as error:
            # Never hand back the stored bytes as if they were the data.
            raise KeyringError(
                "stored data could not be decrypted with any configured key: check DATA_ENCRYPTION_KEYS"
            ) from error

    def is_current(self, token: bytes) -> bool:
        """Whether the newest key already opens this token (so rotating it is not needed)."""
        try:
            self._fernets[0].decrypt(token)
        except InvalidToken:
            return False
        return True

    def rotate(self, token: bytes) -> bytes:
        """The same data encrypted under the newest key."""
        try:
            return self._multi.rotate(token)
        except InvalidToken as error:
            raise KeyringError("stored data could not be decrypted with any configured key") from error


def parse_keys(raw: str) -> list[str]:
    """Comma-separated keys, blanks and spaces ignored."""
    return [part.strip() for part in raw.split(",") if part.strip()]


def generate_key() -> str:
    return Fernet.generate_key().decode("ascii")


def install_keyring(engine: Engine, keyring: Keyring) -> None:
    setattr(engine.dialect, _ATTRIBUTE, keyring)


def dialect_keyring(dialect: Dialect) -> Keyring:
    keyring = getattr(dialect, _ATTRIBUTE, None)
    if keyring is None:
        raise KeyringError("this database engine has no data encryption keys installed")
    return keyring


def session_keyring() -> Keyring:
    """The keyring of the database the current session talks to (needs an app context)."""
    return dialect_keyring(db.session.get_bind().dialect)


class EncryptedText(types.TypeDecorator[str]):
    """A string stored as a Fernet token (text) and read back as the string."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return dialect_keyring(dialect).encrypt(value.encode("utf-8")).decode("ascii")

    def process_result_value(self, value: str | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return dialect_keyring(dialect).decrypt(value.encode("ascii")).decode("utf-8")


class EncryptedJSON(types.TypeDecorator[Any]):
    """A JSON document stored as a Fernet token (text). Nothing can query inside it,
    which is the point: filter and order on plain, non-personal columns instead."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        # ASCII escapes: any string Python holds round-trips, even one the database would refuse.
        document = json.dumps(value, separators=(",", ":"))
        return dialect_keyring(dialect).encrypt(document.encode("utf-8")).decode("ascii")

    def process_result_value(self, value: str | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        return json.loads(dialect_keyring(dialect).decrypt(value.encode("ascii")))
