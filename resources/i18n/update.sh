#!/usr/bin/env bash
# Refresh the translation catalogues after changing user-visible strings:
#   CLI/core (gettext): keyaccounts/*.py -> zh_CN/LC_MESSAGES/keyaccounts.po -> .mo
#   desktop app (Qt):   ui/**/*.py       -> keyaccounts_zh_CN.ts -> .qm
# Needs GNU gettext (xgettext, msgmerge, msgfmt) and PySide6's lupdate/lrelease.
# Translate what the .po / .ts files then mark as new, and run it again.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
po="$here/zh_CN/LC_MESSAGES/keyaccounts.po"
xgettext --language=Python --keyword=_ --keyword=N_ --from-code=UTF-8 --add-location=file \
  --sort-by-file --package-name=KeyAccounts -o "$here/keyaccounts.pot" keyaccounts/*.py
if [ -f "$po" ]; then
  msgmerge --quiet --update --backup=none --no-fuzzy-matching "$po" "$here/keyaccounts.pot"
else
  msginit --no-translator --locale=zh_CN.UTF-8 -i "$here/keyaccounts.pot" -o "$po"
fi
msgfmt --check -o "${po%.po}.mo" "$po"
if ls ui/*.py >/dev/null 2>&1; then
  pyside6-lupdate $(find ui -name '*.py' | sort) -ts "$here/keyaccounts_zh_CN.ts" -no-obsolete -locations none
  pyside6-lrelease "$here/keyaccounts_zh_CN.ts" -qm "$here/keyaccounts_zh_CN.qm"
fi
