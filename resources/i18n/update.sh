#!/usr/bin/env bash
# Refresh the translation catalogues after changing user-visible strings:
#   CLI/core (gettext): keyaccounts/**/*.py -> zh_CN/LC_MESSAGES/keyaccounts.po -> .mo
#   desktop app (Qt):   ui/**/*.py       -> keyaccounts_zh_CN.ts -> .qm
# Needs GNU gettext (xgettext, msgmerge, msgfmt) and PySide6's lupdate/lrelease.
# Translate what the .po / .ts files then mark as new, and run it again.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
po="$here/zh_CN/LC_MESSAGES/keyaccounts.po"
xgettext --language=Python --keyword=_ --keyword=N_ --from-code=UTF-8 --add-location=file \
  --sort-by-file --package-name=KeyAccounts -o "$here/keyaccounts.pot" $(find keyaccounts -name "*.py" | sort)
if [ -f "$po" ]; then
  msgmerge --quiet --update --backup=none --no-fuzzy-matching "$po" "$here/keyaccounts.pot"
else
  msginit --no-translator --locale=zh_CN.UTF-8 -i "$here/keyaccounts.pot" -o "$po"
fi
msgfmt --check -o "${po%.po}.mo" "$po"
if ls ui/*.py >/dev/null 2>&1; then
  pyside6-lupdate $(find ui -name '*.py' | sort) -ts "$here/keyaccounts_zh_CN.ts" -no-obsolete -locations none
  pyside6-lrelease "$here/keyaccounts_zh_CN.ts" -qm "$here/keyaccounts_zh_CN.qm"
  # English needs only its plurals: "%n day(s)" -> "%n day" / "%n days".
  pyside6-lupdate $(find ui -name '*.py' | sort) -ts "$here/keyaccounts_en.ts" -pluralonly \
    -no-obsolete -locations none -source-language en -target-language en
  python3 - "$here/keyaccounts_en.ts" <<'PY'
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
  pyside6-lrelease "$here/keyaccounts_en.ts" -qm "$here/keyaccounts_en.qm"
fi
