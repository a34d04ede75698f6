"""Managing staff accounts: create, change role, disable and enable, reset two-factor.

Each public function is a use case that owns its transaction, and records what it did in
the audit trail with ids only (no email addresses or names in audit details).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select

from services.audit import record_audit
from services.db import db
from services.enums.casework import AuditAction, StaffRole
from services.staff_credentials import hash_password, hash_recovery_code, new_recovery_codes, new_totp_secret
from services.staff_models import RecoveryCode, StaffUser
from services.staff_sessions import end_all_staff_sessions
from services.types import utcnow

# Enough to catch a slip; the address is only ever a sign-in name, never mailed.
_EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s]+\.[^@\s]+")


class StaffAccountError(ValueError):
    """The change cannot be made; `reason` says why (the web layer words it)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class NewAccount:
    user_id: int
    email: str
    # Only for an account created already enrolled (the CLI): shown once, never again.
    totp_secret: str | None
    recovery_codes: list[str]


def normalise_email(email: str) -> str:
    return email.strip().lower()


def valid_email(email: str) -> bool:
    return len(email) <= 254 and _EMAIL.fullmatch(email) is not None


def find_staff(email: str) -> StaffUser | None:
    return db.session.scalars(select(StaffUser).where(StaffUser.email == normalise_email(email))).first()


def list_staff() -> Sequence[StaffUser]:
    return db.session.scalars(select(StaffUser).order_by(StaffUser.email)).all()


def create_staff_account(
    email: str,
    display_name: str,
    role: StaffRole,
    password: str,
    *,
    actor_id: int | None,
    enrolled: bool = False,
    now: datetime | None = None,
) -> NewAccount:
    """A new account. Not enrolled: two-factor is set up at first sign-in. Enrolled (for
    the CLI, with no browser at hand): the secret and recovery codes are returned once."""
    now = now or utcnow()
    email = normalise_email(email)
    if not valid_email(email):
        raise StaffAccountError("invalid_email")
    if find_staff(email) is not None:
        raise StaffAccountError("email_taken")
    user = StaffUser(
        email=email,
        display_name=display_name.strip() or email.split("@")[0],
        role=role.value,
        password_hash=hash_password(password),
        created_at=now,
        failed_sign_ins=0,
    )
    codes: list[str] = []
    if enrolled:
        user.totp_secret = new_totp_secret()
        user.totp_enrolled_at = now
    db.session.add(user)
    db.session.flush()
    if enrolled:
        codes = new_recovery_codes()
        db.session.add_all(RecoveryCode(user_id=user.id, code_hash=hash_recovery_code(c), created_at=now) for c in codes)
    record_audit(AuditAction.STAFF_CREATED, actor_id=actor_id, detail={"user_id": user.id, "role": role.value}, now=now)
    db.session.commit()
    return NewAccount(user.id, email, user.totp_secret, codes)


def _target(user_id: int, actor_id: int | None) -> StaffUser:
    user = db.session.get(StaffUser, user_id)
    if user is None:
        raise StaffAccountError("not_found")
    if actor_id is not None and user.id == actor_id:
        # An admin cannot lock themselves out or drop their own rights by mistake.
        raise StaffAccountError("own_account")
    return user


def change_role(user_id: int, role: StaffRole, *, actor_id: int | None, now: datetime | None = None) -> None:
    user = _target(user_id, actor_id)
    if user.role == role.value:
        return
    previous = user.role
    user.role = role.value
    record_audit(
        AuditAction.STAFF_ROLE_CHANGED, actor_id=actor_id, detail={"user_id": user.id, "from": previous, "to": role.value}, now=now
    )
    db.session.commit()


def disable_staff(user_id: int, *, actor_id: int | None, now: datetime | None = None) -> int:
    """Disable an account and end every session it has; returns how many were ended."""
    now = now or utcnow()
    user = _target(user_id, actor_id)
    if user.disabled_at is None:
        user.disabled_at = now
    ended = end_all_staff_sessions(user.id, now)
    record_audit(AuditAction.STAFF_DISABLED, actor_id=actor_id, detail={"user_id": user.id, "sessions_ended": ended}, now=now)
    db.session.commit()
    return ended


def enable_staff(user_id: int, *, actor_id: int | None, now: datetime | None = None) -> None:
    user = _target(user_id, actor_id)
    if user.disabled_at is None:
        return
    user.disabled_at = None
    user.failed_sign_ins = 0
    user.throttled_until = None
    record_audit(AuditAction.STAFF_ENABLED, actor_id=actor_id, detail={"user_id": user.id}, now=now)
    db.session.commit()


def reset_two_factor(user_id: int, *, actor_id: int | None, now: datetime | None = None) -> int:
    """Forget the authenticator and recovery codes, so the next sign-in enrols again, and
    end every session (whoever holds the lost phone is signed out too)."""
    now = now or utcnow()
    user = _target(user_id, actor_id)
    user.totp_secret = None
    user.totp_enrolled_at = None
    user.last_totp_step = None
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    ended = end_all_staff_sessions(user.id, now)
    record_audit(
        AuditAction.STAFF_TWO_FACTOR_RESET, actor_id=actor_id, detail={"user_id": user.id, "sessions_ended": ended}, now=now
    )
    db.session.commit()
    return ended


def ensure_demo_account(email: str, display_name: str, role: StaffRole, password: str) -> tuple[StaffUser, bool]:
    """The development demo account: made once, enrolled, then reused as it is."""
    existing = find_staff(email)
    if existing is not None:
        return existing, False
    created = create_staff_account(email, display_name, role, password, actor_id=None, enrolled=True)
    return db.session.get_one(StaffUser, created.user_id), True
