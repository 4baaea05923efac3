"""The wheel carries what the app needs besides code — translations, icons, the style
sheet, the migrations — and, installed into a fresh virtual environment, starts in
English and in Chinese from outside the source tree.

Builds and installs for real (~20 s): ``-m "not wheel"`` leaves it out locally; CI
runs it."""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.wheel

ROOT = Path(__file__).resolve().parent.parent


def run(*args, **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(args, capture_output=True, text=True, timeout=300, **kwargs)
    assert done.returncode == 0, done.stderr
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel built as a user would (``pip wheel . --no-deps``), from a copy of the
    source tree, so the build leaves nothing in the real one."""
    folder = tmp_path_factory.mktemp("wheel")
    source = folder / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for package in ("keyaccounts", "ui"):
        shutil.copytree(ROOT / package, source / package,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    run(sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q",
        "-w", str(folder / "dist"))
    built, = (folder / "dist").glob("keyaccounts-*.whl")
    return built


def test_the_wheel_carries_translations_icons_style_and_migrations(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())

    def shipped(source_dir: Path, pattern: str) -> set[str]:
        return {str(p.relative_to(ROOT).as_posix()) for p in source_dir.glob(pattern)}

    expected = {"keyaccounts/locale/zh_CN/LC_MESSAGES/keyaccounts.mo",
                "ui/resources/__init__.py", "ui/resources/style.qss",
                "ui/resources/i18n/keyaccounts_en.qm", "ui/resources/i18n/keyaccounts_zh_CN.qm",
                # the reports' CJK font travels with its licence
                "keyaccounts/io/fonts/KeyAccountsSansSC-Regular.ttf",
                "keyaccounts/io/fonts/OFL.txt"}
    icons = shipped(ROOT / "ui" / "resources" / "icons", "*.svg")
    migrations = shipped(ROOT / "keyaccounts", "**/migrations/**/*.py")
    assert len(icons) > 10 and len(migrations) > 10
    assert expected | icons | migrations <= names
    assert any(n.endswith("migrations/script.py.mako") for n in names)
    # The catalogues' sources and the README's screenshots stay in the source tree.
    assert not [n for n in names if n.endswith((".po", ".pot", ".ts", ".png"))]


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel installed (``--no-deps``); the
    dependencies come from the running environment's site-packages, added after the
    venv's own (not as site folders: an editable install's hook stays out)."""
    venv = tmp_path_factory.mktemp("venv") / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", str(venv))
    python = venv / "bin" / "python"
    purelib = run(str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"
                  ).stdout.strip()
    ours = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib"),
            *site.getsitepackages()}
    (Path(purelib) / "running-environment.pth").write_text(
        "".join(f"{p}\n" for p in sorted(ours) if Path(p).is_dir()))
    run(sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
        "--no-index", "-q", str(wheel))
    return venv


def test_installed_app_starts_in_english_and_chinese(installed, tmp_path):
    bin_dir = installed / "bin"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LANGUAGE": "en",
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("PYTHONPATH", None)
    where = run(str(bin_dir / "python"), "-c", "import keyaccounts, ui;"
                "print(keyaccounts.__file__); print(ui.__file__)", cwd=tmp_path, env=env)
    assert all(Path(f).is_relative_to(installed) for f in where.stdout.split()), where.stdout

    # The command-line help, from the installed Qt catalogue.
    help_zh = run(str(bin_dir / "keyaccounts-app"), "--lang", "zh_CN", "--help", cwd=tmp_path,
                  env=env).stdout
    assert "数据库文件" in help_zh and "database file" not in help_zh
    assert "database file" in run(str(bin_dir / "keyaccounts-app"), "--lang", "en", "--help",
                                  cwd=tmp_path, env=env).stdout
    # The CLI's messages, from the installed gettext catalogue.
    refused = subprocess.run([str(bin_dir / "keyaccounts"), "--db", str(tmp_path / "x.sqlite3"), "--create",
                              "contacts", "--account", "无此客户"], capture_output=True,
                             text=True, cwd=tmp_path, env={**env, "LANGUAGE": "zh_CN"},
                             timeout=120)
    assert refused.returncode == 2 and "未找到该客户" in refused.stderr, refused.stderr

    # The app itself, painted with its icons and style sheet (a missing one stops it).
    shots = {}
    for lang in ("en", "zh_CN"):
        shot = tmp_path / f"today-{lang}.png"
        run(str(bin_dir / "keyaccounts-app"), "--demo", "--lang", lang, "--today",
            "2026-11-27", "--screenshot", str(shot), cwd=tmp_path, env=env)
        shots[lang] = shot.read_bytes()
        assert shots[lang].startswith(b"\x89PNG") and len(shots[lang]) > 20_000
    assert shots["en"] != shots["zh_CN"]
    icons = list((tmp_path / "cache").rglob("*.svg"))  # drawn in the palette's colours
    assert {p.name.split("-")[0] for p in icons} >= {"today", "accounts", "log"}
