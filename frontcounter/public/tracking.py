"""Check a report or ask for an update: the public's view of what happened to what they sent.

Access is proved with the reference and the email address or phone number given in the
report. The signed session then holds only the id of the submission this browser proved
and when, for a short time; the reference is never put in a URL. A failed lookup looks
the same whichever part was wrong. Lookups are rate-limited at merge time by decorating
`lookup` (the only view that checks a reference).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from flask import redirect, render_template, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l

from forms.tracking import FindReportForm, MessageForm
from frontcounter.catalogue import SERVICES
from frontcounter.public import public
from frontcounter.public.tracking_words import officer_text, status_words, timeline_entries
from frontcounter.rate_limits import limit_public_posts, limit_tracking_lookups
from services.references import is_valid_reference, normalise_reference
from services.reporter_messages import UnknownSubmission, record_reporter_reply
from services.tracking import Timeline, prove_report, report_timeline
from services.types import utcnow

log = logging.getLogger(__name__)

# How long a browser may see a report after proving it, before it must prove it again.
ACCESS_TIME = timedelta(minutes=30)
_ACCESS_KEY = "tracking"
_SENT_KEY = "tracking_sent"
UK_TIME = ZoneInfo("Europe/London")

NOT_FOUND = _l("We could not find a report with that reference and email address or phone number. Check them and try again.")
BAD_REFERENCE = _l("Check your reference: one or more of its characters is wrong")


def uk_datetime(moment: datetime) -> str:
    """A moment as people in the UK read it, in the page's language (month names are translated)."""
    return format_datetime(moment.astimezone(UK_TIME), "d MMMM yyyy, HH:mm", rebase=False)


def _grant_access(submission_id: int) -> None:
    session[_ACCESS_KEY] = {"id": submission_id, "at": int(utcnow().timestamp())}
    session.permanent = False


def _proved_submission() -> int | None:
    """The submission this browser proved, while its access lasts; expired access is removed."""
    access = session.get(_ACCESS_KEY)
    if not isinstance(access, dict) or not isinstance(access.get("id"), int) or not isinstance(access.get("at"), int):
        return None
    if utcnow().timestamp() - access["at"] > ACCESS_TIME.total_seconds():
        session.pop(_ACCESS_KEY, None)
        return None
    return int(access["id"])


def _find_page(form: FindReportForm, status: int = 200, **extra: Any) -> ResponseReturnValue:
    return render_template(
        "public/tracking/find.html",
        form=form,
        error_list=extra.pop("error_list", None) or form.error_list(),
        access_minutes=int(ACCESS_TIME.total_seconds() // 60),
        **extra,
    ), status


@public.get("/check-a-report")
def tracking_find() -> ResponseReturnValue:
    return _find_page(FindReportForm(), expired=bool(session.pop("tracking_expired", False)))


@public.post("/check-a-report")
@limit_tracking_lookups
def tracking_lookup() -> ResponseReturnValue:
    # Any earlier access ends with a new lookup, so the answer does not depend on it.
    session.pop(_ACCESS_KEY, None)
    form = FindReportForm()
    if not form.validate():
        return _find_page(form, 400)
    reference = normalise_reference(form.reference.data or "")
    if not is_valid_reference(reference):
        form.reference.errors = [str(BAD_REFERENCE)]
        return _find_page(form, 400)
    submission_id = prove_report(reference, form.contact.data or "")
    if submission_id is None:
        # One answer for "no such reference" and "not the contact detail given", with the
        # typed values left out so the two cannot differ; nothing identifying is logged.
        log.info("tracking lookup did not match")
        return _find_page(FindReportForm(formdata=None), 400, error_list=[{"text": str(NOT_FOUND), "href": "#reference"}])
    _grant_access(submission_id)
    log.info("tracking lookup matched")
    return redirect(url_for("public.tracking_report"))


def _timeline_or_expired() -> Timeline | None:
    submission_id = _proved_submission()
    return None if submission_id is None else report_timeline(submission_id)


def _expired() -> ResponseReturnValue:
    session.pop(_ACCESS_KEY, None)
    session["tracking_expired"] = True
    return redirect(url_for("public.tracking_find"))


def _report_page(timeline: Timeline, form: MessageForm, status: int = 200) -> ResponseReturnValue:
    service = SERVICES.get(timeline.service)
    return render_template(
        "public/tracking/report.html",
        timeline=timeline,
        service_title=service.title if service else None,
        status_text=status_words(timeline),
        entries=timeline_entries(timeline, uk_datetime),
        sent_on=uk_datetime(timeline.submitted_at),
        officer=officer_text(timeline.officer_name, timeline.officer_collar_number),
        form=form,
        error_list=form.error_list(),
        message_sent=bool(session.pop(_SENT_KEY, False)),
    ), status


@public.get("/check-a-report/your-report")
def tracking_report() -> ResponseReturnValue:
    timeline = _timeline_or_expired()
    if timeline is None:
        return _expired()
    return _report_page(timeline, MessageForm(formdata=None))


@public.post("/check-a-report/your-report")
@limit_public_posts
def tracking_message() -> ResponseReturnValue:
    submission_id = _proved_submission()
    timeline = None if submission_id is None else report_timeline(submission_id)
    if submission_id is None or timeline is None:
        return _expired()
    form = MessageForm()
    if not form.validate():
        return _report_page(timeline, form, 400)
    try:
        record_reporter_reply(submission_id, form.message.data or "", utcnow())
    except UnknownSubmission:
        return _expired()
    session[_SENT_KEY] = True
    return redirect(url_for("public.tracking_report"))


@public.post("/check-a-report/finish")
def tracking_finish() -> ResponseReturnValue:
    """Stop showing the report on this device (a shared computer, say)."""
    session.pop(_ACCESS_KEY, None)
    return redirect(url_for("public.tracking_find"))
