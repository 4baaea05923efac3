"""churn events: every loss of an account and its win-back, not only the last one

The churn and recovery columns of ``account`` move into ``churn_event`` (one row per
churned account, nothing lost) and leave ``account``: an account won back may churn
again, and each loss keeps its day, reason, value, decision and outcome.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

from keyaccounts.storage import snapshot

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

REASONS = ("given-up", "forced-away", "bought", "attracted", "dissatisfied", "other")
# account column -> churn_event column
MOVED = {"churned_on": "churned_on", "churn_reason": "reason", "churn_value": "value",
         "recovery_cost": "recovery_cost", "pursue": "pursue",
         "pursue_justification": "pursue_justification",
         "recovery_outcome": "recovery_outcome", "recovered_on": "recovered_on",
         "recovered_value": "recovered_value"}


def _reason() -> sa.Enum:
    return sa.Enum(*REASONS, name="churnreason", native_enum=False, length=20)


def _account_columns() -> list[sa.Column]:
    return [sa.Column("churned_on", sa.Date(), nullable=True),
            sa.Column("churn_reason", _reason(), nullable=True),
            sa.Column("churn_value", sa.Integer(), nullable=True),
            sa.Column("recovery_cost", sa.Integer(), nullable=True),
            sa.Column("pursue", sa.Boolean(), nullable=True),
            sa.Column("pursue_justification", sa.Text(), nullable=False, server_default=""),
            sa.Column("recovery_outcome", sa.String(length=20), nullable=True),
            sa.Column("recovered_on", sa.Date(), nullable=True),
            sa.Column("recovered_value", sa.Integer(), nullable=True)]


def _tables():
    account = sa.table("account", sa.column("id"), *(sa.column(c) for c in MOVED))
    event = sa.table("churn_event", sa.column("id"), sa.column("account_id"),
                     *(sa.column(c) for c in MOVED.values()))
    return account, event


def upgrade() -> None:
    op.create_table(
        "churn_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("churned_on", sa.Date(), nullable=False),
        sa.Column("reason", _reason(), nullable=True),
        sa.Column("value", sa.Integer(), nullable=True),
        sa.Column("recovery_cost", sa.Integer(), nullable=True),
        sa.Column("pursue", sa.Boolean(), nullable=True),
        sa.Column("pursue_justification", sa.Text(), nullable=False, server_default=""),
        sa.Column("recovery_outcome", sa.String(length=20), nullable=True),
        sa.Column("recovered_on", sa.Date(), nullable=True),
        sa.Column("recovered_value", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"],
                                name=op.f("fk_churn_event_account_id_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_churn_event")),
    )
    op.create_index("ix_churn_event_account_churned", "churn_event",
                    ["account_id", "churned_on"])
    bind = op.get_bind()
    account, event = _tables()
    rows = bind.execute(sa.select(account).where(account.c.churned_on.is_not(None))
                        .order_by(account.c.id)).mappings().all()
    if rows:
        bind.execute(sa.insert(event), [
            {"account_id": r["id"], **{new: r[old] for old, new in MOVED.items()}}
            for r in rows])
    _drop_account_columns(bind)
    if bind.dialect.name == "sqlite":  # the new table, and account if it was rebuilt
        snapshot.install_triggers(bind.exec_driver_sql)


def _drop_account_columns(bind) -> None:
    if bind.dialect.name == "sqlite":
        # SQLite's own DROP COLUMN (3.35+): the table is not rebuilt, so its rows stay
        # where the other tables' foreign keys point, and its triggers stay on.
        for column in MOVED:
            bind.exec_driver_sql(f'ALTER TABLE account DROP COLUMN "{column}"')
    else:
        for column in MOVED:
            op.drop_column("account", column)


def downgrade() -> None:
    bind = op.get_bind()
    for column in _account_columns():
        op.add_column("account", column)
    account, event = _tables()
    latest = (sa.select(sa.func.max(event.c.id)).group_by(event.c.account_id)).scalar_subquery()
    for r in bind.execute(sa.select(event).where(event.c.id.in_(latest))).mappings().all():
        bind.execute(sa.update(account).where(account.c.id == r["account_id"]).values(
            **{old: r[new] for old, new in MOVED.items()}))
    op.drop_index("ix_churn_event_account_churned", "churn_event")
    op.drop_table("churn_event")
    if bind.dialect.name == "sqlite":
        snapshot.install_triggers(bind.exec_driver_sql)
