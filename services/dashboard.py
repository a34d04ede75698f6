"""The supervisor dashboard's figures: volumes, backlog, targets, time to triage, channels.

Everything is counted in Python from narrow queries (a few columns over a bounded
window), so the same code gives the same answers on SQLite and PostgreSQL.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from services.db import db
from services.enums import Channel, Grade, TriageStatus
from services.models import Submission, TriageItem

UK_TIME = ZoneInfo("Europe/London")
UNGRADED = "ungraded"


@dataclass(frozen=True)
class DailyVolumes:
    days: list[date]
    services: list[str]
    # counts[(day, service)]; days without submissions are present with nothing counted.
    counts: dict[tuple[date, str], int]

    def total_on(self, day: date) -> int:
        return sum(count for (counted_day, _), count in self.counts.items() if counted_day == day)

    def total_for(self, service: str) -> int:
        return sum(count for (_, counted_service), count in self.counts.items() if counted_service == service)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class OverdueItem:
    item_id: int
    reference: str
    service: str
    grade: str | None
    status: str
    target_at: datetime


@dataclass(frozen=True)
class TriageTimes:
    days: int
    graded: int
    median: timedelta | None


@dataclass(frozen=True)
class Dashboard:
    volumes: DailyVolumes
    backlog: dict[str, int]  # grade (or UNGRADED) -> open items, every grade present
    overdue_count: int
    overdue: list[OverdueItem]
    triage_times: list[TriageTimes]
    channels: dict[str, int]  # over the volume window, every known channel present


def uk_day(moment: datetime) -> date:
    return moment.astimezone(UK_TIME).date()


def _window_start(today: date, days: int) -> datetime:
    """The first moment of the first day of the window, in UK time."""
    first = today - timedelta(days=days - 1)
    return datetime(first.year, first.month, first.day, tzinfo=UK_TIME)


def daily_volumes(now: datetime, days: int = 14) -> DailyVolumes:
    today = uk_day(now)
    window = [today - timedelta(days=offset) for offset in range(days - 1, -1, -1)]
    rows = db.session.execute(
        select(Submission.submitted_at, Submission.service).where(Submission.submitted_at >= _window_start(today, days))
    ).all()
    counts: Counter[tuple[date, str]] = Counter()
    for submitted_at, service in rows:
        day = uk_day(submitted_at)
        if day <= today:
            counts[(day, service)] += 1
    services = sorted({service for _, service in counts})
    return DailyVolumes(window, services, dict(counts))


def channel_mix(now: datetime, days: int = 14) -> dict[str, int]:
    rows = db.session.execute(
        select(Submission.channel, func.count())
        .where(Submission.submitted_at >= _window_start(uk_day(now), days))
        .group_by(Submission.channel)
    ).all()
    mix = {channel.value: 0 for channel in Channel}
    for channel, count in rows:
        mix[channel] = mix.get(channel, 0) + int(count)
    return mix


def open_backlog() -> dict[str, int]:
    rows = db.session.execute(
        select(TriageItem.grade, func.count()).where(TriageItem.status != TriageStatus.CLOSED.value).group_by(TriageItem.grade)
    ).all()
    backlog = {grade.value: 0 for grade in Grade}
    backlog[UNGRADED] = 0
    for grade, count in rows:
        key = grade or UNGRADED
        backlog[key] = backlog.get(key, 0) + int(count)
    return backlog


def _overdue_query(now: datetime):  # type: ignore[no-untyped-def]
    return (
        select(TriageItem.id, Submission.reference, Submission.service, TriageItem.grade, TriageItem.status, TriageItem.target_at)
        .join(Submission, Submission.id == TriageItem.submission_id)
        .where(TriageItem.status != TriageStatus.CLOSED.value, TriageItem.target_at < now)
    )


def overdue_count(now: datetime) -> int:
    return int(db.session.scalar(select(func.count()).select_from(_overdue_query(now).subquery())) or 0)


def overdue_items(now: datetime, limit: int = 200) -> list[OverdueItem]:
    """Open items past their target, the most overdue first."""
    rows = db.session.execute(_overdue_query(now).order_by(TriageItem.target_at, TriageItem.id).limit(limit)).all()
    return [OverdueItem(*row) for row in rows]


def triage_times(now: datetime, days: int) -> TriageTimes:
    """The median time from an item arriving to its first grade, over items first graded in the last `days` days."""
    rows = db.session.execute(
        select(TriageItem.created_at, TriageItem.first_graded_at).where(
            TriageItem.first_graded_at.is_not(None), TriageItem.first_graded_at >= now - timedelta(days=days)
        )
    ).all()
    durations = sorted(graded - created for created, graded in rows if graded >= created)
    median = statistics.median(durations) if durations else None
    return TriageTimes(days, len(durations), median)


def dashboard(now: datetime, *, days: int = 14, overdue_shown: int = 10) -> Dashboard:
    try:
        return Dashboard(
            volumes=daily_volumes(now, days),
            backlog=open_backlog(),
            overdue_count=overdue_count(now),
            overdue=overdue_items(now, overdue_shown),
            triage_times=[triage_times(now, 7), triage_times(now, 30)],
            channels=channel_mix(now, days),
        )
    finally:
        db.session.rollback()
