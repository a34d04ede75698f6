"""Answers that complete each journey, taken from the test suite so there is one source of truth.

The tests walk the same pages with the same answers, so when a journey changes, its test
data changes with it and the load test keeps following the real pages.
"""

from __future__ import annotations

import random
from typing import Any

from tests.journeys import crime_pages
from tests.request_journeys import foi_pages
from tests.test_api import crime_answers
from tests.test_asb import asb_pages

Pages = list[tuple[str, dict[str, Any]]]

CRIME = "/report-a-crime"
ASB = "/report-anti-social-behaviour"
FOI = "/request-information-foi"


def crime_journey(rng: random.Random) -> Pages:
    """A mix of the branches people take: who is reporting, what happened, what was taken."""
    role = rng.choice(["victim", "victim", "victim", "witness", "third_party", "organisation"])
    category = rng.choice(["theft", "theft", "burglary", "criminal_damage", "assault", "harassment"])
    return crime_pages(
        role=role,
        category=category,
        date_known=rng.choice(["yes", "yes", "no"]),
        suspect_known=rng.choice(["no", "no", "can_describe"]),
        property_involved=rng.choice(["no", "yes"]),
    )


def asb_journey(rng: random.Random) -> Pages:
    asb_type = rng.choice(["personal", "nuisance", "environmental"])
    return asb_pages(asb_type=asb_type, frequency=rng.choice(["weekly", "once"]))


def foi_journey(rng: random.Random) -> Pages:
    return foi_pages(preferred_format=rng.choice(["email", "email", "printed"]), period_known=rng.choice(["yes", "no"]))


def api_crime_answers() -> dict[str, Any]:
    return crime_answers()
