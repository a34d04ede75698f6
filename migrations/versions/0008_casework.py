"""Casework: triage status wide enough for "awaiting_reporter" (17 characters).

Revision ID: 0008casework
Revises: 0005staff
Create Date: 2026-11-26 02:20:00

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0008casework'
down_revision = '0006rules'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('triage_items', schema=None) as batch_op:
        batch_op.alter_column('status', existing_type=sa.String(length=16), type_=sa.String(length=32), existing_nullable=False)


def downgrade():
    with op.batch_alter_table('triage_items', schema=None) as batch_op:
        batch_op.alter_column('status', existing_type=sa.String(length=32), type_=sa.String(length=16), existing_nullable=False)
