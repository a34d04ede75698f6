"""Security headers: a nonce-based CSP with no unsafe-inline, no framing, no sniffing, no caching of pages."""

from __future__ import annotations

import re

from flask import Flask

from tests.conftest import TEST_SECRET, make_test_app

PAGES = ["/", "/report-a-crime", "/report-a-crime/happening-now", "/no-such-page", "/api/v1/services", "/accessibility"]


def test_every_response_carries_the_headers(app: Flask) -> None:
    client = app.test_client()
    for path in PAGES:
        response = client.get(path)
        headers = response.headers
        csp = headers["Content-Security-Policy"]
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, path
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp and "base-uri 'none'" in csp
        assert re.search(r"script-src 'self' 'nonce-[A-Za-z0-9_-]{16,}'", csp), path
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"
        assert headers["X-Frame-Options"] == "DENY"
        assert "camera=()" in headers["Permissions-Policy"] and "geolocation=()" in headers["Permissions-Policy"]
        assert headers["Cache-Control"] == "no-store", path


def test_every_script_on_a_page_carries_this_response_nonce(app: Flask) -> None:
    client = app.test_client()
    first = client.get("/report-a-crime")
    second = client.get("/report-a-crime")
    nonce = re.search(r"'nonce-([^']+)'", first.headers["Content-Security-Policy"]).group(1)
    other = re.search(r"'nonce-([^']+)'", second.headers["Content-Security-Policy"]).group(1)
    assert nonce != other  # a new nonce for every response
    html = first.get_data(as_text=True)
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts and all(f'nonce="{nonce}"' in tag for tag in scripts), scripts
    assert " style=" not in html  # the policy allows no inline styles


def test_hsts_and_host_prefixed_cookies_in_production(database_url: str) -> None:
    production = make_test_app(
        database_url, APP_ENV="production", TESTING=False, SECRET_KEY=TEST_SECRET,
        NATIONAL_PLATFORM_URL="https://platform.example", NATIONAL_PLATFORM_CLIENT_ID="id",
        NATIONAL_PLATFORM_CLIENT_SECRET="c" * 40, NATIONAL_PLATFORM_WEBHOOK_SECRET="w" * 40,
    )
    client = production.test_client()
    response = client.get("/report-a-crime/happening-now", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    cookie = response.headers.get("Set-Cookie", "")  # the CSRF token's session
    assert cookie.startswith("__Host-session=") and "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Domain=" not in cookie and "Path=/" in cookie
