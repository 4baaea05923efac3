"""KeyAccounts — key-account relationship maintenance.

The pure-Python core, one package per layer (README, "Where things live"): domain/
(vocabulary, rules, view records), storage/ (the database), services/ (one function per
user action), io/ (files in and out), cli/ (the ``keyaccounts`` command), devtools/ (the
benchmark and the demo); beside them i18n.py (gettext) and perf.py (the collector paused
for bulk work), which any layer may import. Nothing in this package imports Qt or ui/;
the desktop app in ``ui/`` calls the same services. tests/project/test_layers.py checks
who imports whom.
"""

__version__ = "0.1.0"
