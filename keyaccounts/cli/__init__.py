"""The command line: `keyaccounts COMMAND …`, one module per command group, each
registering its sub-commands (``register(sub)``); ``main`` builds the parser and turns an
error into one line and exit 2; ``common`` holds output, ``--json`` and ``--today``.
Its commands, flags and JSON keys are a public contract (add freely, never rename or
drop).

Imports services, io, storage, devtools and the domain; never Qt. A new command goes in
its group's module and calls one service function per action, as the app does.
"""

from keyaccounts.cli.main import main  # noqa: F401
