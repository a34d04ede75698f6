"""Settings for rate limits: whether they apply, where their counters live, and how many
requests each kind of client may make.

Each limit is a Flask-Limiter limit string: one or more `N per PERIOD` parts separated by
`;`, for example `300 per 10 minutes; 2000 per day`. Every limit is per client IP address
unless its name says otherwise (the intake API's is per API key, staff sign-in's has a
second one per email address). The defaults are set so that a real person never meets
them: they stop scripts, not people.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from limits import parse_many

from frontcounter.config_integrations import read_int

# Name -> (default, what it limits). Names are the environment variables and config keys.
LIMITS: dict[str, tuple[str, str]] = {
    # Every POST on public journey pages (answers, add-another, uploads, the final send).
    # A long application is about 60 posts; a shared address (a library, a mobile
    # network's NAT) can carry several people at once.
    "RATE_LIMIT_PUBLIC_POSTS": ("300 per 10 minutes; 3000 per day", "POSTs on public journey pages, per IP"),
    # The final "Send" on check your answers: one per report for a person.
    "RATE_LIMIT_SUBMISSIONS": ("30 per 10 minutes; 300 per day", "sends from check your answers, per IP"),
    "RATE_LIMIT_TRACKING": ("30 per 10 minutes; 200 per day", "tracking look-ups of a reference, per IP"),
    # Every staff member at a station may sign in from one address: generous per IP.
    "RATE_LIMIT_STAFF_SIGN_IN": ("100 per 15 minutes", "failed staff sign-ins, per IP"),
    # Short window: someone else's guesses lock an account out for 5 minutes at most.
    "RATE_LIMIT_STAFF_SIGN_IN_EMAIL": ("10 per 5 minutes", "failed staff sign-ins, per email address"),
    "RATE_LIMIT_API_KEY": ("300 per minute; 20000 per day", "intake API submissions, per API key"),
}
TRUE = ("1", "true", "yes", "on")
FALSE = ("0", "false", "no", "off")
REDIS_SCHEMES = ("redis://", "rediss://", "unix://")
# How requests are counted (Flask-Limiter's strategies). The sliding window counter keeps two
# numbers per client and limit, and approximates: just after a window's edge it weighs the
# last window's count down, so a client at the limit may get one more request through.
# "moving-window" counts exactly, but keeps a timestamp for every request counted (up to
# 20,000 per API key a day): more memory in Redis.
STRATEGIES = ("sliding-window-counter", "moving-window", "fixed-window")


def read_bool(environ: Mapping[str, str], name: str, default: bool, problems: list[str]) -> bool:
    raw = environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in TRUE:
        return True
    if raw in FALSE:
        return False
    problems.append(f"{name} must be true or false, not {raw!r}")
    return default


def rate_limit_config(environ: Mapping[str, str], problems: list[str]) -> dict[str, Any]:
    """The RATE_LIMIT_* settings, and Flask-Limiter's own RATELIMIT_* keys made from them."""
    config: dict[str, Any] = {"RATE_LIMITS_ENABLED": read_bool(environ, "RATE_LIMITS_ENABLED", True, problems)}
    for name, (default, _meaning) in LIMITS.items():
        value = environ.get(name, "").strip() or default
        try:
            parse_many(value)
        except ValueError:
            problems.append(f"{name} must be a limit such as '30 per 10 minutes' (several joined with ';'), not {value!r}")
            value = default
        config[name] = value

    redis_url = environ.get("REDIS_URL", "").strip()
    if redis_url and not redis_url.startswith(REDIS_SCHEMES):
        problems.append("REDIS_URL must start with redis://, rediss:// or unix://")
        redis_url = ""
    config["REDIS_URL"] = redis_url or None
    strategy = environ.get("RATE_LIMIT_STRATEGY", "").strip() or STRATEGIES[0]
    if strategy not in STRATEGIES:
        problems.append(f"RATE_LIMIT_STRATEGY must be one of {', '.join(STRATEGIES)}, not {strategy!r}")
        strategy = STRATEGIES[0]
    config["RATE_LIMIT_STRATEGY"] = strategy
    prefix = environ.get("RATE_LIMIT_KEY_PREFIX", "").strip() or "frontcounter"
    if not re.fullmatch(r"[A-Za-z0-9_.:-]{1,64}", prefix):
        problems.append("RATE_LIMIT_KEY_PREFIX must be 1 to 64 letters, digits or _ . : -")
        prefix = "frontcounter"
    # How many proxies in front of the app add to X-Forwarded-For. Without it every request
    # seems to come from the proxy, and one person's requests would count against everyone's.
    config["TRUSTED_PROXY_COUNT"] = read_int(environ, "TRUSTED_PROXY_COUNT", 0, problems, minimum=0)

    config.update({
        "RATELIMIT_ENABLED": config["RATE_LIMITS_ENABLED"],
        # Counters in Redis are shared by every worker and machine; in memory, each process
        # counts on its own (fine for one process, too generous with several).
        "RATELIMIT_STORAGE_URI": redis_url or "memory://",
        "RATELIMIT_KEY_PREFIX": prefix,
        # Sliding by default: no burst of twice the limit across a window's edge.
        "RATELIMIT_STRATEGY": strategy,
        # Our own 429 answer sets Retry-After; no X-RateLimit-* headers on every response.
        "RATELIMIT_HEADERS_ENABLED": False,
        # If Redis is unreachable, requests go through (and the error is logged): a storage
        # outage must not take the public forms down with it.
        "RATELIMIT_SWALLOW_ERRORS": True,
    })
    return config
