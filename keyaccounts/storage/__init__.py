"""Storage: the database from a path or URL (``db``: the unit of work), the ORM mapping
(``model``), the few SQL constructs that differ by engine (``sql``), Alembic migrations
(``migrations/versions``, numbered), backups, integrity checks, team roles and row-level
security on a server (``team``), and what only SQLite has (PRAGMAs, SQLCipher in
``crypto``, the Today page's snapshots in ``snapshot``).

Imports the domain; never io, cli, devtools or Qt, nor services, but for ``snapshot``,
which fills a missing snapshot from the planner, health and alerts services (the one
exception tests/project/test_layers.py allows). A new column or table goes in ``model``
with a migration that runs on SQLite and PostgreSQL.
"""
