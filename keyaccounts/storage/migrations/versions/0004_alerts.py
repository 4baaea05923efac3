"""alerts: what was done about each risk alert

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "alert_state",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("cause", sa.String(length=200), nullable=False),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("handled_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("followup_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"],
                                name=op.f("fk_alert_state_account_id_account")),
        sa.ForeignKeyConstraint(["followup_id"], ["follow_up.id"],
                                name=op.f("fk_alert_state_followup_id_follow_up"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("account_id", "kind", "cause", "since",
                                name=op.f("pk_alert_state")),
    )


def downgrade() -> None:
    op.drop_table("alert_state")
