"""The domain: KeyAccounts' vocabulary, value types and rules (DOMAIN.md's words).

Holds the vocabulary (``vocabulary``: tiers, levels, kinds), the rules that have one home
here (``tiers``: tier rhythms and NEW_RELATIONSHIP_DAYS; ``settings``: every setting with
its type and default, the gift limit among them; ``value``: RFM and lifetime value;
``handover``: the new owner's month; ``rhythm``, ``festivals``), dates and the lunar calendar (``dates``), what a user types
(``numbers``, ``text``, ``names``), how dates and money are written (``formats``), errors,
the one clock (``clock``), and the records services hand out (``views``; the Today page's
in ``today``).

Pure Python: no SQLAlchemy, no storage, no Qt. Everything else may import it; it imports
nothing of the app's but itself and ``keyaccounts.i18n``. A new rule goes here, with a
test that needs no database.
"""
