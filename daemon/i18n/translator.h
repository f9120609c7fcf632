// Translator: the words of one language for the documents kluisd writes and
// the messages the clients print, from the GNU gettext catalogues in po/.
//
// Why not glibc's gettext(): it translates per process (or per thread)
// locale, and `nl_NL.UTF-8` is often not even installed (CI and many
// machines have only C and C.UTF-8). kluisd renders each document in the
// language of its request, concurrently, so the catalogue is read here: the
// compiled .mo of each po/<lang>.po is embedded in the binary at build time
// (nothing depends on install paths or the locale) and parsed once.
//
// Marking strings (xgettext extracts them into po/kluis.pot, see
// po/catalog.sh; a test fails when po/nl.po misses one):
//   t.Tr("Your data")                    a literal to translate now;
//   t.TrN("$0 record", "$0 records", n)  with gettext's plural rule;
//   N_("consent")                        a literal in a table, translated
//                                        later with t.Tr(variable).
// Placeholders are absl::Substitute's $0, $1 (not printf's %d): translated
// text is a runtime format, and Substitute lets a translation reorder them.
// Only literal msgids can be extracted: t.Tr(variable) finds the text only
// if the literal was marked with N_ somewhere.
//
// English is the source language: an English translator returns its input.
// Text missing from a catalogue comes back in English, never empty.
//
// Thread-safety: a Translator is a small immutable value (a pointer to a
// catalogue that lives for the whole process); copy it freely and use it
// from any thread.
#ifndef KLUIS_DAEMON_I18N_TRANSLATOR_H_
#define KLUIS_DAEMON_I18N_TRANSLATOR_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

// Marks a literal for extraction without translating it here.
#ifndef N_
#define N_(text) text
#endif

namespace kluis::i18n {

class MoCatalog;

class Translator {
 public:
  // "nl" or "" (the proto's default: Dutch first), "en". A locale name such
  // as "nl_NL.UTF-8" or "en_GB" counts by its language.
  // Errors: kInvalidArgument "lang: must be nl or en".
  static absl::StatusOr<Translator> For(absl::string_view lang);
  static Translator Dutch();
  static Translator English();

  // "nl" or "en": for <html lang=…> and for choosing a number format.
  absl::string_view lang() const { return lang_; }

  std::string Tr(absl::string_view msgid) const;
  // `one` or `many` (English rule: n == 1), or the catalogue's plural form
  // for n (Dutch: the same rule).
  std::string TrN(absl::string_view one, absl::string_view many,
                  uint64_t n) const;

  // Money, from cents: nl "€ 1.234,50", en "€1,234.50"; negative amounts
  // with a leading minus ("-€ 5,00").
  std::string Money(int64_t cents) const;
  // A date as people write it in a letter: nl "12 mei 2026", en "12 May 2026".
  std::string Date(absl::CivilDay day) const;
  // The same for an ISO date "YYYY-MM-DD" (or the date part of an ISO
  // time); any other text (empty, malformed) is returned as it is.
  std::string Date(absl::string_view iso) const;

 private:
  Translator(absl::string_view lang, const MoCatalog* catalog)
      : lang_(lang), catalog_(catalog) {}

  absl::string_view lang_;    // a literal
  const MoCatalog* catalog_;  // process lifetime; null for English
};

}  // namespace kluis::i18n

#endif  // KLUIS_DAEMON_I18N_TRANSLATOR_H_
