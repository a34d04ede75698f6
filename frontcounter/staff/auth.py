"""Signing in (password, then two-factor: enrolment or a code) and signing out.

Each step's POST is its own view, so a rate limit can be put on it alone. The messages
never say whether an address has an account: a wrong password and an unknown address get
the same words, and a throttled account the same "wait" whatever password was given.
"""

from __future__ import annotations

import logging

from flask import Response, current_app, make_response, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from forms.staff_auth import CodeForm, RecoveryCodeForm, SignInForm
from frontcounter.logs import security_event
from frontcounter.rate_limits import limit_staff_sign_in
from frontcounter.staff import open_endpoint, staff
from frontcounter.staff.access import requires_role, signed_in_staff
from frontcounter.staff.devices import count_device_failure, remember_device, trusted_account
from frontcounter.staff.qr import qr_code_svg, spaced_secret
from frontcounter.staff.sign_in_state import (
    CODE,
    ENROL,
    finish_sign_in,
    landing_url,
    pending,
    restart,
    safe_next,
    start_pending,
    throttle_policy,
)
from services.db import db
from services.enums.casework import StaffRole
from services.staff_credentials import provisioning_uri
from services.staff_models import StaffUser
from services.staff_sessions import end_staff_session
from services.staff_sign_in import (
    Check,
    StepResult,
    check_code,
    check_password,
    check_recovery_code,
    confirm_enrolment,
    enrolment_secret,
    unused_recovery_codes,
)

for _endpoint in ("sign_in", "sign_in_submit", "code", "code_submit", "recovery", "recovery_submit", "enrol", "enrol_submit"):
    open_endpoint(_endpoint)


def _wait_message() -> str:
    return _("There have been too many attempts to sign in. Wait a few minutes, then try again.")


def _refuse(form: CodeForm | RecoveryCodeForm | SignInForm, field: str, result: StepResult, message: str) -> int:
    """Put the right message on the form; returns the status to answer with."""
    if result.check is Check.THROTTLED:
        form[field].errors = [_wait_message()]
        return 429
    form[field].errors = [message]
    return 400


def _page(template: str, form: object, status: int = 200, **values: object) -> ResponseReturnValue:
    errors = form.error_list() if getattr(form, "errors", None) else []  # type: ignore[attr-defined]
    return render_template(template, form=form, error_list=errors, **values), status


# -- step 1: email address and password -------------------------------------------------


@staff.get("/sign-in")
def sign_in() -> ResponseReturnValue:
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")) or landing_url())
    return _sign_in_page(SignInForm(), signed_out=request.args.get("signed_out") == "1")


def _sign_in_page(form: SignInForm, status: int = 200, signed_out: bool = False) -> ResponseReturnValue:
    action = url_for("staff.sign_in_submit", next=safe_next(request.args.get("next")))
    return _page("staff/sign-in.html", form, status, action=action, signed_out=signed_out)


@staff.post("/sign-in")
@limit_staff_sign_in
def sign_in_submit() -> ResponseReturnValue:
    form = SignInForm()
    if not form.validate():
        return _sign_in_page(form, 400)
    trusted = trusted_account()
    result = check_password(form.email.data or "", form.password.data or "", throttle_policy(), trusted_user_id=trusted)
    if result.check is not Check.PASSED:
        security_event("staff_sign_in_failed", user_id=result.user_id, reason=result.reason, trusted_device=trusted is not None)
        form.password.data = ""
        status = _refuse(form, "email", result, _("The email address or password is not right"))
        response = make_response(_sign_in_page(form, status))
        return _count_on_device(response, result, trusted)
    if result.user_id is None:  # a passed check always names its account
        return _sign_in_page(form, 400)
    security_event("staff_password_accepted", logging.INFO, user_id=result.user_id, enrolled=result.enrolled)
    start_pending(result.user_id, CODE if result.enrolled else ENROL, safe_next(request.args.get("next")))
    return redirect(url_for("staff.code" if result.enrolled else "staff.enrol"))


def _count_on_device(response: Response, result: StepResult, trusted: int | None) -> Response:
    if result.check is Check.FAILED and result.user_id is not None and result.user_id == trusted:
        return count_device_failure(response, result.user_id)
    return response


def _finish(user_id: int, next_path: str | None, method: str) -> ResponseReturnValue:
    trusted = trusted_account() == user_id
    destination = finish_sign_in(user_id, next_path, trusted_device=trusted)
    if destination is None:
        return restart()
    security_event("staff_signed_in", logging.INFO, user_id=user_id, method=method, trusted_device=trusted)
    return remember_device(redirect(destination), user_id)


# -- step 2: a code from the authenticator app, or a recovery code ----------------------


@staff.get("/sign-in/code")
def code() -> ResponseReturnValue:
    if pending(CODE) is None:
        return restart()
    return _page("staff/sign-in-code.html", CodeForm())


@staff.post("/sign-in/code")
def code_submit() -> ResponseReturnValue:
    state = pending(CODE)
    if state is None:
        return restart()
    form = CodeForm()
    if not form.validate():
        return _page("staff/sign-in-code.html", form, 400)
    trusted = trusted_account()
    result = check_code(state["user"], form.code.data or "", throttle_policy(), trusted=trusted == state["user"])
    if result.check is not Check.PASSED:
        security_event("staff_two_factor_failed", user_id=state["user"], reason=result.reason)
        message = _("The code is not right, or it has been used already. Wait for the app to show a new code and try again.")
        response = make_response(_page("staff/sign-in-code.html", form, _refuse(form, "code", result, message)))
        return _count_on_device(response, result, trusted)
    return _finish(state["user"], state.get("next"), "totp")


@staff.get("/sign-in/recovery-code")
def recovery() -> ResponseReturnValue:
    if pending(CODE) is None:
        return restart()
    return _page("staff/sign-in-recovery.html", RecoveryCodeForm())


@staff.post("/sign-in/recovery-code")
def recovery_submit() -> ResponseReturnValue:
    state = pending(CODE)
    if state is None:
        return restart()
    form = RecoveryCodeForm()
    if not form.validate():
        return _page("staff/sign-in-recovery.html", form, 400)
    trusted = trusted_account()
    result = check_recovery_code(state["user"], form.code.data or "", throttle_policy(), trusted=trusted == state["user"])
    if result.check is not Check.PASSED:
        security_event("staff_two_factor_failed", user_id=state["user"], reason=result.reason)
        message = _("The recovery code is not right, or it has been used already")
        response = make_response(_page("staff/sign-in-recovery.html", form, _refuse(form, "code", result, message)))
        return _count_on_device(response, result, trusted)
    security_event("staff_recovery_code_used", user_id=state["user"], remaining=unused_recovery_codes(state["user"]))
    return _finish(state["user"], state.get("next"), "recovery_code")


# -- first sign-in: setting up two-factor authentication --------------------------------


def _enrol_page(user_id: int, form: CodeForm, status: int = 200) -> ResponseReturnValue:
    secret = enrolment_secret(user_id)
    user = db.session.get(StaffUser, user_id)
    if secret is None or user is None:
        return restart()
    uri = provisioning_uri(secret, user.email, _issuer())
    label = _("QR code to scan with your authenticator app")
    return _page("staff/enrol.html", form, status, qr_code=qr_code_svg(uri, label), secret=spaced_secret(secret))


def _issuer() -> str:
    return str(current_app.config["FORCE_NAME"])


@staff.get("/sign-in/set-up")
def enrol() -> ResponseReturnValue:
    state = pending(ENROL)
    if state is None:
        return restart()
    return _enrol_page(state["user"], CodeForm())


@staff.post("/sign-in/set-up")
def enrol_submit() -> ResponseReturnValue:
    state = pending(ENROL)
    if state is None:
        return restart()
    form = CodeForm()
    if not form.validate():
        return _enrol_page(state["user"], form, 400)
    result, codes = confirm_enrolment(state["user"], form.code.data or "", throttle_policy())
    if result.check is not Check.PASSED:
        security_event("staff_two_factor_failed", user_id=state["user"], reason=result.reason, step="enrolment")
        status = _refuse(form, "code", result, _("The code is not right. Check the app shows this account, then try the new code."))
        return _enrol_page(state["user"], form, status)
    security_event("staff_two_factor_enrolled", logging.INFO, user_id=state["user"])
    destination = finish_sign_in(state["user"], state.get("next"))
    if destination is None:
        return restart()
    security_event("staff_signed_in", logging.INFO, user_id=state["user"], method="enrolment")
    # Shown in this answer only: never stored anywhere a later request could read them.
    page = render_template("staff/recovery-codes.html", codes=codes, continue_url=destination, first_time=True)
    return remember_device(make_response(page), state["user"])


# -- signing out -------------------------------------------------------------------------


@staff.post("/sign-out")
@requires_role(StaffRole.CALL_HANDLER)
def sign_out() -> ResponseReturnValue:
    me = signed_in_staff()
    end_staff_session(me.token)
    db.session.commit()
    security_event("staff_signed_out", logging.INFO, user_id=me.id)
    logout_user()
    session.clear()
    return redirect(url_for("staff.sign_in", signed_out="1"))

