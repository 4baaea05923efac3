"""Writing an output file safely: the one way every writer (exports, calendars, reports,
backups) puts a file on disk.

* Never over the database, its ``-wal``/``-shm``/``-journal`` files or anything in its
  backups folder; never over an existing file unless the caller says *force* (the user
  gave ``--force``, or a save dialog asked already); never over a folder, a FIFO or a
  device.
* Written to a temporary file in the same folder (so the rename cannot cross file
  systems), readable by the owner only (exports hold people's data), flushed to disk,
  then renamed into place: a reader sees the old file or the whole new one, and a
  failure (a full disk, a kill) leaves the old file as it was and no temporary behind.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from keyaccounts.domain.errors import ValidationError
from keyaccounts.i18n import _

PARTIAL_PREFIX = "."
PARTIAL_SUFFIX = ".partial"


class OutputRefused(ValidationError):
    """An output the writer refuses or could not write; bad input (exit 2 in the CLI)."""

    def __init__(self, path: Path, reason: str, field: str = "output"):
        self.path = Path(path)
        super().__init__(field, str(path), reason)


def database_files(db_path: Path) -> list[Path]:
    """The database file and the files SQLite keeps beside it."""
    db_path = Path(db_path)
    return [db_path] + [Path(str(db_path) + s) for s in ("-wal", "-shm", "-journal")]


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(os.path.realpath(a)) == os.path.abspath(os.path.realpath(b))


def _inside(path: Path, folder: Path) -> bool:
    try:
        parent = path.resolve().parent
        return folder.is_dir() and (parent == folder.resolve()
                                    or folder.resolve() in parent.parents)
    except OSError:
        return False


def check_target(path: Path, *, force: bool = False, protect: Path | None = None,
                 protect_backups: bool = True) -> Path:
    """*path* if an output may be written there; else raise :class:`OutputRefused`.

    *protect* is the open database: its files, and (unless *protect_backups* is False,
    for the backup writer itself) its backups folder, are never written over.
    """
    path = Path(path)
    if protect is not None:
        protect = Path(protect)
        for own in database_files(protect):
            if _same(path, own):
                raise OutputRefused(path, _("is the database (or its journal); choose "
                                            "another file"))
        if protect_backups:
            from keyaccounts.storage.db import backups_dir

            if _inside(path, backups_dir(protect)):
                raise OutputRefused(path, _("is in the database's backups folder; choose "
                                            "another place"))
    try:
        st = path.stat()
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutputRefused(path, exc.strerror or str(exc)) from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise OutputRefused(path, _("is a folder; give a file name"))
        if not stat.S_ISREG(st.st_mode):
            raise OutputRefused(path, _("is not a regular file"))
        if not force:
            raise OutputRefused(path, _("exists already; give --force to replace it"))
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise OutputRefused(path, _("the folder {folder} does not exist").format(
            folder=parent))
    return path


def partial_name(path: Path) -> Path:
    """The temporary name an output takes while it is written (hidden, same folder)."""
    return path.with_name(f"{PARTIAL_PREFIX}{path.name}.{os.getpid()}{PARTIAL_SUFFIX}")


def fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def output_file(path: Path, *, force: bool = False, protect: Path | None = None,
                protect_backups: bool = True, mode: int = 0o600,
                verify: Callable[[Path], None] | None = None) -> Iterator[Path]:
    """Yield a temporary path beside *path* to write to; when the block ends without an
    error, the file is checked (*verify* raises if it is not right), flushed and renamed
    to *path*. On any error the temporary file is removed and *path* is untouched.

    An ``OSError`` (a full disk, no permission) becomes :class:`OutputRefused`.
    """
    path = check_target(path, force=force, protect=protect, protect_backups=protect_backups)
    tmp = partial_name(path)
    try:
        tmp.unlink(missing_ok=True)
        fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, mode)
        os.close(fd)
        os.chmod(tmp, mode)  # whatever the umask
        yield tmp
        if verify is not None:
            verify(tmp)
        _fsync_file(tmp)
        if force:
            os.replace(tmp, path)
        else:  # no clobbering a file that appeared meanwhile
            _rename_no_clobber(tmp, path)
        fsync_dir(path.parent)
    except FileExistsError:
        _remove(tmp)
        raise OutputRefused(path, _("exists already; give --force to replace it")) from None
    except OSError as exc:
        _remove(tmp)
        from keyaccounts.storage.db import explain_failure

        raise OutputRefused(path, explain_failure(exc, path.parent) or exc.strerror or str(exc)
                            ) from None
    except BaseException:
        _remove(tmp)
        raise


def _rename_no_clobber(tmp: Path, path: Path) -> None:
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links (FAT, some shares)
        if path.exists():
            raise FileExistsError(str(path)) from None
        os.replace(tmp, path)
        return
    tmp.unlink()


def _remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


def write_output(path: Path, data: bytes | Iterable[bytes], *, force: bool = False,
                 protect: Path | None = None, mode: int = 0o600) -> Path:
    """Write *data* to *path* safely (see :func:`output_file`); return *path*."""
    with output_file(path, force=force, protect=protect, mode=mode) as tmp:
        with open(tmp, "wb") as f:
            if isinstance(data, (bytes, bytearray, memoryview)):
                f.write(data)
            else:
                for chunk in data:
                    f.write(chunk)
    return Path(path)
