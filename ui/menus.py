"""The main window's menus, toolbar, actions and their shortcuts; help and about.

A mixin of ui.mainwindow.MainWindow. Its strings are in the Qt context "Menus":
PySide's tr() looks through the window's classes, the mixins included."""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolBar

import shiboken6

from keyaccounts.services import datafile
from ui.icons import icon
from ui.navigation import PAGES
from ui.text import arg


class Menus:
    def _action(self, text: str, shortcut, slot, ico: str | None = None,
                menu=None) -> QAction:
        action = QAction(text, self)
        if ico:
            action.setIcon(icon(ico))
        if shortcut:  # the keys come with the menus, after the first frame
            self._keys.append((action, shortcut if isinstance(shortcut, list) else [shortcut]))
            if self._menus_built:
                self._give_keys()
        action.triggered.connect(slot)
        self.addAction(action)
        if menu is not None:
            menu.addAction(action)
        self.all_actions.append(action)
        return action

    def _build_toolbar(self) -> None:
        """The menu bar's titles and the toolbar, as the first frame shows them."""
        self.all_actions: list[QAction] = []
        self._keys: list[tuple[QAction, list[str]]] = []  # shortcuts not yet given
        self._menus_built = False
        bar = self.menuBar()
        self.menus = [bar.addMenu(title) for title in (self.tr("&File"), self.tr("&Edit"),
                                                       self.tr("&View"), self.tr("&Help"))]
        self.act_log = self._action(self.tr("&Quick log…"), "Ctrl+L", lambda: self.quick_log(),
                                    "log")
        self.act_new_account = self._action(self.tr("New &account…"), "Ctrl+N", self.new_account,
                                            "add")
        self.act_new_contact = self._action(self.tr("New key &contact…"), "Ctrl+Shift+N",
                                            self.new_contact, "contact")
        self.act_new_contact.setEnabled(False)  # until an account is shown
        toolbar = QToolBar(self.tr("Main"), self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        # By name, as the first frame leaves Qt's namespace of enums alone (ui.widgets.tables.Role).
        toolbar.setProperty("toolButtonStyle", "ToolButtonTextBesideIcon")
        toolbar.addAction(self.act_log)
        toolbar.addAction(self.act_new_account)
        toolbar.addAction(self.act_new_contact)
        self.toolbar = toolbar
        self.addToolBar(toolbar)

    def _build_menus(self) -> None:
        """The menus' actions and their shortcuts (after the first frame: the menu bar
        shows its titles from the start; nobody opens a menu before it)."""
        file_menu, edit_menu, view_menu, help_menu = self.menus
        file_menu.addActions([self.act_log, self.act_new_account, self.act_new_contact])
        file_menu.addSeparator()
        self.act_import = self._action(self.tr("&Import contacts…"), "Ctrl+I", self.import_contacts,
                                       None, file_menu)
        export_menu = file_menu.addMenu(self.tr("&Export"))
        self._action(self.tr("Contacts as CSV…"), None, lambda: self.export("csv"), None,
                     export_menu)
        self._action(self.tr("Contacts as vCard…"), None, lambda: self.export("vcard"), None,
                     export_menu)
        self._action(self.tr("Everything as JSON…"), None, lambda: self.export("json"), None,
                     export_menu)
        self._action(self.tr("Agenda as iCalendar…"), None, lambda: self.export("ics"), None,
                     export_menu)
        self._action(self.tr("Import &orders…"), None, self.import_orders, None, file_menu)
        self._action(self.tr("Quarterly &review of the account (PDF)…"), "Ctrl+Shift+R",
                     lambda: self.quarterly_report(False), None, file_menu)
        self._action(self.tr("Quarterly review of the &portfolio (PDF)…"), None,
                     lambda: self.quarterly_report(True), None, file_menu)
        self._action(self.tr("Suggest &tiers from revenue…"), None, self.suggest_tiers, None,
                     file_menu)
        self._action(self.tr("&Back up now"), "Ctrl+Shift+B", self.backup_now, None, file_menu)
        self._action(self.tr("&Restore a backup…"), None, self.restore_backup, None, file_menu)
        file_menu.addSeparator()
        self.act_settings = self._action(self.tr("&Settings…"), "Ctrl+,", self.open_settings,
                                         None, file_menu)
        file_menu.addSeparator()
        self._action(self.tr("&Quit"), "Ctrl+Q", self.close, None, file_menu)

        self.act_undo = self._action(self.tr("&Undo"), "Ctrl+Z", self.undo_stack.undo, None,
                                     edit_menu)
        self.act_redo = self._action(self.tr("&Redo"), ["Ctrl+Shift+Z", "Ctrl+Y"],
                                     self.undo_stack.redo, None, edit_menu)
        edit_menu.addSeparator()
        self.act_find = self._action(self.tr("&Find…"), ["Ctrl+F", "Ctrl+K"], self.focus_search,
                                     "search", edit_menu)
        self.act_filter = self._action(self.tr("Filter &accounts"), "Ctrl+Shift+F",
                                       self.focus_filter, None, edit_menu)
        edit_menu.addSeparator()
        self.act_edit_account = self._action(self.tr("&Edit account…"), "Ctrl+E",
                                             self.edit_account, "edit", edit_menu)
        self.act_archive = self._action(self.tr("Archive / restore account"), "Ctrl+Shift+Del",
                                        self.archive_account, "archive", edit_menu)

        for n, key in enumerate(PAGES):
            self._action(self.nav.item(n).text(), f"Ctrl+{n + 1}",
                         lambda _c=False, n=n: self.go(PAGES[n]), None, view_menu)
        view_menu.addSeparator()
        self._action(self.tr("&Refresh"), "F5", self.reload, None, view_menu)

        self._action(self.tr("&Keyboard shortcuts"), "F1", self.show_shortcuts, "help",
                     help_menu)
        self._action(self.tr("&About KeyAccounts"), None, self.about, None, help_menu)
        self._give_keys()
        self._menus_built = True
        self._update_actions()

    def _give_keys(self) -> None:
        """The actions' shortcuts, application-wide (not before the first frame: they
        need QKeySequence and Qt's namespace of enums, see ui.widgets.tables.Role)."""
        from PySide6.QtGui import QKeySequence

        for action, keys in self._keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(QtCore.Qt.ShortcutContext.ApplicationShortcut)
        self._keys.clear()

    def _undo_index_changed(self, _index: int) -> None:
        if shiboken6.isValid(self.undo_stack):  # not while the window is being destroyed
            self._update_actions()

    def _update_actions(self) -> None:
        if not self._menus_built:  # they bring their state along
            return
        self.act_undo.setEnabled(self.undo_stack.canUndo())
        self.act_redo.setEnabled(self.undo_stack.canRedo())
        self.act_undo.setText(arg(self.tr("&Undo %1"), self.undo_stack.undoText()).strip())
        self.act_redo.setText(arg(self.tr("&Redo %1"), self.undo_stack.redoText()).strip())
        has_account = self.current_account is not None
        for a in (self.act_new_contact, self.act_edit_account, self.act_archive):
            a.setEnabled(has_account)

    def shortcut_rows(self) -> list[tuple[str, str]]:
        from ui.dialogs.shortcuts import shortcut_rows

        return shortcut_rows(self.all_actions)

    def show_shortcuts(self) -> None:
        from ui.dialogs.shortcuts import ShortcutsDialog

        self.shortcuts_dialog = ShortcutsDialog(self.shortcut_rows(), self)
        self.shortcuts_dialog.open()

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from keyaccounts import __version__

        QMessageBox.about(self, self.tr("About KeyAccounts"), arg(self.tr(
            "<b>KeyAccounts %1</b><br>客户关系维护 — keeps relationships with key accounts "
            "alive.<br><br>Database: %2"), __version__, str(datafile.location(self.db))))
