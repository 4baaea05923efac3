"""The test session's PostgreSQL server: keyaccounts.devtools.pgserver (the bench's
team run starts its server the same way)."""

from keyaccounts.devtools.pgserver import SUPERUSER, PgServer, Unavailable  # noqa: F401
