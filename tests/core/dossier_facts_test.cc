// Dossier facts kept on the head record, and the index searches they feed.
#include "daemon/core/dossier_facts.h"

#include <gtest/gtest.h>

namespace kluis::core {
namespace {

using kluis::v1::Record;

Record Agreement(const std::string& start, const std::string& end) {
  Record r;
  r.mutable_agreement()->set_start_date(start);
  r.mutable_agreement()->set_end_date(end);
  return r;
}

Record WorkingNote(const std::string& expires) {
  Record r;
  r.mutable_note()->set_text("x");
  r.mutable_note()->set_working(true);
  r.mutable_note()->set_expires(expires);
  return r;
}

TEST(DossierFactsTest, RecordsFoldIntoTheHeadAndOutAgain) {
  Record head;
  head.set_id("h");
  head.set_dossier_id("d");
  head.mutable_client()->set_name("Fenna");
  kluis::v1::DossierFacts* f = head.mutable_facts();
  Record commission;
  commission.mutable_commission()->set_organisation_id("org1");
  EXPECT_TRUE(ApplyToFacts("c1", &commission, f));
  EXPECT_FALSE(ApplyToFacts("c1", &commission, f));  // unchanged
  Record a1 = Agreement("2025-01-01", "2025-06-30");
  Record a2 = Agreement("2025-09-01", "2026-03-31");
  EXPECT_TRUE(ApplyToFacts("a1", &a1, f));
  EXPECT_TRUE(ApplyToFacts("a2", &a2, f));
  Record wn = WorkingNote("");
  Record plain;
  plain.mutable_note()->set_text("gewone notitie");
  EXPECT_TRUE(ApplyToFacts("n1", &wn, f));
  EXPECT_FALSE(ApplyToFacts("n2", &plain, f));

  DossierEntry e;
  DescribeDossier(head, &e);
  EXPECT_EQ(e.name, "Fenna");
  EXPECT_EQ(e.organisation_ids, std::vector<std::string>{"org1"});
  EXPECT_EQ(e.start_date, "2025-01-01");
  EXPECT_EQ(e.end_date, "2026-03-31");
  // The working note lasts until the trajectory ends.
  EXPECT_EQ(e.working_notes,
            (std::map<std::string, std::string>{{"n1", "2026-03-31"}}));
  EXPECT_FALSE(e.Closed("2026-03-31"));
  EXPECT_TRUE(e.Closed("2026-04-01"));
  EXPECT_EQ(e.OverdueWorkingNotes("2026-04-01"), 1u);
  EXPECT_EQ(e.OverdueWorkingNotes("2026-03-01"), 0u);

  // An agreement without an end keeps the dossier open; deleting a note or
  // turning it into a regular one drops it.
  Record open = Agreement("2026-04-01", "");
  EXPECT_TRUE(ApplyToFacts("a3", &open, f));
  EXPECT_TRUE(ApplyToFacts("n1", &plain, f));
  EXPECT_TRUE(ApplyToFacts("c1", nullptr, f));
  DescribeDossier(head, &e);
  EXPECT_EQ(e.end_date, "");
  EXPECT_FALSE(e.Closed("2030-01-01"));
  EXPECT_TRUE(e.organisation_ids.empty());
  EXPECT_TRUE(e.working_notes.empty());
}

TEST(DossierFactsTest, AnsweredMailAndTheClientsOwnTermAreKept) {
  Record head;
  head.set_id("h");
  head.set_dossier_id("d");
  head.mutable_client()->set_name("Fenna");
  kluis::v1::DossierFacts* f = head.mutable_facts();
  Record mail;
  mail.mutable_correspondence()->set_date("2026-05-01");
  EXPECT_TRUE(ApplyToFacts("m1", &mail, f));   // its kind is recorded
  EXPECT_FALSE(ApplyToFacts("m1", &mail, f));  // open: nothing else to keep
  mail.mutable_correspondence()->set_answered_date("2026-05-04");
  EXPECT_TRUE(ApplyToFacts("m1", &mail, f));
  Record a1 = Agreement("2020-01-01", "2020-06-30");
  a1.mutable_agreement()->set_retention_years(3);
  Record a2 = Agreement("2021-01-01", "2021-12-31");
  a2.mutable_agreement()->set_retention_years(5);
  EXPECT_TRUE(ApplyToFacts("a1", &a1, f));
  EXPECT_TRUE(ApplyToFacts("a2", &a2, f));
  DossierEntry e;
  DescribeDossier(head, &e);
  EXPECT_EQ(e.answered_mail,
            (std::map<std::string, std::string>{{"m1", "2026-05-04"}}));
  EXPECT_EQ(e.end_date, "2021-12-31");
  EXPECT_EQ(e.retention_years, 5u);  // the agreement that ends last
  EXPECT_TRUE(ApplyToFacts("m1", nullptr, f));
  DescribeDossier(head, &e);
  EXPECT_TRUE(e.answered_mail.empty());
}

TEST(DossierFactsTest, ACaseCarriesItsOwnFacts) {
  Record head;
  head.mutable_adviser_case()->mutable_reporter()->set_name("Kees");
  head.mutable_adviser_case()->set_organisation_id("org2");
  head.mutable_adviser_case()->set_opened_date("2026-01-10");
  DossierEntry e;
  DescribeDossier(head, &e);
  EXPECT_EQ(e.kind, kluis::v1::DOSSIER_KIND_CASE);
  EXPECT_EQ(e.name, "Kees");
  EXPECT_FALSE(e.Closed("2026-02-01"));
  head.mutable_adviser_case()->set_closed_date("2026-03-01");
  DescribeDossier(head, &e);
  EXPECT_TRUE(e.Closed("2026-02-01"));  // closed once it has a closed date
}

TEST(DossierIndexTest, SearchesByNameOrganisationKindPeriodAndState) {
  DossierIndex index;
  index.PutOrganisation("o1", "Basisschool De Linde");
  index.PutOrganisation("o2", "Acme Logistiek BV");
  auto put = [&](const char* id, const char* name, const char* org,
                 kluis::v1::DossierKind kind, const char* start,
                 const char* end) {
    DossierEntry e;
    e.id = id;
    e.name = name;
    e.organisation_ids = {org};
    e.kind = kind;
    e.start_date = start;
    e.end_date = end;
    index.Put(e);
  };
  put("a", "Fenna de Vries", "o2", kluis::v1::DOSSIER_KIND_COACHING,
      "2025-01-01", "2025-06-30");
  put("b", "Kees Bakker", "o1", kluis::v1::DOSSIER_KIND_CASE, "2026-01-10", "");
  put("c", "Émile Dubois", "o2", kluis::v1::DOSSIER_KIND_COACHING, "2026-02-01",
      "");
  auto ids = [&](DossierQuery q) {
    q.today = "2026-11-23";
    std::string out;
    for (const DossierEntry& e : index.Search(q)) out += e.id;
    return out;
  };
  EXPECT_EQ(ids({}), "cab");  // by folded name: Émile sorts as emile
  DossierQuery q;
  q.name = "emile";
  EXPECT_EQ(ids(q), "c");
  q = {};
  q.organisation = "acme";
  EXPECT_EQ(ids(q), "ca");
  q = {};
  q.kind = kluis::v1::DOSSIER_KIND_CASE;
  EXPECT_EQ(ids(q), "b");
  q = {};
  q.from_date = "2025-07-01";
  EXPECT_EQ(ids(q), "cb");
  q = {};
  q.to_date = "2025-12-31";
  EXPECT_EQ(ids(q), "a");
  q = {};
  q.state = DossierQuery::State::kClosed;
  EXPECT_EQ(ids(q), "a");
  q.state = DossierQuery::State::kOpen;
  EXPECT_EQ(ids(q), "cb");
  q = {};
  q.organisation = "linde";
  q.kind = kluis::v1::DOSSIER_KIND_COACHING;
  EXPECT_EQ(ids(q), "");
  EXPECT_EQ(index.CountLinked("o2"), 2u);
}

// The processing register reads the kinds a dossier ever held, and to
// whom its data ever went; deleting a record does not unsay it.
TEST(DossierFactsTest, KindsAndRecipientsAreRecordedOnce) {
  kluis::v1::DossierFacts f;
  Record health;
  health.mutable_health()->set_medication("geen");
  EXPECT_TRUE(ApplyToFacts("h1", &health, &f));
  EXPECT_FALSE(ApplyToFacts("h2", &health, &f));
  Record d;
  d.mutable_disclosure()->set_to(kluis::v1::DISCLOSURE_RECIPIENT_THIRD_PARTY);
  EXPECT_TRUE(ApplyToFacts("x1", &d, &f));
  EXPECT_FALSE(ApplyToFacts("h1", nullptr, &f));
  ASSERT_EQ(f.kinds_size(), 2);
  EXPECT_EQ(f.kinds(0), kluis::v1::RECORD_KIND_HEALTH);
  EXPECT_EQ(f.kinds(1), kluis::v1::RECORD_KIND_DISCLOSURE);
  ASSERT_EQ(f.disclosed_to_size(), 1);
  EXPECT_EQ(f.disclosed_to(0), kluis::v1::DISCLOSURE_RECIPIENT_THIRD_PARTY);
}

}  // namespace
}  // namespace kluis::core
