"""Start the KeyAccounts desktop app: ``python -m ui [--db PATH] [--demo] [--screenshot FILE]``,
or ``keyaccounts-app`` once installed (main.py, in the source tree, runs the same)."""

import gc
import sys


def run() -> int:
    gc.disable()  # until the first frame, from the first import on: see ui.app.main
    from ui.app import main

    return main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(run())
