"""A throw-away PostgreSQL server, from Debian's binaries: the tests' session server
(tests/conftest.py) and the bench's team run (``keyaccounts bench --team``).

``PgServer.start()`` runs ``initdb`` and ``pg_ctl`` in a temporary folder and
listens on a unix socket in that folder only (no TCP port, so nothing clashes
with another run). PostgreSQL refuses to run as root: as root the server runs
as the ``postgres`` user (or, when that user is missing, as ``nobody``) through
``runuser``. Durability is switched off, the data are thrown away anyway.

The server trusts its socket, except for the members of PASSWORD_GROUP: those must give
their password (``require_password``), as on a real team server.

Each test gets a database of its own, copied from a template that has been
migrated once (``CREATE DATABASE … TEMPLATE``), which takes milliseconds.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

SUPERUSER = "keyaccounts"
PASSWORD_GROUP = "ka_password_login"  # its members log in with their password only


class Unavailable(Exception):
    """No PostgreSQL server could be started here; the message says why."""


def _bin_dir() -> Path | None:
    if os.environ.get("KEYACCOUNTS_PG_BIN"):
        return Path(os.environ["KEYACCOUNTS_PG_BIN"])
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                        key=lambda p: int(Path(p).parent.parent.name)
                        if Path(p).parent.parent.name.isdigit() else 0)
    if candidates:
        return Path(candidates[-1]).parent
    found = shutil.which("initdb")
    return Path(found).resolve().parent if found else None


def _run_as() -> list[str]:
    """The command prefix that drops root for the server (empty when not root)."""
    if os.geteuid() != 0:
        return []
    for user in ("postgres", "nobody"):
        try:
            pwd.getpwnam(user)
        except KeyError:
            continue
        runuser = shutil.which("runuser")
        if runuser is None:
            raise Unavailable("running as root and runuser is missing")
        return [runuser, "-u", user, "--"]
    raise Unavailable("running as root and no unprivileged user (postgres, nobody) to run as")


class PgServer:
    def __init__(self) -> None:
        self.folder: Path | None = None
        self.bin: Path | None = None
        self._names = itertools.count(1)
        self._prefix: list[str] = []

    @property
    def socket_dir(self) -> str:
        return str(self.folder)

    def url(self, database: str) -> str:
        return (f"postgresql+psycopg://{SUPERUSER}@/{database}"
                f"?host={self.socket_dir}&port=5432")

    def start(self) -> None:
        self.bin = _bin_dir()
        if self.bin is None or not (self.bin / "pg_ctl").exists():
            raise Unavailable("PostgreSQL is not installed (no initdb/pg_ctl; "
                              "apt-get install postgresql)")
        try:
            import psycopg  # noqa: F401
        except ImportError:
            raise Unavailable("psycopg is not installed (pip install 'psycopg[binary]')") from None
        prefix = self._prefix = _run_as()
        # A short path: a unix socket's path is limited to ~100 bytes.
        self.folder = Path(tempfile.mkdtemp(prefix="ka-pg-", dir="/tmp"))
        if prefix:
            user = prefix[2]
            entry = pwd.getpwnam(user)
            os.chown(self.folder, entry.pw_uid, entry.pw_gid)
        data = self.folder / "data"
        run = lambda *args: subprocess.run(  # noqa: E731
            [*prefix, *args], capture_output=True, text=True, cwd=self.folder)
        done = run(str(self.bin / "initdb"), "-D", str(data), "-U", SUPERUSER,
                   "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync")
        if done.returncode != 0:
            # An older initdb or a missing C.UTF-8 locale: the plain C locale will do.
            shutil.rmtree(data, ignore_errors=True)
            done = run(str(self.bin / "initdb"), "-D", str(data), "-U", SUPERUSER,
                       "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync")
        if done.returncode != 0:
            raise Unavailable(f"initdb failed: {(done.stderr or done.stdout).strip()[-400:]}")
        hba = data / "pg_hba.conf"
        hba.write_text(f"local all +{PASSWORD_GROUP} scram-sha-256\n" + hba.read_text())
        options = (f"-c listen_addresses='' -c unix_socket_directories={self.socket_dir} "
                   "-c port=5432 -c fsync=off -c synchronous_commit=off "
                   "-c full_page_writes=off -c max_connections=200")
        done = run(str(self.bin / "pg_ctl"), "-D", str(data), "-l", str(self.folder / "log"),
                   "-o", options, "-w", "-t", "60", "start")
        if done.returncode != 0:
            log = (self.folder / "log").read_text(errors="replace") \
                if (self.folder / "log").exists() else ""
            raise Unavailable(f"pg_ctl start failed: {(done.stderr + log).strip()[-400:]}")
        with self.admin() as con:
            con.execute(f"CREATE ROLE {PASSWORD_GROUP} NOLOGIN")

    def admin(self):
        """An autocommit connection to the maintenance database."""
        import psycopg

        return psycopg.connect(host=self.socket_dir, port=5432, user=SUPERUSER,
                               dbname="postgres", autocommit=True)

    def require_password(self, login: str, password: str) -> None:
        """*login* logs in with *password* only, from now on."""
        with self.admin() as con:
            con.execute(f'ALTER ROLE "{login}" PASSWORD \'{password}\'')
            con.execute(f'GRANT {PASSWORD_GROUP} TO "{login}"')

    def create_database(self, template: str | None = None) -> str:
        """A new empty (or *template*-copied) database; returns its URL."""
        name = f"ka_{os.getpid()}_{next(self._names)}"
        with self.admin() as con:
            con.execute(f'CREATE DATABASE "{name}"'
                        + (f' TEMPLATE "{template}"' if template else ""))
        return self.url(name)

    def drop_database(self, url: str) -> None:
        from sqlalchemy.engine import make_url

        name = make_url(url).database
        with self.admin() as con:
            con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        if self.folder is None:
            return
        subprocess.run([*self._prefix, str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"),
                        "-m", "immediate", "-w", "stop"], capture_output=True, cwd=self.folder)
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None
