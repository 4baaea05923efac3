#!/usr/bin/env bash
# Refresh the translation catalogues after changing user-visible strings:
#   CLI/core (gettext): keyaccounts/**/*.py -> keyaccounts/locale/zh_CN/LC_MESSAGES/keyaccounts.po
#                                              -> .mo beside it
#   desktop app (Qt):   ui/**/*.py          -> ui/resources/i18n/keyaccounts_zh_CN.ts -> .qm
# The compiled catalogues (.mo, .qm) ship inside the packages (pyproject.toml's
# package-data); the sources (.pot, .po, .ts) stay beside them in the source tree.
# Needs GNU gettext (xgettext, msgmerge, msgfmt) and PySide6's lupdate/lrelease.
# Translate what the .po / .ts files then mark as new, and run it again.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
core=keyaccounts/locale
qt=ui/resources/i18n
po="$core/zh_CN/LC_MESSAGES/keyaccounts.po"
xgettext --language=Python --keyword=_ --keyword=N_ --keyword=pgettext:1c,2 \
  --keyword=NP_:1c,2 --from-code=UTF-8 --add-location=file \
  --sort-by-file --package-name=KeyAccounts -o "$core/keyaccounts.pot" \
  $(find keyaccounts -name '*.py' | sort)
if [ -f "$po" ]; then
  msgmerge --quiet --update --backup=none --no-fuzzy-matching "$po" "$core/keyaccounts.pot"
else
  msginit --no-translator --locale=zh_CN.UTF-8 -i "$core/keyaccounts.pot" -o "$po"
fi
msgfmt --check -o "${po%.po}.mo" "$po"
if [ -d ui ]; then
  pyside6-lupdate $(find ui -name '*.py' | sort) -ts "$qt/keyaccounts_zh_CN.ts" -no-obsolete -locations none
  pyside6-lrelease "$qt/keyaccounts_zh_CN.ts" -qm "$qt/keyaccounts_zh_CN.qm"
  # English needs only its plurals: "%n day(s)" -> "%n day" / "%n days".
  pyside6-lupdate $(find ui -name '*.py' | sort) -ts "$qt/keyaccounts_en.ts" -pluralonly \
    -no-obsolete -locations none -source-language en -target-language en
  python3 - "$qt/keyaccounts_en.ts" <<'PY'
import sys
import xml.etree.ElementTree as ET

tree = ET.parse(sys.argv[1])
for message in tree.getroot().iter("message"):
    if message.get("numerus") == "yes":
        source, translation = message.find("source").text, message.find("translation")
        for child in list(translation):
            translation.remove(child)
        for form in (source.replace("(s)", ""), source.replace("(s)", "s")):
            ET.SubElement(translation, "numerusform").text = form
        translation.attrib.pop("type", None)
tree.write(sys.argv[1], encoding="utf-8", xml_declaration=True)
PY
  pyside6-lrelease "$qt/keyaccounts_en.ts" -qm "$qt/keyaccounts_en.qm"
fi
