"""Your account: who you are signed in as, and new recovery codes when you run low."""

from __future__ import annotations

import logging

from flask import current_app, redirect, render_template, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import login_user

from forms.staff_auth import ROLE_LABELS, ChangePasswordForm
from frontcounter.logs import security_event
from frontcounter.staff import staff
from frontcounter.staff.access import SignedInStaff, requires_role, session_policy, signed_in_staff
from frontcounter.staff.sign_in_state import throttle_policy
from services.enums.casework import StaffRole
from services.staff_credentials import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, PasswordProblem, password_problem
from services.staff_sign_in import Check, change_own_password, new_recovery_codes_for, unused_recovery_codes


@staff.get("/account")
@requires_role(StaffRole.CALL_HANDLER)
def account() -> ResponseReturnValue:
    return _account_page(ChangePasswordForm(), changed=session.pop("staff_password_changed", False))


def _account_page(form: ChangePasswordForm, status: int = 200, changed: bool = False) -> ResponseReturnValue:
    me = signed_in_staff()
    errors = form.error_list() if form.errors else []
    return (
        render_template(
            "staff/account.html",
            me=me.user,
            role_label=ROLE_LABELS[me.role],
            recovery_codes_left=unused_recovery_codes(me.id),
            form=form,
            error_list=errors,
            changed=changed,
        ),
        status,
    )


def _problem_text(problem: PasswordProblem) -> str:
    return {
        PasswordProblem.TOO_SHORT: _("Your new password must be at least %(count)d characters long", count=MIN_PASSWORD_LENGTH),
        PasswordProblem.TOO_LONG: _("Your new password must be %(count)d characters or fewer", count=MAX_PASSWORD_LENGTH),
        PasswordProblem.IS_EMAIL: _("Your new password must not be your email address"),
        PasswordProblem.TOO_SIMPLE: _("Your new password must not repeat the same few characters"),
    }[problem]


@staff.post("/account/password")
@requires_role(StaffRole.CALL_HANDLER)
def change_password() -> ResponseReturnValue:
    me = signed_in_staff()
    form = ChangePasswordForm()
    if not form.validate():
        return _account_page(form, 400)
    problem = password_problem(form.new_password.data or "", me.user.email)
    if problem is not None:
        form.new_password.errors = [_problem_text(problem)]
        return _account_page(form, 400)
    result, token = change_own_password(
        me.id, form.current_password.data or "", form.new_password.data or "", throttle_policy(), session_policy(current_app)
    )
    if token is None:
        security_event("staff_password_change_failed", user_id=me.id, reason=result.reason)
        form.current_password.errors = [
            _("There have been too many attempts to sign in. Wait a few minutes, then try again.")
            if result.check is Check.THROTTLED
            else _("Your current password is not right")
        ]
        return _account_page(form, 429 if result.check is Check.THROTTLED else 400)
    security_event("staff_password_changed", logging.INFO, user_id=me.id)
    # Every other session of this account has ended; this browser carries on in a new one.
    user = me.user
    session.clear()
    login_user(SignedInStaff(user, token))
    session["staff_password_changed"] = True
    return redirect(url_for("staff.account"))


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
