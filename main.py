"""Start the KeyAccounts desktop app: ``python main.py [--db PATH] [--demo] [--screenshot FILE]``."""

import sys

if __name__ == "__main__":
    from ui.__main__ import run

    sys.exit(run())
