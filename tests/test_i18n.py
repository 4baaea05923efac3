"""The zh_CN catalogue is complete: every marked string of the core and CLI
has a translation, in the .po source and in the compiled .mo alike."""

import ast
import ast as _ast
import gettext
from pathlib import Path

from keyaccounts.cli.main import main
from keyaccounts.i18n import locale_dir, set_language
from ui import resources

ROOT = Path(__file__).resolve().parent.parent
UPDATE = "run tools/update-translations.sh"


def marked_strings() -> set[tuple[str | None, str]]:
    """(context or None, message) of every string marked in the core and the CLI."""
    found = set()
    for path in (ROOT / "keyaccounts").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            args = node.args
            if (node.func.id in ("_", "N_") and args
                    and isinstance(args[0], ast.Constant)):
                found.add((None, args[0].value))
            elif (node.func.id in ("pgettext", "NP_") and len(args) == 2
                    and all(isinstance(a, ast.Constant) for a in args)):
                found.add((args[0].value, args[1].value))
    return found


def parse_po(path: Path) -> dict[tuple[str | None, str], str]:
    entries, current, key = {}, {}, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith(("msgctxt ", "msgid ", "msgstr ")):
            key, _, rest = line.partition(" ")
            current[key] = _ast.literal_eval(rest)
        elif line.startswith('"') and key:
            current[key] += _ast.literal_eval(line)
        elif not line.strip():
            if current.get("msgid"):
                entries[current.get("msgctxt"), current["msgid"]] = current.get("msgstr", "")
            current, key = {}, None
    return entries


def test_every_marked_string_is_translated():
    strings = marked_strings()
    assert len(strings) > 50
    po = parse_po(ROOT / "keyaccounts" / "locale" / "zh_CN" / "LC_MESSAGES" / "keyaccounts.po")
    with locale_dir() as folder:  # the compiled catalogue, as the package loads it
        mo = gettext.translation("keyaccounts", folder, languages=["zh_CN"])
    untranslated = sorted(s for s in strings if not po.get(s))
    assert untranslated == []
    stale = sorted((c, s) for c, s in strings
                   if (mo.pgettext(c, s) if c else mo.gettext(s)) != po[c, s])
    assert stale == [], UPDATE


def test_a_word_two_things_share_is_translated_for_each():
    """The RFM segment "at risk" has a context of its own: in Chinese the segment is
    流失风险客户, an account's status 有风险."""
    from keyaccounts.domain.value import segment_label
    from keyaccounts.domain.vocabulary import word

    set_language("zh_CN")
    try:
        assert (segment_label("at-risk"), word("at-risk")) == ("流失风险客户", "有风险")
        assert segment_label("champions") == "核心客户"
    finally:
        set_language("en")
    assert (segment_label("at-risk"), word("at-risk")) == ("at risk", "at risk")


def test_cli_speaks_chinese(tmp_path, capsys):
    set_language("zh_CN")
    try:
        assert main(["--db", str(tmp_path / "x.sqlite3"), "--create", "contacts", "--account", "无此客户"]) == 2
    finally:
        set_language("en")
    assert capsys.readouterr().err.strip() == "keyaccounts：错误：account=无此客户：未找到该客户"


NOOP_MARK = "# strings marked with QT_TRANSLATE_NOOP"
FORWARD_MARK = "# tr passed on (callers' literals extracted)"


def ui_strings() -> set[str]:
    """Every string the UI translates; a non-literal one could not be extracted, unless
    the strings it translates are marked with QT_TRANSLATE_NOOP (and the call says so)."""
    found, dynamic = set(), []
    for path in (ROOT / "ui").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            position = {"tr": 0, "translate": 1, "QT_TRANSLATE_NOOP": 1}.get(name)
            if position is None or len(node.args) <= position:
                continue
            text = node.args[position]
            if isinstance(text, ast.Constant):
                found.add(text.value)
            elif NOOP_MARK not in lines[node.lineno - 1] \
                    and FORWARD_MARK not in lines[node.lineno - 1]:
                dynamic.append(f"{path.name}:{node.lineno}")
    assert dynamic == [], "tr()/translate() need literal strings for lupdate"
    return found


def test_qt_translation_is_complete_and_compiled(qapp):
    import xml.etree.ElementTree as ET

    from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

    root = ET.parse(Path(resources.path("i18n")) / "keyaccounts_zh_CN.ts").getroot()
    sources, unfinished = set(), []
    for message in root.iter("message"):
        source = message.find("source").text
        sources.add(source)
        translation = message.find("translation")
        text = "".join(translation.itertext()).strip()
        if translation.get("type") in ("unfinished", "obsolete", "vanished") or not text:
            unfinished.append(source)
    assert unfinished == []
    assert sorted(ui_strings() - sources) == [], UPDATE

    translator = QTranslator()
    assert translator.load(QLocale("zh_CN"), "keyaccounts", "_", resources.path("i18n"))
    QCoreApplication.installTranslator(translator)
    try:
        assert QCoreApplication.translate("MainWindow", "Today") == "今天"
        assert QCoreApplication.translate("Labels", "Executive meeting") == "高层座谈"
        assert QCoreApplication.translate("AccountsList", "%n account(s)", "", 3) == "3 个客户"
    finally:
        QCoreApplication.removeTranslator(translator)


def test_english_plurals(qapp):
    from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

    translator = QTranslator()
    assert translator.load(QLocale("en_US"), "keyaccounts", "_", resources.path("i18n"))
    QCoreApplication.installTranslator(translator)
    try:
        t = QCoreApplication.translate
        assert t("AccountsList", "%n account(s)", "", 1) == "1 account"
        assert t("AccountsList", "%n account(s)", "", 0) == "0 accounts"
        assert t("AgendaModel", "%n day(s) ahead to prepare", "", 1) == "1 day ahead to prepare"
    finally:
        QCoreApplication.removeTranslator(translator)


def test_each_cli_sentence_is_one_message(tmp_path, capsys):
    """A clause is never a second message glued on after a space: the churn decision,
    the value against the recovery cost and the hint after an error read as one
    sentence in Chinese."""
    db = str(tmp_path / "c.sqlite3")
    assert main(["--db", db, "--create", "account", "add", "Acme"]) == 0
    capsys.readouterr()
    set_language("zh_CN")
    try:
        assert main(["--db", db, "churn", "--account", "Acme", "--reason", "attracted",
                     "--value", "100", "--cost", "10"]) == 0
        out = capsys.readouterr().out.splitlines()
        assert main(["--db", str(tmp_path / "none.sqlite3"), "accounts"]) == 1
        err = capsys.readouterr().err.strip()
    finally:
        set_language("en")
    assert out[0].startswith("Acme：已流失（") and out[0].endswith("），争取挽回")
    assert out[1] == "价值 100，为挽回成本 10 的 10.0 倍"
    assert err.endswith("（只有加上 --create 才会新建数据库，且所在文件夹须已存在）")
    assert " （" not in err and "\n" not in err
