"""SVG icons drawn in the palette's text colour, so they suit light and dark themes.

The SVGs in ui/resources/icons use ``currentColor``, which Qt's SVG renderer does not
know: each icon is written once per colour, the colour put in, to the cache folder,
and handed to Qt's own SVG icon engine (a plugin). That renders each size when it is
first painted, at the screen's pixel ratio (crisp at 200 %), with no Python in the
way: start-up neither imports QtSvg nor renders anything ahead of its paint.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from PySide6.QtCore import QSize, QStandardPaths
from PySide6.QtGui import QGuiApplication, QIcon, QPalette

from ui import resources

ICON_DIR = resources.path("icons")


@cache
def cache_dir() -> Path:
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    if not location:  # no home folder to cache in
        import tempfile

        location = str(Path(tempfile.gettempdir()) / "keyaccounts-cache")
    return Path(location) / "icons"


def coloured(name: str, colour: str) -> str:
    """The path of icon *name* drawn in *colour* (``#rrggbb``), written on first need.
    (The source's modification time is in the name: an updated icon is written anew.)
    Where the cache folder cannot be written, the icon comes in the SVG's own black.
    (os.path rather than pathlib: start-up asks for thirty of these.)"""
    source = os.path.join(ICON_DIR, f"{name}.svg")
    folder = cache_dir()
    stamp = os.stat(source).st_mtime_ns
    target = os.path.join(folder, f"{name}-{colour.lstrip('#')}-{stamp:x}.svg")
    if not os.path.exists(target):
        try:
            os.makedirs(folder, exist_ok=True)
            partial = os.path.join(folder, f".{os.path.basename(target)}.{os.getpid()}")
            with open(source, "rb") as svg, open(partial, "wb") as out:
                out.write(svg.read().replace(b"currentColor", colour.encode()))
            os.replace(partial, target)  # whole, even with two instances writing it at once
        except OSError:
            return source
    return target


def icon(name: str, color: str | None = None) -> QIcon:
    """The icon in *color* (default: the palette's text colour); greyed when disabled."""
    app = QGuiApplication.instance()
    palette = app.palette() if app else QPalette()
    normal = color or palette.color(QPalette.ColorRole.WindowText).name()
    return _icon(name, normal, palette.color(QPalette.ColorGroup.Disabled,
                                             QPalette.ColorRole.WindowText).name())


@cache
def _icon(name: str, normal: str, disabled: str) -> QIcon:
    result = QIcon()
    drawn = coloured(name, normal)
    for mode in (QIcon.Mode.Normal, QIcon.Mode.Active, QIcon.Mode.Selected):
        result.addFile(drawn, QSize(), mode)
    result.addFile(coloured(name, disabled), QSize(), QIcon.Mode.Disabled)
    return result


def app_icon() -> QIcon:
    return QIcon(os.path.join(ICON_DIR, "app.svg"))  # in its own colours
