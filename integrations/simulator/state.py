"""Everything one simulator remembers, in memory, behind one lock (the server is threaded).

Methods whose names end in `_locked` expect the caller to hold `lock`; the rest take it.
"""

from __future__ import annotations

import random
import secrets
import string
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from integrations.simulator.faults import Decision, Faults, decide
from integrations.simulator.problems import utc_now
from integrations.simulator.settings import SimulatorSettings

COUNTERS = (
    "created",
    "replayed",
    "key_mismatch",
    "duplicate_reference",
    "in_flight_conflict",
    "invalid_body",
    "unauthorised",
    "tokens_issued",
    "faults_injected",
    "lookups",
)
_ID_ALPHABET = string.digits + string.ascii_uppercase
# A load run of 10,000 submissions with retries stays well inside this; beyond it the oldest go.
_MAX_LOGGED_REQUESTS = 200_000
_TOKEN_PURGE_THRESHOLD = 1_000


@dataclass
class StoredSubmission:
    platform_id: str
    force_reference: str
    idempotency_key: str
    body_digest: str
    body: Any
    receipt: dict[str, str]  # as first answered, so a replay returns exactly that
    status: str
    received_at: str
    history: list[dict[str, str]] = field(default_factory=list)

    def current_receipt(self) -> dict[str, str]:
        return {
            "platform_id": self.platform_id,
            "force_reference": self.force_reference,
            "status": self.status,
            "received_at": self.received_at,
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "platform_id": self.platform_id,
            "force_reference": self.force_reference,
            "idempotency_key": self.idempotency_key,
            "status": self.status,
            "received_at": self.received_at,
            "history": [dict(entry) for entry in self.history],
            "body": self.body,
        }


@dataclass(frozen=True)
class Claim:
    """Outcome of presenting an idempotency key: go ahead, replay, or refuse."""

    outcome: str  # "new" | "replay" | "mismatch" | "in_flight"
    receipt: dict[str, str] | None = None


class SimulatorState:
    def __init__(self, settings: SimulatorSettings) -> None:
        self.settings = settings
        self.lock = threading.Lock()
        # Bumped by every reset, so a request that began before one cannot log into the fresh state.
        self.generation = 0
        self._clear()

    def _clear(self) -> None:
        self.tokens: dict[str, float] = {}
        self.submissions: dict[str, StoredSubmission] = {}
        self.by_reference: dict[str, str] = {}
        self.by_key: dict[str, str] = {}
        self.in_flight: set[str] = set()
        self.attachments: dict[str, int] = {}
        self.attachment_keys: dict[str, str] = {}
        self.requests: deque[dict[str, Any]] = deque(maxlen=_MAX_LOGGED_REQUESTS)
        self.events: list[dict[str, Any]] = []
        self.counters: dict[str, int] = dict.fromkeys(COUNTERS, 0)
        self.faults = Faults()
        # Fault injection, not security: a seedable generator makes a failing run repeatable.
        self.rng = random.Random()  # noqa: S311  # nosec B311

    def reset(self) -> None:
        with self.lock:
            self.generation += 1
            self._clear()

    def count(self, name: str, by: int = 1) -> None:
        with self.lock:
            self.counters[name] += by

    # Tokens -----------------------------------------------------------------------------

    def issue_token(self) -> str:
        token = secrets.token_urlsafe(32)
        now = time.monotonic()
        with self.lock:
            if len(self.tokens) > _TOKEN_PURGE_THRESHOLD:
                self.tokens = {value: expiry for value, expiry in self.tokens.items() if expiry > now}
            self.tokens[token] = now + self.settings.token_ttl_seconds
            self.counters["tokens_issued"] += 1
        return token

    def token_is_valid(self, token: str) -> bool:
        with self.lock:
            expiry = self.tokens.get(token)
        return expiry is not None and expiry > time.monotonic()

    def expire_tokens(self) -> int:
        with self.lock:
            expired = len(self.tokens)
            self.tokens.clear()
        return expired

    # Faults -----------------------------------------------------------------------------

    def submission_fault(self) -> Decision:
        with self.lock:
            return decide(self.faults, self.rng)

    # Submissions ------------------------------------------------------------------------

    def claim(self, key: str, digest: str) -> Claim:
        """Check a key against what is held, and mark it in flight when the request is new."""
        with self.lock:
            if key in self.in_flight:
                self.counters["in_flight_conflict"] += 1
                return Claim("in_flight")
            platform_id = self.by_key.get(key)
            if platform_id is not None:
                held = self.submissions[platform_id]
                if held.body_digest != digest:
                    self.counters["key_mismatch"] += 1
                    return Claim("mismatch")
                self.counters["replayed"] += 1
                return Claim("replay", dict(held.receipt))
            self.in_flight.add(key)
            return Claim("new")

    def release(self, key: str) -> None:
        with self.lock:
            self.in_flight.discard(key)

    def missing_attachments_locked(self, digests: list[str]) -> list[int]:
        return [index for index, digest in enumerate(digests) if digest not in self.attachments]

    def store_locked(self, key: str, digest: str, body: dict[str, Any]) -> StoredSubmission:
        platform_id = self._new_platform_id_locked()
        received_at = utc_now()
        receipt = {"platform_id": platform_id, "force_reference": body["force_reference"], "status": "received", "received_at": received_at}
        stored = StoredSubmission(
            platform_id=platform_id,
            force_reference=body["force_reference"],
            idempotency_key=key,
            body_digest=digest,
            body=body,
            receipt=receipt,
            status="received",
            received_at=received_at,
            history=[{"status": "received", "at": received_at}],
        )
        self.submissions[platform_id] = stored
        self.by_reference[stored.force_reference] = platform_id
        self.by_key[key] = platform_id
        self.in_flight.discard(key)
        self.counters["created"] += 1
        return stored

    def _new_platform_id_locked(self) -> str:
        while True:
            candidate = "NP-" + "".join(secrets.choice(_ID_ALPHABET) for _ in range(12))
            if candidate not in self.submissions:
                return candidate

    def find_by_reference(self, force_reference: str) -> dict[str, str] | None:
        with self.lock:
            self.counters["lookups"] += 1
            platform_id = self.by_reference.get(force_reference)
            return self.submissions[platform_id].current_receipt() if platform_id else None

    def status_of(self, platform_id: str) -> dict[str, Any] | None:
        with self.lock:
            held = self.submissions.get(platform_id)
            if held is None:
                return None
            return {**held.current_receipt(), "history": [dict(entry) for entry in held.history]}

    # Attachments ------------------------------------------------------------------------

    def store_attachment(self, key: str, digest: str, size: int) -> str:
        """Returns "created", "held" or "mismatch" (the key was first used for other bytes)."""
        with self.lock:
            earlier = self.attachment_keys.get(key)
            if earlier is not None and earlier != digest:
                self.counters["key_mismatch"] += 1
                return "mismatch"
            self.attachment_keys[key] = digest
            if digest in self.attachments:
                return "held"
            self.attachments[digest] = size
            return "created"

    # Admin views ------------------------------------------------------------------------

    def log_request(self, entry: dict[str, Any], generation: int) -> None:
        with self.lock:
            if generation == self.generation:
                self.requests.append(entry)

    def record_event(self, entry: dict[str, Any]) -> None:
        with self.lock:
            self.events.append(entry)

    def snapshot(self, summary: bool) -> dict[str, Any]:
        with self.lock:
            if summary:
                return {"counters": dict(self.counters), "distinct_references": len(self.by_reference)}
            return {
                "submissions": [held.to_json() for held in self.submissions.values()],
                "attachments": list(self.attachments),
                "requests": list(self.requests),
                "counters": dict(self.counters),
                "events": [dict(event) for event in self.events],
            }
