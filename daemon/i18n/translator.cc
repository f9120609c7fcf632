#include "daemon/i18n/translator.h"

#include <cstdio>
#include <cstdlib>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "daemon/i18n/mo_catalog.h"

// po/nl.po compiled by msgfmt and embedded by embed_catalog.cmake.
extern "C" const unsigned char kluis_catalog_nl[];
extern "C" const unsigned long kluis_catalog_nl_size;

namespace kluis::i18n {
namespace {

const MoCatalog* DutchCatalog() {
  // Parsed once, on first use; never freed (it lives as long as the
  // process). A broken embedded catalogue is a build error, so it aborts.
  static const MoCatalog* const catalog = [] {
    absl::StatusOr<MoCatalog> parsed = MoCatalog::Parse(
        absl::string_view(reinterpret_cast<const char*>(kluis_catalog_nl),
                          kluis_catalog_nl_size));
    if (!parsed.ok()) {
      std::fprintf(stderr, "kluis: the embedded Dutch catalogue: %s\n",
                   parsed.status().ToString().c_str());
      std::abort();
    }
    return new MoCatalog(*std::move(parsed));
  }();
  return catalog;
}

}  // namespace

absl::StatusOr<Translator> Translator::For(absl::string_view lang) {
  const std::string language =
      absl::AsciiStrToLower(lang.substr(0, lang.find_first_of("_-.@")));
  if (language.empty() || language == "nl") return Dutch();
  if (language == "en") return English();
  return absl::InvalidArgumentError("lang: must be nl or en");
}

Translator Translator::Dutch() { return Translator("nl", DutchCatalog()); }
Translator Translator::English() { return Translator("en", nullptr); }

std::string Translator::Tr(absl::string_view msgid) const {
  // The empty msgid is the catalogue's header, never a translation.
  if (catalog_ != nullptr && !msgid.empty()) {
    const std::vector<std::string>* forms = catalog_->Find(msgid);
    if (forms != nullptr && !forms->empty() && !forms->front().empty()) {
      return forms->front();
    }
  }
  return std::string(msgid);
}

std::string Translator::TrN(absl::string_view one, absl::string_view many,
                            uint64_t n) const {
  if (catalog_ != nullptr) {
    const std::vector<std::string>* forms = catalog_->Find(one);
    const size_t index = catalog_->PluralIndex(n);
    if (forms != nullptr && index < forms->size() && !(*forms)[index].empty()) {
      return (*forms)[index];
    }
  }
  return std::string(n == 1 ? one : many);
}

}  // namespace kluis::i18n
