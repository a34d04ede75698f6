"""A real browser (Debian's Chromium, driven by Playwright) against the app on a loopback port.

Playwright never downloads a browser here: it drives /usr/bin/chromium, which `make test`
installs with apt-get when it is missing. Every page state is checked with axe-core from
npm, and the suite prints what it checked at the end.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask_migrate import upgrade
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from services.db import db
from tests.browser.report import REPORT_KEY, BrowserReport
from tests.conftest import make_test_app
from tests.servers import serve

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parent.parent.parent
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
EXIT_PAGE = "https://exit.example/weather"


def pytest_configure(config: pytest.Config) -> None:
    config.stash[REPORT_KEY] = BrowserReport()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    report = config.stash.get(REPORT_KEY, None)
    if report is not None and report.used:
        terminalreporter.write_sep("=", "browser checks")
        for line in report.lines():
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def report(pytestconfig: pytest.Config) -> BrowserReport:
    return pytestconfig.stash[REPORT_KEY]


@pytest.fixture(scope="session")
def browser_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    database = tmp_path_factory.mktemp("browser") / "browser.db"
    app = make_test_app(f"sqlite:///{database}", EXIT_PAGE_URL=EXIT_PAGE, PROPAGATE_EXCEPTIONS=False)
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))

    @app.get("/_test/server-error")
    def server_error() -> str:
        raise RuntimeError("a deliberate failure, to see the 500 page")

    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="session")
def live_url(browser_app: Flask) -> Iterator[str]:
    with serve(browser_app) as url:
        yield url


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    if shutil.which(CHROMIUM) is None:
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs it (apt-get install -y chromium)")
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield launched
    launched.close()


def new_context(browser: Browser, *, javascript: bool = True, width: int = 320, height: int = 720) -> BrowserContext:
    # bypass_csp lets the checkers (axe, a zoom style) be injected; the policy itself has its own tests.
    context = browser.new_context(java_script_enabled=javascript, viewport={"width": width, "height": height}, bypass_csp=True)
    # "Exit this page" leaves for another site: answer it locally, with no network.
    context.route(f"{EXIT_PAGE}**", lambda route: route.fulfill(status=200, content_type="text/html",
                                                               body="<!doctype html><title>Weather</title><h1>Weather</h1>"))
    context.set_default_timeout(10_000)
    return context


@pytest.fixture()
def context(browser: Browser) -> Iterator[BrowserContext]:
    made = new_context(browser)
    yield made
    made.close()


@pytest.fixture()
def page(context: BrowserContext) -> Page:
    return context.new_page()
