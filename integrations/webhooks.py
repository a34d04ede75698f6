"""Status webhooks from the national platform: signature checks and the event's shape.

The platform signs `<t>.<raw body>` with HMAC-SHA256 under the force's webhook secret and
sends `Platform-Signature: t=<unix seconds>,v1=<hex>`. We check the signature over the
exact bytes received (never a re-serialisation), in constant time, and refuse a timestamp
more than the tolerance away from our clock, so a captured request cannot be replayed later.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from datetime import datetime
from typing import Any

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate

from services.enums import PlatformStatus
from services.platform_status import StatusEvent

_HEADER = re.compile(r"t=(?P<t>[0-9]{1,12}),v1=(?P<v1>[0-9a-f]{64})")


class SignatureRejected(Exception):
    """Why a webhook was refused; the reason is safe to log (it quotes nothing received)."""


def signature(secret: str, body: bytes, timestamp: int) -> str:
    digest = hmac.new(secret.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def verify_signature(header: str | None, body: bytes, secret: str, *, now: float, tolerance: int = 300) -> None:
    """Raise SignatureRejected unless the header signs this body within the tolerance."""
    if not header:
        raise SignatureRejected("missing signature")
    match = _HEADER.fullmatch(header.strip())
    if match is None:
        raise SignatureRejected("malformed signature")
    timestamp = int(match["t"])
    expected = signature(secret, body, timestamp).encode()
    if not hmac.compare_digest(expected, header.strip().encode()):
        raise SignatureRejected("wrong signature")
    if abs(now - timestamp) > tolerance:
        raise SignatureRejected("stale timestamp")


class _OfficerSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    name = fields.String(validate=validate.Length(max=200), load_default=None)
    collar_number = fields.String(validate=validate.Length(max=16), load_default=None)


class StatusEventSchema(Schema):
    """The contract's StatusEvent. Unknown fields are refused, as `additionalProperties: false` says."""

    event_id = fields.UUID(required=True)
    platform_id = fields.String(required=True, validate=validate.Regexp(r"^NP-[0-9A-Z]{12}$"))
    force_reference = fields.String(required=True, validate=validate.Regexp(r"^[A-Z0-9][A-Z0-9-]{5,31}$"))
    status = fields.String(required=True, validate=validate.OneOf([s.value for s in PlatformStatus]))
    occurred_at = fields.AwareDateTime(required=True, default_timezone=None)
    crime_number = fields.String(validate=validate.Length(max=32), load_default=None)
    officer = fields.Nested(_OfficerSchema, load_default=None)
    message_to_reporter = fields.String(validate=validate.Length(max=5000), load_default=None)


def parse_status_event(document: Any) -> StatusEvent:
    """Raise ValidationError unless `document` is a StatusEvent as the contract defines it."""
    if not isinstance(document, dict):
        raise ValidationError("the body must be a JSON object")
    data = StatusEventSchema().load(document)
    officer = data.get("officer") or {}
    occurred: datetime = data["occurred_at"]
    return StatusEvent(
        event_id=str(data["event_id"]),
        platform_id=data["platform_id"],
        force_reference=data["force_reference"],
        status=data["status"],
        occurred_at=occurred,
        crime_number=data.get("crime_number"),
        officer_name=officer.get("name"),
        officer_collar_number=officer.get("collar_number"),
        message_to_reporter=data.get("message_to_reporter"),
    )
