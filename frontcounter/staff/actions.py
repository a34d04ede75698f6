"""Actions on an item: claim, release, assign, grade, allocate, note, message, ask for more, close.

Each form has its own page: GET shows it, POST does it (CSRF-checked), and success goes
back to the item with a notification banner (POST-redirect-GET). A refused use case gets
a clear 4xx page; a value the service will not take is shown against its field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from forms.base import QuestionPage
from forms.staff_casework import (
    AllocatePage,
    AskForMorePage,
    AssignPage,
    ClosePage,
    GradePage,
    MessagePage,
    NotePage,
)
from frontcounter.staff import staff
from frontcounter.staff.access import requires_role
from frontcounter.staff.casework_web import current_actor, labels, refused, unit_choices
from frontcounter.triage_rules import current_rules
from services.casework import Rating, add_note, allocate_item, close_item, grade_item
from services.casework_common import CaseworkError, InvalidChoice, ItemClosed, NotOwner, load_item
from services.db import db
from services.enums import TriageStatus
from services.enums.casework import Outcome, StaffRole, ThriveArea
from services.ownership import assign_item, assignable_staff, claim_item, release_item
from services.reporter_messages import ask_for_more, send_message

# What a service's refusal of a value says, by field and problem.
_PROBLEMS: dict[tuple[str, str], Callable[[], str]] = {
    ("crime_number", "format"): lambda: _("Enter a crime number in the force's format, like 20/123456/25"),
    ("duplicate_of", "unknown"): lambda: _("There is no report with that reference"),
    ("duplicate_of", "itself"): lambda: _("Enter the reference of another report, not this one"),
    ("assignee", "unknown"): lambda: _("Select someone whose account is enabled"),
}


def _done(item_id: int, message: str) -> ResponseReturnValue:
    flash(message, "success")
    return redirect(url_for("staff.item", item_id=item_id))


@staff.post("/items/<int:item_id>/claim")
@requires_role(StaffRole.CALL_HANDLER)
def claim(item_id: int) -> ResponseReturnValue:
    try:
        claim_item(item_id, current_actor())
    except CaseworkError as error:
        return refused(error, item_id)
    return _done(item_id, _("You own this item now"))


@staff.post("/items/<int:item_id>/release")
@requires_role(StaffRole.CALL_HANDLER)
def release(item_id: int) -> ResponseReturnValue:
    try:
        release_item(item_id, current_actor())
    except CaseworkError as error:
        return refused(error, item_id)
    return _done(item_id, _("The item is back on the queue for anyone to claim"))


def _action_page(
    item_id: int,
    form_class: type[QuestionPage],
    perform: Callable[[Any], str],
    *,
    owner_only: bool = True,
    prepare: Callable[[Any], None] | None = None,
    prefill: Callable[[Any], dict[str, Any]] | None = None,
) -> ResponseReturnValue:
    try:
        item = load_item(item_id)
        if item.status == TriageStatus.CLOSED.value:
            raise ItemClosed()
        actor = current_actor()
        if owner_only and item.owner_id != actor.id and not actor.supervisor:
            raise NotOwner()
    except CaseworkError as error:
        return refused(error, item_id)
    reference = item.submission.reference
    data = prefill(item) if prefill and request.method == "GET" else None
    form = form_class(data=data) if data else form_class()
    if prepare:
        prepare(form)
    db.session.rollback()  # the look above was only a check; the use case takes its own lock
    status = 200
    if request.method == "POST":
        if form.validate():
            try:
                return _done(item_id, perform(form))
            except InvalidChoice as error:
                problem = _PROBLEMS.get((error.field, error.problem))
                field = form[error.field] if error.field in form else None
                if field is None:
                    raise
                field.errors = [problem() if problem else _("Check this answer")]
            except CaseworkError as error:
                return refused(error, item_id)
        status = 400
    return render_template(
        form.template if form.template != QuestionPage.template else "staff/action.html",
        form=form, item_id=item_id, reference=reference, error_list=form.error_list() if form.errors else [],
        back_url=url_for("staff.item", item_id=item_id), **labels(),
    ), status


@staff.route("/items/<int:item_id>/assign", methods=["GET", "POST"])
@requires_role(StaffRole.SUPERVISOR)
def assign(item_id: int) -> ResponseReturnValue:
    def prepare(form: AssignPage) -> None:
        form.assignee.choices = [(str(user_id), name) for user_id, name in assignable_staff()]

    def perform(form: AssignPage) -> str:
        chosen = str(form.assignee.data or "")
        assign_item(item_id, current_actor(), int(chosen) if chosen.isdigit() and len(chosen) < 10 else 0)
        return _("The item is assigned")

    return _action_page(item_id, AssignPage, perform, owner_only=False, prepare=prepare)


@staff.route("/items/<int:item_id>/grade", methods=["GET", "POST"])
@requires_role(StaffRole.CALL_HANDLER)
def grade(item_id: int) -> ResponseReturnValue:
    def perform(form: GradePage) -> str:
        ratings = {
            area.value: Rating(form[f"{area.value}_rating"].data or "", form[f"{area.value}_words"].data or "")
            for area in ThriveArea
        }
        assessment = grade_item(
            item_id, current_actor(), ratings=ratings, grade=form.grade.data or "", rationale=form.rationale.data or "",
            rules=current_rules(),
        )
        return _("The item is regraded") if assessment.is_regrade else _("The item is graded")

    return _action_page(item_id, GradePage, perform)


@staff.route("/items/<int:item_id>/allocate", methods=["GET", "POST"])
@requires_role(StaffRole.CALL_HANDLER)
def allocate(item_id: int) -> ResponseReturnValue:
    def prepare(form: AllocatePage) -> None:
        form.unit.choices = unit_choices()

    def prefill(item: Any) -> dict[str, Any]:
        return {"unit": item.unit or item.suggested_unit}

    def perform(form: AllocatePage) -> str:
        allocate_item(item_id, current_actor(), str(form.unit.data or ""), current_rules())
        return _("The item is allocated")

    return _action_page(item_id, AllocatePage, perform, prepare=prepare, prefill=prefill)


@staff.route("/items/<int:item_id>/note", methods=["GET", "POST"])
@requires_role(StaffRole.CALL_HANDLER)
def note(item_id: int) -> ResponseReturnValue:
    def perform(form: NotePage) -> str:
        add_note(item_id, current_actor(), form.text.data or "")
        return _("Your note is added")

    return _action_page(item_id, NotePage, perform, owner_only=False)


def _sent(emailed: bool) -> str:
    if emailed:
        return _("Your message is sent. The reporter will see it online and by email.")
    return _("Your message is sent. The reporter will see it when they check their report online; it was not emailed.")


@staff.route("/items/<int:item_id>/message", methods=["GET", "POST"])
@requires_role(StaffRole.CALL_HANDLER)
def message(item_id: int) -> ResponseReturnValue:
    def perform(form: MessagePage) -> str:
        return _sent(send_message(item_id, current_actor(), form.body.data or "").emailed)

    return _action_page(item_id, MessagePage, perform)


@staff.route("/items/<int:item_id>/ask-for-more", methods=["GET", "POST"])
@requires_role(StaffRole.CALL_HANDLER)
def ask(item_id: int) -> ResponseReturnValue:
    def prefill(item: Any) -> dict[str, Any]:
        issues = [str(issue.get("reason", "")) for issue in item.completeness_issues or [] if isinstance(issue, dict)]
        if not issues:
            return {}
        lines = [_("To help us deal with your report, please tell us:"), *(f"- {reason}" for reason in issues if reason)]
        return {"body": "\n".join(lines)}

    def perform(form: AskForMorePage) -> str:
        return _sent(ask_for_more(item_id, current_actor(), form.body.data or "").emailed)

    return _action_page(item_id, AskForMorePage, perform, prefill=prefill)


@staff.route("/items/<int:item_id>/close", methods=["GET", "POST"])
@requires_role(StaffRole.CALL_HANDLER)
def close(item_id: int) -> ResponseReturnValue:
    def perform(form: ClosePage) -> str:
        outcome = str(form.outcome.data or "")
        detail = {
            Outcome.CRIME_RECORDED.value: form.crime_number.data,
            Outcome.REFERRED_TO_PARTNER.value: form.partner.data,
            Outcome.DUPLICATE.value: form.duplicate_of.data,
        }.get(outcome) or ""
        close_item(item_id, current_actor(), outcome, detail)
        return _("The item is closed")

    return _action_page(item_id, ClosePage, perform)
