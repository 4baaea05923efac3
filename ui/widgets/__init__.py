"""Widgets and models that pages and dialogs share: tables and their roles, the alerts
list, the charts. They show what they are given and call no service."""
