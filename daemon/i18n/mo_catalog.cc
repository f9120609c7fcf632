#include "daemon/i18n/mo_catalog.h"

#include <cstring>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace kluis::i18n {
namespace {

constexpr uint32_t kMagic = 0x950412de;

// Recursive descent over the expression with C's precedence; evaluates as
// it parses (the expressions are a few dozen characters).
class PluralParser {
 public:
  PluralParser(absl::string_view text, uint64_t n) : text_(text), n_(n) {}

  absl::StatusOr<uint64_t> Run() {
    uint64_t v = Ternary();
    Skip();
    if (!ok_ || pos_ != text_.size()) {
      return absl::InvalidArgumentError("plural: not a C expression in n");
    }
    if (divided_by_zero_) {
      return absl::InvalidArgumentError("plural: division by zero");
    }
    return v;
  }

 private:
  void Skip() {
    while (pos_ < text_.size() && absl::ascii_isspace(text_[pos_])) ++pos_;
  }
  bool Eat(absl::string_view op) {
    Skip();
    if (text_.substr(pos_, op.size()) != op) return false;
    // "<" must not take the first half of "<=", "!" not of "!=".
    if (op.size() == 1 && pos_ + 1 < text_.size() && text_[pos_ + 1] == '=' &&
        (op == "<" || op == ">" || op == "!")) {
      return false;
    }
    pos_ += op.size();
    return true;
  }

  uint64_t Ternary() {
    // Nesting deeper than any real plural rule: refuse, not overflow the
    // stack (the catalogue is built in, but the parser should not care).
    if (++depth_ > kMaxDepth) {
      ok_ = false;
      --depth_;
      return 0;
    }
    uint64_t c = Or();
    if (!Eat("?")) {
      --depth_;
      return c;
    }
    uint64_t a = Ternary();
    if (!Eat(":")) ok_ = false;
    uint64_t b = Ternary();
    --depth_;
    return c != 0 ? a : b;
  }
  uint64_t Or() {
    uint64_t v = And();
    while (Eat("||")) v = (And() != 0) | (v != 0);
    return v;
  }
  uint64_t And() {
    uint64_t v = Equality();
    while (Eat("&&")) v = (Equality() != 0) & (v != 0);
    return v;
  }
  uint64_t Equality() {
    uint64_t v = Relation();
    for (;;) {
      if (Eat("==")) {
        v = v == Relation();
      } else if (Eat("!=")) {
        v = v != Relation();
      } else {
        return v;
      }
    }
  }
  uint64_t Relation() {
    uint64_t v = Sum();
    for (;;) {
      if (Eat("<=")) {
        v = v <= Sum();
      } else if (Eat(">=")) {
        v = v >= Sum();
      } else if (Eat("<")) {
        v = v < Sum();
      } else if (Eat(">")) {
        v = v > Sum();
      } else {
        return v;
      }
    }
  }
  uint64_t Sum() {
    uint64_t v = Product();
    for (;;) {
      if (Eat("+")) {
        v += Product();
      } else if (Eat("-")) {
        v -= Product();
      } else {
        return v;
      }
    }
  }
  uint64_t Product() {
    uint64_t v = Unary();
    for (;;) {
      const bool div = Eat("/");
      const bool mod = !div && Eat("%");
      if (!div && !Eat("*") && !mod) return v;
      const uint64_t r = Unary();
      if ((div || mod) && r == 0) {
        divided_by_zero_ = true;
        continue;
      }
      v = div ? v / r : mod ? v % r : v * r;
    }
  }
  uint64_t Unary() {
    if (Eat("!")) {
      if (++depth_ > kMaxDepth) {
        ok_ = false;
        return 0;
      }
      const uint64_t v = Unary() == 0;
      --depth_;
      return v;
    }
    Skip();
    if (pos_ < text_.size() && text_[pos_] == 'n') {
      ++pos_;
      return n_;
    }
    if (Eat("(")) {
      uint64_t v = Ternary();
      if (!Eat(")")) ok_ = false;
      return v;
    }
    size_t end = pos_;
    while (end < text_.size() && absl::ascii_isdigit(text_[end])) ++end;
    uint64_t v = 0;
    if (end == pos_ || !absl::SimpleAtoi(text_.substr(pos_, end - pos_), &v)) {
      ok_ = false;
      return 0;
    }
    pos_ = end;
    return v;
  }

  absl::string_view text_;
  uint64_t n_;
  size_t pos_ = 0;
  bool ok_ = true;
  bool divided_by_zero_ = false;
  static constexpr int kMaxDepth = 64;
  int depth_ = 0;
};

// Reads the .mo's 32-bit words in the byte order its magic number shows.
class Reader {
 public:
  explicit Reader(absl::string_view mo) : mo_(mo) {
    swap_ = mo.size() >= 4 && Raw(0) != kMagic;
  }
  bool Fits(uint64_t offset, uint64_t size) const {
    return offset <= mo_.size() && size <= mo_.size() - offset;
  }
  uint32_t Word(size_t offset) const {
    const uint32_t w = Raw(offset);
    return swap_ ? __builtin_bswap32(w) : w;
  }
  // The string described at `descriptor` (length, offset), or nullopt when
  // it lies outside the file or lacks its terminating NUL.
  std::optional<absl::string_view> String(size_t descriptor) const {
    if (!Fits(descriptor, 8)) return std::nullopt;
    const uint64_t length = Word(descriptor);
    const uint64_t offset = Word(descriptor + 4);
    if (!Fits(offset, length + 1) || mo_[offset + length] != '\0') {
      return std::nullopt;
    }
    return mo_.substr(offset, length);
  }

 private:
  uint32_t Raw(size_t offset) const {
    uint32_t w;
    std::memcpy(&w, mo_.data() + offset, 4);
    return w;
  }
  absl::string_view mo_;
  bool swap_ = false;
};

absl::Status Corrupt(absl::string_view what) {
  return absl::DataLossError(absl::StrCat("catalogue: ", what));
}

}  // namespace

absl::StatusOr<uint64_t> EvaluatePlural(absl::string_view expression,
                                        uint64_t n) {
  return PluralParser(expression, n).Run();
}

absl::StatusOr<MoCatalog> MoCatalog::Parse(absl::string_view mo) {
  if (mo.size() < 28) return Corrupt("shorter than a .mo header");
  Reader r(mo);
  if (r.Word(0) != kMagic) return Corrupt("not a .mo file (magic number)");
  if ((r.Word(4) >> 16) > 1) return Corrupt("unknown .mo major revision");
  const uint64_t count = r.Word(8);
  const uint64_t originals = r.Word(12);
  const uint64_t translations = r.Word(16);
  if (!r.Fits(originals, count * 8) || !r.Fits(translations, count * 8)) {
    return Corrupt("string tables outside the file");
  }
  MoCatalog catalog;
  for (uint64_t i = 0; i < count; ++i) {
    std::optional<absl::string_view> id = r.String(originals + i * 8);
    std::optional<absl::string_view> text = r.String(translations + i * 8);
    if (!id || !text) return Corrupt("string outside the file");
    // A plural entry's msgid is "one\0many"; lookups go by "one".
    std::string key(id->substr(0, id->find('\0')));
    if (key.empty()) {
      for (absl::string_view line : absl::StrSplit(*text, '\n')) {
        if (!absl::ConsumePrefix(&line, "Plural-Forms:")) continue;
        for (absl::string_view part : absl::StrSplit(line, ';')) {
          part = absl::StripAsciiWhitespace(part);
          if (absl::ConsumePrefix(&part, "nplurals=")) {
            if (!absl::SimpleAtoi(part, &catalog.nplurals_) ||
                catalog.nplurals_ == 0) {
              return Corrupt("Plural-Forms: nplurals is not a count");
            }
          } else if (absl::ConsumePrefix(&part, "plural=")) {
            catalog.plural_ = std::string(part);
          }
        }
      }
      continue;
    }
    catalog.entries_[key] = absl::StrSplit(*text, '\0');
  }
  for (uint64_t n : {0, 1, 2, 5, 11, 21, 101}) {
    if (!EvaluatePlural(catalog.plural_, n).ok()) {
      return Corrupt("Plural-Forms: plural is not a C expression in n");
    }
  }
  return catalog;
}

const std::vector<std::string>* MoCatalog::Find(absl::string_view msgid) const {
  auto it = entries_.find(msgid);
  return it == entries_.end() ? nullptr : &it->second;
}

size_t MoCatalog::PluralIndex(uint64_t n) const {
  absl::StatusOr<uint64_t> index = EvaluatePlural(plural_, n);
  if (!index.ok() || *index >= nplurals_) return 0;
  return static_cast<size_t>(*index);
}

}  // namespace kluis::i18n
