"""when a row was deleted on a team server, so that its deletion log is pruned

Revision ID: 0017
Revises: 0016

``deleted_row`` (0015) grows with every delete on a team server and was never pruned:
each entry now carries ``deleted_at`` (the server's time, by default), and entries
older than the horizon (keyaccounts.storage.offline.DELETION_HORIZON_DAYS) are pruned
at each refresh and by ``team init``; a copy last refreshed before the horizon is copied
whole again instead of incrementally. Existing entries count from this migration.

(0016 is another branch's; when both land, this one revises 0016.)
"""

import sqlalchemy as sa
from alembic import op

from keyaccounts.storage import snapshot

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # In a batch: SQLite adds no column with a default that is not a constant in place.
    with op.batch_alter_table("deleted_row") as table:
        table.add_column(sa.Column("deleted_at", sa.DateTime(), nullable=False,
                                   server_default=sa.text("CURRENT_TIMESTAMP")))
        table.create_index(op.f("ix_deleted_row_deleted_at"), ["deleted_at"])
    _guard()


def downgrade() -> None:
    with op.batch_alter_table("deleted_row") as table:
        table.drop_index(op.f("ix_deleted_row_deleted_at"))
        table.drop_column("deleted_at")
    _guard()


def _guard() -> None:
    """A batch alteration rebuilds the table on SQLite, without its triggers: put back
    the snapshots' guard."""
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        snapshot.install_triggers(bind.exec_driver_sql)
