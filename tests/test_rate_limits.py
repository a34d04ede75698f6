"""Rate limits: each named limit is met where it should be, answered with 429, a sane
Retry-After and the translated page (or a problem document on the API), logged without
addresses, counted per the right thing (IP, email, API key), and shared through Redis."""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from flask import Flask, redirect
from flask.testing import FlaskClient
from flask.typing import ResponseReturnValue
from sqlalchemy import func, select
from werkzeug.test import TestResponse

from frontcounter.config import ConfigError, load_config
from frontcounter.extensions import csrf
from frontcounter.logs import JsonFormatter
from frontcounter.rate_limits import limit_staff_sign_in, limit_tracking_lookups
from services.db import db
from services.models import Draft, Submission
from tests.conftest import make_test_app
from tests.journeys import CRIME, crime_pages, send, walk
from tests.pages import PageClient
from tests.test_api import crime_answers

REDIS_URL = "redis://127.0.0.1:6379/0"
SOMEONE = "203.0.113.77"  # documentation addresses (RFC 5737): easy to look for in the logs
SOMEONE_ELSE = "198.51.100.23"
TOO_MANY = {"en": "Too many requests", "cy": "Gormod o geisiadau"}


def _track() -> ResponseReturnValue:
    return "found"


def _sign_in() -> ResponseReturnValue:
    from flask import request

    if request.form.get("password") == "right":
        return redirect("/")
    return "Sign in failed", 400


def limited_app(database_url: str, **config: object) -> Flask:
    """An app with the given limits and two test-only routes wearing the shared limits.

    It counts with the exact moving window, so "3 per minute" lets exactly 3 through whenever
    the test runs. The production default, a sliding window counter, forgives one request just
    after each window's edge: a slow test that crossed a minute's edge used to see its 4th
    request go through. test_the_sliding_window_counter_also_refuses_a_burst covers that one.
    """
    application = make_test_app(database_url, **{"RATE_LIMIT_STRATEGY": "moving-window", **config})
    application.add_url_rule("/test-only/track", "test_track", csrf.exempt(limit_tracking_lookups(_track)), methods=["GET", "POST"])
    application.add_url_rule("/test-only/sign-in", "test_sign_in", csrf.exempt(limit_staff_sign_in(_sign_in)), methods=["POST"])
    return application


@pytest.fixture()
def records(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    caplog.set_level(logging.DEBUG)
    yield caplog


def rate_limited_events(records: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in records.records if r.name == "frontcounter.security" and getattr(r, "event", None) == "rate_limited"]


def everything_logged(records: pytest.LogCaptureFixture) -> str:
    return "\n".join(JsonFormatter().format(record) for record in records.records)


def retry_after(response: object, most: int) -> int:
    value = response.headers.get("Retry-After")  # type: ignore[attr-defined]
    assert value is not None and value.isdigit(), f"Retry-After is {value!r}"
    assert 1 <= int(value) <= most, f"Retry-After {value} is not between 1 and {most}"
    return int(value)


def test_the_sliding_window_counter_also_refuses_a_burst(app: Flask, database_url: str) -> None:
    limited = limited_app(database_url, RATE_LIMIT_STRATEGY="sliding-window-counter", RATE_LIMIT_TRACKING="3 per minute")
    assert limited.config["RATELIMIT_STRATEGY"] == "sliding-window-counter"
    http = limited.test_client()
    statuses: list[int] = []
    while len(statuses) < 6 and 429 not in statuses:
        response = http.get("/test-only/track?reference=x")
        statuses.append(response.status_code)
    # 3 within one window. If the burst crosses a window's edge, the last window's count is
    # weighed down and one more request is forgiven: 4 at most, then a refusal.
    assert statuses in ([200] * 3 + [429], [200] * 4 + [429]), statuses
    retry_after(response, 60)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_public_posts_meet_their_limit_with_the_translated_429_page(
    app: Flask, database_url: str, records: pytest.LogCaptureFixture, language: str
) -> None:
    limited = limited_app(database_url, RATE_LIMIT_PUBLIC_POSTS="3 per minute")
    client = PageClient(limited, language=language)
    url = f"{CRIME}/happening-now"
    for _ in range(3):
        client.post(url, {"happening_now": "no"}, expected=302, environ_base={"REMOTE_ADDR": SOMEONE})
    page = client.post(url, {"happening_now": "no"}, expected=429, environ_base={"REMOTE_ADDR": SOMEONE})
    assert page.h1 == TOO_MANY[language] and page.response.mimetype == "text/html"
    assert page.soup.find("html").get("lang") == language
    retry_after(page.response, 60)
    # Reading pages is never limited, nor is the timeout warning's keep-alive (a refusal
    # there would tell the person their answers were deleted); another address has its own count.
    client.get(url, environ_base={"REMOTE_ADDR": SOMEONE})
    kept = client.http.post(f"{CRIME}/keep-alive", headers={"X-CSRFToken": client.token()}, environ_base={"REMOTE_ADDR": SOMEONE})
    assert kept.status_code == 200, kept.status_code
    client.post(url, {"happening_now": "no"}, expected=302, environ_base={"REMOTE_ADDR": SOMEONE_ELSE})

    [event] = rate_limited_events(records)
    assert (event.limit, event.status, event.endpoint) == ("public-posts", 429, "public.question")  # type: ignore[attr-defined]
    assert 1 <= event.retry_after <= 60  # type: ignore[attr-defined]
    assert SOMEONE not in everything_logged(records)


def test_the_final_send_has_its_own_tighter_limit_and_stores_nothing_over_it(app: Flask, database_url: str) -> None:
    limited = limited_app(database_url, RATE_LIMIT_SUBMISSIONS="1 per minute")
    first, second = PageClient(limited), PageClient(limited)
    walk(first, CRIME, crime_pages())
    send(first, CRIME)
    walk(second, CRIME, crime_pages())
    page = second.post(f"{CRIME}/check-your-answers", {}, expected=429)
    assert page.h1 == TOO_MANY["en"] and "Your answers are still saved" in page.text
    retry_after(page.response, 60)
    with limited.app_context():
        assert db.session.scalar(select(func.count()).select_from(Submission)) == 1
        # The second person's answers wait for them, unsent.
        assert db.session.scalar(select(func.count()).select_from(Draft).where(Draft.submission_id.is_(None))) == 1
    # Check answers can still be read.
    second.get(f"{CRIME}/check-your-answers")


def test_tracking_lookups_are_limited_per_address(app: Flask, database_url: str, records: pytest.LogCaptureFixture) -> None:
    limited = limited_app(database_url, RATE_LIMIT_TRACKING="2 per minute")
    http = limited.test_client()
    # Showing the empty form (in either language) is free.
    for _ in range(5):
        assert http.get("/test-only/track?lang=en", environ_base={"REMOTE_ADDR": SOMEONE}).status_code == 200
    for _ in range(2):
        assert http.get("/test-only/track?reference=WMP-AAAA-BBBB", environ_base={"REMOTE_ADDR": SOMEONE}).status_code == 200
    # GET and POST share the count: a look-up is a look-up.
    refused = http.post("/test-only/track", environ_base={"REMOTE_ADDR": SOMEONE})
    assert refused.status_code == 429 and refused.mimetype == "text/html"
    assert TOO_MANY["en"] in refused.get_data(as_text=True)
    retry_after(refused, 60)
    assert http.get("/test-only/track?reference=x", environ_base={"REMOTE_ADDR": SOMEONE_ELSE}).status_code == 200
    [event] = rate_limited_events(records)
    assert event.limit == "tracking"  # type: ignore[attr-defined]
    assert SOMEONE not in everything_logged(records)


def test_a_welsh_speaker_meets_the_limit_in_welsh(app: Flask, database_url: str) -> None:
    limited = limited_app(database_url, RATE_LIMIT_TRACKING="1 per minute")
    http = limited.test_client()
    http.set_cookie("lang", "cy")
    assert http.get("/test-only/track?reference=x").status_code == 200
    refused = http.get("/test-only/track?reference=x")
    assert refused.status_code == 429 and TOO_MANY["cy"] in refused.get_data(as_text=True)
    assert 'lang="cy"' in refused.get_data(as_text=True)
    retry_after(refused, 60)


def test_staff_sign_in_counts_failures_per_address_and_per_email(
    app: Flask, database_url: str, records: pytest.LogCaptureFixture
) -> None:
    limited = limited_app(database_url, RATE_LIMIT_STAFF_SIGN_IN="5 per minute", RATE_LIMIT_STAFF_SIGN_IN_EMAIL="3 per minute")
    http = limited.test_client()

    def sign_in(email: str, password: str, address: str) -> int:
        form = {"email": email, "password": password}
        return http.post("/test-only/sign-in", data=form, environ_base={"REMOTE_ADDR": address}).status_code

    # Successful sign-ins cost nothing: a whole station can sign in from one address.
    assert [sign_in(f"officer{n}@example.police.uk", "right", SOMEONE) for n in range(12)] == [302] * 12
    # Someone guessing at one account from several addresses is stopped by the per-email count...
    target = "Alice.Example@example.police.uk"
    assert [sign_in(target, "guess", address) for address in ("192.0.2.1", "192.0.2.2", "192.0.2.3")] == [400] * 3
    assert sign_in(target.lower(), "guess", "192.0.2.4") == 429
    # ...which the real person also meets for a few minutes, even with the right password.
    assert sign_in(target, "right", SOMEONE) == 429
    # Other accounts are unaffected.
    assert sign_in("bob@example.police.uk", "right", SOMEONE) == 302
    # One address guessing across many accounts is stopped by the per-address count.
    assert [sign_in(f"user{n}@example.police.uk", "guess", SOMEONE_ELSE) for n in range(5)] == [400] * 5
    assert sign_in("user9@example.police.uk", "right", SOMEONE_ELSE) == 429
    assert sign_in("user9@example.police.uk", "right", SOMEONE) == 302

    limits = [event.limit for event in rate_limited_events(records)]  # type: ignore[attr-defined]
    assert limits == ["staff-sign-in-email", "staff-sign-in-email", "staff-sign-in-ip"]
    logged = everything_logged(records)
    for personal in (target, target.lower(), "alice.example", SOMEONE, SOMEONE_ELSE, "192.0.2.4"):
        assert personal not in logged, f"{personal} was logged"


def _api_key(application: Flask, name: str) -> str:
    from services.api_keys import create_api_key
    from services.enums import Channel

    with application.app_context():
        return create_api_key(name, Channel.VOICE)[1]


def api_post(http: FlaskClient, body: dict[str, Any], key: str, address: str = SOMEONE) -> TestResponse:
    headers = {"Authorization": f"Bearer {key}"}
    return http.post("/api/v1/submissions", json=body, headers=headers, environ_base={"REMOTE_ADDR": address})


def test_the_api_limit_counts_per_key(app: Flask, database_url: str, records: pytest.LogCaptureFixture) -> None:
    limited = limited_app(database_url, RATE_LIMIT_API_KEY="2 per minute")
    key_a, key_b = _api_key(limited, "101 voice assistant"), _api_key(limited, "web chat")
    http = limited.test_client()
    body = {"service": "report-a-crime", "answers": crime_answers()}
    statuses = [api_post(http, body, key_a).status_code for _ in range(2)]
    assert statuses == [201, 201]
    refused = api_post(http, body, key_a)
    assert refused.status_code == 429 and refused.mimetype == "application/problem+json"
    document = json.loads(refused.get_data())
    assert document["status"] == 429 and document["title"] == "Too Many Requests" and "Retry-After" in document["detail"]
    retry_after(refused, 60)
    # Key B, from the very same address, has its own count.
    assert api_post(http, body, key_b).status_code == 201
    with limited.app_context():
        assert db.session.scalar(select(func.count()).select_from(Submission)) == 3
    [event] = rate_limited_events(records)
    assert event.limit == "api-key" and event.endpoint == "api.create_submission"  # type: ignore[attr-defined]
    assert key_a not in everything_logged(records) and SOMEONE not in everything_logged(records)


def test_redis_counts_are_shared_by_every_app_that_uses_it(app: Flask, database_url: str) -> None:
    prefix = f"frontcounter-test-{secrets.token_hex(6)}"
    shared = {"REDIS_URL": REDIS_URL, "RATE_LIMIT_KEY_PREFIX": prefix, "RATE_LIMIT_TRACKING": "3 per minute"}
    one, two = limited_app(database_url, **shared), limited_app(database_url, **shared)
    alone = limited_app(database_url, RATE_LIMIT_TRACKING="3 per minute")  # in memory: counts on its own
    server = redis.Redis.from_url(REDIS_URL)
    try:
        assert one.extensions["frontcounter.limiter"]["_storage"] is not two.extensions["frontcounter.limiter"]["_storage"]
        assert [one.test_client().get("/test-only/track?reference=x").status_code for _ in range(2)] == [200, 200]
        assert two.test_client().get("/test-only/track?reference=x").status_code == 200
        assert two.test_client().get("/test-only/track?reference=x").status_code == 429
        assert one.test_client().get("/test-only/track?reference=x").status_code == 429
        assert alone.test_client().get("/test-only/track?reference=x").status_code == 200
        assert list(server.scan_iter(f"*{prefix}*")), "no counter in Redis under this run's prefix"
    finally:
        for key in server.scan_iter(f"*{prefix}*"):
            server.delete(key)
        server.close()


def test_switched_off_limits_let_everything_through_and_each_app_keeps_its_own_setting(app: Flask, database_url: str) -> None:
    on = limited_app(database_url, RATE_LIMIT_TRACKING="1 per minute")
    off = limited_app(database_url, RATE_LIMIT_TRACKING="1 per minute", RATE_LIMITS_ENABLED="false")
    assert [off.test_client().get("/test-only/track?reference=x").status_code for _ in range(5)] == [200] * 5
    # The app made first still limits, though the one made after it switched limits off.
    assert [on.test_client().get("/test-only/track?reference=x").status_code for _ in range(2)] == [200, 429]


def test_a_redis_outage_lets_requests_through(app: Flask, database_url: str, records: pytest.LogCaptureFixture) -> None:
    # Nothing listens on port 1: every counter call fails at once.
    broken = limited_app(database_url, REDIS_URL="redis://127.0.0.1:1/0", RATE_LIMIT_TRACKING="1 per minute")
    assert [broken.test_client().get("/test-only/track?reference=x").status_code for _ in range(3)] == [200] * 3
    assert any(r.name.startswith("frontcounter.rate_limits") and r.levelno >= logging.ERROR for r in records.records)


def test_bad_limit_settings_stop_start_up_with_every_problem_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as error:
        load_config({
            "APP_ENV": "development", "RATE_LIMITS_ENABLED": "perhaps", "RATE_LIMIT_TRACKING": "lots",
            "RATE_LIMIT_API_KEY": "10 per fortnight", "REDIS_URL": "http://127.0.0.1:6379", "TRUSTED_PROXY_COUNT": "-1",
        }, tmp_path)
    message = str(error.value)
    for expected in ("RATE_LIMITS_ENABLED must be true or false", "RATE_LIMIT_TRACKING must be a limit",
                     "RATE_LIMIT_API_KEY must be a limit", "REDIS_URL must start with", "TRUSTED_PROXY_COUNT"):
        assert expected in message
    config = load_config({"APP_ENV": "development", "REDIS_URL": REDIS_URL, "RATE_LIMITS_ENABLED": "no"}, tmp_path)
    assert config["RATELIMIT_STORAGE_URI"] == REDIS_URL and config["RATELIMIT_ENABLED"] is False
    defaults = load_config({"APP_ENV": "development"}, tmp_path)
    assert defaults["RATELIMIT_STORAGE_URI"] == "memory://" and defaults["RATELIMIT_STRATEGY"] == "sliding-window-counter"
    with pytest.raises(ConfigError, match="RATE_LIMIT_STRATEGY must be one of"):
        load_config({"APP_ENV": "development", "RATE_LIMIT_STRATEGY": "leaky-bucket"}, tmp_path)
    exact = load_config({"APP_ENV": "development", "RATE_LIMIT_STRATEGY": "moving-window"}, tmp_path)
    assert exact["RATELIMIT_STRATEGY"] == "moving-window"


def test_behind_a_trusted_proxy_the_forwarded_address_is_counted(app: Flask, database_url: str) -> None:
    limited = limited_app(database_url, RATE_LIMIT_TRACKING="1 per minute", TRUSTED_PROXY_COUNT="1")
    http = limited.test_client()
    proxy = {"REMOTE_ADDR": "10.0.0.5"}
    assert http.get("/test-only/track?reference=x", headers={"X-Forwarded-For": SOMEONE}, environ_base=proxy).status_code == 200
    assert http.get("/test-only/track?reference=x", headers={"X-Forwarded-For": SOMEONE_ELSE}, environ_base=proxy).status_code == 200
    assert http.get("/test-only/track?reference=x", headers={"X-Forwarded-For": SOMEONE}, environ_base=proxy).status_code == 429


def test_production_without_redis_warns_that_each_process_counts_alone(
    app: Flask, database_url: str, records: pytest.LogCaptureFixture
) -> None:
    from tests.test_config import PLATFORM

    limited_app(database_url, APP_ENV="production", **PLATFORM)
    assert any("set REDIS_URL" in r.getMessage() for r in records.records if r.levelno == logging.WARNING)
    records.clear()
    limited_app(database_url, APP_ENV="production", REDIS_URL=REDIS_URL, **PLATFORM)
    assert not any("set REDIS_URL" in r.getMessage() for r in records.records)


def test_the_tracking_page_counts_lookups_not_visits(app: Flask, database_url: str) -> None:
    limited = limited_app(database_url, RATE_LIMIT_TRACKING="2 per minute")
    client = PageClient(limited)
    for _ in range(4):
        client.get("/check-a-report")
    guess = {"reference": "WMP-AAAA-BBBB", "contact": "someone@example.com"}
    for _ in range(2):
        client.post("/check-a-report", guess, expected=400)
    page = client.post("/check-a-report", guess, expected=429)
    assert page.h1 == TOO_MANY["en"]
    retry_after(page.response, 60)


def test_the_staff_sign_in_page_wears_the_sign_in_limit(app: Flask, database_url: str) -> None:
    limited = limited_app(database_url, RATE_LIMIT_STAFF_SIGN_IN_EMAIL="2 per 5 minutes")
    client = PageClient(limited)
    token = client.get("/staff/sign-in").csrf_token()
    guess = {"email": "someone@example.police.uk", "password": "not their password", "csrf_token": token}
    for _ in range(2):
        assert client.http.post("/staff/sign-in", data=guess).status_code == 400
    refused = client.http.post("/staff/sign-in", data=guess)
    assert refused.status_code == 429
    assert TOO_MANY["en"] in refused.get_data(as_text=True)
    retry_after(refused, 300)
    # Another address typed from the same place is counted on its own.
    assert client.http.post("/staff/sign-in", data={**guess, "email": "other@example.police.uk"}).status_code == 400
