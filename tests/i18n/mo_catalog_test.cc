#include "daemon/i18n/mo_catalog.h"

#include <fstream>
#include <sstream>

#include "gtest/gtest.h"

namespace kluis::i18n {
namespace {

std::string ReadFixture() {
  std::ifstream in(KLUIS_PLURAL_FIXTURE_MO, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(MoCatalogTest, ReadsPluralFormsByTheCataloguesRule) {
  absl::StatusOr<MoCatalog> c = MoCatalog::Parse(ReadFixture());
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->plural_count(), 3u);
  const std::vector<std::string>* forms = c->Find("$0 file");
  ASSERT_NE(forms, nullptr);
  ASSERT_EQ(forms->size(), 3u);
  EXPECT_EQ((*forms)[c->PluralIndex(1)], "$0 plik");
  EXPECT_EQ((*forms)[c->PluralIndex(3)], "$0 pliki");
  EXPECT_EQ((*forms)[c->PluralIndex(5)], "$0 plików");
  EXPECT_EQ((*forms)[c->PluralIndex(12)], "$0 plików");
  EXPECT_EQ((*forms)[c->PluralIndex(22)], "$0 pliki");
}

TEST(MoCatalogTest, KeepsContextsAndLeavesOutFuzzyEntries) {
  absl::StatusOr<MoCatalog> c = MoCatalog::Parse(ReadFixture());
  ASSERT_TRUE(c.ok()) << c.status();
  const std::vector<std::string>* may = c->Find("month\x04May");
  ASSERT_NE(may, nullptr);
  EXPECT_EQ(may->front(), "maj");
  EXPECT_EQ(c->Find("May"), nullptr);
  EXPECT_EQ(c->Find("Unsure"), nullptr);
}

TEST(MoCatalogTest, RefusesWhatIsNotACatalogue) {
  const std::string mo = ReadFixture();
  for (const std::string& bad :
       {std::string(), std::string("hello"), std::string(64, '\0'),
        mo.substr(0, 40), mo.substr(0, mo.size() - 8)}) {
    absl::StatusOr<MoCatalog> c = MoCatalog::Parse(bad);
    EXPECT_EQ(c.status().code(), absl::StatusCode::kDataLoss) << bad.size();
  }
  std::string offsets = mo;
  offsets[12] = '\xff';  // the originals' table far outside the file
  offsets[13] = '\xff';
  offsets[14] = '\xff';
  EXPECT_EQ(MoCatalog::Parse(offsets).status().code(),
            absl::StatusCode::kDataLoss);
}

struct PluralCase {
  const char* expression;
  uint64_t n;
  uint64_t want;
};

TEST(EvaluatePluralTest, FollowsCPrecedence) {
  const PluralCase cases[] = {
      {"n != 1", 1, 0},
      {"n != 1", 0, 1},
      {"(n != 1)", 2, 1},
      {"0", 7, 0},
      {"n>1", 1, 0},
      {"n>1", 2, 1},
      {"n == 1 ? 0 : n == 2 ? 1 : 2", 2, 1},
      {"n == 1 ? 0 : n == 2 ? 1 : 2", 9, 2},
      {"n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2", 21, 0},
      {"n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2", 11, 1},
      {"n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2", 0, 2},
      {"1 + 2 * 3", 0, 7},
      {"(1 + 2) * 3", 0, 9},
      {"!n", 0, 1},
      {"n <= 4 || n >= 10", 7, 0},
      {"n <= 4 || n >= 10", 10, 1},
      {"n - 1 / 1", 3, 2},
  };
  for (const PluralCase& c : cases) {
    absl::StatusOr<uint64_t> v = EvaluatePlural(c.expression, c.n);
    ASSERT_TRUE(v.ok()) << c.expression << ": " << v.status();
    EXPECT_EQ(*v, c.want) << c.expression << " for n=" << c.n;
  }
}

TEST(EvaluatePluralTest, RefusesMalformedExpressions) {
  for (const char* bad : {"", "n !=", "(n", "n ? 1", "x", "n % 0", "1 2"}) {
    EXPECT_EQ(EvaluatePlural(bad, 3).status().code(),
              absl::StatusCode::kInvalidArgument)
        << bad;
  }
}

TEST(EvaluatePluralTest, RefusesNestingDeeperThanAnyRealRule) {
  const std::string parens =
      std::string(100000, '(') + "n" + std::string(100000, ')');
  EXPECT_EQ(EvaluatePlural(parens, 3).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(EvaluatePlural(std::string(100000, '!') + "n", 3).status().code(),
            absl::StatusCode::kInvalidArgument);
  // Real depth still works.
  EXPECT_EQ(*EvaluatePlural("((((n != 1))))", 2), 1u);
  EXPECT_EQ(*EvaluatePlural("!!n", 2), 1u);
}

}  // namespace
}  // namespace kluis::i18n
