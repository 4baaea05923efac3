"""interaction (account, kind, time) index: the planner's last contact of each kind

Revision ID: 0005
Revises: 0004
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_interaction_account_kind_occurred", "interaction",
                    ["account_id", "kind", "occurred_at"])


def downgrade() -> None:
    op.drop_index("ix_interaction_account_kind_occurred", "interaction")
