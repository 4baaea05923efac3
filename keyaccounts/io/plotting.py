"""What every chart shares, on screen and in the PDF reports: band colours, and
matplotlib set up once with a CJK font where one is installed (no pyplot, no Qt)."""

from __future__ import annotations

from functools import cache

BAND_COLOURS = {"green": "#2e9e5b", "amber": "#e0a526", "red": "#d0413a"}
CJK_FONTS = ["Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei",
             "Microsoft YaHei", "PingFang SC", "SimHei", "Arial Unicode MS"]


@cache
def configure_matplotlib() -> None:
    import matplotlib
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    params = matplotlib.rcParams
    params["font.sans-serif"] = [n for n in CJK_FONTS if n in installed] + ["DejaVu Sans"]
    params["font.family"] = "sans-serif"
    params["axes.unicode_minus"] = False
    params["pdf.fonttype"] = 42      # embed TrueType: PDF text extracts as text
    params["svg.fonttype"] = "none"  # SVG keeps text as text
