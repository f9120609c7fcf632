// MoCatalog: a GNU gettext message catalogue read from its compiled binary
// form (.mo, "GNU MO file format" in the gettext manual): the header entry's
// Plural-Forms rule, and every msgid with its translations. Contexts
// (msgctxt) are kept as gettext encodes them, "context\x04msgid".
//
// Thread-safety: immutable after Parse; const methods are safe from any
// thread. Owns copies of its strings (the input may go away).
#ifndef KLUIS_DAEMON_I18N_MO_CATALOG_H_
#define KLUIS_DAEMON_I18N_MO_CATALOG_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace kluis::i18n {

class MoCatalog {
 public:
  // Errors: kDataLoss when `mo` is not a well-formed .mo (magic, revision,
  // offsets inside the file) or its Plural-Forms cannot be evaluated.
  static absl::StatusOr<MoCatalog> Parse(absl::string_view mo);

  // The translations of `msgid` (one, or one per plural form), or null when
  // the catalogue has none.
  const std::vector<std::string>* Find(absl::string_view msgid) const;
  // The plural form to use for n (0 ≤ result < plural_count()).
  size_t PluralIndex(uint64_t n) const;
  size_t plural_count() const { return nplurals_; }

 private:
  absl::flat_hash_map<std::string, std::vector<std::string>> entries_;
  std::string plural_ = "n != 1";  // a C expression in n
  size_t nplurals_ = 2;
};

// Evaluates gettext's Plural-Forms expression (C syntax: n, decimal
// numbers, ! * / % + - < > <= >= == != && || ?: and parentheses) for n.
// Errors: kInvalidArgument on a syntax error or a division by zero.
absl::StatusOr<uint64_t> EvaluatePlural(absl::string_view expression,
                                        uint64_t n);

}  // namespace kluis::i18n

#endif  // KLUIS_DAEMON_I18N_MO_CATALOG_H_
