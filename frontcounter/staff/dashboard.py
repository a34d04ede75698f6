"""The supervisor dashboard and the relay page: figures, charts with their tables, and requeue."""

from __future__ import annotations

from datetime import timedelta

from flask import abort, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import format_date, gettext
from flask_babel import lazy_gettext as _l
from werkzeug.routing import BuildError

from frontcounter.catalogue import SERVICES
from frontcounter.public.tracking import uk_datetime
from frontcounter.staff import staff
from frontcounter.staff.access import requires_role, signed_in_staff
from frontcounter.staff.charts import Bar, BarChart
from services.dashboard import UNGRADED, dashboard, overdue_count, overdue_items
from services.db import db
from services.enums import Channel, Grade, OutboxTopic, TriageStatus
from services.enums.casework import StaffRole
from services.relay_backlog import DEAD, PENDING, RETRYING, relay_backlog, requeue_dead_letter
from services.types import utcnow

GRADE_NAMES = {
    Grade.EMERGENCY.value: _l("Emergency"),
    Grade.PRIORITY.value: _l("Priority"),
    Grade.SCHEDULED.value: _l("Scheduled"),
    Grade.RESOLUTION_WITHOUT_DEPLOYMENT.value: _l("Resolution without deployment"),
    UNGRADED: _l("Not graded yet"),
}
CHANNEL_NAMES = {
    Channel.WEB.value: _l("Website"),
    Channel.API.value: _l("Partner systems (API)"),
    Channel.VOICE.value: _l("Voice assistant"),
    Channel.CHAT.value: _l("Web chat"),
}
STATUS_NAMES = {
    TriageStatus.NEW.value: _l("New"),
    TriageStatus.IN_PROGRESS.value: _l("In progress"),
    TriageStatus.AWAITING_REPORTER.value: _l("Waiting for the reporter"),
    TriageStatus.CLOSED.value: _l("Closed"),
}
TOPIC_NAMES = {
    OutboxTopic.PLATFORM_SUBMISSION.value: _l("Submissions to the national platform"),
    OutboxTopic.CONFIRMATION_EMAIL.value: _l("Confirmation emails"),
    # Staff messages to reporters by email (the casework topic), named before it exists here.
    "email.message": _l("Messages to reporters by email"),
}
STATE_NAMES = {PENDING: _l("Waiting for a first try"), RETRYING: _l("Waiting to try again"), DEAD: _l("Dead")}
VOLUME_DAYS = 14
# Any id a database row can have; larger numbers are refused before a query sees them.
_LARGEST_ID = 2**31 - 1


def service_name(slug: str) -> str:
    service = SERVICES.get(slug)
    return str(service.title) if service else slug


def name_of(names: dict[str, object], key: str | None) -> str:
    return str(names.get(key or "", key or ""))


def duration_text(duration: timedelta | None) -> str:
    if duration is None:
        return gettext("No items graded")
    minutes = int(duration.total_seconds() // 60)
    return gettext("%(hours)s h %(minutes)s min", hours=minutes // 60, minutes=minutes % 60)


def item_url(item_id: int) -> str | None:
    """The item's page, once the queue's views exist."""
    try:
        return url_for("staff.item", item_id=item_id)
    except BuildError:
        return None


def _volume_description(total: int) -> str:
    return gettext(
        "%(total)s submissions in the last %(days)s days. The numbers are in the table below.", total=total, days=VOLUME_DAYS
    )


@staff.get("/dashboard", endpoint="dashboard")
@requires_role(StaffRole.SUPERVISOR)
def dashboard_page() -> ResponseReturnValue:
    now = utcnow()
    figures = dashboard(now, days=VOLUME_DAYS)
    volumes = figures.volumes
    day_labels = {day: format_date(day, "EEE d MMM") for day in volumes.days}
    charts = {
        "volumes": BarChart(
            "volumes-chart",
            gettext("Submissions a day, last %(days)s days", days=VOLUME_DAYS),
            _volume_description(volumes.total),
            [Bar(day_labels[day], volumes.total_on(day)) for day in volumes.days],
        ),
        "backlog": BarChart(
            "backlog-chart",
            gettext("Open items by grade"),
            gettext("%(total)s open items. The numbers are in the table below.", total=sum(figures.backlog.values())),
            [Bar(name_of(GRADE_NAMES, grade), count) for grade, count in figures.backlog.items()],
        ),
        "channels": BarChart(
            "channels-chart",
            gettext("Submissions by channel, last %(days)s days", days=VOLUME_DAYS),
            _volume_description(sum(figures.channels.values())),
            [Bar(name_of(CHANNEL_NAMES, channel), count) for channel, count in figures.channels.items()],
        ),
    }
    relay = relay_backlog(now, dead_shown=0)
    return render_template(
        "staff/dashboard.html",
        now=now,
        figures=figures,
        charts=charts,
        day_labels=day_labels,
        relay=relay,
        names={"grade": GRADE_NAMES, "channel": CHANNEL_NAMES, "status": STATUS_NAMES, "topic": TOPIC_NAMES, "state": STATE_NAMES},
        name_of=name_of,
        service_name=service_name,
        duration_text=duration_text,
        uk_datetime=uk_datetime,
        item_url=item_url,
        days=VOLUME_DAYS,
    )


@staff.get("/dashboard/past-target")
@requires_role(StaffRole.SUPERVISOR)
def past_target() -> ResponseReturnValue:
    now = utcnow()
    items = overdue_items(now)
    count = overdue_count(now)
    db.session.rollback()
    return render_template(
        "staff/past-target.html", items=items, count=count, names={"grade": GRADE_NAMES, "status": STATUS_NAMES},
        name_of=name_of, service_name=service_name, uk_datetime=uk_datetime, item_url=item_url,
    )


@staff.get("/relay")
@requires_role(StaffRole.SUPERVISOR)
def relay() -> ResponseReturnValue:
    backlog = relay_backlog(utcnow())
    return render_template(
        "staff/relay.html",
        relay=backlog,
        names={"topic": TOPIC_NAMES, "state": STATE_NAMES},
        name_of=name_of,
        uk_datetime=uk_datetime,
        requeued=session.pop("relay_requeued", None),
    )


@staff.post("/relay/requeue")
@requires_role(StaffRole.SUPERVISOR)
def relay_requeue() -> ResponseReturnValue:
    raw = request.form.get("message_id", "")
    if not raw.isascii() or not raw.isdigit() or len(raw) > 10 or not 1 <= int(raw) <= _LARGEST_ID:
        abort(400)
    done = requeue_dead_letter(int(raw), actor_id=signed_in_staff().id, now=utcnow())
    session["relay_requeued"] = "done" if done else "gone"
    return redirect(url_for("staff.relay"))
