"""offline against a team server: the outbox, the changes a server applied, a change
counter on the rows people write, and the rows deleted

Revision ID: 0015
Revises: 0014

(0014 is another branch's; the chain is made one when both land.)

Plain schema on both engines, as in 0013: ``outbox`` and ``sync_state`` are used in a
local copy of a team database (a SQLite file, keyaccounts.storage.offline),
``applied_change`` and ``deleted_row`` on the server; elsewhere they stay empty. Every
row people write gains ``change_seq``: on PostgreSQL a trigger sets it from one
sequence on each insert and update, and a delete is written to ``deleted_row`` with the
next number, so a copy pulls only what changed since its last refresh. A SQLite file
(one user) needs no counter: the column stays 0 there.
"""

import sqlalchemy as sa
from alembic import op

from keyaccounts.storage import snapshot

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

COUNTED = ("account", "contact", "contact_private", "interaction", "follow_up", "cadence",
           "complaint", "survey", "order_line", "need", "churn_event", "our_person")
KEYS = {"contact_private": "contact_id"}

FUNCTIONS = """
CREATE OR REPLACE FUNCTION ka_change() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public AS $$
BEGIN
    NEW.change_seq := nextval('ka_change_seq');
    RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION ka_deleted() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public AS $$
BEGIN
    INSERT INTO deleted_row (seq, table_name, row_id)
        VALUES (nextval('ka_change_seq'), TG_TABLE_NAME, (to_jsonb(OLD) ->> TG_ARGV[0])::integer);
    RETURN OLD;
END $$
"""


def upgrade() -> None:
    bind = op.get_bind()
    postgresql = bind.dialect.name == "postgresql"
    op.create_table(
        "applied_change",
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("login", sa.String(63), nullable=False, server_default=""),
        sa.Column("applied_at", sa.DateTime(), nullable=False),
        sa.Column("result", sa.Text(), nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("uuid", name=op.f("pk_applied_change")),
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("action", sa.String(50), nullable=False),
        sa.Column("args", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("context", sa.Text(), nullable=False, server_default=""),
        sa.Column("local_rows", sa.Text(), nullable=False, server_default=""),
        sa.Column("server_rows", sa.Text(), nullable=False, server_default=""),
        sa.Column("conflict", sa.Text(), nullable=False, server_default=""),
        sa.Column("resolution", sa.String(12), nullable=False, server_default=""),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
        sa.UniqueConstraint("uuid", name=op.f("uq_outbox_uuid")),
    )
    op.create_index(op.f("ix_outbox_state"), "outbox", ["state"])
    op.create_table(
        "sync_state",
        sa.Column("key", sa.String(50), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sync_state")),
    )
    op.create_table(
        "deleted_row",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("table_name", sa.String(40), nullable=False),
        sa.Column("row_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_deleted_row")),
    )
    for table in COUNTED:
        op.add_column(table, sa.Column("change_seq", sa.BigInteger(), nullable=False,
                                       server_default="0"))
        op.create_index(op.f(f"ix_{table}_change_seq"), table, ["change_seq"])
    if postgresql:
        bind.exec_driver_sql("CREATE SEQUENCE IF NOT EXISTS ka_change_seq")
        for function in FUNCTIONS.split("\n\n"):
            bind.exec_driver_sql(function)
        for table in COUNTED:
            bind.exec_driver_sql(f"CREATE TRIGGER ka_change BEFORE INSERT OR UPDATE ON {table}"
                                 " FOR EACH ROW EXECUTE FUNCTION ka_change()")
            bind.exec_driver_sql(f"CREATE TRIGGER ka_deleted AFTER DELETE ON {table} FOR EACH"
                                 f" ROW EXECUTE FUNCTION ka_deleted('{KEYS.get(table, 'id')}')")
    else:
        snapshot.install_triggers(bind.exec_driver_sql)


def downgrade() -> None:
    bind = op.get_bind()
    postgresql = bind.dialect.name == "postgresql"
    if postgresql:
        for table in COUNTED:
            bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS ka_change ON {table}")
            bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS ka_deleted ON {table}")
        bind.exec_driver_sql("DROP FUNCTION IF EXISTS ka_change()")
        bind.exec_driver_sql("DROP FUNCTION IF EXISTS ka_deleted()")
        bind.exec_driver_sql("DROP SEQUENCE IF EXISTS ka_change_seq")
    else:
        snapshot.drop_triggers(bind.exec_driver_sql)
    for table in COUNTED:
        op.drop_index(op.f(f"ix_{table}_change_seq"), table_name=table)
        if postgresql:
            op.drop_column(table, "change_seq")
        else:
            bind.exec_driver_sql(f"ALTER TABLE {table} DROP COLUMN change_seq")
    for table in ("deleted_row", "sync_state", "outbox", "applied_change"):
        op.drop_table(table)
    if not postgresql:
        snapshot.install_triggers(bind.exec_driver_sql)
