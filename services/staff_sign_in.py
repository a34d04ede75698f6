"""Signing in to the staff workspace, step by step: password, then a TOTP or recovery code.

Each function here is a use case that owns its transaction (it commits).

Throttling slows guessing without ever locking a real person out: after a few failures
(wrong password or wrong code) an account must wait a short delay before the next try,
doubling with each further failure up to a cap, and reset by a full sign-in. While the
wait lasts every try is refused with the same answer, right password or not, and a
refused try does not lengthen the wait.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import delete, func, select, update

from services.db import db
from services.staff_credentials import (
    hash_password,
    hash_recovery_code,
    matching_totp_step,
    needs_rehash,
    new_recovery_codes,
    new_totp_secret,
    spend_password_work,
    verify_password,
)
from services.staff_models import RecoveryCode, StaffUser
from services.staff_sessions import SessionPolicy, end_all_staff_sessions, start_staff_session
from services.types import utcnow


@dataclass(frozen=True)
class ThrottlePolicy:
    free_attempts: int = 5
    first_delay: timedelta = timedelta(seconds=30)
    max_delay: timedelta = timedelta(minutes=5)

    def delay_after(self, failures: int) -> timedelta | None:
        if failures < self.free_attempts:
            return None
        doubled = self.first_delay * (2 ** min(failures - self.free_attempts, 16))
        return min(doubled, self.max_delay)


class Check(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    THROTTLED = "throttled"


@dataclass(frozen=True)
class StepResult:
    check: Check
    user_id: int | None = None
    # Why it failed, for the security log only (never shown: people see one message).
    reason: str = ""
    retry_after: timedelta | None = None
    enrolled: bool = False


def _find_by_email(email: str) -> StaffUser | None:
    return db.session.scalars(select(StaffUser).where(StaffUser.email == email.strip().lower())).first()


def _throttled(user: StaffUser, now: datetime) -> timedelta | None:
    if user.throttled_until is not None and user.throttled_until > now:
        return user.throttled_until - now
    return None


def _count_failure(user: StaffUser, policy: ThrottlePolicy, now: datetime) -> timedelta | None:
    user.failed_sign_ins = (user.failed_sign_ins or 0) + 1
    delay = policy.delay_after(user.failed_sign_ins)
    user.throttled_until = now + delay if delay else None
    return delay


def _waiting(user: StaffUser, now: datetime, trusted: bool) -> StepResult | None:
    """The "wait" answer while the account is throttled, except on a trusted device."""
    wait = None if trusted else _throttled(user, now)
    if wait is None:
        return None
    return StepResult(Check.THROTTLED, user.id, reason="throttled", retry_after=wait)


def _failed(user: StaffUser, policy: ThrottlePolicy, now: datetime, trusted: bool, reason: str) -> StepResult:
    """A wrong password or code. On a trusted device it is counted there (by the caller),
    not on the account, so that nobody else's guessing can slow its owner down."""
    delay = None
    if not trusted:
        delay = _count_failure(user, policy, now)
        db.session.commit()
    return StepResult(Check.FAILED, user.id, reason=reason, retry_after=delay)


def check_password(
    email: str, password: str, policy: ThrottlePolicy, now: datetime | None = None, trusted_user_id: int | None = None
) -> StepResult:
    """The first step. Always does a password hash's worth of work, account or not.

    `trusted_user_id`: the account this browser has signed in to before (its device
    cookie), which the account's throttling does not hold up.
    """
    now = now or utcnow()
    user = _find_by_email(email)
    if user is None:
        spend_password_work(password)
        return StepResult(Check.FAILED, reason="unknown_account")
    right = verify_password(user.password_hash, password)
    trusted = trusted_user_id == user.id
    waiting = _waiting(user, now, trusted)
    if waiting is not None:
        return waiting
    if not user.is_enabled:
        return StepResult(Check.FAILED, user.id, reason="disabled")
    if not right:
        return _failed(user, policy, now, trusted, "wrong_password")
    if needs_rehash(user.password_hash):
        # Hashing settings were raised since this password was set: bring its hash up to date.
        user.password_hash = hash_password(password)
        db.session.commit()
    return StepResult(Check.PASSED, user.id, enrolled=user.totp_enrolled_at is not None)


def _usable(user_id: int) -> StaffUser | None:
    user = db.session.get(StaffUser, user_id)
    return user if user is not None and user.is_enabled else None


def check_code(
    user_id: int, code: str, policy: ThrottlePolicy, now: datetime | None = None, trusted: bool = False
) -> StepResult:
    """The second step for an enrolled account: a code from the authenticator, used once."""
    now = now or utcnow()
    user = _usable(user_id)
    if user is None or user.totp_secret is None or user.totp_enrolled_at is None:
        return StepResult(Check.FAILED, user_id, reason="not_enrolled_or_disabled")
    waiting = _waiting(user, now, trusted)
    if waiting is not None:
        return waiting
    step = matching_totp_step(user.totp_secret, code, now, user.last_totp_step)
    if step is None:
        return _failed(user, policy, now, trusted, "wrong_code")
    # Only one request can move last_totp_step past this step, so a code works once even
    # when sent twice at the same moment.
    moved = db.session.execute(
        update(StaffUser)
        .where(StaffUser.id == user_id, (StaffUser.last_totp_step.is_(None)) | (StaffUser.last_totp_step < step))
        .values(last_totp_step=step)
    )
    db.session.commit()
    if not moved.rowcount:
        return StepResult(Check.FAILED, user_id, reason="code_reused")
    return StepResult(Check.PASSED, user_id, enrolled=True)


def check_recovery_code(
    user_id: int, code: str, policy: ThrottlePolicy, now: datetime | None = None, trusted: bool = False
) -> StepResult:
    """Instead of the authenticator: a recovery code, which works once."""
    now = now or utcnow()
    user = _usable(user_id)
    if user is None or user.totp_enrolled_at is None:
        return StepResult(Check.FAILED, user_id, reason="not_enrolled_or_disabled")
    waiting = _waiting(user, now, trusted)
    if waiting is not None:
        return waiting
    used = db.session.execute(
        update(RecoveryCode)
        .where(
            RecoveryCode.user_id == user_id,
            RecoveryCode.code_hash == hash_recovery_code(code),
            RecoveryCode.used_at.is_(None),
        )
        .values(used_at=now)
    )
    if not used.rowcount:
        db.session.rollback()
        return _failed(user, policy, now, trusted, "wrong_recovery_code")
    db.session.commit()
    return StepResult(Check.PASSED, user_id, enrolled=True)


def unused_recovery_codes(user_id: int) -> int:
    return int(
        db.session.scalar(
            select(func.count(RecoveryCode.id)).where(RecoveryCode.user_id == user_id, RecoveryCode.used_at.is_(None))
        )
        or 0
    )


def enrolment_secret(user_id: int) -> str | None:
    """The secret to enrol with: the same one until enrolment is confirmed (so reloading
    the page keeps the QR code), kept on the server, never in the cookie."""
    user = _usable(user_id)
    if user is None or user.totp_enrolled_at is not None:
        return None
    if user.totp_secret is None:
        user.totp_secret = new_totp_secret()
        db.session.commit()
    return user.totp_secret


def _replace_recovery_codes(user: StaffUser, now: datetime) -> list[str]:
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = new_recovery_codes()
    db.session.add_all(RecoveryCode(user_id=user.id, code_hash=hash_recovery_code(code), created_at=now) for code in codes)
    return codes


def confirm_enrolment(
    user_id: int, code: str, policy: ThrottlePolicy, now: datetime | None = None
) -> tuple[StepResult, list[str]]:
    """A first code proves the authenticator holds the secret; returns new recovery codes."""
    now = now or utcnow()
    user = _usable(user_id)
    if user is None or user.totp_secret is None or user.totp_enrolled_at is not None:
        return StepResult(Check.FAILED, user_id, reason="not_enrolling"), []
    wait = _throttled(user, now)
    if wait is not None:
        return StepResult(Check.THROTTLED, user_id, reason="throttled", retry_after=wait), []
    step = matching_totp_step(user.totp_secret, code, now, user.last_totp_step)
    if step is None:
        delay = _count_failure(user, policy, now)
        db.session.commit()
        return StepResult(Check.FAILED, user_id, reason="wrong_code", retry_after=delay), []
    user.last_totp_step = step
    user.totp_enrolled_at = now
    codes = _replace_recovery_codes(user, now)
    db.session.commit()
    return StepResult(Check.PASSED, user_id, enrolled=True), codes


def complete_sign_in(
    user_id: int, policy: SessionPolicy, now: datetime | None = None, trusted_device: bool = False
) -> str | None:
    """Both steps passed: clear the failures and start a new server-side session.

    On a trusted device the account's failures were not this browser's (they were counted
    in its cookie), so they stay: the person signing in does not lift a guesser's wait.
    """
    now = now or utcnow()
    user = _usable(user_id)
    if user is None or user.totp_enrolled_at is None:
        return None
    if not trusted_device:
        user.failed_sign_ins = 0
        user.throttled_until = None
    user.last_sign_in_at = now
    token = start_staff_session(user, policy, now)
    db.session.commit()
    return token


def new_recovery_codes_for(user_id: int, now: datetime | None = None) -> list[str]:
    """Replace a signed-in person's recovery codes (the old ones stop working)."""
    user = _usable(user_id)
    if user is None or user.totp_enrolled_at is None:
        return []
    codes = _replace_recovery_codes(user, now or utcnow())
    db.session.commit()
    return codes


def change_own_password(
    user_id: int, current: str, new: str, policy: ThrottlePolicy, sessions: SessionPolicy, now: datetime | None = None
) -> tuple[StepResult, str | None]:
    """A signed-in person changes their password (after a temporary one, say): the current
    one must be right (a wrong one counts towards throttling, as at sign-in). Every session
    of the account ends and a new one starts for this browser; returns its token."""
    now = now or utcnow()
    user = _usable(user_id)
    if user is None:
        return StepResult(Check.FAILED, user_id, reason="disabled"), None
    right = verify_password(user.password_hash, current)
    wait = _throttled(user, now)
    if wait is not None:
        return StepResult(Check.THROTTLED, user_id, reason="throttled", retry_after=wait), None
    if not right:
        delay = _count_failure(user, policy, now)
        db.session.commit()
        return StepResult(Check.FAILED, user_id, reason="wrong_password", retry_after=delay), None
    user.password_hash = hash_password(new)
    user.failed_sign_ins = 0
    user.throttled_until = None
    end_all_staff_sessions(user_id, now)
    token = start_staff_session(user, sessions, now)
    db.session.commit()
    return StepResult(Check.PASSED, user_id, enrolled=True), token
