"""customer value: an account's own margin rate, a retention override and its reason

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("account") as batch:
        batch.add_column(sa.Column("margin_rate", sa.Float(), nullable=True))
        batch.add_column(sa.Column("retention_override", sa.Float(), nullable=True))
        batch.add_column(sa.Column("retention_reason", sa.Text(), nullable=False,
                                   server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("account") as batch:
        for column in ("retention_reason", "retention_override", "margin_rate"):
            batch.drop_column(column)
