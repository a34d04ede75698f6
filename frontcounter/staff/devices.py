"""Device cookies: why someone else's guessing can never lock a member of staff out.

A browser that completes a sign-in gets a signed cookie naming the account (and how many
times in a row it has since got the password or a code wrong). On that browser, the
account's throttling does not apply: its failures are counted in the cookie instead, and
after as many as the throttle allows for free the cookie is dropped, so the browser is
throttled like any other. Someone guessing from elsewhere slows only themselves and other
unknown browsers; the person at their usual browser signs in as normal.

The cookie holds an account id and a count, signed with SECRET_KEY; nothing personal.
"""

from __future__ import annotations

from datetime import timedelta

from flask import Response, current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer

from frontcounter.staff.sign_in_state import throttle_policy

COOKIE_NAME = "staff_device"
LIFETIME = timedelta(days=90)


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key or "", salt="staff-device")


def _read() -> tuple[int, int] | None:
    raw = request.cookies.get(COOKIE_NAME)
    if not raw or len(raw) > 200:
        return None
    try:
        value = _serializer().loads(raw, max_age=int(LIFETIME.total_seconds()))
    except BadSignature:
        return None
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(part, int) for part in value)):
        return None
    return value[0], value[1]


def trusted_account() -> int | None:
    """The account this browser has signed in to, if it has not failed too often since."""
    device = _read()
    if device is None or device[1] >= throttle_policy().free_attempts:
        return None
    return device[0]


def _write(response: Response, user_id: int, failures: int) -> None:
    response.set_cookie(
        COOKIE_NAME,
        _serializer().dumps([user_id, failures]),
        max_age=int(LIFETIME.total_seconds()),
        path="/staff/",
        secure=bool(current_app.config["SESSION_COOKIE_SECURE"]),
        httponly=True,
        samesite="Lax",
    )


def remember_device(response: Response, user_id: int) -> Response:
    """After a full sign-in: this browser is now trusted for the account."""
    _write(response, user_id, 0)
    return response


def count_device_failure(response: Response, user_id: int) -> Response:
    """A wrong password or code on a trusted browser: counted here, not on the account."""
    device = _read()
    if device is None or device[0] != user_id:
        return response
    failures = device[1] + 1
    if failures >= throttle_policy().free_attempts:
        response.delete_cookie(COOKIE_NAME, path="/staff/")
    else:
        _write(response, user_id, failures)
    return response
