"""Start the KeyAccounts desktop app: ``python main.py [--db PATH] [--demo] [--screenshot FILE]``."""

import sys

if __name__ == "__main__":
    import gc

    gc.disable()  # until the first frame, from the first import on: see ui.app.main
    from ui.app import main

    sys.exit(main(sys.argv[1:]))
