"""Qt's platform plugin failing to start: a message saying what to install, never Qt's
abort (run as a user would, in a subprocess: the failure ends the process)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ui import qtplatform

ROOT = Path(__file__).resolve().parent.parent


def start(*args: str, home: Path, platform: str) -> subprocess.CompletedProcess:
    """main.py with no display, in English, its settings and data in *home*."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "LANG", "LC_ALL", "LANGUAGE",
                        "LC_MESSAGES", "KEYACCOUNTS_DB")}
    env.update(QT_QPA_PLATFORM=platform, HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
               XDG_DATA_HOME=str(home / "data"), LANG="C.UTF-8")
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=home, check=False,
                          env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("args", [["--demo"], ["--db", "x.sqlite3"]])
def test_xcb_without_a_display_or_its_libraries_says_what_to_do(tmp_path, args):
    done = start(*args, home=tmp_path, platform="xcb")
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "Reinstalling the application" not in done.stderr
    first = done.stderr.strip().splitlines()[0]
    assert first.startswith("main.py: the window cannot open: ")
    # this machine lacks either the xcb plugin's libraries or a display; either is named
    assert ("sudo apt install libxcb-cursor0" in done.stderr
            and "sudo dnf install xcb-util-cursor" in done.stderr) or (
            "DISPLAY and WAYLAND_DISPLAY are not set" in first)
    assert not list(tmp_path.rglob("*.sqlite3"))  # nothing was created


def test_an_unknown_plugin_is_named_with_those_there_are(tmp_path):
    done = start("--demo", home=tmp_path, platform="nosuchplugin")
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1
    assert 'no platform plugin "nosuchplugin"' in done.stderr and "offscreen" in done.stderr


def test_the_message_in_chinese(tmp_path):
    done = start("--lang", "zh_CN", home=tmp_path, platform="nosuchplugin")
    assert done.returncode == 1 and "窗口无法打开" in done.stderr, done.stderr


def test_help_needs_no_display(tmp_path):
    done = start("--help", home=tmp_path, platform="xcb")
    assert done.returncode == 0, done.stderr
    assert "--demo" in done.stdout and "--screenshot" in done.stdout


def test_what_qt_says_is_explained():
    libraries = ["From 6.5.0, xcb-cursor0 or libxcb-cursor0 is needed to load the Qt xcb "
                 "platform plugin.",
                 'Could not load the Qt platform plugin "xcb" in "" even though it was found.',
                 "This application failed to start because no Qt platform plugin could be "
                 "initialized. Reinstalling the application may fix this problem."]
    text = qtplatform.explain(libraries, "keyaccounts-app")
    assert text.startswith("keyaccounts-app: the window cannot open: Qt's \"xcb\" platform "
                           "plugin needs system libraries that are not installed (")
    assert "libxcb-cursor.so.0" in text.splitlines()[0]
    assert "Debian/Ubuntu: sudo apt install libxcb-cursor0 libxcb-icccm4" in text
    assert "Fedora: sudo dnf install xcb-util-cursor xcb-util-wm" in text
    display = ["could not connect to display :7", libraries[-1]]
    os.environ.pop("WAYLAND_DISPLAY", None)
    old = os.environ.get("DISPLAY")
    os.environ["DISPLAY"] = ":7"
    try:
        text = qtplatform.explain(display, "main.py")
    finally:
        os.environ.pop("DISPLAY") if old is None else os.environ.update(DISPLAY=old)
    assert text.startswith("main.py: the window cannot open: there is no display to show it "
                           "on (cannot connect to :7).")
