"""The CLI as a user runs it (a subprocess), for the data-safety tests."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cli(db: Path, *args: str, fsize: int | None = None, env: dict | None = None,
        db_flag: bool = True) -> subprocess.CompletedProcess:
    """``keyaccounts --db DB ARGS…`` (without ``--db`` unless *db_flag*); *fsize* bytes the
    most any file may grow to (a full disk), *env* more environment variables."""
    def limit():  # a "full disk": writes past *fsize* bytes fail (EFBIG), no signal
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    env = dict(os.environ, LANGUAGE="en", KEYACCOUNTS_DEBUG="", **(env or {}))
    where = ["--db", str(db)] if db_flag else []
    return subprocess.run([sys.executable, "-m", "keyaccounts", *where, *args],
                          cwd=ROOT, capture_output=True, text=True, env=env,
                          preexec_fn=limit if fsize else None)


def leftovers(folder: Path) -> list[str]:
    """Half-written files: what a writer leaves when it fails."""
    return sorted(p.name for p in folder.rglob("*")
                  if ".partial" in p.name or p.name.endswith((".tmp", ".restoring")))
