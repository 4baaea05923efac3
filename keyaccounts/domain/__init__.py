"""The domain: KeyAccounts' vocabulary, value types and rules (DOMAIN.md's words).

Pure Python: no SQLAlchemy, no Qt. Everything else may import it; it imports nothing
of the app's but ``keyaccounts.i18n``.
"""
