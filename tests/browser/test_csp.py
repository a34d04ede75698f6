"""The Content Security Policy as a real browser enforces it: every script still runs, nothing is blocked."""

from __future__ import annotations

from playwright.sync_api import Browser

from tests.journeys import CRIME


def test_the_policy_blocks_nothing_the_pages_need(browser: Browser, live_url: str) -> None:
    context = browser.new_context(viewport={"width": 1024, "height": 768})  # the policy enforced: no bypass here
    page = context.new_page()
    blocked: list[str] = []
    page.on("console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None)
    page.on("pageerror", lambda error: blocked.append(str(error)))
    for path in ("/", CRIME, f"{CRIME}/happening-now", "/accessibility"):
        page.goto(f"{live_url}{path}")
        classes = page.evaluate("() => document.body.className")
        assert "govuk-frontend-supported" in classes, f"GOV.UK Frontend did not start on {path}"
    assert page.locator(".govuk-exit-this-page").count() == 1
    assert blocked == []
    # An injected inline script is refused: the policy is really in force.
    page.goto(f"{live_url}{CRIME}/happening-now")
    page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.injected = true'; document.body.append(s); }")
    assert page.evaluate("() => window.injected === undefined")
    context.close()
