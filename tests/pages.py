"""Page-level test helpers: every page a test renders is checked as a person would need it.

On each HTML page: one h1; a <title> that starts with that heading (after "Error: " when
the page shows errors) and is not shared with any other page; `<html lang>` in the
language asked for; and on Welsh pages, none of our own English strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

CATALOGUE = Path(__file__).resolve().parent.parent / "translations" / "cy" / "LC_MESSAGES" / "messages.po"
ERROR_PREFIX = {"en": "Error:", "cy": "Gwall:"}
_PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|%\{[a-z_]+\}|\{\{[^}]*\}\}|<[^>]+>")

# Every title seen in this test run, with the page it belongs to: within a service (the first
# part of the path), a title must name one page. Services share some pages (your details,
# contact, call 999, check answers), so the same title may name one page in each service.
_TITLES: dict[tuple[str, str, str], str] = {}


@lru_cache(maxsize=1)
def english_fragments() -> tuple[str, ...]:
    """Runs of our English strings that must never appear on a Welsh page.

    Only strings whose Welsh differs are used, split around placeholders and markup,
    and only runs long enough not to match a name or a word both languages share.
    """
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle)
    fragments = set()
    for message in catalogue:
        if not message.id or not message.string:
            continue
        english = message.id if isinstance(message.id, str) else message.id[0]
        welsh = message.string if isinstance(message.string, str) else message.string[0]
        if english == welsh:
            continue
        for part in _PLACEHOLDER.split(english):
            part = " ".join(part.split())
            if len(part) >= 16 and len(part.split()) >= 3:
                fragments.add(part)
    return tuple(sorted(fragments))


def visible_text(soup: BeautifulSoup) -> str:
    for hidden in soup(["script", "style", "template"]):
        hidden.decompose()
    return " ".join(soup.get_text(" ").split())


@dataclass
class Page:
    response: TestResponse
    soup: BeautifulSoup = field(init=False)

    def __post_init__(self) -> None:
        self.soup = BeautifulSoup(self.response.get_data(as_text=True), "html.parser")

    @property
    def status(self) -> int:
        return self.response.status_code

    @property
    def title(self) -> str:
        return " ".join(self.soup.title.get_text().split()) if self.soup.title else ""

    @property
    def h1(self) -> str:
        heading = self.soup.find("h1")
        return " ".join(heading.get_text().split()) if heading else ""

    @property
    def text(self) -> str:
        return visible_text(BeautifulSoup(str(self.soup), "html.parser"))

    def error_summary(self) -> list[tuple[str, str]]:
        summary = self.soup.select(".govuk-error-summary__list a")
        return [(" ".join(link.get_text().split()), link["href"]) for link in summary]

    def error_messages(self) -> list[str]:
        return [
            " ".join(message.get_text().split()).split(":", 1)[-1].strip()
            for message in self.soup.select(".govuk-error-message")
        ]

    def summary_rows(self) -> dict[str, str]:
        rows = {}
        for row in self.soup.select(".govuk-summary-list__row"):
            key = row.select_one(".govuk-summary-list__key")
            value = row.select_one(".govuk-summary-list__value")
            if key and value:
                rows[" ".join(key.get_text().split())] = " ".join(value.get_text(" ").split())
        return rows

    def change_links(self) -> dict[str, str]:
        links = {}
        for row in self.soup.select(".govuk-summary-list__row"):
            key = row.select_one(".govuk-summary-list__key")
            link = row.select_one(".govuk-summary-list__actions a")
            if key and link:
                links[" ".join(key.get_text().split())] = link["href"]
        return links

    def csrf_token(self) -> str:
        token = self.soup.find("input", attrs={"name": "csrf_token"})
        assert token is not None, "page has no CSRF token"
        return str(token["value"])

    def input_value(self, name: str) -> str | None:
        element = self.soup.find(attrs={"name": name})
        if element is None:
            return None
        if element.name == "textarea":
            return element.get_text()
        return element.get("value")

    def checked(self, name: str) -> list[str]:
        return [str(box["value"]) for box in self.soup.find_all("input", attrs={"name": name}) if box.has_attr("checked")]


def check_page(page: Page, language: str, path: str) -> None:
    """The checks every rendered page must pass."""
    html = page.soup.find("html")
    assert html is not None and html.get("lang") == language, f"{path}: <html lang> is not {language}"
    headings = page.soup.find_all("h1")
    assert len(headings) == 1, f"{path}: expected one h1, found {len(headings)}"
    heading = page.h1
    assert heading, f"{path}: the h1 is empty"
    title = page.title
    expected_start = heading
    if page.error_summary():
        assert title.startswith(ERROR_PREFIX[language]), f"{path}: error page title must start with {ERROR_PREFIX[language]}"
        expected_start = f"{ERROR_PREFIX[language]} {heading}"
    assert title.startswith(expected_start), f"{path}: title {title!r} does not start with the h1 {heading!r}"
    if page.status == 200:
        key = (language, path.strip("/").split("/")[0], title)
        owner = _TITLES.setdefault(key, path)
        assert owner == path, f"{path}: title {title!r} is already the title of {owner}"
    if language == "cy":
        text = page.text
        leaked = [fragment for fragment in english_fragments() if fragment in text]
        assert not leaked, f"{path}: English on a Welsh page: {leaked[:3]}"


class PageClient:
    """A browser-like test client that checks every page it sees and sends CSRF tokens."""

    def __init__(self, app: Flask, language: str = "en") -> None:
        self.app = app
        self.language = language
        self.http: FlaskClient = app.test_client()
        self.http.set_cookie("lang", language)
        self._token: str | None = None

    def get(self, url: str, expected: int = 200, **kwargs: Any) -> Page:
        response = self.http.get(url, **kwargs)
        assert response.status_code == expected, f"GET {url}: {response.status_code}, expected {expected}"
        return self._page(url, response)

    def post(self, url: str, data: dict[str, Any] | None = None, expected: int = 302, csrf: bool = True, **kwargs: Any) -> Page:
        body = dict(data or {})
        if csrf:
            body.setdefault("csrf_token", self.token())
        response = self.http.post(url, data=body, **kwargs)
        assert response.status_code == expected, (
            f"POST {url}: {response.status_code}, expected {expected}: "
            + str(Page(response).error_summary() or response.headers.get("Location"))
        )
        return self._page(url, response)

    def token(self) -> str:
        if self._token is None:
            self._token = self.get("/report-a-crime/happening-now").csrf_token()
        return self._token

    def _page(self, url: str, response: TestResponse) -> Page:
        page = Page(response)
        if response.mimetype == "text/html" and response.status_code != 302:
            check_page(page, self.language, urlsplit(url).path)
        return page
