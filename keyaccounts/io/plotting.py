"""What every chart shares, on screen and in the PDF reports: band colours, and
matplotlib set up once with the shipped CJK font behind its Latin one (no pyplot, no Qt)."""

from __future__ import annotations

from functools import cache

BAND_COLOURS = {"green": "#2e9e5b", "amber": "#e0a526", "red": "#d0413a"}
CJK_FONTS = ["Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei",
             "Microsoft YaHei", "PingFang SC", "SimHei", "Arial Unicode MS"]


# The CJK font the package ships (a subset of Noto Sans CJK SC: tools/make-cjk-font.py),
# for the PDF reports and, as the fallback after the Latin font, every chart: a Chinese
# name in a chart reads whatever fonts the machine has, in any language of the app.
FONT_FILE = "KeyAccountsSansSC-Regular.ttf"
SHIPPED_FONT = "KeyAccounts Sans SC"


@cache
def configure_matplotlib() -> None:
    from importlib.resources import as_file, files

    import matplotlib
    from matplotlib import font_manager

    with as_file(files(__package__) / "fonts" / FONT_FILE) as path:
        font_manager.fontManager.addfont(str(path))
    installed = {f.name for f in font_manager.fontManager.ttflist}
    params = matplotlib.rcParams
    # Latin from DejaVu (matplotlib's own), each glyph it lacks from the next that has it
    # (matplotlib falls back along font.family's names, not along a generic family's).
    params["font.family"] = ["DejaVu Sans", SHIPPED_FONT] + [
        n for n in CJK_FONTS if n in installed]
    params["axes.unicode_minus"] = False
    params["pdf.fonttype"] = 42      # embed TrueType: PDF text extracts as text
    params["svg.fonttype"] = "none"  # SVG keeps text as text
