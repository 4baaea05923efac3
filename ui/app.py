"""Application start-up (placeholder until the desktop issue lands)."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="main.py")
    parser.add_argument("--db", metavar="PATH")
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--screenshot", metavar="FILE")
    args = parser.parse_args(argv)

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    from keyaccounts import services
    from keyaccounts.db import open_database, resolve_path
    from keyaccounts.demo import build_demo

    db = open_database(resolve_path(args.db, demo=args.demo))
    if args.demo and not services.list_accounts(db, include_archived=True):
        build_demo(db)
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("KeyAccounts")
    window.setCentralWidget(QLabel(f"{len(services.list_accounts(db))} accounts"))
    window.resize(900, 600)
    window.show()
    if args.screenshot:
        QTimer.singleShot(0, lambda: (window.grab().save(args.screenshot), app.quit()))
    return app.exec()
