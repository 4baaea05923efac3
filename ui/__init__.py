"""The Qt layer of KeyAccounts: thin widgets, models and dialogs over keyaccounts.services."""
