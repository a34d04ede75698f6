"""Re-encrypting stored personal data under the newest data key, after a key is added.

Walks every encrypted column (found from the models' column types, so a new encrypted
column is included without a change here) and every evidence file, in batches, each
batch its own transaction. A value the newest key already opens is left alone, so a run
that was stopped can simply be started again. Only counts are reported, never data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Column, Table, Text, column, select, table, update

from services.crypto import EncryptedJSON, EncryptedText, Keyring, session_keyring
from services.db import db
from services.evidence import write_evidence_file


@dataclass
class RotationCount:
    place: str
    rotated: int = 0
    current: int = 0


def encrypted_columns() -> list[tuple[Table, Column[object]]]:
    return [
        (model_table, model_column)
        for model_table in db.metadata.sorted_tables
        for model_column in model_table.columns
        if isinstance(model_column.type, (EncryptedText, EncryptedJSON))
    ]


def _rotate_batch(table_name: str, column_name: str, after: object, batch_size: int, keyring: Keyring,
                  count: RotationCount) -> object | None:
    """One transaction: rotate the next batch of values; returns the last id seen, or None at the end."""
    # Plain text columns here: the ciphertext itself is read and written, not the data.
    raw = table(table_name, column("id"), column(column_name, Text()))
    value_column = raw.c[column_name]
    try:
        query = select(raw.c.id, value_column).where(value_column.is_not(None)).order_by(raw.c.id).limit(batch_size)
        if after is not None:
            query = query.where(raw.c.id > after)
        rows = db.session.execute(query).all()
        for row_id, token in rows:
            if keyring.is_current(token.encode("ascii")):
                count.current += 1
                continue
            rotated = keyring.rotate(token.encode("ascii")).decode("ascii")
            # Only if unchanged since it was read: a value the app wrote meanwhile is already current.
            db.session.execute(
                update(raw).where(raw.c.id == row_id, value_column == token).values({column_name: rotated})
            )
            count.rotated += 1
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return rows[-1][0] if rows else None


def rotate_columns(batch_size: int = 200, progress: Callable[[RotationCount], None] | None = None) -> list[RotationCount]:
    keyring = session_keyring()
    counts = []
    for model_table, model_column in encrypted_columns():
        count = RotationCount(f"{model_table.name}.{model_column.name}")
        after: object | None = None
        while (after := _rotate_batch(model_table.name, model_column.name, after, batch_size, keyring, count)) is not None:
            if progress:
                progress(count)
        counts.append(count)
    return counts


def _evidence_files(folder: Path) -> Iterator[Path]:
    if folder.is_dir():
        yield from sorted(path for path in folder.iterdir() if path.is_file() and not path.name.startswith("."))


def rotate_evidence_files(folder: Path) -> RotationCount:
    keyring = session_keyring()
    count = RotationCount("evidence files")
    for path in _evidence_files(folder):
        token = path.read_bytes()
        if keyring.is_current(token):
            count.current += 1
            continue
        write_evidence_file(path, keyring.rotate(token))
        count.rotated += 1
    return count
