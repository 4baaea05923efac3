"""The dialogs: the quick log, accounts and contacts, cadences, the import wizard,
settings and encryption. A dialog runs its service call through ui.operations and shows
a refusal beside the field it names; it imports widgets, services and domain value
types, never the storage layer or a page."""
