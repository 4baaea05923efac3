"""A TCP proxy to the test PostgreSQL server's unix socket, that a test can close and
open again: the server out of reach and back, as a laptop's network comes and goes
(real connections, real refusals; no mock). Closing also cuts the connections open
through it, as a dropped network does."""

from __future__ import annotations

import os
import socket
import threading


class Proxy:
    def __init__(self, socket_path: str):
        self.socket_path = socket_path
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self._listener: socket.socket | None = None
        self._open: set[socket.socket] = set()
        self._lock = threading.RLock()
        self._cut_after: int | None = None  # client messages until the network drops
        self.cut = False

    def cut_after(self, messages: int) -> None:
        """Drop the network (as :meth:`stop`) once the clients have sent *messages* more
        messages through it, whatever they are doing then (mid-transaction)."""
        with self._lock:
            self._cut_after, self.cut = messages, False

    def url(self, database: str, login: str) -> str:
        return f"postgresql+psycopg://{login}@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(50)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def stop(self) -> None:
        """Out of reach: new connections are refused, open ones cut."""
        listener, self._listener = self._listener, None
        if listener is not None:
            try:
                listener.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            listener.close()
        with self._lock:
            for s in list(self._open):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()
            self._open.clear()

    def _count(self) -> bool:
        """Count a client message; True when the network drops now."""
        with self._lock:
            if self._cut_after is None:
                return False
            self._cut_after -= 1
            if self._cut_after > 0:
                return False
            self._cut_after, self.cut = None, True
        self.stop()
        return True

    def _accept(self, listener) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.socket(socket.AF_UNIX)
            try:
                upstream.connect(self.socket_path)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._open.update((client, upstream))
            for a, b, counted in ((client, upstream, True), (upstream, client, False)):
                threading.Thread(target=self._pipe, args=(a, b, counted),
                                 daemon=True).start()

    def _pipe(self, source, target, counted: bool = False) -> None:
        try:
            while data := source.recv(65536):
                if counted and self._count():
                    return
                target.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, target):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
            with self._lock:
                self._open.discard(source)
                self._open.discard(target)


def pg_socket(pg_server) -> str:
    return os.path.join(pg_server.socket_dir, ".s.PGSQL.5432")
