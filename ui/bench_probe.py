"""GUI probes that ``keyaccounts bench`` runs in fresh processes (the core stays Qt-free).

    python -m ui.bench_probe bare            a bare QMainWindow, shown and painted
    python -m ui.bench_probe app DB          the app on its Today page, painted; then, once
                                             everything has loaded, its peak RSS
    python -m ui.bench_probe first DB        the app until its Today page is painted
    python -m ui.bench_probe filter DB       median seconds of a filter keystroke
    python -m ui.bench_probe account DB ID   median seconds to read and show an account page
    python -m ui.bench_probe freeze DB       for each of a day's interactions, the longest
                                             the window went without handling events
"""

from __future__ import annotations

# Nothing more at the top: the bare window and the app start with the same imports.

import resource
import sys
import time


def bare() -> None:
    """A bare QMainWindow: the moment its first frame has been painted."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    class Window(QMainWindow):
        def paintEvent(self, event):
            super().paintEvent(event)
            QTimer.singleShot(0, painted)  # runs once the frame is complete

    def painted():
        if not shown:
            shown.append(time.time())
            print("PAINTED", shown[0], flush=True)
            app.quit()

    shown: list[float] = []
    app = QApplication(sys.argv[:1])
    window = Window()
    window.resize(1280, 800)
    window.show()
    app.exec()


def app(db: str, first_only: bool = False) -> None:
    """Start as a user does (main.py, its settings in a scratch folder: the bench sets
    XDG_CONFIG_HOME); the moment the Today page has painted its agenda, the same way as
    the bare window's. Then, once everything has loaded, the peak RSS; with
    *first_only* (a team's first screen), nothing more: the process ends there."""
    import gc

    gc.disable()  # as main.py does
    from ui import app as ui_app

    def started(window):
        from PySide6.QtCore import QCoreApplication, QTimer

        def painted():
            if shown:
                return
            shown.append(time.time())
            print("PAINTED", shown[0], flush=True)
            if first_only:  # not waiting for the worker's loading of the rest
                import os

                os._exit(0)
            # Whether Qt's namespace of enums was built for the first frame (~12 ms; it
            # need not be: see ui.widgets.tables.Role).
            print("QT_NAMESPACE", int("Qt" in sys.modules["PySide6.QtCore"].__dict__))
            # Peak memory counts once all the start-up work (accounts, health, alerts,
            # portfolio) is done, not just the first paint.
            window.loaded.connect(lambda: QTimer.singleShot(0, finish))

        def finish():
            import gc

            window.worker.wait()
            print("RSS_KB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
            print("GC_ENABLED", int(gc.isenabled()))  # paused for the start only
            QCoreApplication.quit()  # not closed: closing would prepare snapshots

        window.agenda_shown.connect(painted)

    shown: list[float] = []
    ui_app.main(["--db", db], started=started)


def filter_keystroke(db: str) -> None:
    from keyaccounts.domain import clock
    import statistics

    from PySide6.QtWidgets import QApplication

    from keyaccounts import services
    from keyaccounts.services import datafile
    from ui.pages.accounts import AccountsList

    qt = QApplication(sys.argv[:1])
    database = datafile.open(db)
    rows = services.account_rows(database)
    view = AccountsList()
    view.set_rows(rows, clock.today())
    times = []
    for text in ("A", "Ac", "Acc", "Account 0", "Account 01", "", "0", "00"):
        t = time.perf_counter()
        view.search.setText(text)
        qt.processEvents()
        times.append(time.perf_counter() - t)
    print("ROWS", len(rows))
    print("SECONDS", statistics.median(times))
    database.close()


def account_page(db: str, account_id: int) -> None:
    """What a click on an account costs: its page read (as on the worker) and shown."""
    from keyaccounts.domain import clock
    import statistics

    from PySide6.QtWidgets import QApplication

    from keyaccounts import services
    from keyaccounts.services import datafile
    from ui.operations import Operations
    from ui.pages.account import AccountView
    from ui.worker import DbWorker

    qt = QApplication(sys.argv[:1])
    database = datafile.open(db)
    view = AccountView()
    view.ops = Operations(database, DbWorker())
    view.resize(900, 700)
    view.show()
    times = []
    for _n in range(6):
        t = time.perf_counter()
        page = services.account_page(database, account_id, clock.today())
        view.show_page(page)
        qt.processEvents()
        times.append(time.perf_counter() - t)
    print("INTERACTIONS", len(page.chain))
    print("SECONDS", statistics.median(times[1:]))
    from ui.widgets import charts

    # The page asked for its charts: matplotlib may still be loading on the loader's
    # thread (on a fresh machine it first builds its font cache), which the end of the
    # process must not cut short.
    charts.loader.wait()
    view.ops.worker.wait()
    database.close()


FREEZE_ACTIONS = ("accounts page", "an account", "calendar page", "next month",
                  "portfolio page", "log a call and refresh", "resize the window")


def freeze(db: str) -> None:
    """The window as a user finds it after start, then each action in turn: the longest
    gap between the ticks of a 2 ms timer until the action's work (worker included) is
    done — what the user feels as the window not answering. *db* is changed (a call is
    logged): give a copy."""
    from keyaccounts.domain import clock
    import tempfile

    from PySide6.QtCore import QSettings, QTimer

    from keyaccounts import services
    from ui import app as ui_app
    from ui.widgets import charts
    from ui.mainwindow import MainWindow

    qt = ui_app.create_app()
    ui_app.install_translators(qt, "en")
    database = ui_app.open_db(db, False)
    settings = QSettings(tempfile.mkdtemp() + "/probe.ini", QSettings.Format.IniFormat)
    window = MainWindow(database, settings)
    window.resize(1280, 800)
    window.show()

    def settle(seconds: float) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end or window.worker.pending:
            qt.processEvents()
            time.sleep(0.001)
        charts.loader.wait()

    settle(1.0)
    gaps, last = [], [0.0]

    def tick():
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer(interval=2)
    timer.timeout.connect(tick)
    timer.start()
    account = window.account_rows[len(window.account_rows) // 2].account
    actions = {
        "accounts page": lambda: window.go("accounts"),
        "an account": lambda: window.show_account(account.id),
        "calendar page": lambda: window.go("calendar"),
        "next month": lambda: window.calendar_page.step(1),
        "portfolio page": lambda: window.go("portfolio"),
        "log a call and refresh": lambda: (services.log_interaction(
            database, account.id, "call", clock.now(), "Probe call"), window.reload()),
        "resize the window": lambda: window.resize(1100, 720),
    }
    for name in FREEZE_ACTIONS:
        gaps.clear()
        last[0] = time.perf_counter()
        actions[name]()
        settle(0.6)
        print("FREEZE", max(gaps), name, flush=True)
    timer.stop()
    window.worker.wait()
    print("RSS_KB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)  # every page seen
    database.close()


def _main() -> None:
    what = sys.argv[1]
    if what == "bare":
        bare()
    elif what == "app":
        app(sys.argv[2])
    elif what == "first":
        app(sys.argv[2], first_only=True)
    elif what == "account":
        account_page(sys.argv[2], int(sys.argv[3]))
    elif what == "freeze":
        freeze(sys.argv[2])
    else:
        filter_keystroke(sys.argv[2])


if __name__ == "__main__":
    _main()
    # What the probe measured is printed; Qt's objects are not torn down one by one at
    # the interpreter's exit (an order PySide does not promise, and nothing measured).
    sys.stdout.flush()
    import os

    os._exit(0)
