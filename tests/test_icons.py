"""Icons: the SVGs in the palette's colours, drawn by Qt's SVG icon engine."""

from __future__ import annotations

import os

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon, QPalette

from ui import icons


def colours_in(pixmap) -> set[str]:
    image = pixmap.toImage()
    found = set()
    for x in range(image.width()):
        for y in range(image.height()):
            c = image.pixelColor(x, y)
            if c.alpha() == 255:
                found.add(c.name())
    return found


def test_icons_take_the_palettes_colours_and_stay_crisp(qapp):
    palette = qapp.palette()
    text = palette.color(QPalette.ColorRole.WindowText).name()
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText).name()
    assert text != disabled
    today = icons.icon("today")
    assert colours_in(today.pixmap(QSize(24, 24))) == {text}
    assert colours_in(today.pixmap(QSize(24, 24), QIcon.Mode.Disabled)) == {disabled}
    assert colours_in(icons.icon("warning", "#d0413a").pixmap(QSize(24, 24))) == {"#d0413a"}
    sharp = today.pixmap(QSize(24, 24), 2.0)  # a 200 % screen: drawn at 48 pixels
    assert (sharp.width(), sharp.height()) == (48, 48)
    assert icons.icon("today") is today  # made once per colour


def test_an_icon_is_written_once_and_anew_when_it_changes(qapp, tmp_path, monkeypatch):
    source = tmp_path / "icons"
    source.mkdir()
    (source / "dot.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4">'
        '<rect width="4" height="4" fill="currentColor"/></svg>')
    monkeypatch.setattr(icons, "ICON_DIR", source)
    monkeypatch.setattr(icons, "cache_dir", lambda: tmp_path / "cache")
    first = icons.coloured("dot", "#112233")
    assert 'fill="#112233"' in open(first).read()
    assert icons.coloured("dot", "#112233") == first
    (source / "dot.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4">'
        '<circle r="2" cx="2" cy="2" fill="currentColor"/></svg>')
    os.utime(source / "dot.svg", ns=(1, 1))
    assert icons.coloured("dot", "#112233") != first
    redrawn = QIcon(icons.coloured("dot", "#112233")).pixmap(4, 4).toImage()
    assert redrawn.pixelColor(2, 2) == QColor("#112233")
    # A cache folder that cannot be written: the icon still shows, in its SVG's black.
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder would go")
    monkeypatch.setattr(icons, "cache_dir", lambda: blocked / "icons")
    assert icons.coloured("dot", "#445566") == str(source / "dot.svg")
