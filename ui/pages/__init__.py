"""The window's pages: Today (the agenda), Accounts (the list and one account's page with
its records), Calendar and Portfolio. A page shows what the window hands it and emits
signals for what the user asks; it writes nothing itself (see ui.operations). Pages
import widgets, dialogs, services and domain value types; never the storage layer."""
