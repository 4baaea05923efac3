"""Application start-up: arguments, language, database, main window, screenshot."""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from types import SimpleNamespace

from PySide6.QtCore import QT_TRANSLATE_NOOP

ORGANIZATION, APPLICATION = "KeyAccounts", "KeyAccounts"

OPTIONS = {  # name: value's name (None: a switch), help
    "db": ("PATH", QT_TRANSLATE_NOOP("App", "database file")),
    "demo": (None, QT_TRANSLATE_NOOP("App", "open the demo database (created on first use)")),
    "screenshot": ("FILE", QT_TRANSLATE_NOOP(
        "App", "save the main window as PNG once painted, then exit")),
    "page": ("PAGE", QT_TRANSLATE_NOOP(
        "App", "start on this page: today, accounts, calendar or portfolio")),
    "lang": ("LANG", QT_TRANSLATE_NOOP("App", "language, e.g. en or zh_CN")),
    "today": ("YYYY-MM-DD", ""),  # tests and screenshots: another day as today
}


class UsageError(Exception):
    """A command line the app cannot start with; its text says why, and ``lang`` is
    the language it asked for, if that much could be read."""

    def __init__(self, text: str, lang: str | None):
        super().__init__(text)
        self.lang = lang


def _parser():
    """Qt's command-line parser (argparse's gettext lookups cost start-up ~2 ms),
    with the help in the language installed."""
    from PySide6.QtCore import QCommandLineOption, QCommandLineParser, QCoreApplication

    parser = QCommandLineParser()
    parser.setApplicationDescription(QCoreApplication.translate("App", "KeyAccounts desktop app"))
    parser.addHelpOption()
    for name, (value, text) in OPTIONS.items():
        option = QCommandLineOption([name], "", value or "")
        if text:
            text = QCoreApplication.translate("App", text)  # strings marked with QT_TRANSLATE_NOOP
            option.setDescription(text)
        else:
            option.setFlags(QCommandLineOption.Flag.HiddenFromHelp)
        parser.addOption(option)
    return parser


def parse_args(argv: list[str]) -> SimpleNamespace:
    """The options given (None or False where not); ``help`` True when asked for it.
    Raises UsageError."""
    from PySide6.QtCore import QCoreApplication

    from ui.text import arg

    parser = _parser()
    if not parser.parse(["main.py", *argv]):
        raise UsageError(parser.errorText(), parser.value("lang") or None)
    if parser.positionalArguments():
        raise UsageError(arg(QCoreApplication.translate("App", "unexpected argument: %1"),
                             parser.positionalArguments()[0]), parser.value("lang") or None)
    args = SimpleNamespace(help=parser.isSet("help") or parser.isSet("help-all"))
    for name, (value, _text) in OPTIONS.items():
        setattr(args, name, (parser.value(name) or None) if value else parser.isSet(name))
    if args.page is not None:
        from ui.mainwindow import PAGES

        if args.page not in PAGES:
            raise UsageError(arg(QCoreApplication.translate(
                "App", "no such page: %1 (today, accounts, calendar or portfolio)"),
                args.page), args.lang)
    if args.today is not None:
        from keyaccounts.domain.dates import parse_iso_date
        from keyaccounts.domain.errors import KeyAccountsError

        try:
            args.today = parse_iso_date(args.today, "today")
        except KeyAccountsError as exc:
            raise UsageError(str(exc), args.lang) from None
    return args


def install_translators(app, language: str) -> str:
    """Load our .qm and Qt's own for *language* ('' = the system's); return the code used."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    from keyaccounts.i18n import set_language
    from ui import resources

    locale = QLocale(language) if language else QLocale.system()
    code = "zh_CN" if locale.language() == QLocale.Language.Chinese else "en"
    set_language(code)
    QLocale.setDefault(QLocale(code if code != "en" else "en_US"))
    app._translators = []
    folders = [("keyaccounts", resources.path("i18n"))]  # English: its plural forms
    if code != "en":
        folders.append(("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)))
    for name, folder in folders:
        translator = QTranslator(app)
        if translator.load(QLocale(code), name, "_", folder):
            app.installTranslator(translator)
            app._translators.append(translator)
    return code


def create_app(argv0: str = "keyaccounts", argv: list[str] = (), gui: bool = True):
    """The application; without *gui* (for --help) one that needs no display. Should Qt's
    platform plugin fail to start, the process ends with a message saying what to
    install (ui.qtplatform) instead of Qt's abort."""
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    if QCoreApplication.instance() is not None:
        app = QCoreApplication.instance()
    elif not gui:
        return QCoreApplication([argv0])
    else:
        from PySide6.QtWidgets import QApplication

        from ui.qtplatform import explained_failure

        with explained_failure(list(argv), Path(sys.argv[0] if sys.argv else "").name
                               or "keyaccounts-app"):
            # High DPI: Qt 6 scales by the screen's exact factor (PassThrough) by default.
            app = QApplication([argv0])
    if not hasattr(app, "setWindowIcon"):
        return app
    from ui.icons import app_icon

    app.setWindowIcon(app_icon())
    return app


def open_db(path_arg: str | None, demo: bool, passphrase: str | None = None,
            create: bool = False):
    """Open the database, building the demo portfolio on first use of --demo."""
    from keyaccounts.services import datafile

    db = datafile.open(path_arg, demo=demo, passphrase=passphrase, create=create)
    if demo:
        from keyaccounts import services
        from keyaccounts.devtools.demo import build_demo

        if not services.list_accounts(db, include_archived=True):
            build_demo(db)
    return db


def main(argv: list[str], started=None) -> int:
    """Run the app; *started* (the benchmark's probe) is called with the main window."""
    # Until its first frame the app makes objects that live as long as it does (modules,
    # classes, enums, widgets): the cyclic collector would walk them again and again
    # for nothing (~6 ms of start-up; main.py pauses it before its first import). It
    # resumes once that frame is on screen.
    gc.disable()
    asks_help = any(a in ("-h", "--help", "--help-all", "-?") for a in argv)
    app = create_app(argv=argv, gui=not asks_help)
    from PySide6.QtCore import QSettings, QTimer

    from keyaccounts.domain.errors import KeyAccountsError

    try:
        args, lang = parse_args(argv), None
    except UsageError as exc:
        args, lang = None, exc.lang  # said once that language is installed
    settings = QSettings()
    if args is not None and args.screenshot:  # the same picture on every machine; the
        import tempfile                       # user's layout untouched

        scratch = tempfile.TemporaryDirectory()  # noqa: SIM115 — lives until main returns
        settings = QSettings(str(Path(scratch.name) / "screenshot.ini"),
                             QSettings.Format.IniFormat)
    install_translators(app, (args.lang if args else lang) or settings.value("language", "")
                        or "")
    if args is None:
        try:
            parse_args(argv)
        except UsageError as exc:
            print(f"main.py: {exc}", file=sys.stderr)
            return 2
    if args.help:
        print(_parser().helpText())
        return 0
    from keyaccounts.services import datafile

    path = datafile.resolve_path(args.db, demo=args.demo)
    instance = None
    if not args.screenshot:
        from ui.single import SingleInstance

        instance = SingleInstance(path)
        if not instance.acquire():
            instance.notify_running()  # the running window comes to the front
            return 0
    from keyaccounts.services.datafile import (NeedsPassphrase, NoDatabase,
                                               encryption_available, passphrase_from_env)

    db, passphrase, tries, create = None, passphrase_from_env(), 0, False
    # A team server chosen in Settings, unless a file is named (--db, $KEYACCOUNTS_DB).
    import os

    team = None
    if not (args.db or args.demo or args.screenshot or os.environ.get(datafile.ENV_VAR)):
        team = str(settings.value("team/url", "") or "") or None
    if team is not None:
        db = open_team_database(app, settings, team)
        if db is False:
            if instance is not None:
                instance.release()
            return 1
    while db is None:
        try:
            db = open_db(args.db, args.demo, passphrase, create)
        except NoDatabase as exc:  # a mistyped path is no new database, unless asked
            if not create and not args.screenshot and offer_new_database(app, str(exc)):
                create = True
                continue
            print(f"main.py: {exc}", file=sys.stderr)
            return 1
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
    from ui.widgets.focusring import install as install_focus_ring

    if args.page:
        settings.setValue("window/page", args.page)
    window = MainWindow(db, settings, today=args.today)
    if instance is not None:
        instance.activated.connect(lambda: (window.showNormal(), window.raise_(),
                                            window.activateWindow()))

        def after_first_paint():
            from ui.backups import AutoBackup

            instance.listen()  # a second start now finds this window
            # Checked first, so that a damaged file is neither backed up nor written.
            window.worker.submit(lambda: datafile.check(db), on_done=lambda found: (
                found and show_damage(window, *found)))
            window.auto_backup = AutoBackup(db, window.worker, window)
            from ui.calendar_sync import AutoPublish

            window.calendar_sync = AutoPublish(window.ops, window)

        window.first_painted.connect(after_first_paint)
    window.first_painted.connect(gc.enable)
    # Where typing will go, clearly shown; after the first frame (its painting builds
    # Qt's namespace of enums, ~12 ms).
    window.first_painted.connect(lambda: install_focus_ring(app))
    # On a team connection: offline since when, what waits to be sent (hidden otherwise).
    def install_offline_indicator():
        from ui import offline

        window.offline_indicator = offline.install(window)

    window.first_painted.connect(install_offline_indicator)
    QTimer.singleShot(5000, gc.enable)  # should the window never paint
    if started is not None:
        started(window)
    window.show()
    if args.screenshot:
        target = args.screenshot

        def shoot():
            from ui.widgets import charts

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


def open_team_database(app, settings, url: str):
    """The team database of Settings ▸ Team server, as the person's login: the password
    from the keyring, else asked (and kept there when Settings says so). Out of reach,
    this computer's copy of it, offline, as `--db URL` opens it. Refused (the server down
    and no copy yet, a wrong password, a disabled person), one dialog says why in words,
    naming the server, and offers to try again or to open this computer's file (None);
    False: quit. Each question is a modal dialog of its own (see team_failure_box), so
    that a test answers it as a user would."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    from keyaccounts.domain.errors import KeyAccountsError
    from keyaccounts.services import datafile

    password, asked = datafile.team_password(url), False
    while True:
        if password is None:
            text, ok = QInputDialog.getText(
                None, app.translate("App", "KeyAccounts"),
                app.translate("App", "Password for the team server %1:").replace(
                    "%1", datafile.server_name(url)),
                QLineEdit.EchoMode.Password)
            if not ok:
                return None
            password, asked = text, True
        try:
            db = connecting(app, datafile.server_name(url),  # out of reach: the copy
                            lambda p=password: datafile.open_team(url, p, or_copy=True))
        except KeyAccountsError as exc:
            box = team_failure_box(app, exc)
            box.exec()
            answer = box.clickedButton()
            if answer is box.again:
                # A refused password is asked again; a server out of reach is tried again.
                if getattr(exc, "password", False):
                    password = None
                continue
            return None if answer is box.local else False
        if asked and str(settings.value("team/keyring", "false")).lower() == "true":
            try:
                datafile.remember_team_password(url, password)
            except KeyAccountsError:
                pass  # no keyring here: asked again at the next start
        return db


def connecting(app, server: str, work):
    """``work()`` (opening a server's database) on a thread of its own, its result or
    its error returned here; meanwhile the app answers, and after half a second a small
    window says which server it is waiting for (up to the connection's timeout)."""
    import threading

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QProgressDialog

    outcome: dict = {}

    def run() -> None:
        try:
            outcome["result"] = work()
        except BaseException as exc:  # noqa: BLE001 — raised again on the GUI thread
            outcome["error"] = exc

    thread = threading.Thread(target=run, name="connect", daemon=True)
    thread.start()
    thread.join(0.05)  # a server at hand answers before anything need be shown
    if thread.is_alive():
        waiting = QProgressDialog(app.translate("App", "Connecting to the team server %1…")
                                  .replace("%1", server), "", 0, 0)
        waiting.setCancelButton(None)
        waiting.setWindowTitle(app.translate("App", "KeyAccounts"))
        loop = QEventLoop()
        QTimer.singleShot(450, waiting, waiting.show)
        poll = QTimer(interval=20)
        poll.timeout.connect(lambda: thread.is_alive() or loop.quit())
        poll.start()
        loop.exec()
        poll.stop()
        waiting.close()
        waiting.deleteLater()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def team_failure_box(app, exc: Exception):
    """The dialog for a team server that cannot be opened at the start: what happened in
    words (the server named), the server's own answer under Show Details, and three ways
    on: Try again (the default), Open this computer's file, Quit (also Escape)."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, app.translate("App", "Team server"), str(exc))
    box.setInformativeText(app.translate(
        "App", "Try again, or work on this computer's own file meanwhile (the team's "
        "accounts are not in it)."))
    detail = getattr(exc, "detail", "")
    if detail:
        box.setDetailedText(detail)
    box.again = box.addButton(app.translate("App", "&Try again"),
                              QMessageBox.ButtonRole.AcceptRole)
    box.local = box.addButton(app.translate("App", "Open this computer's &file"),
                              QMessageBox.ButtonRole.ActionRole)
    box.quit = box.addButton(app.translate("App", "&Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(box.again)
    box.setEscapeButton(box.quit)
    return box


def ask_passphrase(app, path, retry: bool) -> str | None:
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    label = (app.translate("App", "Wrong passphrase. Try again for %1:") if retry else
             app.translate("App", "%1 is encrypted. Passphrase:")).replace("%1", path.name)
    text, ok = QInputDialog.getText(None, app.translate("App", "KeyAccounts"), label,
                                    QLineEdit.EchoMode.Password)
    return text if ok and text else None


def offer_new_database(app, message: str) -> bool:
    """There is no database where the app was pointed: True if the user asks for a new
    one there (the app's way to make a database other than the default)."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, app.translate("App", "KeyAccounts"), message)
    create = box.addButton(app.translate("App", "Create a new database there"),
                           QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    return box.clickedButton() is create


def show_damage(window, message: str, latest) -> None:
    """The open database failed its check: say so once (nothing is written to it any
    more) and offer its latest verified backup."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    from ui.text import arg

    app = QCoreApplication.instance()
    box = QMessageBox(QMessageBox.Icon.Critical, app.translate("App", "KeyAccounts"), message,
                      parent=window)
    restore = None
    if latest is not None:
        box.setInformativeText(arg(app.translate(
            "App", "Nothing will be written to it. The latest verified backup is %1; "
            "restoring it keeps the damaged file as a backup."), latest.name))
        restore = box.addButton(app.translate("App", "Restore the latest backup"),
                                QMessageBox.ButtonRole.AcceptRole)
    else:
        box.setInformativeText(app.translate(
            "App", "Nothing will be written to it, and it has no verified backup."))
    box.addButton(QMessageBox.StandardButton.Close)
    window.damage_box = box
    box.finished.connect(lambda _result: restore is not None and box.clickedButton() is restore
                         and window.restore_backup(str(latest)))
    box.open()


def offer_backup(app, path, message: str, passphrase: str | None = None) -> bool:
    """Say what is wrong with the database; offer the latest good backup. True: restored."""
    from PySide6.QtWidgets import QMessageBox

    from keyaccounts.services import datafile

    latest = datafile.latest_good_backup(path, passphrase=passphrase)
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
        datafile.restore_file(path, latest, passphrase=passphrase)
    except Exception as exc:  # noqa: BLE001 — shown, never a traceback
        QMessageBox.critical(None, app.translate("App", "KeyAccounts"), str(exc))
        return False
    return True
