"""The people and systems the load test simulates, and the registry the locustfile exposes.

Each public user walks a journey as a browser does: GET a question page, read its CSRF
token, think, POST the answers, follow the redirect with a GET. A 200 page that shows a
GOV.UK error summary is a failure even though the status looks fine: it means the answers
the test knows to be good were refused. Every reference a user is given is written to
LOAD_REFERENCES_FILE, so the harness can check afterwards that none was lost.

Add a user class by defining it (abstract=False) and listing it in USER_CLASSES; the
locustfile exposes whatever the registry holds, with the weights given there.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import time
from collections import deque
from typing import Any
from urllib.parse import urlencode

import pyotp
from locust import between, task
from locust.contrib.fasthttp import FastHttpUser, ResponseContextManager

from bench.load import answers

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')
REFERENCE = re.compile(r"\b[A-Z]{2,5}-[0-9A-Z]{4}-[0-9A-Z]{4}\b")
ERROR_SUMMARY = "govuk-error-summary"


class JourneyFailed(Exception):
    """A page did not do what a person completing the journey needs; this journey stops."""


def _think_range() -> tuple[float, float]:
    low = float(os.environ.get("LOAD_THINK_MIN", "1"))
    high = float(os.environ.get("LOAD_THINK_MAX", "4"))
    return low, max(low, high)


def record_reference(reference: str) -> None:
    """Append one reference to the file the harness reads; one short line per write is atomic with O_APPEND."""
    path = os.environ.get("LOAD_REFERENCES_FILE")
    if path:
        with open(path, "a", encoding="ascii") as handle:
            handle.write(reference + "\n")


def web_hosts() -> list[str]:
    """Every web node under test: each request goes to any of them, as behind a load balancer."""
    return [host for host in os.environ.get("LOAD_WEB_HOSTS", "").split(",") if host]


class WebUser(FastHttpUser):
    """A browser: cookies kept, redirects followed by hand so every page is timed on its own."""

    abstract = True
    wait_time = between(*_think_range())
    welsh_share = 0.2

    def on_start(self) -> None:
        self.rng = random.Random()
        self.hosts = web_hosts() or [self.host]

    def url(self, path: str) -> str:
        return self.rng.choice(self.hosts) + path

    def think(self) -> None:
        time.sleep(self.rng.uniform(*_think_range()))

    def page(self, path: str, name: str) -> str:
        """GET a page that must answer 200 without an error summary; returns its HTML."""
        with self.client.get(self.url(path), name=name, catch_response=True) as response:
            return self._accept_page(response)

    def _accept_page(self, response: ResponseContextManager) -> str:
        body = response.text or ""
        if response.status_code != 200:
            response.failure(f"status {response.status_code}")
            raise JourneyFailed(name_of(response))
        if ERROR_SUMMARY in body:
            response.failure("an error summary on a page that should have none")
            raise JourneyFailed(name_of(response))
        response.success()
        return body

    def post_form(self, path: str, data: dict[str, Any], csrf: str, name: str) -> str:
        """POST answers that must be accepted (a redirect); returns where it leads."""
        body = urlencode({**data, "csrf_token": csrf}, doseq=True)
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        with self.client.post(self.url(path), data=body, headers=headers, name=name, allow_redirects=False,
                              catch_response=True) as response:
            location = response.headers.get("Location", "") if response.headers else ""
            if response.status_code != 302 or not location:
                detail = "an error summary" if ERROR_SUMMARY in (response.text or "") else f"status {response.status_code}"
                response.failure(f"answers refused on {location_path(path).rsplit('/', 1)[-1]}: {detail}")
                raise JourneyFailed(name)
            response.success()
            return location_path(location)

    def walk(self, slug: str, pages: answers.Pages, label: str) -> str | None:
        """Complete a journey and send it; returns the reference, or None if a page failed."""
        try:
            welsh = self.rng.random() < self.welsh_share
            self.page(f"{slug}?lang=cy" if welsh else slug, f"{label} start")
            path = f"{slug}/{pages[0][0]}"
            for page_id, data in pages:
                html = self.page(path, f"{label} GET question")
                self.think()
                path = self.post_form(f"{slug}/{page_id}", data, csrf_of(html), f"{label} POST question")
            if not path.endswith("/check-your-answers"):
                raise JourneyFailed(f"{label}: the last answer led to {path}, not check your answers")
            html = self.page(path, f"{label} GET check answers")
            self.think()
            path = self.post_form(path, {}, csrf_of(html), f"{label} POST send")
            html = self.page(path, f"{label} GET confirmation")
        except JourneyFailed:
            return None
        found = REFERENCE.search(html)
        if found is None:
            return None
        record_reference(found.group(0))
        return found.group(0)


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    if found is None:
        raise JourneyFailed("no CSRF token on the page")
    return found.group(1) or found.group(2)


def location_path(location: str) -> str:
    """Keep the path of a redirect so the next request may go to any web node."""
    return re.sub(r"^https?://[^/]+", "", location)


def name_of(response: ResponseContextManager) -> str:
    return str(getattr(response, "request_meta", {}).get("name", "page"))


class CrimeReporter(WebUser):
    """A member of the public reporting a crime, sometimes in Welsh."""

    abstract = False

    @task
    def report_a_crime(self) -> None:
        pages = answers.crime_journey(self.rng)
        reference = self.walk(answers.CRIME, pages, "crime")
        contact = next((data.get("email") for page_id, data in pages if page_id == "contact"), None)
        if reference and contact:
            ReportChecker.reports.append((reference, contact))


class ReportChecker(WebUser):
    """Someone who reported earlier checking on it, and sometimes sending the officer a message.

    Checks reports this run's crime reporters made (reference and email), as a person would.
    """

    abstract = False
    # Shared by the users of one locust process: the reports made so far that can be checked.
    reports: deque[tuple[str, str]] = deque(maxlen=1000)

    @task
    def check_a_report(self) -> None:
        if not self.reports:
            self.page("/check-a-report", "tracking GET find")
            return
        reference, contact = self.rng.choice(list(self.reports))
        try:
            html = self.page("/check-a-report", "tracking GET find")
            self.think()
            path = self.post_form("/check-a-report", {"reference": reference, "contact": contact}, csrf_of(html),
                                  "tracking POST look-up")
            html = self.page(path, "tracking GET timeline")
            if reference not in html:
                raise JourneyFailed("the timeline does not name the report")
            if self.rng.random() < 0.3:
                self.think()
                path = self.post_form(path, {"message": "Is there any news, please?"}, csrf_of(html), "tracking POST message")
                self.page(path, "tracking GET timeline")
        except JourneyFailed:
            return


class StaffTriager(WebUser):
    """A call handler working the queue: signs in with two-factor, opens the most urgent item,
    claims it, grades it with a THRIVE assessment and closes it with advice given."""

    abstract = False
    # One user per account the harness made (a TOTP code is accepted once).
    fixed_count = 2
    accounts_taken = itertools.count()

    def on_start(self) -> None:
        super().on_start()
        accounts = json.loads(os.environ.get("LOAD_STAFF_ACCOUNTS", "[]"))
        self.account = accounts[next(self.accounts_taken) % len(accounts)] if accounts else None
        self.signed_in = False

    def sign_in(self) -> None:
        email, password, secret = self.account
        html = self.page("/staff/sign-in", "staff GET sign in")
        path = self.post_form("/staff/sign-in", {"email": email, "password": password}, csrf_of(html), "staff POST sign in")
        html = self.page(path, "staff GET code")
        path = self.post_form(path, {"code": pyotp.TOTP(secret).now()}, csrf_of(html), "staff POST code")
        self.signed_in = True

    @task
    def triage_the_most_urgent_item(self) -> None:
        if self.account is None:
            return
        try:
            if not self.signed_in:
                self.sign_in()
            queue = self.page("/staff/", "staff GET queue")
            # One of the most urgent few, so that colleagues do not all reach for the same item.
            urgent = ITEM_LINK.findall(queue)[:5]
            if not urgent:
                return
            item = f"/staff/items/{self.rng.choice(urgent)}"
            html = self.page(item, "staff GET item")
            self.think()
            claimed = self.post_expecting(f"{item}/claim", {}, csrf_of(html), "staff POST claim", also_fine=(409,))
            if not claimed:
                return  # another member of staff claimed it first: a normal answer, not a failure
            html = self.page(f"{item}/grade", "staff GET grade")
            self.think()
            self.post_form(f"{item}/grade", GRADE, csrf_of(html), "staff POST grade")
            html = self.page(f"{item}/close", "staff GET close")
            self.post_form(f"{item}/close", {"outcome": "advice_given"}, csrf_of(html), "staff POST close")
        except JourneyFailed:
            self.signed_in = False

    def post_expecting(self, path: str, data: dict[str, Any], csrf: str, name: str, also_fine: tuple[int, ...]) -> bool:
        """POST where a redirect means done and an `also_fine` status means someone else got there first."""
        body = urlencode({**data, "csrf_token": csrf}, doseq=True)
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        with self.client.post(self.url(path), data=body, headers=headers, name=name, allow_redirects=False,
                              catch_response=True) as response:
            if response.status_code == 302:
                response.success()
                return True
            if response.status_code in also_fine:
                response.success()
                return False
            response.failure(f"status {response.status_code}")
            raise JourneyFailed(name)


ITEM_LINK = re.compile(r'href="/staff/items/(\d+)"')
AREAS = ("threat", "harm", "risk", "investigation", "vulnerability", "engagement")
GRADE = {
    **{f"{area}_rating": "medium" for area in AREAS},
    **{f"{area}_words": "Assessed from the report" for area in AREAS},
    "grade": "resolution_without_deployment",
    "rationale": "No one is in danger; advice by email resolves it",
}


class AsbReporter(WebUser):
    abstract = False

    @task
    def report_anti_social_behaviour(self) -> None:
        self.walk(answers.ASB, answers.asb_journey(self.rng), "asb")


class InformationRequester(WebUser):
    abstract = False

    @task
    def request_information(self) -> None:
        self.walk(answers.FOI, answers.foi_journey(self.rng), "foi")


class ApiChannel(FastHttpUser):
    """Another channel (the 101 voice assistant) lodging crime reports through the intake API."""

    abstract = False
    wait_time = between(*_think_range())

    def on_start(self) -> None:
        self.hosts = web_hosts() or [self.host]
        self.key = os.environ.get("LOAD_API_KEY", "")

    @task
    def lodge_a_report(self) -> None:
        body = json.dumps({"service": answers.CRIME[1:], "language": "en", "answers": answers.api_crime_answers()})
        headers = {"Authorization": f"Bearer {self.key}", "Content-Type": "application/json"}
        host = random.choice(self.hosts)
        with self.client.post(f"{host}/api/v1/submissions", data=body, headers=headers, name="api POST submission",
                              catch_response=True) as response:
            try:
                reference = response.json().get("reference") if response.status_code == 201 else None
            except (ValueError, AttributeError):
                reference = None
            if not reference:
                response.failure(f"status {response.status_code}")
                return
            response.success()
            record_reference(reference)


# The users a run simulates, with their weights (how many of each, relative to the others).
USER_CLASSES: dict[type[FastHttpUser], int] = {
    CrimeReporter: 12,
    AsbReporter: 4,
    InformationRequester: 2,
    ApiChannel: 2,
    ReportChecker: 2,
    StaffTriager: 1,  # fixed_count decides how many
}


def registered() -> dict[str, type[FastHttpUser]]:
    """The registry's classes with their weights applied, ready for the locustfile to expose."""
    for user_class, weight in USER_CLASSES.items():
        user_class.weight = weight
    return {user_class.__name__: user_class for user_class in USER_CLASSES}

