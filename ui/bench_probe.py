"""GUI probes that ``keyaccounts bench`` runs in fresh processes (the core stays Qt-free).

    python -m ui.bench_probe bare            a bare QMainWindow, shown and painted
    python -m ui.bench_probe app DB          the app on its Today page, painted; then, once
                                             everything has loaded, its peak RSS
    python -m ui.bench_probe filter DB       median seconds of a filter keystroke
    python -m ui.bench_probe account DB ID   median seconds to read and show an account page
"""

from __future__ import annotations

import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path


def bare() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1280, 800)
    window.show()

    def painted():
        window.grab()
        print("PAINTED", time.time())
        app.quit()

    QTimer.singleShot(0, painted)
    app.exec()


def app(db: str) -> None:
    """Start as main.py does; stop once the Today page has painted its agenda."""
    from PySide6.QtCore import QSettings, QTimer

    from ui import app as ui_app
    from ui.mainwindow import MainWindow

    qt = ui_app.create_app()
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("window/page", "today")
    ui_app.install_translators(qt, "en")
    database = ui_app.open_db(db, False)
    window = MainWindow(database, settings)
    window.show()

    def painted():
        if shown:
            return
        window.grab()  # renders the whole window, as the bare probe does
        shown.append(time.time())
        print("PAINTED", shown[0], flush=True)
        # Peak memory counts once all the start-up work (accounts, health, alerts,
        # portfolio) is done, not just the first paint.
        window.loaded.connect(lambda: QTimer.singleShot(0, finish))

    def finish():
        window.worker.wait()
        print("RSS_KB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
        qt.quit()

    shown: list[float] = []
    window.agenda_shown.connect(lambda: QTimer.singleShot(0, painted))
    qt.exec()
    window.worker.wait()
    database.close()


def filter_keystroke(db: str) -> None:
    from datetime import date

    from PySide6.QtWidgets import QApplication

    from keyaccounts import services
    from keyaccounts.db import open_database
    from ui.accounts import AccountsList

    qt = QApplication(sys.argv[:1])
    database = open_database(db)
    rows = services.account_rows(database)
    view = AccountsList()
    view.set_rows(rows, date.today())
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
    from datetime import date

    from PySide6.QtWidgets import QApplication

    from keyaccounts import services
    from keyaccounts.db import open_database
    from ui.account_view import AccountView

    qt = QApplication(sys.argv[:1])
    database = open_database(db)
    view = AccountView()
    view.db = database
    view.resize(900, 700)
    view.show()
    times = []
    for _n in range(6):
        t = time.perf_counter()
        page = services.account_page(database, account_id, date.today())
        view.show_page(page)
        qt.processEvents()
        times.append(time.perf_counter() - t)
    print("INTERACTIONS", len(page.chain))
    print("SECONDS", statistics.median(times[1:]))
    database.close()


if __name__ == "__main__":
    what = sys.argv[1]
    if what == "bare":
        bare()
    elif what == "app":
        app(sys.argv[2])
    elif what == "account":
        account_page(sys.argv[2], int(sys.argv[3]))
    else:
        filter_keystroke(sys.argv[2])
