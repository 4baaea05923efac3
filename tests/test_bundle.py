"""The one-folder app that tools/build-app.sh builds with PyInstaller, started where
neither this source tree nor its virtual environment is on any path: both programs
answer --help, the desktop app draws its demo (--screenshot), and the command line
writes a PDF report (the shipped CJK font), reads vCards and publishes to a CalDAV
server (the libraries it loads on first use are in the folder).

Opt-in (it takes minutes): ``pytest -m bundle``; left out otherwise (tests/conftest.py).
Needs the build extra (``pip install -e '.[build]'``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.radicale_server import radicale

pytestmark = [pytest.mark.bundle, pytest.mark.sqlite_only]
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    pytest.importorskip("PyInstaller", reason="the build extra: pip install -e '.[build]'")
    where = tmp_path_factory.mktemp("bundle")
    env = {**os.environ, "PYTHON": sys.executable, "KEYACCOUNTS_DIST_DIR": str(where / "dist"),
           "KEYACCOUNTS_BUILD_DIR": str(where / "build")}
    done = subprocess.run(["bash", str(ROOT / "tools" / "build-app.sh")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    folder = where / "dist" / "KeyAccounts"
    assert done.stdout.strip().splitlines()[-1] == str(folder)
    return folder


def clean_env(home: Path) -> dict[str, str]:
    """A user's environment: no virtual environment, no PYTHONPATH, only the system."""
    home.mkdir(exist_ok=True)
    return {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": "offscreen", "XDG_RUNTIME_DIR": str(home)}


def test_the_bundle_starts_without_the_source_tree(bundle, tmp_path):
    env = clean_env(tmp_path / "home")
    assert shutil.which("keyaccounts", path=env["PATH"]) is None
    for program in ("keyaccounts", "keyaccounts-app"):
        done = subprocess.run([str(bundle / program), "--help"], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert "--db" in done.stdout
    assert (bundle / "keyaccounts.png").stat().st_size > 0
    assert os.access(bundle / "install-desktop-entry.sh", os.X_OK)

    shot = tmp_path / "today.png"
    done = subprocess.run([str(bundle / "keyaccounts-app"), "--demo", "--lang", "zh_CN",
                           "--screenshot", str(shot)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(shot))
    assert not image.isNull() and image.width() > 600


def test_the_bundled_command_line_reports_imports_and_publishes(bundle, tmp_path):
    env = clean_env(tmp_path / "home")
    cli = str(bundle / "keyaccounts")
    db = str(tmp_path / "k.sqlite3")

    def run(*args, stdin=""):
        done = subprocess.run([cli, "--db", db, *args], cwd=tmp_path, env=env, input=stdin,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, (args, done.stderr)
        return done.stdout

    run("--create", "demo", "--accounts", "6", "--today", "2026-11-27")
    run("report", "--portfolio", "--period", "2026Q4", "-o", str(tmp_path / "p.pdf"))
    assert (tmp_path / "p.pdf").read_bytes().startswith(b"%PDF")
    assert "Dry run" in run("import", str(ROOT / "tests" / "data" / "apple_photos.vcf"),
                            "--dry-run", "--account", "Acme")
    with radicale(tmp_path / "radicale", {"anna": "secret"}) as url:
        out = run("calendar", "publish", url, "--user", "anna", "--calendar", "Work",
                  "--password-stdin", "--today", "2026-11-27", "--days", "14",
                  stdin="secret\n")
        assert "added" in out
