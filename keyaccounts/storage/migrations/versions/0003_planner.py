"""planner: gifts on care interactions, marks on planned agenda items

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("interaction") as batch:
        batch.add_column(sa.Column("gift", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("gift_value", sa.Integer(), nullable=True))
    op.create_table(
        "agenda_mark",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("moved_to", sa.Date(), nullable=True),
        sa.Column("snoozed_until", sa.Date(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_agenda_mark")),
    )


def downgrade() -> None:
    op.drop_table("agenda_mark")
    with op.batch_alter_table("interaction") as batch:
        batch.drop_column("gift_value")
        batch.drop_column("gift")
