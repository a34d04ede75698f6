"""Your account: who you are signed in as, and new recovery codes when you run low."""

from __future__ import annotations

import logging

from flask import render_template, url_for
from flask.typing import ResponseReturnValue

from forms.staff_auth import ROLE_LABELS
from frontcounter.logs import security_event
from frontcounter.staff import staff
from frontcounter.staff.access import requires_role, signed_in_staff
from services.enums.casework import StaffRole
from services.staff_sign_in import new_recovery_codes_for, unused_recovery_codes


@staff.get("/account")
@requires_role(StaffRole.CALL_HANDLER)
def account() -> ResponseReturnValue:
    me = signed_in_staff()
    return render_template(
        "staff/account.html", me=me.user, role_label=ROLE_LABELS[me.role], recovery_codes_left=unused_recovery_codes(me.id)
    )


@staff.post("/account/recovery-codes")
@requires_role(StaffRole.CALL_HANDLER)
def new_recovery_codes() -> ResponseReturnValue:
    me = signed_in_staff()
    codes = new_recovery_codes_for(me.id)
    security_event("staff_recovery_codes_replaced", logging.INFO, user_id=me.id)
    return recovery_codes_page(codes)


def recovery_codes_page(codes: list[str]) -> ResponseReturnValue:
    """The one time a new set of recovery codes is shown: in this answer, stored nowhere."""
    return render_template("staff/recovery-codes.html", codes=codes, continue_url=url_for("staff.account"), first_time=False)
