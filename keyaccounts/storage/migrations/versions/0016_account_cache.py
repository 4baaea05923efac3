"""the per-account cache: a stamp per account raised by triggers on every change of its
rows, entries of derived views per account, and an agenda mark's account

Revision ID: 0016
Revises: 0015

See keyaccounts.storage.cache. ``agenda_mark`` gains ``account_id`` (NULL: a
festival's mark, or the account is not known), filled here from each mark's key, so
that marking an item raises only its account's stamp. On PostgreSQL the stamps are
raised by statement-level triggers (``SECURITY DEFINER`` functions); on SQLite by row
triggers. ``team init`` gives both tables row-level security (keyaccounts.storage.team).
"""

import sqlalchemy as sa
from alembic import op

from keyaccounts.storage import cache

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

# An agenda item's key starts with its kind; the account is found from what follows.
_BY_KIND = {"follow-up": "follow_up", "complaint": "complaint", "birthday": "contact",
            "anniversary": "contact", "renewal": "account", "partnership": "account"}


def _mark_accounts(bind) -> dict[str, int]:
    """The account of each agenda mark, from its key."""
    lookups: dict[str, dict[int, int]] = {}

    def account_of(table: str, row_id: int) -> int | None:
        if table == "account":
            return row_id
        if table not in lookups:
            lookups[table] = dict(bind.exec_driver_sql(
                f"SELECT id, account_id FROM {table}").fetchall())
        return lookups[table].get(row_id)

    found = {}
    for (key,) in bind.exec_driver_sql("SELECT key FROM agenda_mark").fetchall():
        kind, _sep, rest = key.partition(":")
        source = rest.split(":", 1)[0]
        aid = None
        if kind == "cadence":
            if "-tier" in source and source.split("-tier")[0].isdigit():
                aid = int(source.split("-tier")[0])
            elif source.isdigit():
                aid = account_of("cadence", int(source))
        elif kind in _BY_KIND and source.isdigit():
            aid = account_of(_BY_KIND[kind], int(source))
        if aid is not None:
            found[key] = aid
    return found


def upgrade() -> None:
    bind = op.get_bind()
    postgresql = bind.dialect.name == "postgresql"
    op.add_column("agenda_mark", sa.Column("account_id", sa.Integer(), nullable=True))
    op.create_table(
        "account_stamp",
        sa.Column("account_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("stamp", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("account_id", name=op.f("pk_account_stamp")),
    )
    op.create_table(
        "account_cache",
        sa.Column("account_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("language", sa.String(20), nullable=False),
        sa.Column("generation", sa.String(80), nullable=False),
        sa.Column("stamp", sa.BigInteger(), nullable=False),
        sa.Column("global_stamp", sa.BigInteger(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("account_id", "name", "day", "language",
                                name=op.f("pk_account_cache")),
    )
    op.create_index(op.f("ix_account_cache_day"), "account_cache", ["day"])
    for key, aid in _mark_accounts(bind).items():
        bind.exec_driver_sql("UPDATE agenda_mark SET account_id = %s WHERE key = %s"
                             if postgresql else
                             "UPDATE agenda_mark SET account_id = ? WHERE key = ?", (aid, key))
    if postgresql:
        for statement in cache.postgresql_sql(cache.postgresql_tables(bind.exec_driver_sql)):
            bind.exec_driver_sql(statement)
    else:
        cache.install_sqlite_triggers(bind.exec_driver_sql)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for statement in cache.postgresql_drop_sql(cache.postgresql_tables(bind.exec_driver_sql)):
            bind.exec_driver_sql(statement)
    else:
        cache.drop_sqlite_triggers(bind.exec_driver_sql)
    op.drop_index(op.f("ix_account_cache_day"), table_name="account_cache")
    op.drop_table("account_cache")
    op.drop_table("account_stamp")
    if bind.dialect.name == "postgresql":
        op.drop_column("agenda_mark", "account_id")
    else:
        bind.exec_driver_sql("ALTER TABLE agenda_mark DROP COLUMN account_id")
