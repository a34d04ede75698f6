"""Status changes and the signed StatusEvent webhook the platform sends for each one."""

from __future__ import annotations

import hashlib
import heapq
import hmac
import itertools
import json
import logging
import threading
import time
import uuid
from dataclasses import dataclass
from typing import Any

import requests

from integrations.simulator.contract import Contract
from integrations.simulator.problems import Problem, utc_now
from integrations.simulator.settings import SimulatorSettings
from integrations.simulator.state import SimulatorState

log = logging.getLogger(__name__)
SIGNATURE_HEADER = "Platform-Signature"
EVENT_EXTRAS = ("crime_number", "officer", "message_to_reporter")


def sign(secret: str, body: bytes, timestamp: int) -> str:
    """The Platform-Signature header value: HMAC-SHA256 of b"<t>." + the exact body bytes."""
    digest = hmac.new(secret.encode("utf-8"), f"{timestamp}.".encode("ascii") + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


@dataclass(frozen=True)
class Delivery:
    status: int | None
    error: str | None

    def to_json(self) -> dict[str, Any]:
        return {"status": self.status, "error": self.error}


def deliver(url: str, body: bytes, signature: str, timeout: float) -> Delivery:
    """POST one event; a failure is reported by exception class name, never with its text."""
    try:
        response = requests.post(
            url,
            data=body,
            headers={"Content-Type": "application/json", SIGNATURE_HEADER: signature},
            timeout=timeout,
            allow_redirects=False,  # a receiver that redirects has not processed the event
        )
    except requests.RequestException as error:
        return Delivery(None, type(error).__name__)
    response.close()
    return Delivery(response.status_code, None)


class StatusChanger:
    """Moves a submission on, then tells the force; used by the admin API and the demo's timer."""

    def __init__(self, state: SimulatorState, contract: Contract, settings: SimulatorSettings) -> None:
        self.state = state
        self.contract = contract
        self.settings = settings

    def change(
        self,
        platform_id: str,
        status: str,
        extras: dict[str, Any] | None = None,
        callback_url: str | None = None,
        only_from: str | None = None,
    ) -> tuple[dict[str, Any], Delivery, bool] | None:
        """Apply and announce a change. None when the submission is unknown (or not in `only_from`).

        Returns the event, its delivery, and whether it was sent at all (no callback URL: not sent).
        """
        with self.state.lock:
            held = self.state.submissions.get(platform_id)
            if held is None or (only_from is not None and held.status != only_from):
                return None
            occurred_at = utc_now()
            event: dict[str, Any] = {
                "event_id": str(uuid.uuid4()),
                "platform_id": held.platform_id,
                "force_reference": held.force_reference,
                "status": status,
                "occurred_at": occurred_at,
                **(extras or {}),
            }
            errors = self.contract.status_event_errors(event)
            if errors:
                detail = "The event would not match the StatusEvent schema."
                raise Problem(400, "Invalid status change", detail, slug="invalid-status-event", errors=errors)
            held.status = status
            held.history.append({"status": status, "at": occurred_at})
        url = callback_url or self.settings.callback_url
        if not url:
            return event, Delivery(None, None), False
        # Serialised once: the signature covers these exact bytes, and the log keeps them for replay.
        body = json.dumps(event, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        signature = sign(self.settings.webhook_secret, body, int(time.time()))
        delivery = deliver(url, body, signature, self.settings.webhook_timeout_seconds)
        if delivery.error:
            log.warning("webhook delivery failed: %s", delivery.error)
        self.state.record_event(
            {
                "event_id": event["event_id"],
                "body": body.decode("utf-8"),
                "signature": signature,
                "callback_url": url,
                "response_status": delivery.status,
                "error": delivery.error,
            }
        )
        return event, delivery, True


class AutoStatusWorker:
    """One daemon thread that moves each new submission to in_review after a delay (the `make run` demo).

    A heap rather than a Timer per submission, so a 10,000-submission load run does not start
    10,000 threads.
    """

    def __init__(self, changer: StatusChanger, delay: float) -> None:
        self._changer = changer
        self._delay = delay
        self._ready = threading.Condition()
        self._due: list[tuple[float, int, str]] = []
        self._order = itertools.count()
        self._thread: threading.Thread | None = None

    def schedule(self, platform_id: str) -> None:
        with self._ready:
            heapq.heappush(self._due, (time.monotonic() + self._delay, next(self._order), platform_id))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="simulator-auto-status", daemon=True)
                self._thread.start()
            self._ready.notify()

    def clear(self) -> None:
        with self._ready:
            self._due.clear()

    def pending(self) -> int:
        with self._ready:
            return len(self._due)

    def _next(self) -> str:
        with self._ready:
            while True:
                if self._due:
                    wait = self._due[0][0] - time.monotonic()
                    if wait <= 0:
                        return heapq.heappop(self._due)[2]
                    self._ready.wait(wait)
                else:
                    self._ready.wait()

    def _run(self) -> None:
        while True:
            platform_id = self._next()
            try:
                self._changer.change(platform_id, "in_review", only_from="received")
            except Exception as error:  # the worker must outlive one bad change
                log.warning("automatic status change failed: %s", type(error).__name__)
