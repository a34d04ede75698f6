"""What proves who a member of staff is: passwords, TOTP codes and recovery codes.

Passwords are argon2id hashes (argon2-cffi's defaults, RFC 9106's low-memory profile).
Recovery codes are 80-bit random values, so SHA-256 is enough for them: there is nothing
a slow hash would protect that the code's length does not.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from enum import StrEnum
from functools import lru_cache

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 128
RECOVERY_CODE_COUNT = 10
# Crockford-style letters and digits: no I, L, O or U to mistake for 1, 0 or V.
_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CODE_GROUPS = 4
_CODE_GROUP_LENGTH = 4
# A code from the step before or after now is accepted too, for clocks a little out.
TOTP_WINDOW = 1


def _hasher() -> PasswordHasher:
    return PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether a hash was made with weaker settings than today's (then it is redone at sign-in)."""
    try:
        return _hasher().check_needs_rehash(password_hash)
    except InvalidHashError:
        return False


@lru_cache(maxsize=1)
def _stand_in_hash() -> str:
    return hash_password(secrets.token_urlsafe(16))


def spend_password_work(password: str) -> None:
    """As much work as checking a real password, for an address with no account, so that
    the time taken does not tell whether an account exists."""
    verify_password(_stand_in_hash(), password)


class PasswordProblem(StrEnum):
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    IS_EMAIL = "is_email"
    TOO_SIMPLE = "too_simple"


# For the command line; the web layer words these in the page's language.
PROBLEM_TEXT = {
    PasswordProblem.TOO_SHORT: f"the password must be at least {MIN_PASSWORD_LENGTH} characters long",
    PasswordProblem.TOO_LONG: f"the password must be at most {MAX_PASSWORD_LENGTH} characters long",
    PasswordProblem.IS_EMAIL: "the password must not be the email address",
    PasswordProblem.TOO_SIMPLE: "the password must not repeat the same few characters",
}


def password_problem(password: str, email: str) -> PasswordProblem | None:
    """Why a new password is not acceptable, or None: long enough, not the email address,
    not the same few characters over and over."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return PasswordProblem.TOO_SHORT
    if len(password) > MAX_PASSWORD_LENGTH:
        return PasswordProblem.TOO_LONG
    folded = password.strip().casefold()
    if folded == email.casefold() or folded == email.split("@")[0].casefold():
        return PasswordProblem.IS_EMAIL
    if len(set(password)) < 4:
        return PasswordProblem.TOO_SIMPLE
    return None


def temporary_password() -> str:
    """A password an admin passes on once; about 96 bits, easy to read out."""
    return "-".join(secrets.token_hex(3) for _ in range(4))


# -- TOTP ------------------------------------------------------------------------------


def new_totp_secret() -> str:
    return pyotp.random_base32(32)


def provisioning_uri(secret: str, email: str, issuer: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=issuer)


def totp_code(secret: str, at: datetime) -> str:
    return pyotp.TOTP(secret).at(at)


def matching_totp_step(secret: str, code: str, now: datetime, last_step: int | None) -> int | None:
    """The time step the code belongs to, if it is right and newer than the last one used."""
    code = "".join(code.split())
    if not (code.isascii() and code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    current = totp.timecode(now)
    for step in range(current - TOTP_WINDOW, current + TOTP_WINDOW + 1):
        if last_step is not None and step <= last_step:
            continue
        if secrets.compare_digest(totp.generate_otp(step), code):
            return step
    return None


# -- recovery codes --------------------------------------------------------------------


def new_recovery_codes(count: int = RECOVERY_CODE_COUNT) -> list[str]:
    codes = []
    for _ in range(count):
        raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(_CODE_GROUPS * _CODE_GROUP_LENGTH))
        codes.append("-".join(raw[i : i + _CODE_GROUP_LENGTH] for i in range(0, len(raw), _CODE_GROUP_LENGTH)))
    return codes


def hash_recovery_code(code: str) -> str:
    """The hash of a code as typed: case, spaces and hyphens do not matter."""
    normalised = "".join(character for character in code.upper() if character.isalnum())
    return hashlib.sha256(normalised.encode()).hexdigest()
