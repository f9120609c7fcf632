// MatchDossiers: a dossier named as a person names it. Table-driven over
// one small practice.
#include "daemon/core/dossier_ref.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kluis::core {
namespace {

DossierEntry Entry(const std::string& id, const std::string& name) {
  DossierEntry e;
  e.id = id;
  e.name = name;
  return e;
}

const std::vector<DossierEntry> kPractice = {
    Entry("e768d4fd000000000000000000000001", "Fenna de Vries"),
    Entry("87d4d117000000000000000000000002", "Fenna Jansen"),
    Entry("9e956085000000000000000000000003", "Jan Smit"),
    Entry("0283b583000000000000000000000004", "Janneke Smit"),
    Entry("fedde000000000000000000000000005", "Zoë Ångström"),
    Entry("abcd0000000000000000000000000006", "Fedde Hoekstra"),
};

struct Case {
  std::string ref;
  std::vector<std::string> names;  // expected matches, in order
};

TEST(DossierRefTest, NamesAndIdPrefixesFindTheRightDossiers) {
  const std::vector<Case> cases = {
      {"Fenna de Vries", {"Fenna de Vries"}},
      {"  fenna   DE vries ", {"Fenna de Vries"}},    // case, spaces
      {"fenna", {"Fenna de Vries", "Fenna Jansen"}},  // several: both
      {"Jan Smit", {"Jan Smit"}},  // an equal name wins over "Janneke Smit"
      {"smit", {"Jan Smit", "Janneke Smit"}},
      {"zoe angstrom", {"Zoë Ångström"}},  // accents folded
      {"e768", {"Fenna de Vries"}},        // an id prefix
      {"E768D4FD", {"Fenna de Vries"}},
      {"9e956085000000000000000000000003", {"Jan Smit"}},
      // Hex that is also a name: both readings are offered.
      {"fedde", {"Fedde Hoekstra", "Zoë Ångström"}},
      {"e76", {}},  // too short for an id, and no name holds it
      {"Piet", {}},
      {"00000000000000000000000000000099", {""}},  // deleted: its id alone
  };
  for (const Case& c : cases) {
    absl::StatusOr<std::vector<DossierEntry>> got =
        MatchDossiers(kPractice, c.ref);
    ASSERT_TRUE(got.ok()) << c.ref << ": " << got.status();
    std::vector<std::string> names;
    for (const DossierEntry& e : *got) names.push_back(e.name);
    EXPECT_EQ(names, c.names) << "ref: " << c.ref;
  }
}

TEST(DossierRefTest, AnEmptyReferenceIsRefusedWithTheRule) {
  for (const char* ref : {"", "   "}) {
    absl::Status s = MatchDossiers(kPractice, ref).status();
    EXPECT_TRUE(absl::IsInvalidArgument(s));
    EXPECT_EQ(s.message(),
              "dossier: give a name or at least 4 characters of an id");
  }
}

TEST(DossierRefTest, FoldNameIgnoresAccentsCaseAndSpaceRuns) {
  EXPECT_EQ(FoldName("  Élodie   van\tDIJK "), "elodie van dijk");
  EXPECT_EQ(FoldName(""), "");
}

}  // namespace
}  // namespace kluis::core
