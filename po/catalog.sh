#!/bin/sh
# The gettext catalogues of kluis (domain "kluis"; English is the source).
#   po/catalog.sh update  extract the marked strings of the daemon and the
#                         CLI into po/kluis.pot and merge them into each
#                         po/<lang>.po (new ones untranslated, changed ones
#                         fuzzy: translate them and remove the fuzzy flag);
#   po/catalog.sh check   fail, naming them, when a marked string has no
#                         translation, or a fuzzy one, in a po/<lang>.po
#                         (the test i18n_catalog_complete runs this).
# Markers: t.Tr("…"), t.TrN("one", "many", n), N_("…") (see
# daemon/i18n/translator.h). The desktop uses Qt Linguist instead.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mode=${1:-check}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

find daemon client/cli client/common -name '*.cc' -o -name '*.h' | LC_ALL=C sort >"$tmp/files"
xgettext --language=C++ --from-code=UTF-8 --keyword= --keyword=Tr \
  --keyword=TrN:1,2 --keyword=N_ --add-comments=TRANSLATORS: \
  --add-location=file --no-wrap --package-name=kluis \
  --msgid-bugs-address="kluis issues" --files-from="$tmp/files" --output="$tmp/kluis.pot"

langs=$(cat po/LINGUAS)
case "$mode" in
  update)
    cp "$tmp/kluis.pot" po/kluis.pot
    for l in $langs; do
      msgmerge --quiet --update --backup=none --add-location=file --no-wrap po/$l.po po/kluis.pot
    done
    ;;
  check)
    status=0
    for l in $langs; do
      msgmerge --quiet --output-file="$tmp/$l.po" po/$l.po "$tmp/kluis.pot"
      stats=$(msgfmt --statistics --output-file=/dev/null "$tmp/$l.po" 2>&1)
      case "$stats" in
        *fuzzy* | *untranslated*)
          echo "po/$l.po: $stats"
          echo "Run po/catalog.sh update, translate these and remove any fuzzy flag:"
          msgattrib --untranslated --no-obsolete "$tmp/$l.po" | sed -n '/^#:/,$p'
          msgattrib --only-fuzzy --no-obsolete "$tmp/$l.po" | sed -n '/^#:/,$p'
          status=1
          ;;
      esac
    done
    [ $status -eq 0 ] && echo "po: every marked string is translated in: $langs"
    exit $status
    ;;
  *)
    echo "usage: po/catalog.sh update|check" >&2
    exit 2
    ;;
esac
