"""SVG icons drawn in the palette's text colour, so they suit light and dark themes.

The SVGs in resources/icons use ``currentColor``; Qt's SVG renderer does not
know it, so the colour is put in before rendering.  Each icon is rendered when
it is first painted, at the size and device pixel ratio asked for (crisp at
200 %), and kept: start-up renders only what the first window shows.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

ICON_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"


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


class _SvgIconEngine(QIconEngine):
    """Renders one SVG in two colours (normal, disabled) at the sizes painted."""

    def __init__(self, name: str, normal: str, disabled: str):
        super().__init__()
        self.name, self.normal, self.disabled = name, normal, disabled
        self._pixmaps: dict[tuple, QPixmap] = {}

    def scaledPixmap(self, size: QSize, mode, state, scale: float) -> QPixmap:  # noqa: N802
        scale = max(scale, 1.0)
        key = (size.width(), size.height(), mode == QIcon.Mode.Disabled, scale)
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            colour = self.disabled if key[2] else self.normal
            data = _svg(self.name).replace(b"currentColor", colour.encode())
            pixmap = self._pixmaps[key] = _pixmap(data, min(size.width(), size.height()), scale)
        return pixmap

    def pixmap(self, size: QSize, mode, state) -> QPixmap:
        return self.scaledPixmap(size, mode, state, _ratio())

    def paint(self, painter: QPainter, rect, mode, state) -> None:
        # The application's ratio (its screens' highest), not painter.device()'s: asking
        # the painter for its device makes PySide resolve that device's type, slowly.
        painter.drawPixmap(rect, self.scaledPixmap(rect.size(), mode, state, _ratio()))

    def clone(self) -> QIconEngine:
        engine = _SvgIconEngine(self.name, self.normal, self.disabled)
        _engines.append(engine)
        return engine


def _ratio() -> float:
    app = QGuiApplication.instance()
    return app.devicePixelRatio() if app else 1.0


_engines: list[_SvgIconEngine] = []  # the icons keep pointers to them: keep them alive


@cache
def _icon(name: str, normal: str, disabled: str, ratio: float) -> QIcon:
    engine = _SvgIconEngine(name, normal, disabled)
    _engines.append(engine)
    return QIcon(engine)


def app_icon() -> QIcon:
    return _icon("app", "currentColor", "currentColor", 1.0)
