"""SVG icons drawn in the palette's text colour, so they suit light and dark themes.

The SVGs in resources/icons use ``currentColor``; Qt's SVG renderer does not
know it, so the colour is put in before rendering.  Icons are rendered at the
screen's device pixel ratio, crisp at 200 %.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

ICON_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 20, 24, 32, 48)


@cache
def _svg(name: str) -> bytes:
    return (ICON_DIR / f"{name}.svg").read_bytes()


def _pixmap(data: bytes, size: int, ratio: float) -> QPixmap:
    pixmap = QPixmap(int(size * ratio), int(size * ratio))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    QSvgRenderer(QByteArray(data)).render(painter, QRectF(pixmap.rect()))
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def icon(name: str, color: str | None = None) -> QIcon:
    """The icon in *color* (default: the palette's text colour), rendered once and cached."""
    app = QGuiApplication.instance()
    palette = app.palette() if app else QPalette()
    normal = color or palette.color(QPalette.ColorRole.WindowText).name()
    return _icon(name, normal, palette.color(QPalette.ColorGroup.Disabled,
                                             QPalette.ColorRole.WindowText).name(),
                 app.devicePixelRatio() if app else 1.0)


@cache
def _icon(name: str, normal: str, disabled: str, ratio: float) -> QIcon:
    result = QIcon()
    for mode, colour in ((QIcon.Mode.Normal, normal), (QIcon.Mode.Disabled, disabled)):
        data = _svg(name).replace(b"currentColor", colour.encode())
        for size in SIZES:
            result.addPixmap(_pixmap(data, size, max(ratio, 1.0)), mode)
    return result


def app_icon() -> QIcon:
    result = QIcon()
    for size in (16, 32, 48, 64, 128, 256):
        result.addPixmap(_pixmap(_svg("app"), size, 1.0))
    return result
