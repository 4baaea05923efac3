"""GUI probes that ``keyaccounts bench`` runs in fresh processes (the core stays Qt-free).

    python -m ui.bench_probe bare            a bare QMainWindow, shown and painted
    python -m ui.bench_probe app DB          the app on its Today page, painted; then, once
                                             everything has loaded, its peak RSS
    python -m ui.bench_probe filter DB       median seconds of a filter keystroke
    python -m ui.bench_probe account DB ID   median seconds to read and show an account page
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


def app(db: str) -> None:
    """Start as a user does (main.py, its settings in a scratch folder: the bench sets
    XDG_CONFIG_HOME); the moment the Today page has painted its agenda, the same way as
    the bare window's. Then, once everything has loaded, the peak RSS."""
    from ui import app as ui_app

    def started(window):
        from PySide6.QtCore import QCoreApplication, QTimer

        def painted():
            if shown:
                return
            shown.append(time.time())
            print("PAINTED", shown[0], flush=True)
            # Peak memory counts once all the start-up work (accounts, health, alerts,
            # portfolio) is done, not just the first paint.
            window.loaded.connect(lambda: QTimer.singleShot(0, finish))

        def finish():
            window.worker.wait()
            print("RSS_KB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
            QCoreApplication.quit()  # not closed: closing would prepare snapshots

        window.agenda_shown.connect(painted)

    shown: list[float] = []
    ui_app.main(["--db", db], started=started)


def filter_keystroke(db: str) -> None:
    import statistics
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
    import statistics
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
