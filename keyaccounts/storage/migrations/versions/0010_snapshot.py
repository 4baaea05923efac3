"""snapshots for a fast start, deleted by triggers on every change

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

from keyaccounts.storage import snapshot

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "snapshot",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("language", sa.String(length=20), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_snapshot")),
    )
    if op.get_bind().dialect.name == "sqlite":  # snapshots are kept in SQLite files only
        snapshot.install_triggers(op.get_bind().exec_driver_sql)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        snapshot.drop_triggers(op.get_bind().exec_driver_sql)
    op.drop_table("snapshot")
