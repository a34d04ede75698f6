"""Evidence files: checked by their bytes, stored outside anything served, under names we make.

A file's type is decided from its first bytes, never from its name or the type the
browser claims: a PNG renamed `.pdf` is stored as a PNG, and a program renamed `.jpg` is
refused. Bytes go to a folder of their own (`EVIDENCE_DIR`) under a random name,
encrypted with the app's data keys (a Fernet token per file); the database keeps the
SHA-256 of the plain bytes, size, type and the person's own filename (encrypted, for
display only). Read a file's bytes only through `read_evidence_bytes`.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import select, update

from services.crypto import Keyring, session_keyring
from services.db import db
from services.enums import EvidenceProblem
from services.models import Attachment
from services.types import utcnow

MAX_FILE_BYTES = 25 * 1024 * 1024
MAX_FILES = 10
_LARGEST_ID = 2**31 - 1  # the largest value an INTEGER primary key holds
_CHUNK = 1024 * 1024


class EvidenceRefused(Exception):
    def __init__(self, problem: EvidenceProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


@dataclass(frozen=True)
class EvidenceFile:
    id: int
    filename: str
    content_type: str
    size: int
    sha256: str


def sniff_content_type(head: bytes) -> str | None:
    """The content type the first bytes prove, for the four types the platform accepts."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    # ISO base media: a box size, then "ftyp" and a brand that MP4 players accept.
    if len(head) >= 12 and head[4:8] == b"ftyp" and head[8:12] in {
        b"isom", b"iso2", b"mp41", b"mp42", b"avc1", b"M4V ", b"dash", b"3gp4", b"3gp5", b"MSNV", b"qt  ",
    }:
        return "video/mp4"
    return None


_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff/\\]")


def display_name(filename: str | None) -> str:
    """The person's filename, made safe to show: no path, no control or direction-changing
    characters (which can make `gpj.exe` look like `exe.jpg`), at most 255 characters."""
    name = unicodedata.normalize("NFC", (filename or "").replace("\\", "/").rsplit("/", 1)[-1])
    name = _UNSAFE.sub("", name).strip()
    return (name or "file")[:255]


def _write(stream: BinaryIO, folder: Path, keyring: Keyring) -> tuple[str, str, int, bytes]:
    """Read the upload (refusing it as soon as it is too large), hash the plain bytes, and
    keep them encrypted under a new name. Files are at most 25 MB, so memory is enough."""
    folder.mkdir(parents=True, exist_ok=True)
    storage_name = f"{secrets.token_hex(16)}.bin"
    digest, content = hashlib.sha256(), bytearray()
    while chunk := stream.read(_CHUNK):
        if len(content) + len(chunk) > MAX_FILE_BYTES:
            raise EvidenceRefused(EvidenceProblem.TOO_LARGE)
        digest.update(chunk)
        content += chunk
    write_evidence_file(folder / storage_name, keyring.encrypt(bytes(content)))
    return storage_name, digest.hexdigest(), len(content), bytes(content[:16])


def write_evidence_file(path: Path, token: bytes) -> None:
    """Replace `path` with `token` atomically: readers see the old file or the new, never half."""
    partial = path.with_name(f".{path.name}.part")
    try:
        with partial.open("wb") as out:
            out.write(token)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def add_evidence(draft_id: str, filename: str | None, stream: BinaryIO, folder: Path) -> EvidenceFile:
    """Check and keep one uploaded file for a draft; raises EvidenceRefused with the reason."""
    count = len(list_evidence(draft_id))
    if count >= MAX_FILES:
        raise EvidenceRefused(EvidenceProblem.TOO_MANY)
    storage_name, sha256, size, head = _write(stream, folder, session_keyring())
    content_type = sniff_content_type(head)
    problem = EvidenceProblem.EMPTY if size == 0 else None if content_type else EvidenceProblem.WRONG_TYPE
    if problem is not None:
        (folder / storage_name).unlink(missing_ok=True)
        raise EvidenceRefused(problem)
    try:
        record = Attachment(
            draft_id=draft_id, sha256=sha256, filename=display_name(filename), content_type=str(content_type),
            size=size, storage_name=storage_name, created_at=utcnow(),
        )
        db.session.add(record)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        (folder / storage_name).unlink(missing_ok=True)
        raise
    return EvidenceFile(record.id, record.filename, record.content_type, record.size, record.sha256)


def list_evidence(draft_id: str) -> list[EvidenceFile]:
    rows = db.session.scalars(select(Attachment).where(Attachment.draft_id == draft_id).order_by(Attachment.id)).all()
    files = [EvidenceFile(r.id, r.filename, r.content_type, r.size, r.sha256) for r in rows]
    db.session.rollback()
    return files


def remove_evidence(draft_id: str, attachment_id: int, folder: Path) -> bool:
    if not 0 < attachment_id <= _LARGEST_ID:
        return False  # no such file; PostgreSQL would refuse to compare a number this large
    try:
        record = db.session.scalar(
            select(Attachment).where(Attachment.id == attachment_id, Attachment.draft_id == draft_id, Attachment.submission_id.is_(None))
        )
        if record is None:
            db.session.rollback()
            return False
        storage_name = record.storage_name
        db.session.delete(record)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    if storage_name:
        (folder / storage_name).unlink(missing_ok=True)
    return True


def attach_to_submission(draft_id: str, submission_id: int) -> list[dict[str, object]]:
    """Within the caller's transaction: give the draft's files to its submission and return
    them as the contract's `attachments` (the relay uploads each before the submission)."""
    rows = db.session.scalars(select(Attachment).where(Attachment.draft_id == draft_id).order_by(Attachment.id)).all()
    if rows:
        db.session.execute(update(Attachment).where(Attachment.draft_id == draft_id).values(submission_id=submission_id))
    return [{"sha256": r.sha256, "filename": r.filename, "content_type": r.content_type, "size": r.size} for r in rows]


def read_evidence_bytes(attachment: Attachment, folder: Path) -> bytes:
    """The plain bytes of a stored file (for the relay's upload and staff downloads).

    Raises KeyringError if no configured key opens the file, never returns ciphertext."""
    return session_keyring().decrypt((folder / attachment.storage_name).read_bytes())


def delete_evidence_file(storage_name: str, folder: Path) -> None:
    if storage_name:
        (folder / storage_name).unlink(missing_ok=True)
