"""Triage rules: published versions of the force's rules file, read by every process.

Revision ID: 0006rules
Revises: 0005staff
Create Date: 2026-11-26 02:40:00

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0006rules'
down_revision = '0005staff'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('triage_rule_sets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.Column('document', sa.Text(), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_triage_rule_sets'))
    )


def downgrade():
    op.drop_table('triage_rule_sets')
