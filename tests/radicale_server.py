"""A real CalDAV server for the tests: Radicale (the ``radicale`` package of the test
extra), on 127.0.0.1 at a free port, with its own folder, users and passwords.

``with radicale(tmp_path, {"anna": "secret"}) as url:`` starts it, waits until it
answers, and stops it at the end.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def radicale(folder: Path, users: dict[str, str]):
    folder.mkdir(parents=True, exist_ok=True)
    passwords = folder / "users"
    passwords.write_text("".join(f"{u}:{p}\n" for u, p in users.items()), encoding="utf-8")
    port = free_port()
    log = open(folder / "radicale.log", "wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "radicale", "--server-hosts", f"127.0.0.1:{port}",
         "--storage-filesystem-folder", str(folder / "collections"),
         "--auth-type", "htpasswd", "--auth-htpasswd-filename", str(passwords),
         "--auth-htpasswd-encryption", "plain", "--auth-delay", "0",
         "--rights-type", "owner_only", "--logging-level", "warning"],
        stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:  # until it listens (or it has died, or a minute has gone)
            if proc.poll() is not None:
                raise RuntimeError("radicale stopped: "
                                   + (folder / "radicale.log").read_text(errors="replace"))
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("radicale did not start within a minute") from None
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
