#include "daemon/i18n/translator.h"

#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace kluis::i18n {
namespace {

TEST(TranslatorTest, ChoosesByLanguageAndDutchByDefault) {
  for (const char* lang : {"", "nl", "NL", "nl_NL.UTF-8", "nl-BE"}) {
    absl::StatusOr<Translator> t = Translator::For(lang);
    ASSERT_TRUE(t.ok()) << lang;
    EXPECT_EQ(t->lang(), "nl") << lang;
    EXPECT_EQ(t->Tr("May"), "mei") << lang;
  }
  for (const char* lang : {"en", "en_GB.UTF-8", "EN"}) {
    absl::StatusOr<Translator> t = Translator::For(lang);
    ASSERT_TRUE(t.ok()) << lang;
    EXPECT_EQ(t->lang(), "en") << lang;
    EXPECT_EQ(t->Tr("May"), "May") << lang;
  }
}

TEST(TranslatorTest, RefusesOtherLanguagesNamingTheField) {
  for (const char* lang : {"fr", "de_DE", "nederlands", "e"}) {
    absl::StatusOr<Translator> t = Translator::For(lang);
    EXPECT_EQ(t.status().code(), absl::StatusCode::kInvalidArgument) << lang;
    EXPECT_EQ(t.status().message(), "lang: must be nl or en");
  }
}

TEST(TranslatorTest, UnknownTextComesBackInEnglish) {
  EXPECT_EQ(Translator::Dutch().Tr("No such sentence in the catalogue"),
            "No such sentence in the catalogue");
  EXPECT_EQ(Translator::Dutch().TrN("$0 thing", "$0 things", 1), "$0 thing");
  EXPECT_EQ(Translator::Dutch().TrN("$0 thing", "$0 things", 2), "$0 things");
  EXPECT_EQ(Translator::English().TrN("$0 thing", "$0 things", 0), "$0 things");
}

TEST(TranslatorTest, MoneyInEachLanguagesWay) {
  const Translator nl = Translator::Dutch();
  const Translator en = Translator::English();
  EXPECT_EQ(nl.Money(45000), "€ 450,00");
  EXPECT_EQ(en.Money(45000), "€450.00");
  EXPECT_EQ(nl.Money(5), "€ 0,05");
  EXPECT_EQ(nl.Money(123456789), "€ 1.234.567,89");
  EXPECT_EQ(en.Money(123456789), "€1,234,567.89");
  EXPECT_EQ(nl.Money(-500), "-€ 5,00");
  EXPECT_EQ(en.Money(0), "€0.00");
  EXPECT_EQ(en.Money(INT64_MIN), "-€92,233,720,368,547,758.08");
}

TEST(TranslatorTest, DatesAsInALetter) {
  const Translator nl = Translator::Dutch();
  const Translator en = Translator::English();
  EXPECT_EQ(nl.Date(absl::CivilDay(2026, 5, 12)), "12 mei 2026");
  EXPECT_EQ(en.Date(absl::CivilDay(2026, 5, 12)), "12 May 2026");
  EXPECT_EQ(nl.Date("2026-03-01"), "1 maart 2026");
  EXPECT_EQ(nl.Date("2026-12-31T10:00:00Z"), "31 december 2026");
  EXPECT_EQ(en.Date("2026-01-09"), "9 January 2026");
  // Not a date: as it was, so a document never loses what it held.
  EXPECT_EQ(nl.Date(""), "");
  EXPECT_EQ(nl.Date("2026-02-30"), "2026-02-30");
  EXPECT_EQ(nl.Date("soon"), "soon");
  EXPECT_EQ(nl.Date("2026-05-12x"), "2026-05-12x");
}

TEST(TranslatorTest, SafeFromManyThreadsAtOnce) {
  std::vector<std::thread> threads;
  std::vector<std::string> got(8);
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&got, i] {
      const Translator t = *Translator::For(i % 2 == 0 ? "nl" : "en");
      for (int k = 0; k < 1000; ++k)
        got[i] = t.Date(absl::CivilDay(2026, 5, 1));
    });
  }
  for (std::thread& t : threads) t.join();
  for (int i = 0; i < 8; ++i) {
    EXPECT_EQ(got[i], i % 2 == 0 ? "1 mei 2026" : "1 May 2026");
  }
}

}  // namespace
}  // namespace kluis::i18n
