"""The product's Chinese: full-width punctuation in every Chinese string the app can
show (the catalogues, and the text the GUI and the CLI build, rendered), dates,
relative days, quarters and money in both languages, and tools/zh_terms.py applied."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from keyaccounts.cli.main import main
from keyaccounts.domain import formats
from keyaccounts.i18n import set_language
from tests.test_i18n import parse_po

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u3400-\u9fff]")
# ": " / ", " / "; " are English punctuation; beside Chinese text it takes ：，；
# (a setting's value such as "birthday=7, festival=7" is typed syntax, not Chinese)
HALF_WIDTH = re.compile(r"[\u3400-\u9fff）][:,;] |[:,;] [\u3400-\u9fff（]")
# ( ) around Chinese text; an accelerator (&N) and a file filter (*.png) stay as Qt needs
HALF_PAREN = re.compile(r"\((?![&*])[^()]*\)")


def half_width(text: str) -> list[str]:
    """The half-width punctuation in *text*'s Chinese lines."""
    found = []
    for line in text.splitlines():
        if CJK.search(line):
            found += [line for _ in HALF_WIDTH.findall(line)]
            found += [line for m in HALF_PAREN.finditer(line) if CJK.search(m.group())]
    return found


@pytest.fixture
def chinese():
    set_language("zh_CN")
    yield
    set_language("en")


def test_the_catalogues_use_full_width_punctuation():
    po = parse_po(ROOT / "keyaccounts/locale/zh_CN/LC_MESSAGES/keyaccounts.po")
    root = ET.parse(ROOT / "ui/resources/i18n/keyaccounts_zh_CN.ts").getroot()
    qt = ["".join(m.find("translation").itertext()) for m in root.iter("message")]
    bad = [s for s in list(po.values()) + qt if half_width(s)]
    assert bad == []


def test_the_catalogues_are_as_the_glossary_says():
    """tools/zh_terms.py was applied after the last change of either catalogue."""
    run = subprocess.run([sys.executable, "tools/zh_terms.py", "--check"], cwd=ROOT,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def test_the_cli_speaks_chinese_with_chinese_punctuation(demo_file, tmp_path, capsys,
                                                         chinese):
    import shutil

    from keyaccounts.domain import clock

    db = tmp_path / "demo.sqlite3"
    shutil.copy(demo_file, db)

    def run(*command, code=0):
        with clock.frozen(date(2026, 11, 27)):
            assert main(["--db", str(db), *command]) == code, command
        captured = capsys.readouterr()
        return captured.out + captured.err

    import json

    first = json.loads(run("accounts", "--json"))[0]["name"]
    shown = [run("accounts")]
    for command in (["agenda", "--days", "60"], ["alerts"], ["followups"],
                    ["metrics", "--period", "2026Q3"], ["complaints"], ["search", "客户"],
                    ["contacts", "--account", first], ["health", "--account", first],
                    ["value", "--account", first], ["need", "list", "--account", first], ["tiers"],
                    ["history", "--account", first], ["cadence", "list", "--account", first], ["settings", "list"]):
        shown.append(run(*command))
    shown.append(run("contacts", "--account", "无此客户", code=2))
    text = "\n".join(shown)
    assert "未找到该客户" in text and "：" in text
    assert half_width(text) == [], "\n".join(half_width(text))


@pytest.mark.parametrize("args, expected", [
    ([], "缺少必填参数：COMMAND"),
    (["accounts", "--bogus"], "无法识别的参数：--bogus"),
    (["log", "--account"], "参数 --account：需要一个值"),
    (["export", "pdf"], "无效的值 'pdf'（可选："),
])
def test_argparse_refusals_speak_chinese_too(tmp_path, capsys, chinese, args, expected):
    """argparse's own messages come from the CLI's catalogue: one line, in Chinese."""
    assert main(["--db", str(tmp_path / "k.sqlite3"), *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("keyaccounts：错误："), err
    assert expected in err, err


def texts_of(widget) -> list[str]:
    """Every text a widget tree shows: labels, buttons, titles, tool tips, and the
    cells and headers of its views."""
    from PySide6.QtCore import QModelIndex, Qt
    from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QGroupBox, QLabel,
                                   QLineEdit, QTabWidget, QWidget)

    found = []
    for w in [widget, *widget.findChildren(QWidget)]:
        found.append(w.toolTip())
        if isinstance(w, (QLabel, QAbstractButton)):
            found.append(w.text())
        elif isinstance(w, QGroupBox):
            found.append(w.title())
        elif isinstance(w, QLineEdit):
            found.append(w.placeholderText())
        elif isinstance(w, QTabWidget):
            found += [w.tabText(n) for n in range(w.count())]
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()

            def columns(parent):
                try:
                    return model.columnCount(parent)
                except TypeError:  # a list model keeps it private: one column
                    return 1

            for orientation in (Qt.Orientation.Horizontal, Qt.Orientation.Vertical):
                count = columns(QModelIndex()) \
                    if orientation == Qt.Orientation.Horizontal else 0
                found += [str(model.headerData(c, orientation) or "") for c in range(count)]

            def walk(parent, depth=0):
                for row in range(min(model.rowCount(parent), 200)):
                    for col in range(columns(parent)):
                        index = model.index(row, col, parent)
                        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                            value = model.data(index, role)
                            if isinstance(value, str):
                                found.append(value)
                    if depth < 3:
                        walk(model.index(row, 0, parent), depth + 1)

            walk(QModelIndex())
    return [t for t in found if t]


@pytest.mark.sqlite_only
def test_the_window_speaks_chinese_with_chinese_punctuation(qtbot, qapp, demo_db, settings):
    from ui.app import install_translators
    from ui.mainwindow import MainWindow

    install_translators(qapp, "zh_CN")
    try:
        w = MainWindow(demo_db, settings, today=date(2026, 11, 27))
        qtbot.addWidget(w)
        w.show()
        qtbot.waitExposed(w)
        w.worker.wait()
        # Strings of the window's mixins (ui/menus.py, ui/search.py), in their own contexts.
        assert w.act_log.text() == "快速记录(&Q)…"
        assert w.search.placeholderText().startswith("搜索客户")
        shown = []
        for page in ("today", "calendar", "portfolio", "accounts"):
            w.go(page)
            w.worker.wait()
            shown += texts_of(w)
        from keyaccounts import services as sv

        for account in sv.list_accounts(demo_db)[:4]:
            w.open_account(account.id)
            w.worker.wait()
            shown += texts_of(w)
        w.worker.wait()
    finally:
        for translator in qapp._translators:
            qapp.removeTranslator(translator)
        set_language("en")
    text = "\n".join(shown)
    assert "今天" in text and "客户总览" in text
    assert half_width(text) == [], "\n".join(half_width(text))


@pytest.mark.parametrize(("language", "expected"), [
    ("zh_CN", ["今天", "明天", "昨天", "还有 3 天", "3 天前", "约 2 个月前", "1 年多前",
               "约 2 个月后", "2 年多前"]),
    ("en", ["today", "tomorrow", "yesterday", "in 3 days", "3 days ago",
            "about 2 months ago", "over a year ago", "in about 2 months",
            "over 2 years ago"]),
])
def test_relative_days(language, expected):
    today = date(2026, 12, 1)
    offsets = [0, 1, -1, 3, -3, -61, -376, 61, -800]
    set_language(language)
    try:
        shown = [formats.relative_day(date.fromordinal(today.toordinal() + n), today)
                 for n in offsets]
        resolved = [formats.resolved_in(n) for n in (0, 1, 4)]
    finally:
        set_language("en")
    assert shown == expected
    assert resolved == (["当天解决", "次日解决", "4 天解决"] if language == "zh_CN" else
                        ["resolved the same day", "resolved the next day",
                         "resolved in 4 days"])


def test_dates_quarters_and_money_in_chinese(chinese):
    today = date(2026, 12, 1)
    assert formats.long_date(today) == "2026年12月1日星期二"
    assert formats.month_title(today) == "2026年12月"
    assert formats.short_date(date(2026, 12, 8), today) == "12月8日（周二）"
    assert formats.short_date(date(2027, 1, 5), today) == "2027年1月5日（周二）"
    assert formats.week_range(date(2026, 11, 30), date(2026, 12, 6)) == "11月30日至12月6日"
    assert formats.quarter("2026Q4") == formats.quarter(today) == "2026年第四季度"
    assert formats.quarter("2027q1") == "2027年第一季度"
    assert formats.money(28414000) == "2,841.4 万元"
    assert formats.money(-8500) == "-8,500 元"
    assert formats.money(120000) == "12 万元"
    assert formats.labelled("客户", "华为") == "客户：华为"


def test_dates_quarters_and_money_in_english():
    today = date(2026, 12, 1)
    assert formats.long_date(today) == "Tuesday, December 1, 2026"
    assert formats.month_title(today) == "December 2026"
    assert formats.short_date(date(2026, 12, 8), today) == "Dec 8 (Tue)"
    assert formats.short_date(date(2027, 1, 5), today) == "Jan 5, 2027 (Tue)"
    assert formats.week_range(date(2026, 11, 30), date(2026, 12, 6)) == "Nov 30\u2009–\u2009Dec 6"
    assert formats.quarter("2026Q4") == "4th quarter 2026"
    assert formats.money(28414000) == "CN¥28,414,000"
    assert formats.money(-8500) == "-CN¥8,500"
    assert formats.labelled("account", "Acme") == "account: Acme"


def test_one_minus_sign():
    """Numbers the app formats use CLDR's minus, ASCII "-", in both languages; the
    catalogues have no U+2212 left."""
    assert formats.number(-1234) == "-1,234"
    po = (ROOT / "keyaccounts/locale/zh_CN/LC_MESSAGES/keyaccounts.po").read_text("utf-8")
    ts = (ROOT / "ui/resources/i18n/keyaccounts_zh_CN.ts").read_text("utf-8")
    assert "\u2212" not in "".join(line for line in (po + ts).splitlines()
                                   if line.startswith(("msgstr", "        <translation")))
