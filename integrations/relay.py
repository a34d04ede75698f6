"""The relay: delivers outbox messages to the national platform and to Notify.

One loop: claim a batch under a lease (a short transaction), send it with no transaction
open (a few threads, so one slow call does not hold up the rest), record each result if
the lease is still ours (another short transaction). Several workers on several machines
can run side by side; they share a pause per target in the database, so when a partner is
down they back off together.
"""

from __future__ import annotations

import logging
import random
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from integrations.national_platform import NationalPlatformClient, PlatformError
from integrations.notify import ConfirmationEmailSender, EmailError, EmailNotConfigured
from services.enums import AttemptOutcome, OutboxTopic
from services.outbox import ClaimedMessage, DeliveryResult, claim_due_messages, record_results
from services.outbox_admin import current_pause, record_outage, record_recovery
from services.types import utcnow

log = logging.getLogger("frontcounter.relay")

PLATFORM = "national_platform"
EMAIL = "notify"
TARGET_TOPICS: dict[str, tuple[str, ...]] = {
    PLATFORM: (OutboxTopic.PLATFORM_SUBMISSION.value,),
    EMAIL: (OutboxTopic.CONFIRMATION_EMAIL.value, OutboxTopic.MESSAGE_EMAIL.value),
}


# (target, message, (result, the pause it asks for or None))
Outcome = tuple[str, ClaimedMessage, tuple[DeliveryResult, float | None]]


@dataclass(frozen=True)
class RelayPolicy:
    batch_size: int = 20
    lease_seconds: int = 300
    max_attempts: int = 15
    max_age: timedelta = timedelta(hours=24)
    backoff_base: float = 2.0
    backoff_cap: float = 900.0
    outage_base: float = 2.0
    outage_cap: float = 120.0
    concurrency: int = 4
    poll_interval: float = 1.0


@dataclass
class _Batch:
    """Messages claimed together and handed to the senders, not yet recorded."""

    items: list[tuple[str, ClaimedMessage, Future[tuple[DeliveryResult, float | None]]]] = field(default_factory=list)
    recovering: dict[str, int] = field(default_factory=dict)
    paused: dict[str, datetime] = field(default_factory=dict)


@dataclass
class RelaySummary:
    counts: dict[str, int] = field(default_factory=dict)
    paused: dict[str, datetime] = field(default_factory=dict)

    def add(self, counts: dict[str, int]) -> None:
        for outcome, count in counts.items():
            self.counts[outcome] = self.counts.get(outcome, 0) + count

    @property
    def handled(self) -> int:
        return sum(self.counts.values())

    def describe(self) -> str:
        parts = [f"{self.counts.get(o.value, 0)} {label}" for o, label in (
            (AttemptOutcome.SENT, "sent"), (AttemptOutcome.RETRY, "retried"), (AttemptOutcome.DEAD, "dead"),
            (AttemptOutcome.NOT_CONFIGURED, "not configured"), (AttemptOutcome.STALE, "stale"),
        )]
        text = ", ".join(parts)
        for target, until in self.paused.items():
            text += f"; {target} paused until {until.isoformat(timespec='seconds')}"
        return text


def backoff_seconds(attempt: int, policy: RelayPolicy, retry_after: float | None, rng: random.Random) -> float:
    """Full-jitter exponential backoff, capped, and never sooner than Retry-After."""
    ceiling = min(policy.backoff_cap, policy.backoff_base * 2 ** max(0, attempt - 1))
    delay = rng.uniform(0, ceiling)
    return max(delay, retry_after or 0.0)


class Relay:
    def __init__(
        self,
        *,
        platform: NationalPlatformClient,
        email: ConfirmationEmailSender,
        worker: str,
        policy: RelayPolicy | None = None,
        rng: random.Random | None = None,
        clock: Callable[[], datetime] = utcnow,
        evidence_folder: Path | None = None,
    ) -> None:
        self.platform = platform
        self.email = email
        self.worker = worker
        # Names this worker's run in every log line it writes (with `worker`), so one run's
        # lines can be found together even when a host and pid are reused.
        self.run_id = uuid.uuid4().hex[:16]
        self._log_fields = {"worker": worker, "run_id": self.run_id}
        self.policy = policy or RelayPolicy()
        self._rng = rng or random.SystemRandom()
        self._clock = clock
        self._evidence_folder = evidence_folder
        self._pool = ThreadPoolExecutor(max_workers=self.policy.concurrency, thread_name_prefix="relay-send")

    def close(self) -> None:
        self._pool.shutdown(wait=True)

    # -- loops ---------------------------------------------------------------------------

    def run(self, stop: threading.Event) -> RelaySummary:
        """Work until `stop` is set; batches in flight are finished and recorded first."""
        return self._pipeline(stop.is_set, lambda: stop.wait(self.policy.poll_interval))

    def drain(self) -> RelaySummary:
        """Send everything due now, then stop. Retries scheduled for later are left for them."""
        return self._pipeline(lambda: False, None)

    def run_once(self) -> RelaySummary:
        """Claim one batch per target that is not paused, send it, and record the results."""
        return self._finish(self._start())

    def _pipeline(self, stopping: Callable[[], bool], idle: Callable[[], object] | None) -> RelaySummary:
        """Claim the next batch while the last one is on the wire, so the senders never wait
        for the database. Not while a target is recovering from an outage: its probe's
        answer decides whether anything more is sent."""
        summary = RelaySummary()
        in_flight: _Batch | None = None
        while True:
            overlap = in_flight is None or not any(in_flight.recovering.values())
            following = None if stopping() or not overlap else self._start()
            if in_flight is not None:
                summary.add(self._finish(in_flight).counts)
            if following is None and in_flight is not None and not stopping():
                following = self._start()
            if following is None or not following.items:
                summary.paused = following.paused if following else {}
                if in_flight is None or following is None:
                    if idle is None or stopping():
                        return summary
                    idle()
                in_flight = None
                continue
            in_flight = following

    def _start(self) -> _Batch:
        now = self._clock()
        batch = _Batch()
        for target, topics in TARGET_TOPICS.items():
            pause = current_pause(target)
            if pause is not None and pause.paused_until > now:
                batch.paused[target] = pause.paused_until
                continue
            failures = pause.consecutive_failures if pause else 0
            batch.recovering[target] = failures
            # After an outage, one message probes whether the target is back.
            limit = 1 if failures else self.policy.batch_size
            claimed = claim_due_messages(
                self.worker, limit=limit, lease_seconds=self.policy.lease_seconds, topics=topics, now=now,
                evidence_folder=self._evidence_folder,
            )
            batch.items.extend((target, message, self._pool.submit(self._deliver, message)) for message in claimed)
        return batch

    def _finish(self, batch: _Batch) -> RelaySummary:
        summary = RelaySummary(paused=dict(batch.paused))
        if not batch.items:
            return summary
        outcomes: list[Outcome] = [(target, message, future.result()) for target, message, future in batch.items]
        recorded = record_results([(message, result) for _, message, (result, _) in outcomes], worker=self.worker)
        summary.add(recorded.counts)
        self._update_pauses(outcomes, batch.recovering)
        return summary

    def _update_pauses(self, outcomes: list[Outcome], failures: dict[str, int]) -> None:
        for target in {target for target, _, _ in outcomes}:
            mine = [(result, outage) for t, _, (result, outage) in outcomes if t == target]
            outages = [retry_after for result, retry_after in mine if retry_after is not None]
            if outages:
                step = failures.get(target, 0) + 1
                ceiling = min(self.policy.outage_cap, self.policy.outage_base * 2 ** (step - 1))
                seconds = max(max(outages), self._rng.uniform(ceiling / 2, ceiling))
                pause = record_outage(target, seconds=seconds, reason=mine[0][0].error_class or "outage", now=self._clock())
                log.warning(
                    "relay paused target=%s seconds=%.1f consecutive=%d", target, seconds, pause.consecutive_failures,
                    extra=self._log_fields,
                )
            elif failures.get(target) and any(r.outcome is AttemptOutcome.SENT for r, _ in mine):
                record_recovery(target)
                log.info("relay resumed target=%s", target, extra=self._log_fields)

    # -- one message ---------------------------------------------------------------------

    def _deliver(self, message: ClaimedMessage) -> tuple[DeliveryResult, float | None]:
        """Send one message. Returns the result, and the pause it asks for when its target
        as a whole is failing (None otherwise). Runs in a pool thread: no database here."""
        started, clock = self._clock(), time.monotonic()
        outage: float | None = None
        try:
            if message.topic == OutboxTopic.PLATFORM_SUBMISSION.value:
                platform_id, received_at = self._send_to_platform(message)
                result = self._done(
                    message, started, clock, AttemptOutcome.SENT, http_status=201, result=platform_id, received_at=received_at
                )
            elif message.topic in TARGET_TOPICS[EMAIL]:
                result = self._send_email(message, started, clock)
            else:
                result = self._done(message, started, clock, AttemptOutcome.DEAD, error_class="UnknownTopic")
        except PlatformError as error:
            result = self._failed(message, started, clock, error, error.status, error.transient, error.maybe_stored, error.retry_after)
            outage = (error.retry_after or 0.0) if error.outage else None
        except EmailError as error:
            result = self._failed(message, started, clock, error, error.status, error.transient, False, None)
            outage = 0.0 if error.outage else None
        except Exception as error:  # a bug must not kill the worker or lose the message
            # Only the class: an exception's text can quote what it was handling.
            log.error(
                "relay send failed unexpectedly message=%d error=%s", message.id, type(error).__name__, extra=self._log_fields
            )
            result = self._failed(message, started, clock, error, None, True, True, None)
        log.info(
            "relay attempt message=%d topic=%s attempt=%d outcome=%s status=%s error=%s duration_ms=%d",
            message.id, message.topic, message.attempt, result.outcome.value, result.http_status,
            result.error_class, result.duration_ms, extra=self._log_fields,
        )
        return result, outage

    def _send_to_platform(self, message: ClaimedMessage) -> tuple[str, datetime]:
        if message.needs_lookup:
            held = self.platform.find_submission(message.reference)
            if held is not None:
                return held.platform_id, held.received_at
        for attachment in message.attachments:
            self.platform.upload_attachment(
                attachment.sha256, attachment.content, attachment.content_type, f"{message.idempotency_key}.{attachment.sha256[:16]}"
            )
        receipt = self.platform.lodge_submission(message.payload, message.idempotency_key)
        return receipt.platform_id, receipt.received_at

    def _send_email(self, message: ClaimedMessage, started: datetime, clock: float) -> DeliveryResult:
        address = (message.payload.get("reporter") or {}).get("email")
        if not address:
            return self._done(message, started, clock, AttemptOutcome.DEAD, error_class="NoEmailAddress")
        if message.topic == OutboxTopic.MESSAGE_EMAIL.value and not message.message_text:
            return self._done(message, started, clock, AttemptOutcome.DEAD, error_class="NoMessage")
        try:
            notification_id = self.email.send(
                email_address=address, reference=message.reference, body=message.body or {}, idempotency_key=message.idempotency_key,
                message_text=message.message_text,
            )
        except EmailNotConfigured:
            return self._done(message, started, clock, AttemptOutcome.NOT_CONFIGURED, error_class="NotifyNotConfigured")
        return self._done(message, started, clock, AttemptOutcome.SENT, http_status=201, result=notification_id)

    def _failed(
        self, message: ClaimedMessage, started: datetime, clock: float, error: Exception,
        status: int | None, transient: bool, maybe_stored: bool, retry_after: float | None,
    ) -> DeliveryResult:
        error_class = getattr(error, "error_class", type(error).__name__)
        now = self._clock()
        exhausted = message.attempt >= self.policy.max_attempts or now - message.first_attempt_at >= self.policy.max_age
        if not transient or exhausted:
            return self._done(
                message, started, clock, AttemptOutcome.DEAD, http_status=status, error_class=error_class, error=_safe_text(error)
            )
        delay = backoff_seconds(message.attempt, self.policy, retry_after, self._rng)
        return self._done(
            message, started, clock, AttemptOutcome.RETRY, http_status=status, error_class=error_class, error=_safe_text(error),
            retry_at=now + timedelta(seconds=delay), needs_lookup=maybe_stored,
        )

    @staticmethod
    def _done(message: ClaimedMessage, started: datetime, clock: float, outcome: AttemptOutcome, **fields: object) -> DeliveryResult:
        duration = int((time.monotonic() - clock) * 1000)
        return DeliveryResult(outcome=outcome, started_at=started, duration_ms=duration, **fields)  # type: ignore[arg-type]


def _safe_text(error: Exception) -> str | None:
    """Our own error types carry words written to be safe to keep; any other may not."""
    return str(error) if isinstance(error, (PlatformError, EmailError)) else None
