#include "daemon/i18n/language.h"

#include "gtest/gtest.h"

namespace kluis::i18n {
namespace {

struct LocaleCase {
  const char* language;
  const char* lc_all;
  const char* lc_messages;
  const char* lang;
  const char* want;
};

TEST(LanguageTest, DutchOnADutchLocaleEnglishOtherwise) {
  const LocaleCase cases[] = {
      {"", "", "", "nl_NL.UTF-8", "nl"},
      {"", "", "", "nl_BE.UTF-8", "nl"},
      {"", "", "", "en_US.UTF-8", "en"},
      {"", "", "", "C.UTF-8", "en"},
      {"", "", "", "", "en"},
      {"nl:en", "", "", "en_US.UTF-8", "nl"},
      {"en:nl", "", "", "nl_NL.UTF-8", "en"},
      {"", "C", "", "nl_NL.UTF-8", "en"},
      {"", "", "nl_NL.UTF-8", "de_DE.UTF-8", "nl"},
      {"", "nl_NL@euro", "en_GB.UTF-8", "", "nl"},
      {"", "", "", "nlx", "en"},
  };
  for (const LocaleCase& c : cases) {
    EXPECT_EQ(LanguageFromLocale(c.language, c.lc_all, c.lc_messages, c.lang),
              c.want)
        << c.language << "|" << c.lc_all << "|" << c.lc_messages << "|"
        << c.lang;
  }
}

}  // namespace
}  // namespace kluis::i18n
