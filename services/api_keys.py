"""Keys for the intake API: one per partner channel, shown once, kept only as a hash.

A key looks like `fc_<prefix>_<secret>`. The prefix finds the row without a scan; the
SHA-256 of the whole key, compared in constant time, proves it. The keys are 256-bit
random values, so a fast hash is enough: there is nothing to guess that a slow one would
protect.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from services.db import db
from services.enums import Channel
from services.models import ApiKey
from services.types import utcnow

KEY_PREFIX = "fc"


@dataclass(frozen=True)
class ApiClient:
    """Who is calling: what a request handler needs to know, detached from the session."""

    id: int
    name: str
    channel: Channel


@dataclass(frozen=True)
class KeySummary:
    prefix: str
    name: str
    channel: str
    created_at: datetime
    revoked_at: datetime | None


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_api_key(name: str, channel: Channel) -> tuple[KeySummary, str]:
    """Store a new key and return it: the only time the whole key is ever available."""
    if channel is Channel.WEB:
        raise ValueError("the web channel is the forms themselves: API keys are for the other channels")
    prefix = secrets.token_hex(6)
    key = f"{KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    try:
        record = ApiKey(name=name[:100], channel=channel.value, prefix=prefix, key_hash=_hash(key), created_at=utcnow())
        db.session.add(record)
        db.session.commit()
        return KeySummary(prefix, record.name, record.channel, record.created_at, None), key
    except BaseException:
        db.session.rollback()
        raise


def authenticate_api_key(key: str | None) -> ApiClient | None:
    """The live key this is, or None: wrong, unknown and revoked keys look the same to callers."""
    if not key:
        return None
    parts = key.split("_", 2)  # the secret itself may contain "_"
    if len(parts) != 3 or parts[0] != KEY_PREFIX:
        return None
    record = db.session.scalar(select(ApiKey).where(ApiKey.prefix == parts[1]))
    client = None
    if record is not None and record.revoked_at is None and hmac.compare_digest(record.key_hash, _hash(key)):
        client = ApiClient(record.id, record.name, Channel(record.channel))
    db.session.rollback()
    return client


def list_api_keys() -> list[KeySummary]:
    rows = db.session.scalars(select(ApiKey).order_by(ApiKey.created_at)).all()
    summaries = [KeySummary(r.prefix, r.name, r.channel, r.created_at, r.revoked_at) for r in rows]
    db.session.rollback()
    return summaries


def revoke_api_key(prefix: str, now: datetime | None = None) -> bool:
    """Revoke the key with this prefix at once; False if there is no live key with it."""
    try:
        record = db.session.scalar(select(ApiKey).where(ApiKey.prefix == prefix, ApiKey.revoked_at.is_(None)))
        if record is None:
            db.session.rollback()
            return False
        record.revoked_at = now or utcnow()
        db.session.commit()
        return True
    except BaseException:
        db.session.rollback()
        raise
