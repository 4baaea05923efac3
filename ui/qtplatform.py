"""A clear message instead of Qt's abort when its platform plugin cannot start.

Without its system libraries (``libxcb-cursor0``, ``libxcb-icccm4`` …) or without a
display, Qt ends the process from inside ``QApplication()`` with a fatal message and
``abort()``: a core dump and a wall of text about plugins. While the application is
made, a message handler collects what Qt says; on the fatal message it says instead
what is missing and which packages install it (Debian/Ubuntu and Fedora), and exits
with status 1.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP

# What the xcb plugin (and Qt's GUI) load, by shared object: (Debian/Ubuntu, Fedora).
PACKAGES = {
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-xinerama.so.0": ("libxcb-xinerama0", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libOpenGL.so.0": ("libopengl0", "libglvnd-opengl"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
}
# All of them at once, so that a user does not meet them one by one.
DEBIAN = ("libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 "
          "libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0 "
          "libegl1 libgl1 libfontconfig1 libdbus-1-3")
FEDORA = ("xcb-util-cursor xcb-util-wm xcb-util-image xcb-util-keysyms xcb-util-renderutil "
          "libxkbcommon-x11 libglvnd-egl libglvnd-glx fontconfig dbus-libs")

LIBRARIES = QT_TRANSLATE_NOOP(
    "Platform", "%1: the window cannot open: Qt's \"%2\" platform plugin needs system "
    "libraries that are not installed (%3).")
PLUGIN = QT_TRANSLATE_NOOP(
    "Platform", "%1: the window cannot open: Qt's \"%2\" platform plugin could not be "
    "loaded; its system libraries are probably missing.")
INSTALL = QT_TRANSLATE_NOOP("Platform", "Install them, then start again:")
DISPLAY = QT_TRANSLATE_NOOP(
    "Platform", "%1: the window cannot open: there is no display to show it on (%2). "
    "Start the app from a desktop session; for a screenshot without a screen, set "
    "QT_QPA_PLATFORM=offscreen.")
NO_DISPLAY = QT_TRANSLATE_NOOP("Platform", "DISPLAY and WAYLAND_DISPLAY are not set")
UNREACHABLE = QT_TRANSLATE_NOOP("Platform", "cannot connect to %1")
UNKNOWN = QT_TRANSLATE_NOOP(
    "Platform", "%1: the window cannot open: Qt has no platform plugin \"%2\" "
    "(QT_QPA_PLATFORM); available: %3.")
OTHER = QT_TRANSLATE_NOOP("Platform", "%1: the window cannot open: %2")


@contextmanager
def explained_failure(argv: list[str], program: str = "keyaccounts-app"):
    """Within it, Qt's fatal start-up failure prints :func:`explain`'s text and exits 1.
    What Qt says meanwhile is held back (it explains nothing the message does not) and
    passed on as usual once the block has run."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    said: list[tuple] = []

    def handler(kind, context, message):
        said.append((kind, context, message))
        if kind == QtMsgType.QtFatalMsg:
            print(explain([m for _k, _c, m in said], program, _translator(argv)),
                  file=sys.stderr, flush=True)
            os._exit(1)  # Qt would abort() as soon as this returns

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)
        for kind, context, message in said:
            if previous is not None:
                previous(kind, context, message)
            else:
                print(message, file=sys.stderr)


def explain(said: list[str], program: str, translator=None) -> str:
    """What to tell the user about the failure Qt described in *said*."""
    from ui.text import arg

    def tr_(text: str) -> str:
        if (t := translator) is None:
            return text
        return t.translate("Platform", text) or text  # strings marked with QT_TRANSLATE_NOOP

    everything = "\n".join(said)
    m = re.search(r'platform plugin "([^"]*)"', everything)
    name = m.group(1) if m else os.environ.get("QT_QPA_PLATFORM", "xcb")
    if "Could not find the Qt platform plugin" in everything:
        m = re.search(r"Available platform plugins are: (.*?)\.?$", everything, re.MULTILINE)
        return arg(tr_(UNKNOWN), program, name, m.group(1) if m else "—")
    if "Could not load the Qt platform plugin" in everything or "xcb-cursor0" in everything:
        missing = missing_libraries(name)
        if "xcb-cursor0" in everything and "libxcb-cursor.so.0" not in missing:
            missing.append("libxcb-cursor.so.0")
        head = (arg(tr_(LIBRARIES), program, name, ", ".join(missing)) if missing
                else arg(tr_(PLUGIN), program, name))
        return "\n".join([head, tr_(INSTALL),
                          f"  Debian/Ubuntu: sudo apt install {DEBIAN}",
                          f"  Fedora: sudo dnf install {FEDORA}"])
    if "could not connect to display" in everything or not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        where = os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        return arg(tr_(DISPLAY), program,
                   arg(tr_(UNREACHABLE), where) if where else tr_(NO_DISPLAY))
    return arg(tr_(OTHER), program, said[-1] if said else "?")


def missing_libraries(plugin: str) -> list[str]:
    """The shared objects that the platform plugin *plugin* (and Qt's library for it)
    need and the system does not have, as ``ldd`` tells (none known without it)."""
    from PySide6.QtCore import QLibraryInfo

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    files = [*folder.glob(f"libq{plugin}.so"), *folder.glob(f"qt{plugin}.dll")]
    ldd = shutil.which("ldd")
    found: list[str] = []
    for file in files if ldd else ():
        try:
            out = subprocess.run([ldd, str(file)], capture_output=True, text=True, check=False,
                                 timeout=10).stdout
        except (OSError, subprocess.SubprocessError):
            continue
        for line in out.splitlines():
            if "=> not found" in line:
                soname = line.split("=>")[0].strip()
                if soname not in found:
                    found.append(soname)
    return found


def _translator(argv: list[str]):
    """A translator for the language asked for (``--lang``, the settings, the system's),
    loaded without an application (there is none: making it is what failed)."""
    from PySide6.QtCore import QLocale, QSettings, QTranslator

    from ui import resources

    language = ""
    for i, given in enumerate(argv):
        if given.startswith("--lang="):
            language = given.split("=", 1)[1]
        elif given == "--lang" and i + 1 < len(argv):
            language = argv[i + 1]
    if not language:
        try:
            language = str(QSettings("KeyAccounts", "KeyAccounts").value("language", "") or "")
        except Exception:  # noqa: BLE001 — the system's language then
            language = ""
    locale = QLocale(language) if language else QLocale.system()
    if locale.language() != QLocale.Language.Chinese:
        return None
    translator = QTranslator()
    return translator if translator.load(QLocale("zh_CN"), "keyaccounts", "_",
                                         resources.path("i18n")) else None
