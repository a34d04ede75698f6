"""What the casework views share: who is acting, the targets in force, the labels of the
things an item can be, and how a refused use case is answered (a clear 4xx page)."""

from __future__ import annotations

from typing import Any

from flask import abort, render_template
from flask_babel import get_locale
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from forms.staff_casework import (
    ACTION_LABELS,
    AREA_LABELS,
    DELIVERY_LABELS,
    FLAG_LABELS,
    GRADE_LABELS,
    OUTCOME_LABELS,
    PLATFORM_STATUS_LABELS,
    RATING_LABELS,
    REPORTER_LABELS,
    STATUS_LABELS,
    TOPIC_LABELS,
    UNGRADED_LABEL,
)
from frontcounter.catalogue import SERVICES
from frontcounter.staff.access import signed_in_staff
from frontcounter.triage_rules import current_rules
from services.casework_common import (
    Actor,
    AlreadyOwned,
    CaseworkError,
    ItemClosed,
    ItemNotFound,
    NotAllowed,
    NotOwner,
)
from services.enums.casework import StaffRole


def current_actor() -> Actor:
    me = signed_in_staff()
    return Actor(me.id, supervisor=me.has_role(StaffRole.SUPERVISOR))



def language() -> str:
    return str(get_locale() or "en")


def service_title(slug: str) -> str:
    service = SERVICES.get(slug)
    return str(service.title) if service is not None else slug


def unit_choices() -> list[tuple[str, str]]:
    rules = current_rules()
    return [(code, rules.unit_label(code, language())) for code in rules.units]


def unit_label(code: str | None) -> str:
    return current_rules().unit_label(code, language()) if code else ""


def rule_words(rule_id: str | None, english: str) -> str:
    """Why a rule fired, in the reader's language: items keep the English with the rule's id,
    and the rules file has the Welsh."""
    if language() == "cy" and rule_id:
        words = current_rules().rule_reason(rule_id)
        if words is not None:
            return words.in_language("cy")
    return english


def any_flag_label(flag: str) -> str:
    """The platform's flags have translated labels here; the force's own come from its rules file."""
    label = FLAG_LABELS.get(flag)
    return str(label) if label is not None else current_rules().flag_label(flag, language())


def plain_text(value: Any) -> str:
    """A reporter's detail as one line: an address's lines, town and postcode joined, say."""
    if isinstance(value, dict):
        return ", ".join(part for part in (plain_text(v) for v in value.values()) if part)
    if isinstance(value, (list, tuple)):
        return ", ".join(part for part in (plain_text(v) for v in value) if part)
    return "" if value is None else str(value)


def labels() -> dict[str, Any]:
    """Everything a casework template needs to name grades, statuses, outcomes and the rest."""
    return {
        "grade_labels": GRADE_LABELS,
        "ungraded_label": UNGRADED_LABEL,
        "status_labels": STATUS_LABELS,
        "area_labels": AREA_LABELS,
        "rating_labels": RATING_LABELS,
        "outcome_labels": OUTCOME_LABELS,
        "action_labels": ACTION_LABELS,
        "reporter_labels": REPORTER_LABELS,
        "flag_labels": FLAG_LABELS,
        "platform_status_labels": PLATFORM_STATUS_LABELS,
        "topic_labels": TOPIC_LABELS,
        "delivery_labels": DELIVERY_LABELS,
        "service_title": service_title,
        "unit_label": unit_label,
        "rule_words": rule_words,
        "any_flag_label": any_flag_label,
        "plain_text": plain_text,
    }


def refused(error: CaseworkError, item_id: int | None = None) -> tuple[str, int] | Response:
    """The answer to a use case that said no: 404 for what does not exist, 403 for what the
    role does not allow, 409 for what the item's state does not allow, each with a clear page."""
    if isinstance(error, ItemNotFound):
        abort(404)
    if isinstance(error, NotAllowed):
        abort(403)
    if isinstance(error, AlreadyOwned):
        if error.mine:
            title, message = _("You already own this item"), _("You can work on it now.")
        else:
            title = _("Someone else owns this item")
            message = _("%(name)s claimed it first. Ask them or a supervisor if you need to work on it.", name=error.owner_name)
    elif isinstance(error, ItemClosed):
        title, message = _("This item is closed"), _("Nothing more can be done to a closed item.")
    elif isinstance(error, NotOwner):
        title, message = _("Claim this item first"), _("Only the item's owner or a supervisor can do this.")
    else:
        abort(400)
    return render_template("staff/refused.html", title=title, message=message, item_id=item_id, **labels()), 409
