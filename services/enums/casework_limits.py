"""Longest texts staff may enter, shared by the forms (which say so) and the services (which enforce it)."""

from __future__ import annotations

ASSESSMENT_WORDS = 2_000
RATIONALE = 5_000
NOTE = 5_000
MESSAGE = 5_000
PARTNER_NAME = 100
CRIME_NUMBER = 30
