"""needs profile per period; recovery outcome of churned accounts

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "need",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=6), nullable=False),
        sa.Column("concern", sa.Text(), nullable=False),
        sa.Column("expectation", sa.Text(), nullable=False),
        sa.Column("met", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"],
                                name=op.f("fk_need_account_id_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_need")),
    )
    op.create_index("ix_need_account_period", "need", ["account_id", "period"])
    with op.batch_alter_table("account") as batch:
        batch.add_column(sa.Column("recovery_outcome", sa.String(length=20), nullable=True))
        batch.add_column(sa.Column("recovered_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("recovered_value", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("account") as batch:
        for column in ("recovered_value", "recovered_on", "recovery_outcome"):
            batch.drop_column(column)
    op.drop_index("ix_need_account_period", "need")
    op.drop_table("need")
