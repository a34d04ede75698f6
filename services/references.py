"""References given to the public: short, unguessable, hard to mistype, self-checking.

Format: FORCE-XXXX-XXXC, where the characters come from an alphabet without look-alikes
(no 0/O, 1/I/L, U) and C is a check character (Luhn mod N), so most typing mistakes
are caught before any database lookup.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
_RANDOM_LENGTH = 7
_PATTERN = re.compile(rf"^([A-Z]{{2,5}})-([{ALPHABET}]{{4}})-([{ALPHABET}]{{4}})$")


def _check_character(body: str) -> str:
    """Luhn mod N over the alphabet, as used for the final character."""
    base = len(ALPHABET)
    factor = 2
    total = 0
    for char in reversed(body):
        addend = factor * ALPHABET.index(char)
        factor = 1 if factor == 2 else 2
        total += addend // base + addend % base
    return ALPHABET[(base - total % base) % base]


def new_reference(force_code: str) -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(_RANDOM_LENGTH))
    full = body + _check_character(body)
    return f"{force_code}-{full[:4]}-{full[4:]}"


def normalise_reference(text: str) -> str:
    """Upper-case, drop spaces, and put the hyphens back where people leave them out."""
    cleaned = re.sub(r"[\s-]+", "", text.upper())
    match = re.match(rf"^([A-Z]{{2,5}}?)([{ALPHABET}]{{8}})$", cleaned)
    if not match:
        return cleaned
    force, body = match.groups()
    return f"{force}-{body[:4]}-{body[4:]}"


def is_valid_reference(text: str, force_code: str | None = None) -> bool:
    match = _PATTERN.match(text)
    if not match:
        return False
    force, first, second = match.groups()
    if force_code is not None and force != force_code:
        return False
    body = first + second
    return _check_character(body[:-1]) == body[-1]
