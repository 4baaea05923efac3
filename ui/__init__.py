"""The Qt desktop app: a thin layer over keyaccounts.services.

``mainwindow`` (the window, from mixins: ``navigation``, ``menus``, ``search``, ``actions``,
``files``), ``operations`` (runs each user action's service call on the worker and says
what it changed, after Anki's aqt/operations; ``worker`` is the thread, ``commands`` the
undoable ones), ``pages/``, ``dialogs/``, ``widgets/``, and the start-up and looks
(``app``, ``tray``, ``single``, ``backups``, ``icons``, ``style``, ``colors``, ``labels``).

Imports services, io (each file action calls one io function), domain value types (and
keyaccounts.i18n, keyaccounts.perf, the demo of keyaccounts.devtools) and its own
modules; never SQLAlchemy, keyaccounts.storage or a session, and reads the day from
keyaccounts.domain.clock (tests/project checks both).
"""
