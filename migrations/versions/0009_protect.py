"""Data protection: personal data encrypted at rest, evidence files encrypted, disposal records, anonymised submissions.

Existing rows and evidence files are encrypted in place with the app's data encryption
keys (DATA_ENCRYPTION_KEYS, or the development key in the instance folder, exactly as the
app reads them); the downgrade decrypts them again.

Revision ID: 0009protect
Revises: 0008casework
Create Date: 2026-11-26

"""
from pathlib import Path

import sqlalchemy as sa
from alembic import op
from flask import current_app
from sqlalchemy.dialects import postgresql

from services.crypto import Keyring

# revision identifiers, used by Alembic.
revision = '0009protect'
down_revision = '0008casework'
branch_labels = None
depends_on = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql')
_BATCH = 500

# table, column, type before this revision, nullable
ENCRYPTED_COLUMNS = [
    ('submissions', 'payload', _JSON, False),
    ('drafts', 'answers', _JSON, False),
    ('triage_items', 'summary', sa.Text(), False),
    ('attachments', 'filename', sa.String(length=255), False),
    ('platform_events', 'message_to_reporter', sa.Text(), True),
    ('reporter_messages', 'body', sa.Text(), False),
    ('case_notes', 'text', sa.Text(), False),
    ('assessments', 'rationale', sa.Text(), False),
    ('assessments', 'ratings', _JSON, False),
    ('staff_users', 'totp_secret', sa.String(length=255), True),
]


def _keyring():
    return Keyring(current_app.config['DATA_ENCRYPTION_KEYS'])


def _evidence_folder():
    return Path(current_app.config['EVIDENCE_DIR'])


def _is_sqlite():
    return op.get_bind().dialect.name == 'sqlite'


def _sqlite_retype(table, column, declared, nullable):
    """SQLite cannot change a column's type, and rebuilding a table that others reference
    fails its foreign keys inside a transaction: add a column, copy, drop, rename instead."""
    temporary = column + '__retyped'
    not_null = '' if nullable else " NOT NULL DEFAULT ''"
    op.execute(f'ALTER TABLE {table} ADD COLUMN {temporary} {declared}{not_null}')
    op.execute(f'UPDATE {table} SET {temporary} = {column}')
    op.execute(f'ALTER TABLE {table} DROP COLUMN {column}')
    op.execute(f'ALTER TABLE {table} RENAME COLUMN {temporary} TO {column}')


def _to_text(table, column, old_type, nullable):
    if isinstance(old_type, sa.Text):
        return
    if _is_sqlite():
        _sqlite_retype(table, column, 'TEXT', nullable)
    else:
        op.alter_column(table, column, type_=sa.Text(), existing_type=old_type, existing_nullable=nullable,
                        postgresql_using=f'{column}::text')


def _from_text(table, column, old_type, nullable):
    if isinstance(old_type, sa.Text):
        return
    if _is_sqlite():
        declared = 'JSON' if old_type is _JSON else 'VARCHAR(255)'
        _sqlite_retype(table, column, declared, nullable)
    elif old_type is _JSON:
        op.alter_column(table, column, type_=postgresql.JSONB(astext_type=sa.Text()), existing_type=sa.Text(),
                        existing_nullable=nullable, postgresql_using=f'{column}::jsonb')
    else:
        op.alter_column(table, column, type_=old_type, existing_type=sa.Text(), existing_nullable=nullable)


def _transform(table, column, change):
    """Rewrite every value of one text column in batches, by id."""
    connection = op.get_bind()
    rows_table = sa.table(table, sa.column('id'), sa.column(column, sa.Text()))
    last_id = None
    while True:
        query = sa.select(rows_table.c.id, rows_table.c[column]).order_by(rows_table.c.id).limit(_BATCH)
        if last_id is not None:
            query = query.where(rows_table.c.id > last_id)
        rows = connection.execute(query).all()
        if not rows:
            return
        for row_id, value in rows:
            if value is not None:
                connection.execute(
                    rows_table.update().where(rows_table.c.id == row_id).values({column: change(value)})
                )
        last_id = rows[-1][0]


def _encrypt_files(keyring, folder, decrypt):
    connection = op.get_bind()
    for (storage_name,) in connection.execute(sa.text('SELECT storage_name FROM attachments')):
        path = folder / storage_name if storage_name else None
        if path is None or not path.is_file():
            continue
        content = path.read_bytes()
        changed = keyring.decrypt(content) if decrypt else keyring.encrypt(content)
        partial = path.with_name('.' + path.name + '.part')
        partial.write_bytes(changed)
        partial.replace(path)


def upgrade():
    keyring = _keyring()
    for table, column, old_type, nullable in ENCRYPTED_COLUMNS:
        _to_text(table, column, old_type, nullable)
        _transform(table, column, lambda value: keyring.encrypt(value.encode('utf-8')).decode('ascii'))
    _encrypt_files(keyring, _evidence_folder(), decrypt=False)

    with op.batch_alter_table('submissions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('anonymised_at', sa.DateTime(timezone=True), nullable=True))

    op.create_table('disposal_records',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.String(length=36), nullable=False),
    sa.Column('rule', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('references', _JSON, nullable=False),
    sa.Column('disposed_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_disposal_records'))
    )
    with op.batch_alter_table('disposal_records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_disposal_records_disposed_at'), ['disposed_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_disposal_records_run_id'), ['run_id'], unique=False)


def downgrade():
    with op.batch_alter_table('disposal_records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_disposal_records_run_id'))
        batch_op.drop_index(batch_op.f('ix_disposal_records_disposed_at'))
    op.drop_table('disposal_records')
    if _is_sqlite():
        op.execute('ALTER TABLE submissions DROP COLUMN anonymised_at')
    else:
        op.drop_column('submissions', 'anonymised_at')

    keyring = _keyring()
    _encrypt_files(keyring, _evidence_folder(), decrypt=True)
    for table, column, old_type, nullable in ENCRYPTED_COLUMNS:
        _transform(table, column, lambda value: keyring.decrypt(value.encode('ascii')).decode('utf-8'))
        _from_text(table, column, old_type, nullable)
