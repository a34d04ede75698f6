"""The triage queue page: open items, most urgent first, with filters, counts and pages."""

from __future__ import annotations

from flask import abort, render_template, request
from flask.typing import ResponseReturnValue

from forms.staff_casework import (
    GRADE_LABELS,
    ONLY_ESCALATED,
    ONLY_FLAGGED,
    ONLY_MINE,
    STATUS_LABELS,
    UNGRADED_LABEL,
    QueueFilterForm,
)
from frontcounter.catalogue import SERVICES
from frontcounter.staff import staff
from frontcounter.staff.access import requires_role, signed_in_staff
from frontcounter.staff.casework_web import labels, unit_choices
from frontcounter.triage_rules import current_rules
from services.enums.casework import StaffRole
from services.queue import UNGRADED, PageOutOfRange, QueueFilters, list_queue, queue_categories
from services.types import utcnow


def _page_number() -> int:
    raw = request.args.get("page", "1")
    # isascii: "²" and "١" are digits to isdigit() but not to int() or to people.
    if not raw.isascii() or not raw.isdigit() or len(raw) > 6:
        abort(400)
    return int(raw)


def _render_queue(*, escalated_only: bool, endpoint: str) -> ResponseReturnValue:
    form = QueueFilterForm(request.args)
    form.set_choices(
        service=[(slug, str(service.title)) for slug, service in SERVICES.items()],
        category=[(category, category) for category in queue_categories()],
        grade=[*GRADE_LABELS.items(), (UNGRADED, UNGRADED_LABEL)],
        status=list(STATUS_LABELS.items()),
        unit=unit_choices(),
    )
    valid = form.validate()
    if not valid:
        # A hand-made address with a value the filters do not offer: say which, with a 400.
        return render_template(
            "staff/queue.html", form=form, listing=None, error_list=form.error_list(), endpoint=endpoint,
            escalated_only=escalated_only, **labels(),
        ), 400
    only = set(form.only.data or [])
    filters = QueueFilters(
        service=form.service.data or None,
        category=form.category.data or None,
        grade=form.grade.data or None,
        status=form.status.data or None,
        unit=form.unit.data or None,
        flagged=ONLY_FLAGGED in only,
        mine=ONLY_MINE in only,
        escalated=escalated_only or ONLY_ESCALATED in only,
    )
    try:
        listing = list_queue(filters, me=signed_in_staff().id, page=_page_number(), now=utcnow(), rules=current_rules())
    except PageOutOfRange:
        abort(404)
    arguments = request.args.to_dict(flat=False)
    arguments.pop("page", None)
    return render_template(
        "staff/queue.html", form=form, listing=listing, filters=filters, endpoint=endpoint, arguments=arguments,
        escalated_only=escalated_only, supervisor=signed_in_staff().has_role(StaffRole.SUPERVISOR), **labels(),
    )


@staff.get("/")
@requires_role(StaffRole.CALL_HANDLER)
def queue() -> ResponseReturnValue:
    return _render_queue(escalated_only=False, endpoint="staff.queue")


@staff.get("/escalated")
@requires_role(StaffRole.SUPERVISOR)
def escalated() -> ResponseReturnValue:
    """Items past their target, for supervisors: the queue with only escalated items."""
    return _render_queue(escalated_only=True, endpoint="staff.escalated")
