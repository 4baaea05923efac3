"""Storage: the database from a path or URL, the unit of work, the ORM mapping,
migrations, backups, and what only SQLite has (PRAGMAs, SQLCipher, snapshots).

Imports the domain; never services, io, cli or Qt.
"""
