"""Alembic environment: run on the connection that keyaccounts.storage.db hands over.

Each migration runs in a transaction of its own (SQLite has transactional DDL
and keyaccounts.storage.db makes the driver use it), in batch mode for ALTERs.
"""

from alembic import context

from keyaccounts.storage.model import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    transactional_ddl=True,
    transaction_per_migration=True,
)
with context.begin_transaction():
    context.run_migrations()
