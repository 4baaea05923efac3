"""Application start-up: arguments, language, database, main window, screenshot."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
ORGANIZATION, APPLICATION = "KeyAccounts", "KeyAccounts"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="main.py", description="KeyAccounts desktop app")
    parser.add_argument("--db", metavar="PATH", help="database file")
    parser.add_argument("--demo", action="store_true",
                        help="open the demo database (created on first use)")
    parser.add_argument("--screenshot", metavar="FILE",
                        help="save the main window as PNG once painted, then exit")
    parser.add_argument("--page", choices=("today", "accounts", "calendar", "portfolio"),
                        help="start on this page")
    parser.add_argument("--lang", metavar="LANG", help="language, e.g. en or zh_CN")
    parser.add_argument("--today", metavar="YYYY-MM-DD", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def install_translators(app, language: str) -> str:
    """Load our .qm and Qt's own for *language* ('' = the system's); return the code used."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    from keyaccounts.i18n import set_language

    locale = QLocale(language) if language else QLocale.system()
    code = "zh_CN" if locale.language() == QLocale.Language.Chinese else "en"
    set_language(code)
    QLocale.setDefault(QLocale(code if code != "en" else "en_US"))
    app._translators = []
    folders = [("keyaccounts", str(RESOURCES / "i18n"))]  # English: its plural forms
    if code != "en":
        folders.append(("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)))
    for name, folder in folders:
        translator = QTranslator(app)
        if translator.load(QLocale(code), name, "_", folder):
            app.installTranslator(translator)
            app._translators.append(translator)
    return code


def create_app(argv0: str = "keyaccounts"):
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    _skip_feature_scan()
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    # High DPI: Qt 6 scales by the screen's exact factor (PassThrough) by default.
    app = QApplication.instance() or QApplication([argv0])
    from ui.icons import app_icon

    app.setWindowIcon(app_icon())
    return app


def _skip_feature_scan() -> None:
    """PySide6 reads the source of every module imported after it, to see whether the
    module uses PySide's opt-in ``from __feature__ import snake_case`` switches; the app
    uses none, and the reading cost ~5 ms of start-up for ~60 modules (napari measured
    the same tax, napari/napari#8584). Modules then count as not switched, which they are.
    Nothing happens if a PySide6 release no longer has the hook."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "feature_imported", None)):
        feature.feature_imported = lambda module: None


def open_db(path_arg: str | None, demo: bool, passphrase: str | None = None):
    """Open the database, building the demo portfolio on first use of --demo."""
    from keyaccounts.db import open_database, resolve_path

    db = open_database(resolve_path(path_arg, demo=demo), passphrase=passphrase)
    if demo:
        from keyaccounts import services
        from keyaccounts.demo import build_demo

        if not services.list_accounts(db, include_archived=True):
            build_demo(db)
    return db


def main(argv: list[str], started=None) -> int:
    """Run the app; *started* (the benchmark's probe) is called with the main window."""
    args = parse_args(argv)
    app = create_app()
    from PySide6.QtCore import QSettings, QTimer

    from keyaccounts.errors import KeyAccountsError

    settings = QSettings()
    if args.screenshot:  # the same picture on every machine; the user's layout untouched
        import tempfile

        scratch = tempfile.TemporaryDirectory()  # noqa: SIM115 — lives until main returns
        settings = QSettings(str(Path(scratch.name) / "screenshot.ini"),
                             QSettings.Format.IniFormat)
    install_translators(app, args.lang or settings.value("language", "") or "")
    from keyaccounts.db import resolve_path

    path = resolve_path(args.db, demo=args.demo)
    instance = None
    if not args.screenshot:
        from ui.single import SingleInstance

        instance = SingleInstance(path)
        if not instance.acquire():
            instance.notify_running()  # the running window comes to the front
            return 0
    from keyaccounts.db import NeedsPassphrase, encryption_available, passphrase_from_env

    db, passphrase, tries = None, passphrase_from_env(), 0
    while db is None:
        try:
            db = open_db(args.db, args.demo, passphrase)
        except NeedsPassphrase as exc:
            if not args.screenshot and encryption_available() and tries < 3:
                tries += 1
                passphrase = ask_passphrase(app, path, retry=passphrase is not None)
                if passphrase is not None:
                    continue
            if args.screenshot or not offer_backup(app, path, str(exc), passphrase):
                print(f"main.py: {exc}", file=sys.stderr)
                return 1
        except KeyAccountsError as exc:
            if args.screenshot or not offer_backup(app, path, str(exc), passphrase):
                print(f"main.py: {exc}", file=sys.stderr)
                return 1
    from ui.mainwindow import MainWindow

    if args.page:
        settings.setValue("window/page", args.page)
    today = None
    if args.today:
        from keyaccounts.dates import parse_iso_date

        today = parse_iso_date(args.today, "today")
    window = MainWindow(db, settings, today=today)
    if instance is not None:
        instance.activated.connect(lambda: (window.showNormal(), window.raise_(),
                                            window.activateWindow()))

        def after_first_paint():
            from ui.backups import AutoBackup

            instance.listen()  # a second start now finds this window
            window.auto_backup = AutoBackup(db, window.worker, window)

        window.first_painted.connect(after_first_paint)
    if started is not None:
        started(window)
    window.show()
    if args.screenshot:
        target = args.screenshot

        def shoot():
            from ui import charts

            charts.loader.wait()  # charts shown are drawn once matplotlib has loaded
            window.grab().save(target)
            window.close()
            app.quit()

        window.loaded.connect(lambda: QTimer.singleShot(50, shoot))
    code = app.exec()
    db.close()
    if instance is not None:
        instance.release()
    return code


def ask_passphrase(app, path, retry: bool) -> str | None:
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    label = (app.translate("App", "Wrong passphrase. Try again for %1:") if retry else
             app.translate("App", "%1 is encrypted. Passphrase:")).replace("%1", path.name)
    text, ok = QInputDialog.getText(None, app.translate("App", "KeyAccounts"), label,
                                    QLineEdit.EchoMode.Password)
    return text if ok and text else None


def offer_backup(app, path, message: str, passphrase: str | None = None) -> bool:
    """Say what is wrong with the database; offer the latest good backup. True: restored."""
    from PySide6.QtWidgets import QMessageBox

    from keyaccounts import backup

    latest = backup.latest_good_backup(path, passphrase) if path.exists() else None
    box = QMessageBox(QMessageBox.Icon.Critical, app.translate("App", "KeyAccounts"), message)
    restore_button = None
    if latest is not None:
        box.setInformativeText(app.translate(
            "App", "The latest good backup is %1. Restoring it keeps the current file "
            "beside it, untouched.").replace("%1", latest.name))
        restore_button = box.addButton(app.translate("App", "Restore the latest backup"),
                                       QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if restore_button is None or box.clickedButton() is not restore_button:
        return False
    try:
        backup.restore(path, latest, passphrase)
    except Exception as exc:  # noqa: BLE001 — shown, never a traceback
        QMessageBox.critical(None, app.translate("App", "KeyAccounts"), str(exc))
        return False
    return True
