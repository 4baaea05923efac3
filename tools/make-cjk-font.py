#!/usr/bin/env python3
"""Build the CJK font the PDF reports embed: keyaccounts/io/fonts/KeyAccountsSansSC-Regular.ttf.

A subset of Noto Sans CJK SC Regular (SIL Open Font License 1.1; the licence ships beside
it as OFL.txt): Latin, punctuation and symbols, every character of GB 2312 (the 6,763
hanzi of everyday simplified Chinese) and every character of the app's Chinese
catalogues, with its CFF outlines turned into TrueType ones (ReportLab embeds TrueType
only), renamed as the OFL asks of a modified version. The result is committed: users
install it with the package and need neither fontTools nor a CJK font on their machine.

  python tools/make-cjk-font.py [/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc]

Needs fontTools (a dependency of matplotlib) and the Noto Sans CJK collection, e.g.
Debian's fonts-noto-cjk.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "keyaccounts" / "io" / "fonts" / "KeyAccountsSansSC-Regular.ttf"
SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
FAMILY = "KeyAccounts Sans SC"

RANGES = [(0x20, 0x7E), (0xA0, 0x24F), (0x2B0, 0x2FF), (0x370, 0x3FF), (0x400, 0x45F),
          (0x2000, 0x206F), (0x20A0, 0x20BF), (0x2100, 0x214F), (0x2150, 0x218F),
          (0x2190, 0x21FF), (0x2200, 0x22FF), (0x2460, 0x24FF), (0x2500, 0x257F),
          (0x25A0, 0x25FF), (0x2600, 0x26FF), (0x2700, 0x27BF), (0x3000, 0x303F),
          (0x3200, 0x32FF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF)]


def characters() -> set[int]:
    wanted = {c for lo, hi in RANGES for c in range(lo, hi + 1)}
    for lead in range(0xA1, 0xF8):  # GB 2312: rows 1–9 symbols, 16–87 hanzi
        for trail in range(0xA1, 0xFF):
            try:
                wanted.add(ord(bytes((lead, trail)).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    for catalogue in [ROOT / "keyaccounts/locale/zh_CN/LC_MESSAGES/keyaccounts.po",
                      ROOT / "ui/resources/i18n/keyaccounts_zh_CN.ts"]:
        wanted |= {ord(c) for c in catalogue.read_text(encoding="utf-8") if ord(c) >= 0x80}
    return wanted


def to_truetype(font: TTFont, max_err: float = 1.0) -> None:
    """CFF (cubic) outlines to glyf (quadratic), as fontTools' otf2ttf snippet does."""
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["loca"], font["glyf"] = newTable("loca"), glyf
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        width, _lsb = hmtx[name]
        hmtx[name] = (width, getattr(glyph, "xMin", 0))
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in ("maxZones",):
        setattr(maxp, field, 1)
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 0)
    font["maxp"] = maxp
    post = font["post"]
    post.formatType, post.extraNames, post.mapping = 3.0, [], {}
    font.sfntVersion = "\x00\x01\x00\x00"


def rename(font: TTFont) -> None:
    """A modified version takes another name (OFL 1.1 §3); the copyright stays."""
    name = font["name"]
    postscript = FAMILY.replace(" ", "") + "-Regular"
    for record in list(name.names):
        if record.nameID in (1, 16):
            record.string = FAMILY
        elif record.nameID in (3, 4):
            record.string = FAMILY + " Regular" if record.nameID == 4 else postscript
        elif record.nameID == 6:
            record.string = postscript
        elif record.nameID == 5:
            record.string = str(record.toUnicode()).split(";")[0] + "; subset of Noto Sans CJK SC"
    name.names = [r for r in name.names if r.nameID not in (17, 18, 19, 20)]


def main() -> None:
    source = sys.argv[1] if len(sys.argv) > 1 else SOURCE
    fonts = TTCollection(source).fonts if source.endswith(".ttc") else [TTFont(source)]
    [font] = [f for f in fonts if f["name"].getDebugName(4) == "Noto Sans CJK SC"]
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    options.name_languages = [0x409]
    options.notdef_outline = True
    options.desubroutinize = True
    options.hinting = False
    sub = subset.Subsetter(options)
    sub.populate(unicodes=characters())
    sub.subset(font)
    for tag in ("GSUB", "GPOS", "GDEF", "BASE", "vhea", "vmtx", "DSIG"):
        if tag in font:
            del font[tag]
    to_truetype(font)
    rename(font)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    font.save(TARGET)
    print(f"{TARGET.relative_to(ROOT)}: {len(font.getGlyphOrder())} glyphs, "
          f"{TARGET.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
