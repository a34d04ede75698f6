"""Who is calling the intake API: the API key in `Authorization: Bearer`, checked once per
request, and the rate limit counted per key."""

from __future__ import annotations

import re

from flask import g, request

from frontcounter.extensions import limiter
from frontcounter.limiter import client_ip
from frontcounter.logs import security_event
from frontcounter.rate_limits import configured
from services.api_keys import ApiClient, authenticate_api_key

# The public part of a key as `api-keys list` shows it: safe to log, and it names the client.
KEY_PREFIX = re.compile(r"fc_([0-9a-f]{12})_")
_UNCHECKED = object()


def bearer_client() -> ApiClient | None:
    """The live API key's client, or None (and a security event, once) when there is none."""
    cached = g.get("api_client", _UNCHECKED)
    if cached is not _UNCHECKED:
        return cached  # type: ignore[return-value]
    header = request.headers.get("Authorization", "")
    scheme, _, key = header.partition(" ")
    client = authenticate_api_key(key.strip()) if scheme.lower() == "bearer" else None
    if client is None:
        known = KEY_PREFIX.match(key.strip())
        reason = "missing" if not header else "not_bearer" if scheme.lower() != "bearer" else "unknown_or_revoked"
        security_event("api_key_refused", reason=reason, key_prefix=known.group(1) if known else None, status=401)
    g.api_client = client
    return client


def api_key_identity() -> str:
    """What the API limit counts by: the authenticated key, or the address of a caller without one."""
    client = bearer_client()
    return f"key:{client.id}" if client is not None else f"anonymous:{client_ip()}"


#: Intake API requests, per authenticated API key (RATE_LIMIT_API_KEY): one partner's
#: traffic never uses up another's. Callers without a valid key are counted per address.
limit_api_key = limiter.shared_limit(configured("RATE_LIMIT_API_KEY"), scope="api-key", key_func=api_key_identity)
