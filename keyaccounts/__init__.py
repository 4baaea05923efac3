"""KeyAccounts — key-account relationship maintenance.

The pure-Python core: domain model, storage, services and CLI.  Nothing in
this package imports Qt; the desktop app in ``ui/`` calls the same services.
"""

__version__ = "0.1.0"
