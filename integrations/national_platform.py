"""A client for the national platform's Force Submission API (see contracts/).

It turns every way a call can go wrong into a `PlatformError` that says whether trying
again could help, whether the platform may have stored the request anyway (so ask before
sending again), and whether the failure is the platform's as a whole rather than this
request's. It never puts a request body into an exception or a log.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

import requests
from requests.adapters import HTTPAdapter

TRANSIENT_STATUSES = frozenset({408, 409, 429, 500, 502, 503, 504})
# Statuses that speak for the platform as a whole: every worker should back off together.
OUTAGE_STATUSES = frozenset({429, 502, 503, 504})
TOKEN_MARGIN_SECONDS = 30
DEFAULT_SCOPE = "submissions:write submissions:read attachments:write"


@dataclass(frozen=True)
class Problem:
    """An RFC 9457 problem document, reduced to what is safe to keep: no `detail`, which
    may quote the request, and only the pointers of field errors, not their messages."""

    status: int
    title: str
    type: str
    pointers: tuple[str, ...] = ()

    def describe(self) -> str:
        where = f" at {', '.join(self.pointers[:5])}" if self.pointers else ""
        return f"{self.status} {self.title}{where}"[:200]


@dataclass(frozen=True)
class Receipt:
    platform_id: str
    force_reference: str
    status: str
    received_at: datetime


class PlatformError(Exception):
    """A call to the platform that did not succeed.

    `transient`: the same request may succeed later. `maybe_stored`: the platform may have
    acted on it before the answer was lost. `outage`: the platform as a whole is failing.
    """

    def __init__(
        self,
        message: str,
        *,
        error_class: str,
        transient: bool,
        status: int | None = None,
        retry_after: float | None = None,
        maybe_stored: bool = False,
        outage: bool = False,
        problem: Problem | None = None,
    ) -> None:
        super().__init__(message)
        self.error_class = error_class
        self.transient = transient
        self.status = status
        self.retry_after = retry_after
        self.maybe_stored = maybe_stored
        self.outage = outage
        self.problem = problem


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date); None if absent."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


def parse_problem(response: requests.Response) -> Problem:
    try:
        document = response.json()
    except ValueError:
        document = {}
    if not isinstance(document, dict):
        document = {}
    errors = document.get("errors") if isinstance(document.get("errors"), list) else []
    pointers = tuple(str(e.get("pointer"))[:100] for e in errors if isinstance(e, dict) and e.get("pointer"))
    return Problem(
        status=response.status_code,
        title=str(document.get("title") or response.reason or "Error")[:100],
        type=str(document.get("type") or "about:blank")[:200],
        pointers=pointers,
    )


def error_from_response(response: requests.Response, *, maybe_stored: bool = False) -> PlatformError:
    status = response.status_code
    problem = parse_problem(response)
    transient = status in TRANSIENT_STATUSES or status >= 500
    return PlatformError(
        problem.describe(),
        error_class=f"HTTP{status}",
        transient=transient,
        status=status,
        retry_after=parse_retry_after(response.headers.get("Retry-After")),
        # A 5xx may come from a proxy after the platform stored the request.
        maybe_stored=maybe_stored and status >= 500,
        outage=status in OUTAGE_STATUSES,
        problem=problem,
    )


def error_from_exception(error: requests.RequestException, *, sent: bool) -> PlatformError:
    """Network failures. A connect timeout means nothing reached the platform; any other
    failure after the request was on its way may have been acted on."""
    connect_failed = isinstance(error, requests.ConnectTimeout) or "NewConnectionError" in repr(error)
    return PlatformError(
        type(error).__name__,
        error_class=type(error).__name__,
        transient=True,
        maybe_stored=sent and not connect_failed,
        outage=True,
    )


class NationalPlatformClient:
    """Thread-safe: the token is shared behind a lock; each thread has its own HTTP session."""

    def __init__(
        self,
        base_url: str,
        client_id: str,
        client_secret: str,
        *,
        connect_timeout: float = 3.05,
        read_timeout: float = 10.0,
        scope: str = DEFAULT_SCOPE,
        pool_size: int = 10,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._credentials = (client_id, client_secret)
        self._timeout = (connect_timeout, read_timeout)
        self._scope = scope
        self._pool_size = pool_size
        self._token: str | None = None
        self._token_expires = 0.0
        self._token_lock = threading.Lock()
        self._local = threading.local()
        self.tokens_fetched = 0

    # -- plumbing ------------------------------------------------------------------------

    def _session(self) -> requests.Session:
        session: requests.Session | None = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            adapter = HTTPAdapter(pool_connections=1, pool_maxsize=self._pool_size, max_retries=0)
            session.mount("http://", adapter)
            session.mount("https://", adapter)
            self._local.session = session
        return session

    def _access_token(self, stale: str | None = None) -> str:
        """The cached token, fetched when missing, near expiry, or when `stale` was refused."""
        with self._token_lock:
            if self._token and self._token != stale and time.monotonic() < self._token_expires:
                return self._token
            try:
                response = self._session().post(
                    f"{self.base_url}/oauth/token",
                    data={"grant_type": "client_credentials", "scope": self._scope},
                    auth=self._credentials,
                    timeout=self._timeout,
                )
            except requests.RequestException as error:
                raise error_from_exception(error, sent=False) from None
            if response.status_code != 200:
                error = error_from_response(response)
                if response.status_code in (400, 401, 403):
                    # Wrong credentials fail every message alike: treat it as the platform
                    # being unusable, so the messages wait rather than all going dead.
                    error.transient, error.outage, error.error_class = True, True, "TokenRefused"
                raise error
            try:
                document = response.json()
                token, lifetime = str(document["access_token"]), float(document["expires_in"])
            except (ValueError, KeyError, TypeError):
                raise PlatformError("token response unreadable", error_class="BadTokenResponse", transient=True, outage=True) from None
            self._token = token
            self._token_expires = time.monotonic() + max(1.0, lifetime - TOKEN_MARGIN_SECONDS)
            self.tokens_fetched += 1
            return token

    def _call(self, method: str, path: str, *, sends_body: bool, **kwargs: Any) -> requests.Response:
        """One API call with a bearer token; on a 401, one fresh token and one more try."""
        headers = dict(kwargs.pop("headers", {}))
        token = self._access_token()
        for attempt in range(2):
            headers["Authorization"] = f"Bearer {token}"
            try:
                response = self._session().request(method, f"{self.base_url}{path}", headers=headers, timeout=self._timeout, **kwargs)
            except requests.RequestException as error:
                raise error_from_exception(error, sent=sends_body) from None
            if response.status_code != 401 or attempt == 1:
                return response
            token = self._access_token(stale=token)
        raise AssertionError("unreachable")

    # -- the API ---------------------------------------------------------------------------

    def lodge_submission(self, body: dict[str, Any], idempotency_key: str) -> Receipt:
        response = self._call("POST", "/v1/submissions", sends_body=True, json=body, headers={"Idempotency-Key": idempotency_key})
        if response.status_code in (200, 201):
            return _receipt(response)
        if response.status_code == 401:
            raise _refused(response)
        raise error_from_response(response, maybe_stored=True)

    def find_submission(self, force_reference: str) -> Receipt | None:
        response = self._call("GET", "/v1/submissions", sends_body=False, params={"force_reference": force_reference})
        if response.status_code != 200:
            raise _refused(response) if response.status_code == 401 else error_from_response(response)
        try:
            items = response.json()["items"]
        except (ValueError, KeyError, TypeError):
            raise PlatformError("lookup response unreadable", error_class="BadResponse", transient=True) from None
        return _receipt_from(items[0]) if items else None

    def get_submission(self, platform_id: str) -> dict[str, Any]:
        response = self._call("GET", f"/v1/submissions/{platform_id}", sends_body=False)
        if response.status_code != 200:
            raise _refused(response) if response.status_code == 401 else error_from_response(response)
        return dict(response.json())

    def upload_attachment(self, sha256: str, content: bytes, content_type: str, idempotency_key: str) -> bool:
        """Upload one file; True if the platform stored it now, False if it already held it."""
        response = self._call(
            "PUT",
            f"/v1/attachments/{sha256}",
            sends_body=True,
            data=content,
            headers={"Content-Type": content_type, "Idempotency-Key": idempotency_key},
        )
        if response.status_code in (200, 201):
            return response.status_code == 201
        raise _refused(response) if response.status_code == 401 else error_from_response(response)


def _refused(response: requests.Response) -> PlatformError:
    error = error_from_response(response)
    error.transient, error.outage, error.error_class = True, True, "TokenRefused"
    return error


def _receipt(response: requests.Response) -> Receipt:
    try:
        return _receipt_from(response.json())
    except (ValueError, KeyError, TypeError):
        # The platform acted but we cannot read its answer: a lost response.
        raise PlatformError("receipt unreadable", error_class="BadReceipt", transient=True, maybe_stored=True) from None


def _receipt_from(document: dict[str, Any]) -> Receipt:
    return Receipt(
        platform_id=str(document["platform_id"]),
        force_reference=str(document["force_reference"]),
        status=str(document["status"]),
        received_at=datetime.fromisoformat(str(document["received_at"]).replace("Z", "+00:00")),
    )
