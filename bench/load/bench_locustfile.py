"""Locust users for the benchmarks (bench/*.py picks one by name): no think time, every user busy.

- BareGet / BarePost: the bare Flask app's page, and its validated insert.
- FormPageGet: Front Counter's first crime question (the same GOV.UK page).
- FinalSend: Send on check answers, each request for a draft of its own made beforehand
  (BENCH_SEND_FILE: one "cookie csrf_token" pair a line).
- CrimeReporter: complete crime journeys, as in the load test (think time set to 0 by the caller).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from locust import task
from locust.contrib.fasthttp import FastHttpUser
from locust.exception import StopUser

from bench.load import stats_dump  # noqa: F401  (writes LOAD_STATS_FILE as locust quits)
from bench.load.users import CrimeReporter, csrf_of

__all__ = ["BareGet", "BarePost", "CrimeReporter", "FinalSend", "FormPageGet"]

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


class BareGet(FastHttpUser):
    abstract = False

    @task
    def page(self) -> None:
        self.client.get("/question", name="bare GET page")


class BarePost(FastHttpUser):
    abstract = False

    def on_start(self) -> None:
        self.token = csrf_of(self.client.get("/question", name="bare GET page").text or "")

    @task
    def insert(self) -> None:
        body = f"csrf_token={self.token}&happening_now=no&description=My+bike+was+taken+from+the+rack."
        with self.client.post("/question", data=body, headers=FORM, name="bare POST insert", allow_redirects=False,
                              catch_response=True) as response:
            if response.status_code != 302:
                response.failure(f"status {response.status_code}")


class FormPageGet(FastHttpUser):
    abstract = False

    @task
    def page(self) -> None:
        with self.client.get("/report-a-crime/happening-now", name="app GET form page", catch_response=True) as response:
            if response.status_code != 200 or "csrf_token" not in (response.text or ""):
                response.failure(f"status {response.status_code}")


def _prepared() -> Iterator[tuple[str, str]]:
    path = os.environ.get("BENCH_SEND_FILE", "")
    if not path:
        return
    with open(path, encoding="ascii") as handle:
        for line in handle:
            cookie, token = line.split()
            yield cookie, token


PREPARED = _prepared()


class FinalSend(FastHttpUser):
    abstract = False

    @task
    def send(self) -> None:
        try:
            cookie, token = next(PREPARED)
        except StopIteration:
            raise StopUser() from None
        self.client.cookiejar.clear()
        headers = {**FORM, "Cookie": cookie}
        with self.client.post("/report-a-crime/check-your-answers", data=f"csrf_token={token}", headers=headers,
                              name="app POST send", allow_redirects=False, catch_response=True) as response:
            if response.status_code != 302 or not response.headers.get("Location", "").endswith("/confirmation"):
                response.failure(f"status {response.status_code}")
