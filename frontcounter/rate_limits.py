"""Named rate limits for views to apply, and the answer a client gets when it goes over one.

Apply a limit by decorating the view, under its route decorator:

    @public.route("/track", methods=["GET", "POST"])
    @limit_tracking_lookups
    def track() -> ResponseReturnValue: ...

Each limit's size comes from the configuration (RATE_LIMIT_*, see frontcounter.config_limits)
when a request arrives, and its counters are shared by every view it decorates. Going over
a limit answers 429 with a `Retry-After` header: the translated GOV.UK "Too many requests"
page for people, a problem document on /api/ paths. A `rate_limited` security event is
logged, naming the limit, never the address or email address that was counted.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import math
import time
from collections.abc import Callable
from typing import TypeVar

from flask import Flask, Response, current_app, make_response, render_template, request
from flask_limiter import RateLimitExceeded
from werkzeug.middleware.proxy_fix import ProxyFix

from frontcounter.extensions import limiter
from frontcounter.logs import security_event
from frontcounter.problems import is_machine_route, problem

log = logging.getLogger(__name__)

View = TypeVar("View", bound=Callable[..., object])

# The sign-in form's email field, which the per-email limit reads.
SIGN_IN_EMAIL_FIELD = "email"
# When the counters cannot say how long is left (storage unreachable), ask for a minute.
FALLBACK_RETRY_AFTER = 60


def configured(name: str) -> Callable[[], str]:
    """The limit string in config[name], read per request (so each app uses its own)."""
    return lambda: str(current_app.config[name])


def _not_redirected(response: Response) -> bool:
    """A successful sign-in redirects; anything else (the form again, with errors) is a failure."""
    return not 300 <= response.status_code < 400


def _email_key() -> str:
    """The submitted email address as a keyed hash: counted without being stored or logged."""
    email = request.form.get(SIGN_IN_EMAIL_FIELD, "").strip().casefold()
    secret = str(current_app.config["SECRET_KEY"]).encode()
    return "email:" + hmac.new(secret, email.encode(), hashlib.sha256).hexdigest()[:32]


#: Every POST on a public journey page (answers, add-another, uploads, sending), per IP.
limit_public_posts = limiter.shared_limit(configured("RATE_LIMIT_PUBLIC_POSTS"), scope="public-posts", methods=["POST"])

#: The final "Send" on check your answers, per IP, on top of limit_public_posts.
limit_submissions = limiter.shared_limit(configured("RATE_LIMIT_SUBMISSIONS"), scope="submissions", methods=["POST"])


def _empty_form() -> bool:
    """A GET of the page itself, asking nothing (a language switch at most)."""
    return request.method in ("GET", "HEAD") and not set(request.args) - {"lang"}


#: Looking up a reference on the tracking page, per IP: POSTs, and GETs that carry a query
#: (a look-up may put the reference in the query string). Showing the empty form is free.
limit_tracking_lookups = limiter.shared_limit(configured("RATE_LIMIT_TRACKING"), scope="tracking", exempt_when=_empty_form)

_sign_in_per_ip = limiter.shared_limit(
    configured("RATE_LIMIT_STAFF_SIGN_IN"), scope="staff-sign-in-ip", methods=["POST"], deduct_when=_not_redirected
)
_sign_in_per_email = limiter.shared_limit(
    configured("RATE_LIMIT_STAFF_SIGN_IN_EMAIL"), scope="staff-sign-in-email", methods=["POST"],
    key_func=_email_key, deduct_when=_not_redirected,
)


def limit_staff_sign_in(view: View) -> View:
    """Staff sign-in: failed attempts (POSTs not answered with a redirect) are counted per IP
    (RATE_LIMIT_STAFF_SIGN_IN) and per submitted email address, read from the form's `email`
    field (RATE_LIMIT_STAFF_SIGN_IN_EMAIL). A successful sign-in costs nothing. The per-email
    window is short, so someone else's guesses can lock a person out only briefly."""
    return _sign_in_per_ip(_sign_in_per_email(view))  # type: ignore[return-value]


def retry_after_seconds() -> int:
    """Whole seconds until the limit that was just hit lets another request through."""
    breached = limiter.current_limit
    try:
        # The strategy's own reset time: Flask-Limiter's `reset_at` adds a second to it, which
        # would ask for 61 seconds' wait on a "per minute" limit.
        reset_at: float | None = breached.window.reset_time if breached is not None else None
    except Exception:  # the storage went away between the hit and this question
        log.warning("rate limit storage could not say when the limit resets")
        reset_at = None
    if reset_at is None:
        return FALLBACK_RETRY_AFTER
    return max(1, math.ceil(reset_at - time.time()))


def answer_rate_limited(error: RateLimitExceeded) -> Response:
    retry_after = retry_after_seconds()
    scope = error.limit.scope if isinstance(error.limit.scope, str) else None
    security_event("rate_limited", limit=scope, retry_after=retry_after, status=429)
    if is_machine_route():
        response = problem(429, "Too many requests. Wait the number of seconds in Retry-After, then try again.")
    else:
        response = make_response(render_template("errors/429.html", status=429), 429)
    response.headers["Retry-After"] = str(retry_after)
    return response


def init_rate_limits(app: Flask) -> None:
    proxies = app.config["TRUSTED_PROXY_COUNT"]
    if proxies:
        # Only the addresses our own proxies added are believed; a client can forge the rest.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore[method-assign]
    if app.config["APP_ENV"] == "production" and app.config["RATE_LIMITS_ENABLED"] and not app.config["REDIS_URL"]:
        log.warning("rate limits are counted in memory, per process: set REDIS_URL so every worker shares the counts")
    limiter.init_app(app)
    app.register_error_handler(RateLimitExceeded, answer_rate_limited)
