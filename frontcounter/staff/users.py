"""Admin pages: "Staff accounts" (list, create, change role, disable and enable, reset two-factor).

A new account gets a temporary password shown once to the admin, who passes it on; the
person sets up two-factor authentication the first time they sign in. Disabling an account
or resetting its two-factor ends every session it has at once.
"""

from __future__ import annotations

import logging
from datetime import datetime

from flask import abort, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import format_datetime
from flask_babel import gettext as _

from forms.staff_auth import ROLE_LABELS, NewStaffForm, RoleForm
from frontcounter.logs import security_event
from frontcounter.staff import staff
from frontcounter.staff.access import requires_role, signed_in_staff
from services.db import db
from services.enums.casework import StaffRole
from services.staff_accounts import (
    StaffAccountError,
    change_role,
    create_staff_account,
    disable_staff,
    enable_staff,
    list_staff,
    reset_two_factor,
)
from services.staff_credentials import temporary_password
from services.staff_models import StaffUser


@staff.app_template_filter("staff_time")
def staff_time(value: datetime) -> str:
    return format_datetime(value, "d MMM yyyy, HH:mm")


def _done_message(key: str | None) -> str | None:
    # Worded here (not in the URL), so the banner can only say what this page allows.
    messages = {
        "role": _("The role has been changed"),
        "disabled": _("The account has been disabled and its sessions ended"),
        "enabled": _("The account has been enabled"),
        "reset": _("Two-factor authentication has been reset and the account's sessions ended"),
    }
    return messages.get(key or "")


@staff.get("/users")
@requires_role(StaffRole.ADMIN)
def users() -> ResponseReturnValue:
    return render_template("staff/users.html", accounts=list_staff(), role_labels=ROLE_LABELS)


def _new_user_page(form: NewStaffForm, status: int = 200) -> ResponseReturnValue:
    errors = form.error_list() if form.errors else []
    return render_template("staff/user-new.html", form=form, error_list=errors), status


@staff.get("/users/new")
@requires_role(StaffRole.ADMIN)
def new_user() -> ResponseReturnValue:
    return _new_user_page(NewStaffForm())


@staff.post("/users/new")
@requires_role(StaffRole.ADMIN)
def new_user_submit() -> ResponseReturnValue:
    form = NewStaffForm()
    if not form.validate():
        return _new_user_page(form, 400)
    password = temporary_password()
    try:
        created = create_staff_account(
            form.email.data or "",
            form.display_name.data or "",
            StaffRole(form.role.data),
            password,
            actor_id=signed_in_staff().id,
        )
    except StaffAccountError as problem:
        db.session.rollback()
        form.email.errors = [
            _("There is already an account with this email address")
            if problem.reason == "email_taken"
            else _("Enter an email address in the correct format, like name@example.police.uk")
        ]
        return _new_user_page(form, 400)
    security_event("staff_account_created", logging.INFO, user_id=created.user_id, by=signed_in_staff().id)
    user = db.session.get(StaffUser, created.user_id)
    return render_template("staff/user-created.html", account=user, password=password)


def _account_or_404(user_id: int) -> StaffUser:
    user = db.session.get(StaffUser, user_id)
    if user is None:
        abort(404)
    return user


@staff.get("/users/<int(max=2147483647):user_id>")
@requires_role(StaffRole.ADMIN)
def user(user_id: int) -> ResponseReturnValue:
    account = _account_or_404(user_id)
    form = RoleForm(data={"role": account.role})
    return _user_page(account, form)


def _user_page(account: StaffUser, form: RoleForm, status: int = 200) -> ResponseReturnValue:
    errors = form.error_list() if form.errors else []
    return (
        render_template(
            "staff/user.html",
            account=account,
            form=form,
            error_list=errors,
            role_labels=ROLE_LABELS,
            is_me=account.id == signed_in_staff().id,
            done=_done_message(request.args.get("done")),
        ),
        status,
    )


def _apply(user_id: int, done: str, change: object) -> ResponseReturnValue:
    account = _account_or_404(user_id)
    try:
        change()  # type: ignore[operator]
    except StaffAccountError:
        db.session.rollback()
        # Only "own account" is left once the account exists: admins change theirs through another admin.
        abort(403)
    return redirect(url_for("staff.user", user_id=account.id, done=done))


@staff.post("/users/<int(max=2147483647):user_id>/role")
@requires_role(StaffRole.ADMIN)
def change_user_role(user_id: int) -> ResponseReturnValue:
    account = _account_or_404(user_id)
    form = RoleForm()
    if not form.validate():
        return _user_page(account, form, 400)
    actor = signed_in_staff().id
    return _apply(user_id, "role", lambda: change_role(user_id, StaffRole(form.role.data), actor_id=actor))


@staff.post("/users/<int(max=2147483647):user_id>/disable")
@requires_role(StaffRole.ADMIN)
def disable_user(user_id: int) -> ResponseReturnValue:
    actor = signed_in_staff().id
    response = _apply(user_id, "disabled", lambda: disable_staff(user_id, actor_id=actor))
    security_event("staff_account_disabled", user_id=user_id, by=actor)
    return response


@staff.post("/users/<int(max=2147483647):user_id>/enable")
@requires_role(StaffRole.ADMIN)
def enable_user(user_id: int) -> ResponseReturnValue:
    actor = signed_in_staff().id
    response = _apply(user_id, "enabled", lambda: enable_staff(user_id, actor_id=actor))
    security_event("staff_account_enabled", logging.INFO, user_id=user_id, by=actor)
    return response


@staff.post("/users/<int(max=2147483647):user_id>/reset-two-factor")
@requires_role(StaffRole.ADMIN)
def reset_user_two_factor(user_id: int) -> ResponseReturnValue:
    actor = signed_in_staff().id
    response = _apply(user_id, "reset", lambda: reset_two_factor(user_id, actor_id=actor))
    security_event("staff_two_factor_reset", user_id=user_id, by=actor)
    return response
