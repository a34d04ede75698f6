"""The public's words for where a report has got to, and its timeline, in the page's language."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from services.enums import TriageStatus
from services.enums.casework import MessageDirection, Outcome
from services.tracking import Timeline

STATUS_WORDS = {
    TriageStatus.NEW.value: _l("Received: waiting for our contact team to look at it"),
    TriageStatus.IN_PROGRESS.value: _l("We are looking at your report"),
    TriageStatus.AWAITING_REPORTER.value: _l("We need more information from you: please send us a message"),
}
CLOSED_WORDS = {
    Outcome.ADVICE_GIVEN.value: _l("Closed: advice given"),
    Outcome.CRIME_RECORDED.value: _l("Closed: recorded as a crime"),
    Outcome.REFERRED_TO_PARTNER.value: _l("Closed: passed to a partner organisation"),
    Outcome.NO_FURTHER_ACTION.value: _l("Closed: no further action"),
    Outcome.DUPLICATE.value: _l("Closed: we are dealing with it under another reference"),
}
CLOSED = _l("Closed")

# The national platform's statuses, as the contract lists them.
PLATFORM_WORDS = {
    "received": _l("Received by the national online contact platform"),
    "in_review": _l("Being reviewed"),
    "crime_recorded": _l("Recorded as a crime"),
    "referred": _l("Passed to another organisation"),
    "officer_assigned": _l("An officer is dealing with your report"),
    "closed": _l("Closed"),
    "rejected": _l("Not taken forward by the national online contact platform"),
}
PLATFORM_UPDATED = _l("Update from the national online contact platform")


@dataclass(frozen=True)
class Entry:
    """One event on the timeline: a heading, when, and lines of text (never markup)."""

    heading: str
    at: datetime
    when: str
    lines: tuple[str, ...] = ()
    quote: str | None = None


def status_words(timeline: Timeline) -> str:
    if timeline.status == TriageStatus.CLOSED.value:
        return str(CLOSED_WORDS.get(timeline.outcome or "", CLOSED))
    return str(STATUS_WORDS.get(timeline.status, STATUS_WORDS[TriageStatus.NEW.value]))


def officer_text(name: str | None, collar_number: str | None) -> str | None:
    if name and collar_number:
        return gettext("%(name)s, collar number %(number)s", name=name, number=collar_number)
    if collar_number:
        return gettext("Collar number %(number)s", number=collar_number)
    return name or None


def _withheld() -> str:
    return gettext(
        "For your safety we do not show messages here. Call %(phone)s and give your reference to hear it.",
        phone=current_app.config["FORCE_PHONE"],
    )


def timeline_entries(timeline: Timeline, when: Callable[[datetime], str]) -> list[Entry]:
    """Everything that happened, oldest first. Messages withheld for safety say only that they exist."""
    entries = [Entry(gettext("We received your report"), timeline.submitted_at, when(timeline.submitted_at))]
    if timeline.forwarded_at is not None:
        entries.append(
            Entry(gettext("Passed to the national online contact platform"), timeline.forwarded_at, when(timeline.forwarded_at))
        )
    for update in timeline.updates:
        lines = []
        if update.crime_number:
            lines.append(gettext("Crime number: %(number)s", number=update.crime_number))
        officer = officer_text(update.officer_name, update.officer_collar_number)
        if officer:
            lines.append(gettext("Officer in charge: %(officer)s", officer=officer))
        if update.has_message and update.message is None:
            lines.append(_withheld())
        heading = str(PLATFORM_WORDS.get(update.status, PLATFORM_UPDATED))
        entries.append(Entry(heading, update.occurred_at, when(update.occurred_at), tuple(lines), update.message))
    for message in timeline.messages:
        if message.direction == MessageDirection.FROM_REPORTER.value:
            entries.append(Entry(gettext("You sent us a message"), message.created_at, when(message.created_at), quote=message.body))
        elif message.body is None:
            entries.append(
                Entry(
                    gettext("We have a message for you"), message.created_at, when(message.created_at),
                    (_withheld(),),
                )
            )
        else:
            entries.append(Entry(gettext("Message from us"), message.created_at, when(message.created_at), quote=message.body))
    entries.sort(key=lambda entry: entry.at)
    return entries
