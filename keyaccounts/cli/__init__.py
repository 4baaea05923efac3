"""The command line: `keyaccounts COMMAND …`. Its commands, flags and JSON keys are a
public contract (add freely, never rename or drop).

Imports services, io, storage and the domain; never Qt.
"""

from keyaccounts.cli.main import main  # noqa: F401
