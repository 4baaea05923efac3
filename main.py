"""Start the KeyAccounts desktop app: ``python main.py [--db PATH] [--demo] [--screenshot FILE]``."""

import sys

if __name__ == "__main__":
    from ui.app import main

    sys.exit(main(sys.argv[1:]))
