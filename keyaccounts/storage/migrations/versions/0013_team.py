"""team mode: people, shared accounts, owner history, private notes in a table of their
own, and who wrote each row with its version

Revision ID: 0013
Revises: 0012

Everything here is plain schema, on both engines: a SQLite file (one user) keeps
working as before, its team tables empty. On PostgreSQL the server's triggers record
who wrote each row (``created_by``, ``updated_by``: the connection's login, which the
app cannot forge); roles and row-level security come with ``keyaccounts team init``
(keyaccounts.storage.team), on a team database only.
"""

import sqlalchemy as sa
from alembic import op

from keyaccounts.storage import snapshot

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

AUDITED = ("account", "contact", "interaction", "follow_up", "cadence", "complaint",
           "survey", "order_line", "need", "churn_event")
LOGIN = 63


def _audit_columns() -> list[sa.Column]:
    return [sa.Column("created_by", sa.String(LOGIN), nullable=False, server_default=""),
            sa.Column("updated_by", sa.String(LOGIN), nullable=False, server_default=""),
            sa.Column("version", sa.Integer(), nullable=False, server_default="1")]


AUDIT_FUNCTION = """
CREATE OR REPLACE FUNCTION ka_audit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.created_by := current_user;
    ELSE
        NEW.created_by := OLD.created_by;
    END IF;
    NEW.updated_by := current_user;
    RETURN NEW;
END $$
"""


def upgrade() -> None:
    bind = op.get_bind()
    postgresql = bind.dialect.name == "postgresql"
    op.create_table(
        "person",
        sa.Column("login", sa.String(LOGIN), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("level", sa.String(10), nullable=True),
        sa.Column("team", sa.String(100), nullable=False, server_default=""),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("login", name=op.f("pk_person")),
    )
    op.create_table(
        "account_share",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(LOGIN), nullable=False),
        sa.Column("can_write", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"], ondelete="CASCADE",
                                name=op.f("fk_account_share_account_id_account")),
        sa.ForeignKeyConstraint(["login"], ["person.login"],
                                name=op.f("fk_account_share_login_person")),
        sa.PrimaryKeyConstraint("account_id", "login", name=op.f("pk_account_share")),
    )
    op.create_index(op.f("ix_account_share_login"), "account_share", ["login"])
    op.create_table(
        "owner_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("from_owner", sa.String(100), nullable=False),
        sa.Column("to_owner", sa.String(100), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("by_login", sa.String(LOGIN), nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"], ondelete="CASCADE",
                                name=op.f("fk_owner_history_account_id_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_owner_history")),
    )
    op.create_index("ix_owner_history_account_on", "owner_history", ["account_id", "on_date"])
    op.create_table(
        "contact_private",
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        *_audit_columns(),
        sa.ForeignKeyConstraint(["contact_id"], ["contact.id"], ondelete="CASCADE",
                                name=op.f("fk_contact_private_contact_id_contact")),
        sa.PrimaryKeyConstraint("contact_id", name=op.f("pk_contact_private")),
    )
    for table in AUDITED:
        for column in _audit_columns():
            op.add_column(table, column)
    # Private notes move to their own table (row-level security guards rows, not columns).
    bind.exec_driver_sql("INSERT INTO contact_private (contact_id, notes) SELECT id, "
                         "private_notes FROM contact WHERE private_notes <> ''")
    if postgresql:
        op.drop_column("contact", "private_notes")
        bind.exec_driver_sql(AUDIT_FUNCTION)
        for table in (*AUDITED, "contact_private"):
            bind.exec_driver_sql(f"CREATE TRIGGER ka_audit BEFORE INSERT OR UPDATE ON {table}"
                                 " FOR EACH ROW EXECUTE FUNCTION ka_audit()")
    else:  # SQLite ≥ 3.35 drops a column in place (no copy: the triggers stay)
        bind.exec_driver_sql("ALTER TABLE contact DROP COLUMN private_notes")
        snapshot.install_triggers(bind.exec_driver_sql)


def downgrade() -> None:
    bind = op.get_bind()
    postgresql = bind.dialect.name == "postgresql"
    op.add_column("contact", sa.Column("private_notes", sa.Text(), nullable=False,
                                       server_default=""))
    bind.exec_driver_sql("UPDATE contact SET private_notes = (SELECT notes FROM "
                         "contact_private p WHERE p.contact_id = contact.id) WHERE id IN "
                         "(SELECT contact_id FROM contact_private)")
    if postgresql:
        for table in (*AUDITED, "contact_private"):
            bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS ka_audit ON {table}")
        bind.exec_driver_sql("DROP FUNCTION IF EXISTS ka_audit()")
    else:
        snapshot.drop_triggers(bind.exec_driver_sql)
    for table in AUDITED:
        for column in ("version", "updated_by", "created_by"):
            if postgresql:
                op.drop_column(table, column)
            else:
                bind.exec_driver_sql(f"ALTER TABLE {table} DROP COLUMN {column}")
    for table in ("contact_private", "owner_history", "account_share", "person"):
        op.drop_table(table)
    if not postgresql:
        snapshot.install_triggers(bind.exec_driver_sql)
