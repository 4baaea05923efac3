"""surveys (NPS, CSAT) and churn fields on accounts

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

REASONS = ("given-up", "forced-away", "bought", "attracted", "dissatisfied", "other")


def upgrade() -> None:
    op.create_table(
        "survey",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.Enum("nps", "csat", name="surveykind", native_enum=False,
                                  length=20), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("taken_on", sa.Date(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"],
                                name=op.f("fk_survey_account_id_account")),
        sa.ForeignKeyConstraint(["contact_id"], ["contact.id"],
                                name=op.f("fk_survey_contact_id_contact"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey")),
    )
    op.create_index("ix_survey_account_taken", "survey", ["account_id", "taken_on"])
    with op.batch_alter_table("account") as batch:
        batch.add_column(sa.Column("churned_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("churn_reason", sa.Enum(*REASONS, name="churnreason",
                                                           native_enum=False, length=20),
                                   nullable=True))
        batch.add_column(sa.Column("churn_value", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("recovery_cost", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("pursue", sa.Boolean(), nullable=True))
        batch.add_column(sa.Column("pursue_justification", sa.Text(), nullable=False,
                                   server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("account") as batch:
        for column in ("pursue_justification", "pursue", "recovery_cost", "churn_value",
                       "churn_reason", "churned_on"):
            batch.drop_column(column)
    op.drop_index("ix_survey_account_taken", "survey")
    op.drop_table("survey")
